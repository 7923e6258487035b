"""Support enumeration (strategic.games.bimatrix, claim B3) against games whose equilibria are
known in closed form, and the odd-count / degeneracy behaviour on random and degenerate games."""

import numpy as np
import pytest

from strategic.games import bimatrix as bm


def _equilibria(a, b):
    res = bm.support_enumeration(np.asarray(a, float)[None], np.asarray(b, float)[None])
    keep = res["is_eq"][0]
    return res, sorted((tuple(np.round(p, 12)), tuple(np.round(q, 12)))
                       for p, q in zip(res["p"][0][keep], res["q"][0][keep]))


def test_matching_pennies_unique_mixed():
    """Matching pennies: the only equilibrium is (½, ½) for both."""
    a = np.array([[1.0, -1.0], [-1.0, 1.0]])
    res, eqs = _equilibria(a, -a)
    assert eqs == [((0.5, 0.5), (0.5, 0.5))]
    assert not res["degenerate"][0]


def test_battle_of_the_sexes_three_equilibria():
    """A = [[2,0],[0,1]], B = [[1,0],[0,2]]: two pure and p = (2/3, 1/3), q = (1/3, 2/3)."""
    res, eqs = _equilibria([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    want = sorted([((1.0, 0.0), (1.0, 0.0)), ((0.0, 1.0), (0.0, 1.0)),
                   (tuple(np.round([2 / 3, 1 / 3], 12)), tuple(np.round([1 / 3, 2 / 3], 12)))])
    assert eqs == want and res["count"][0] == 3
    assert res["regret"][0][res["is_eq"][0]].max() <= 1e-12


def test_von_stengel_3x2_game():
    """The 3×2 example of von Stengel (AGT ch. 3): exactly three equilibria,
    ((1,0,0),(1,0)), ((4/5,1/5,0),(2/3,1/3)), ((0,1/3,2/3),(1/3,2/3))."""
    a = [[3, 3], [2, 5], [0, 6]]
    b = [[3, 2], [2, 6], [3, 1]]
    _, eqs = _equilibria(a, b)

    def r(*v):
        return tuple(np.round(v, 12))

    assert eqs == sorted([(r(1, 0, 0), r(1, 0)), (r(0.8, 0.2, 0), r(2 / 3, 1 / 3)),
                          (r(0, 1 / 3, 2 / 3), r(1 / 3, 2 / 3))])


def test_dominance_solvable_prisoners_dilemma():
    """Prisoner's dilemma: the unique equilibrium is mutual defection (pure)."""
    a = np.array([[3.0, 0.0], [5.0, 1.0]])
    _, eqs = _equilibria(a, a.T)
    assert eqs == [((0.0, 1.0), (0.0, 1.0))]


def test_random_games_odd_counts_and_zero_regret():
    """300 random 4×4 games: none degenerate, every count odd, every equilibrium has regret ~0,
    and each rejected candidate fails one of its inequalities by more than 1e-9."""
    rng = np.random.default_rng(7)
    a, b = rng.standard_normal((2, 300, 4, 4))
    res = bm.support_enumeration(a, b)
    assert res["p"].shape == (300, 69, 4) and not res["degenerate"].any()
    assert (res["count"] % 2 == 1).all()
    assert res["regret"][res["is_eq"]].max() <= 1e-12
    assert (res["regret"][~res["is_eq"] & (res["p"] >= 0).all(-1) & (res["q"] >= 0).all(-1)]
            > 1e-9).all()


def test_degenerate_game_is_flagged():
    """Row 0 strictly dominant, column indifferent: a continuum of equilibria. The game is
    flagged degenerate instead of reporting a (wrong) even count."""
    a = np.array([[1.0, 1.0], [0.0, 0.0]])
    res = bm.support_enumeration(a[None], a[None])
    assert res["degenerate"][0]


def test_regret_of_non_equilibrium():
    """In matching pennies the pure profile (row 0, col 0) gives the column player regret 2."""
    a = np.array([[1.0, -1.0], [-1.0, 1.0]])[None]
    p = np.array([[[1.0, 0.0]]])
    q = np.array([[[1.0, 0.0]]])
    assert bm.regret(a, -a, p, q)[0, 0] == pytest.approx(2.0)
