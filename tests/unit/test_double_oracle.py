"""Double Oracle (strategic.games.double_oracle, claim D3) and the threshold dimension
(strategic.games.matrix_games): the certified gap bounds the true duality gap, the three games'
known behaviour, threshold dimensions of small matrices; LP failures are errors."""

import numpy as np
import pytest

from strategic.games import matrix_games as mg
from strategic.games import oracles as O
from strategic.games.double_oracle import double_oracle


@pytest.mark.parametrize("history", [False, True])
def test_certified_gap_bounds_duality_gap_on_a_grid(history):
    """(x − y)²: the gap of the returned pair ≥ the duality gap measured over a fine grid of
    pure deviations (the grid sees only part of [−1, 1], the oracle all of it), and ≥ 0."""
    r = double_oracle(O.DISTANCE, 0.4, -0.2, 8, history=history)
    x, p, y, q = r["x"], r["p"], r["y"], r["q"]
    grid = np.linspace(-1, 1, 4001)
    grid_gap = ((q * (grid[:, None] - y) ** 2).sum(1).max()
                - (p * (x - grid[:, None]) ** 2).sum(1).min())
    assert r["gap"][-1] >= grid_gap - 1e-12 and grid_gap >= 0
    assert r["gap"][-1] == pytest.approx(grid_gap, abs=1e-6)   # the grid resolves BR to ~h²


def test_plain_do_solves_the_distance_game():
    """Gap ≤ 1e-6 within 20 iterations; p on ±1 with ½ each, q at 0 (CLAIMS D3)."""
    r = double_oracle(O.DISTANCE, 0.3, 0.7, 20, tol=1e-12)
    assert r["best_gap"][-1] <= 1e-6
    ends = np.abs(r["x"]) == 1.0
    assert r["p"][~ends].sum() <= 1e-9
    assert r["p"][r["x"] == 1.0].sum() == pytest.approx(0.5, abs=1e-3)
    assert np.sqrt(r["q"] @ r["y"] ** 2) <= 1e-3


def test_do_on_guess_the_larger_never_closes():
    """Every restricted equilibrium is (max X, max Y); its gap is exactly 2, forever."""
    for history in (False, True):
        r = double_oracle(O.LARGER, 1.0, 1.0, 15, history=history)
        np.testing.assert_allclose(r["gap"], 2.0, atol=1e-12)
        assert not r["converged"] and r["n_x"][-1] == 15


def test_do_on_matching_meets_the_bound_with_equality():
    """Plain DO on 1[x = y]: gaps 1, 1, ½, 1, ⅓, 1, ¼, ...; best so far = 1/⌈t/2⌉ exactly."""
    r = double_oracle(O.MATCHING, 1.0, 1.0, 20)
    t = np.arange(1, 21)
    np.testing.assert_allclose(r["best_gap"], 1 / np.ceil(t / 2), atol=1e-9)
    np.testing.assert_allclose(r["gap"][1::2], 1.0, atol=1e-9)


def test_history_variant_averages_restricted_equilibria():
    """With history=True the certified pair is the running average: on matching after 2
    iterations p̄ = δ₁ and q̄ = ½δ₁ + ½δ₂, so the gap is ½ − 0."""
    r = double_oracle(O.MATCHING, 1.0, 1.0, 2, history=True)
    np.testing.assert_allclose(r["q"], [0.5, 0.5], atol=1e-9)
    assert r["gap"][-1] == pytest.approx(0.5, abs=1e-9)


@pytest.mark.parametrize("m,dim", [
    (np.eye(5), 1), (np.ones((4, 4)), 1), (np.zeros((3, 3)), 0),
    (np.tri(6), 6), (np.tri(6).T, 6), (np.tri(4, 6), 4),
    (np.array([[1, 0, 1], [1, 1, 0], [0, 1, 1]]), 2),
])
def test_threshold_dimension_small_matrices(m, dim):
    """Identity: 1; all ones: 1; zeros: 0; (upper/lower) triangular k×k: k; a 3-cycle: 2."""
    assert mg.threshold_dimension(m) == dim


