"""Cournot duopoly (strategic.games.cournot, claim B3): first-order conditions, best responses
and the contraction of projected gradient play."""

import numpy as np
import pytest

from strategic.games import cournot
from strategic.games.gradient_play import trajectory


def test_gradient_vanishes_only_at_three_three():
    """∂u_i/∂q_i = 9 − 2q_i − q_j is zero for both players at (3, 3) and not at (2, 4)."""
    np.testing.assert_allclose(cournot.own_gradient(np.array([3.0, 3.0])), 0.0, atol=0)
    assert np.abs(cournot.own_gradient(np.array([2.0, 4.0]))).max() > 0.5


def test_gradient_matches_finite_differences():
    q, h = np.array([1.3, 4.1]), 1e-6
    for i in range(2):
        e = np.eye(2)[i] * h
        fd = (cournot.payoffs(q + e)[i] - cournot.payoffs(q - e)[i]) / (2 * h)
        assert cournot.own_gradient(q)[i] == pytest.approx(fd, rel=1e-8)


def test_unilateral_gain_is_exact_best_response():
    """The gain equals a brute-force maximum over a fine grid of deviations (and is 0 at Nash)."""
    q = np.array([1.0, 6.0])
    grid = np.linspace(0, 10, 100_001)
    dev1 = cournot.payoffs(np.stack([grid, np.full_like(grid, q[1])], -1))[:, 0].max()
    dev2 = cournot.payoffs(np.stack([np.full_like(grid, q[0]), grid], -1))[:, 1].max()
    u = cournot.payoffs(q)
    assert cournot.unilateral_gain(q) == pytest.approx(max(dev1 - u[0], dev2 - u[1]), abs=1e-8)
    assert cournot.unilateral_gain(np.array([3.0, 3.0])) == 0.0


def test_gradient_play_contracts_at_rate_0_9():
    """From the corners, lr 0.1: the error shrinks by at most 0.9 per step once interior, and
    ends within 1e-12 of (3, 3); lr 0.7 > 2/3 does not converge."""
    q0 = np.array([[0.0, 0.0], [10.0, 10.0], [0.0, 10.0], [7.0, 1.0]])
    path = trajectory(cournot.game(), q0, 0.1, 300)
    err = np.abs(path - cournot.nash()).max((1, 2))
    assert err[-1] <= 1e-12
    assert (err[51:] <= 0.9 * err[50:-1] + 1e-15).all()
    bad = trajectory(cournot.game(), np.array([[3.0, 3.1]]), 0.7, 300)
    assert np.abs(bad[-1] - 3.0).max() > 1e-3
