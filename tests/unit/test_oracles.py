"""Best-response oracles, CCE gaps and fictitious play (strategic.games.oracles, claims B4, D3):
each oracle against brute force over a large finite range, the gap identities, FP's escape."""

import numpy as np
import pytest

from strategic.games import oracles as O


def _brute_row(game, y, q, cand):
    return game.against_col(cand, np.broadcast_to(y, cand.shape + y.shape),
                            np.broadcast_to(q, cand.shape + q.shape)).max()


def _brute_col(game, x, p, cand):
    return game.against_row(np.broadcast_to(x, cand.shape + x.shape),
                            np.broadcast_to(p, cand.shape + p.shape), cand).min()


@pytest.mark.parametrize("name", ["guess-the-larger", "matching"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_oracles_on_naturals_match_brute_force(name, seed):
    """A(BR(q), q) = max over {1..200} of A(x, q), and A(p, BR(p)) = min, for random p, q on
    {1..20} with repeated points."""
    game, rng = O.GAMES[name], np.random.default_rng(seed)
    x, y = rng.integers(1, 21, 8).astype(float), rng.integers(1, 21, 8).astype(float)
    p, q = rng.dirichlet(np.ones(8)), rng.dirichlet(np.ones(8))
    cand = np.arange(1, 201, dtype=float)
    assert game.against_col(game.br_row(y, q), y, q) == pytest.approx(_brute_row(game, y, q, cand), abs=1e-12)
    assert game.against_row(x, p, game.br_col(x, p)) == pytest.approx(_brute_col(game, x, p, cand), abs=1e-12)


def test_matching_oracles_sum_duplicates_and_break_ties_low():
    """q puts 0.3 + 0.3 on 4 and 0.4 on 2: the heaviest point is 4; ties go to the smaller."""
    assert O.MATCHING.br_row(np.array([4.0, 2.0, 4.0]), np.array([0.3, 0.4, 0.3])) == 4.0
    assert O.MATCHING.br_row(np.array([5.0, 2.0]), np.array([0.5, 0.5])) == 2.0
    assert O.MATCHING.br_col(np.array([1.0, 2.0, 4.0]), np.array([0.2, 0.3, 0.5])) == 3.0
    assert O.MATCHING.br_col(np.array([1.0, 2.0]), np.array([1.0, 0.0])) == 2.0   # weight 0 is off


def test_distance_oracles_match_brute_force():
    """(x − y)² on [−1, 1]: the oracles attain the grid's max / min over 20001 points."""
    rng = np.random.default_rng(3)
    g, cand = O.DISTANCE, np.linspace(-1, 1, 20001)
    for _ in range(5):
        x, y = rng.uniform(-1, 1, 6), rng.uniform(-1, 1, 6)
        p, q = rng.dirichlet(np.ones(6)), rng.dirichlet(np.ones(6))
        assert g.against_col(g.br_row(y, q), y, q) == pytest.approx(_brute_row(g, y, q, cand), abs=1e-12)
        assert g.against_row(x, p, g.br_col(x, p)) <= _brute_col(g, x, p, cand) + 1e-12


def test_distance_equilibrium_has_zero_gap():
    """p = ½δ₋₁ + ½δ₊₁, q = δ₀ is the equilibrium (value 1): certified gap exactly 0; moving q
    to δ_{0.1} opens a gap of 0.1² + 2·0.1."""
    x, p = np.array([-1.0, 1.0]), np.array([0.5, 0.5])
    assert O.DISTANCE.gap(x, p, np.array([0.0]), np.array([1.0])) == 0.0
    assert O.DISTANCE.gap(x, p, np.array([0.1]), np.array([1.0])) == pytest.approx(0.21, abs=1e-12)


def test_cce_gap_of_guess_the_larger_is_two():
    """Batched: any joint distribution on ℕ² has row gain + column gain = 2, both gains ≥ 0."""
    rng = np.random.default_rng(0)
    x, y = rng.integers(1, 30, (500, 6)).astype(float), rng.integers(1, 30, (500, 6)).astype(float)
    w = rng.dirichlet(np.ones(6), 500) * (rng.random((500, 6)) < 0.7)
    w[:, 0] += 1e-3
    w /= w.sum(1, keepdims=True)
    gains = O.cce_gaps(O.LARGER, x, y, w)
    assert gains.shape == (500, 2) and (gains >= -1e-15).all()
    np.testing.assert_allclose(gains.sum(1), 2.0, atol=1e-12)


def test_cce_gaps_of_the_matching_game_are_not_forced_to_two():
    """Control: in 1[x = y] the joint δ(1, 2) is not a CCE (row gain 1), but the gap is a real
    measurement: δ(1, 1) gives the column a gain of 1, and the sum is not forced to 2."""
    g = O.cce_gaps(O.MATCHING, np.array([[1.0], [1.0]]), np.array([[2.0], [1.0]]), np.ones((2, 1)))
    np.testing.assert_allclose(g, [[1.0, 0.0], [0.0, 1.0]])


def test_fictitious_play_escapes_with_gap_two():
    """FP on guess-the-larger from (1, 1): the largest number played rises by exactly 1 per
    iteration and the certified gap of the empirical pair is 2 throughout."""
    fp = O.fictitious_play(O.LARGER, 1.0, 1.0, 50)
    np.testing.assert_array_equal(fp["x_max"], np.arange(1, 51))
    np.testing.assert_array_equal(fp["y_max"], np.arange(1, 51))
    np.testing.assert_allclose(fp["gap"], 2.0, atol=1e-12)


def test_fictitious_play_converges_on_the_compact_game():
    """Control: on (x − y)² FP's gap shrinks (Robinson 1951), unlike guess-the-larger."""
    fp = O.fictitious_play(O.DISTANCE, 0.3, 0.7, 400)
    assert fp["gap"][-1] < 0.1 * fp["gap"][0] and fp["gap"][-1] < 0.1