def test_threshold_dimension_of_truncations():
    """1[x > y] on {1..n} has threshold dimension n − 1 (grows); 1[x = y] has 1."""
    for n in range(2, 9):
        x = np.arange(n)
        assert mg.threshold_dimension(x[:, None] > x[None, :]) == n - 1
        assert mg.threshold_dimension(x[:, None] == x[None, :]) == 1


@pytest.mark.parametrize("bad", [np.array([[1.0, np.nan]]), np.array([[np.inf]]), np.zeros((0, 3)),
                                 np.ones(3)])
def test_lp_rejects_bad_payoffs(bad):
    """Non-finite, empty or 1-D payoffs: a one-line LPError, never a silent answer."""
    with pytest.raises(mg.LPError, match="finite"):
        mg.solve_zero_sum(bad)


def test_lp_reports_its_duality_gap():
    """The returned gap is max(Aq) − min(pᵀA) of the returned strategies: ~0 at the optimum."""
    a = np.random.default_rng(5).normal(size=(30, 20))
    sol = mg.solve_zero_sum(a)
    assert sol["gap"] == pytest.approx((a @ sol["q"]).max() - (sol["p"] @ a).min(), abs=0)
    assert 0 <= sol["gap"] <= 1e-9


def _fixed(game: O.OracleGame, x: float, y: float) -> O.OracleGame:
    """The game with both oracles replaced by a fixed strategy (a proposer that never learns)."""
    return O.OracleGame(game.name + "-fixed", game.payoff, br_row=lambda ys, q: np.asarray(x),
                        br_col=lambda xs, p: np.asarray(y))


@pytest.mark.parametrize("game,start", [("distance", (0.3, -0.5)), ("matching", (1.0, 1.0))])
def test_history_variant_gap_falls_and_a_fixed_proposer_does_not(game, start):
    """CLAIMS D3's measurement: the history variant's best-so-far gap falls (log-log slope over
    t ∈ [10, T] ≤ −0.3, T = 120 here); with its best responses replaced by a fixed strategy
    (the start) the restricted sets never grow, the certified gap stays put and the same
    slope check fails."""
    from strategic.games.double_oracle import gap_slope
    g = O.GAMES[game]
    good = double_oracle(g, *start, 120, tol=1e-12, history=True)
    stuck = double_oracle(g, *start, 120, tol=1e-12, history=True, propose=_fixed(g, *start))
    assert gap_slope(good["best_gap"], 10) <= -0.3
    assert gap_slope(stuck["best_gap"], 10) > -0.3
    assert stuck["n_x"].max() == 1 and stuck["n_y"].max() == 1 and stuck["gap"].min() > 0.1


def test_history_variant_on_guess_the_larger_keeps_gap_two_and_slope_zero():
    """No copy of guess-the-larger can be learned: gap 2 at every iteration, slope 0."""
    from strategic.games.double_oracle import gap_slope
    r = double_oracle(O.LARGER, 1.0, 1.0, 60, history=True)
    np.testing.assert_allclose(r["gap"], O.LARGER_GAP, rtol=0, atol=1e-12)
    assert gap_slope(r["best_gap"], 10) == pytest.approx(0.0, abs=1e-12)


def test_gap_slope():
    """Slope of log g vs log t over t ≥ t_min: exact on power laws; too short a run (converged
    early) is −inf."""
    from strategic.games.double_oracle import gap_slope
    t = np.arange(1, 401.0)
    assert gap_slope(3.0 / t, 10) == pytest.approx(-1.0, abs=1e-12)
    assert gap_slope(np.r_[np.ones(9), 0.5 * t[9:] ** -0.5], 10) == pytest.approx(-0.5, abs=1e-12)
    assert gap_slope(np.ones(5), 10) == -np.inf
