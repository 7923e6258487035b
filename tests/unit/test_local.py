"""C1's residual tools (strategic.games.local_nash) and D2's local-CCE tools
(strategic.games.local_cce), checked against identities and closed forms."""

import numpy as np
import pytest
import torch

from strategic.games import game as G
from strategic.games import toy_games as TG
from strategic.games import bilinear
from strategic.games import gradient_play as GP
from strategic.games import local_cce as LC
from strategic.games import local_nash as LN


def test_telescoping_identity_holds_with_the_box_active():
    """x_{t+1} = Π(x_t + ηV): mean G_η = (x_{T+1} − x_1)/(ηT) exactly and ‖E G_i‖ ≤ diam/(ηT)
    (GDA on x·y spirals out onto the box [−1, 1]²)."""
    g, eta, steps = bilinear.xy_game(b=1.0), 0.1, 400
    xs = GP.trajectory(g, np.array([[0.5, 0.5], [-0.2, 0.9]]), eta, steps)
    assert np.abs(xs).max() == 1.0  # the box is active
    tel = LC.telescoping(g, xs, eta)
    np.testing.assert_allclose(tel["mean_g"], tel["telescoped"], rtol=0, atol=1e-13)
    norms = LC.player_norms(g, tel["running"])  # [T, B, n]
    assert (norms * eta * np.arange(1, steps + 1)[:, None, None]).max() <= 2.0 + 1e-12


def test_gradient_mapping_not_the_field_on_the_joint_constraint():
    """u_i = x_i on {x₁ + x₂ ≤ 1}: V ≡ 1, play stops at (½, ½) on the edge, so E G_η =
    (x_{T+1} − x_1)/(ηT) = 0.5/(ηT) per player while E V = 1."""
    g, eta, steps = TG.share_game(), 0.1, 100
    xs = GP.trajectory(g, np.zeros((1, 2)), eta, steps)
    np.testing.assert_allclose(xs[-1], [[0.5, 0.5]], rtol=1e-12)
    tel = LC.telescoping(g, xs, eta)
    np.testing.assert_allclose(tel["mean_g"], 0.5 / (eta * steps), rtol=1e-12)
    np.testing.assert_allclose(tel["mean_v"], 1.0)


def test_regret_curves_respect_the_smooth_bound_and_curvature():
    """Control f = x²/2 + xy − y²/2: own curvatures L = (1, 1) and regret(p) ≤ δ|E∇u_i| + δ²/2;
    the run converges, so its best single iterate has (almost) no regret."""
    g = TG.control_game()
    xs = GP.trajectory(g, np.array([[2.0, 1.0]]), 0.05, 300)
    rc = LC.regret_curves(g, xs, [0.01, 0.1], n_shifts=21, box_n=21)
    np.testing.assert_allclose(rc["lips"], [1.0, 1.0], rtol=1e-12)
    assert (rc["dist"] <= rc["bound"] + 1e-15).all()
    assert (rc["best_point"] >= 0).all() and (rc["best_point"] <= 0.1 * 1e-3 + 1e-12).all()


def test_min_residual_falls_linearly_with_the_grid_step():
    """Even grids miss the zero by ~h/2: the min residual is ∝ h (slope 1)."""
    g = TG.control_game(1.0)
    curve = LN.min_residual_curve(g, (-1, -1), (1, 1), [10, 20, 40, 80])
    h, m = zip(*curve)
    assert all(b < a for a, b in zip(m, m[1:]))
    assert LN.loglog_slope(h, m) == pytest.approx(1.0, abs=0.02)
    assert LN.loglog_slope([1, 2, 4], [3, 12, 48]) == pytest.approx(2.0, rel=1e-12)


def test_config_rejects_grids_that_would_hide_or_miss_the_zero():
    from strategic.games.config import GamesLocal
    from strategic.schema import ConfigError, build

    with pytest.raises(ConfigError, match="refine_ns: needs >= 2 even sizes"):
        build(GamesLocal, {"refine_ns": [12, 25]}, "games.local")
    with pytest.raises(ConfigError, match="map_n: must be odd"):
        build(GamesLocal, {"map_n": 300}, "games.local")
    with pytest.raises(ConfigError, match="point_deltas: must be a subset"):
        build(GamesLocal, {"point_deltas": [0.07]}, "games.local")
