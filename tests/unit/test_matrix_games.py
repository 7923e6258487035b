"""Finite zero-sum games (strategic.games.matrix_games, claims B1 and B2): grids, pure
security levels, pure Nash search and the LP, checked against known closed-form values."""

import numpy as np
import pytest

from strategic.games import matrix_games as mg


@pytest.mark.parametrize("n", [3, 5, 21, 201])
def test_distance_game_odd_grid(n):
    """Odd grids contain exact −1, 0, +1, are evenly spaced, and A[i, j] = (x_i − x_j)²."""
    x, a = mg.distance_game(n)
    assert x[0] == -1.0 and x[-1] == 1.0 and x[(n - 1) // 2] == 0.0
    np.testing.assert_allclose(np.diff(x), 2 / (n - 1), rtol=1e-12)
    assert a.shape == (n, n)
    np.testing.assert_array_equal(a, a.T)
    np.testing.assert_array_equal(np.diag(a), 0.0)
    i, j = 1, n - 2
    assert a[i, j] == (x[i] - x[j]) ** 2


def test_distance_game_even_grid_omits_zero():
    """Even grids have ±1 but no 0; the points nearest 0 are ±h/2."""
    x, _ = mg.distance_game(20)
    h = x[1] - x[0]
    assert x[0] == -1.0 and x[-1] == 1.0 and not np.any(x == 0.0)
    assert np.abs(x).min() == pytest.approx(h / 2, rel=1e-12)


def test_b1_no_pure_equilibrium_on_201_grid():
    """n=201: the maximiser's pure max-min is 0, the minimiser's min-max is 1, no mutual best
    responses (B1)."""
    _, a = mg.distance_game(201)
    assert mg.pure_values(a) == (0.0, 1.0)
    assert len(mg.mutual_best_responses(a)) == 0


SADDLE = np.array([[4.0, 2.0, 5.0],
                   [3.0, 1.0, 6.0],
                   [7.0, 0.0, 2.0]])  # unique saddle at (0, 1): row-0 minimum, column-1 maximum


def test_pure_equilibrium_found_exactly():
    """A 3×3 matrix with a saddle point: the unique mutual best response is (0, 1), the pure
    security levels coincide at its entry 2, and the LP returns that pure profile."""
    np.testing.assert_array_equal(mg.mutual_best_responses(SADDLE), [[0, 1]])
    assert mg.pure_values(SADDLE) == (2.0, 2.0)
    sol = mg.solve_zero_sum(SADDLE)
    assert sol["value"] == pytest.approx(2.0, abs=1e-9)
    np.testing.assert_allclose(sol["p"], [1, 0, 0], atol=1e-9)
    np.testing.assert_allclose(sol["q"], [0, 1, 0], atol=1e-9)


@pytest.mark.parametrize("name,a", [
    ("matching_pennies", np.array([[1.0, -1.0], [-1.0, 1.0]])),
    ("rock_paper_scissors", np.array([[0.0, -1.0, 1.0], [1.0, 0.0, -1.0], [-1.0, 1.0, 0.0]])),
], ids=["pennies", "rps"])
def test_symmetric_games_value_zero_uniform(name, a):
    """Matching pennies and rock-paper-scissors: value 0, both players uniform."""
    sol = mg.solve_zero_sum(a)
    k = len(a)
    assert sol["value"] == pytest.approx(0.0, abs=1e-9)
    assert sol["value_col"] == pytest.approx(0.0, abs=1e-9)
    np.testing.assert_allclose(sol["p"], np.full(k, 1 / k), atol=1e-9)
    np.testing.assert_allclose(sol["q"], np.full(k, 1 / k), atol=1e-9)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_game_duality(seed):
    """Random 6×5 game: row and column LPs agree (minimax theorem), pᵀAq = value, and
    (p, q) certify it: min_j (pᵀA)_j ≥ v ≥ max_i (Aq)_i up to 1e-9."""
    a = np.random.default_rng(seed).normal(size=(6, 5))
    sol = mg.solve_zero_sum(a)
    p, q, v = sol["p"], sol["q"], sol["value"]
    assert p.shape == (6,) and q.shape == (5,)
    for s in (p, q):
        assert np.all(s >= 0) and s.sum() == pytest.approx(1.0, abs=1e-12)
    assert v == pytest.approx(sol["value_col"], abs=1e-9)
    assert p @ a @ q == pytest.approx(v, abs=1e-9)
    assert (p @ a).min() >= v - 1e-9
    assert (a @ q).max() <= v + 1e-9


@pytest.mark.parametrize("n", [21, 201])
def test_odd_grid_value_one(n):
    """Odd grid: value 1, the minimiser's mass is all at x = 0, the maximiser's on ±1 (B2)."""
    x, a = mg.distance_game(n)
    sol = mg.solve_zero_sum(a)
    h = x[1] - x[0]
    assert sol["value"] == pytest.approx(1.0, abs=1e-9)
    assert sol["value_col"] == pytest.approx(1.0, abs=1e-9)
    assert sol["q"][x == 0.0].sum() == pytest.approx(1.0, abs=1e-9)
    ends = np.abs(x) == 1.0
    assert sol["p"][~ends].sum() <= 1e-9
    assert np.abs(sol["p"][ends] - 0.5).max() <= h / 2 + 1e-9


@pytest.mark.parametrize("n", [20, 200])
def test_even_grid_value(n):
    """Even grid (points nearest 0 at ±h/2): value 1 + h²/4. The maximiser mixing ±1 equally
    gets 1 + y² ≥ 1 + h²/4; the minimiser mixing ±h/2 equally concedes x² + h²/4 ≤ 1 + h²/4."""
    x, a = mg.distance_game(n)
    h = x[1] - x[0]
    sol = mg.solve_zero_sum(a)
    assert sol["value"] == pytest.approx(1 + h**2 / 4, abs=1e-9)
    assert sol["value_col"] == pytest.approx(1 + h**2 / 4, abs=1e-9)
