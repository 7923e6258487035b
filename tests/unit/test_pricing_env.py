"""The Calvano et al. (2020) market (strategic.pricing.env): Nash and monopoly prices checked
by no-profitable-deviation, not by hard-coded numbers; grid, states, Q₀ and exploration."""

import numpy as np
import pytest
from scipy.optimize import minimize, minimize_scalar

from strategic.pricing import env as E


def _best_response(p2: float) -> float:
    """Firm 1's continuous best response to p2, by a bounded 1-D search."""
    r = minimize_scalar(lambda p: -E.profits(p, p2)[0], bounds=(1.0, 3.0), method="bounded",
                        options={"xatol": 1e-12})
    return float(r.x)


def test_nash_price_is_a_mutual_best_response():
    """No firm gains by deviating from pᴺ: the best response to pᴺ is pᴺ (to 1e-6)."""
    pn = E.nash_price()
    assert abs(_best_response(pn) - pn) <= 1e-6
    h = np.r_[-np.logspace(-4, -0.5, 20), np.logspace(-4, -0.5, 20)]
    assert np.all(E.profits(pn + h, pn)[0] < E.profits(pn, pn)[0])
    assert E.nash_price() == pytest.approx(1.4729, abs=1e-3)   # CLAIMS G1


def test_monopoly_price_maximises_joint_profit():
    """pᴹ maximises π1 + π2 over all (p1, p2), asymmetric deviations included (to 1e-6)."""
    pm = E.monopoly_price()
    joint = lambda p: -sum(E.profits(p[0], p[1]))  # noqa: E731
    r = minimize(joint, x0=[1.5, 2.2], method="Nelder-Mead",
                 options={"xatol": 1e-10, "fatol": 1e-15, "maxiter": 4000})
    assert np.abs(r.x - pm).max() <= 1e-6
    assert E.monopoly_price() == pytest.approx(1.9250, abs=1e-3)   # CLAIMS G1
    pn = E.nash_price()
    assert E.profits(pm, pm)[0] > E.profits(pn, pn)[0]              # collusion would pay
    assert _best_response(pm) < pm                                  # ... but is not an equilibrium


def test_price_grid_spans_nash_and_monopoly_with_margin():
    g = E.price_grid(15)
    pn, pm = E.nash_price(), E.monopoly_price()
    assert len(g) == 15 and np.allclose(np.diff(g), np.diff(g)[0])
    assert g[0] == pytest.approx(pn - 0.1 * (pm - pn)) and g[-1] == pytest.approx(pm + 0.1 * (pm - pn))
    assert (round(g[0], 4), round(g[-1], 4)) == (1.4277, 1.9702)   # REFERENCE.md


def test_profit_table_is_symmetric_between_firms():
    t = E.profit_table(E.price_grid(15))
    assert t.shape == (2, 15, 15) and np.array_equal(t[1], t[0].T)


def test_state_codes_enumerate_all_price_pairs():
    a1, a2 = np.meshgrid(np.arange(15), np.arange(15), indexing="ij")
    codes = E.state_code(a1, a2, 15).ravel()
    assert np.array_equal(np.sort(codes), np.arange(225))
    assert np.array_equal(codes // 15, a1.ravel()) and np.array_equal(codes % 15, a2.ravel())


def test_initial_q_is_the_value_against_a_uniform_rival():
    """Q₀ is state-independent, equal for both firms (symmetric game), and (1 − δ) Q₀ is the
    expected profit against a uniformly random rival, estimated here by sampling."""
    g = E.price_grid(15)
    t = E.profit_table(g)
    q0 = E.initial_q(t, 0.95)
    assert q0.shape == (2, 225, 15)
    assert np.array_equal(q0[:, :1].repeat(225, 1), q0) and np.allclose(q0[0], q0[1])
    rng = np.random.default_rng(0)
    rival = rng.integers(0, 15, 200_000)
    mc = E.profits(g[:, None], g[rival][None])[0].mean(1)
    assert np.allclose((1 - 0.95) * q0[0, 0], mc, rtol=1e-2)


def test_exploration_decays_exponentially():
    eps = E.exploration([0, 1 / 4e-6, 2 / 4e-6], 4e-6)
    assert np.allclose(eps, [1, np.exp(-1), np.exp(-2)])


def test_static_best_response_increases_with_rival_price():
    """Prices are strategic complements: the grid best response is non-decreasing in p2 and
    strictly lower than the rival's price at the top of the grid."""
    t = E.profit_table(E.price_grid(15))
    br = E.static_best_response(t, np.arange(15))
    assert np.all(np.diff(br) >= 0) and br[-1] < 14 and br[0] >= 0
    assert np.all(t[0][br, np.arange(15)] >= t[0].max(axis=0) - 1e-15)
