"""The Sperner variant of claim C2 (strategic.games.sperner): the exhaustive N = 4 count,
snake instances with exactly one solution, and the three solvers' certified answers."""

import numpy as np
import pytest

from strategic.games import sperner as S

R, G, Y, B = S.RED, S.GREEN, S.YELLOW, S.BLUE


def _random_legal(n: int, rng: np.random.Generator) -> np.ndarray:
    col = rng.integers(0, 4, (n, n)).astype(np.int8)
    for line, pair in (((0, slice(None)), S.LEFT), ((n - 1, slice(None)), S.RIGHT),
                       ((slice(None), 0), S.BOTTOM), ((slice(None), n - 1), S.TOP)):
        col[line] = np.asarray(pair, dtype=np.int8)[rng.integers(0, 2, n)]
    col[0, 0], col[n - 1, 0], col[n - 1, n - 1], col[0, n - 1] = R, G, Y, B
    return col


def test_colours_are_sign_quadrants():
    """Opposite colours (2 quarter turns apart) are exactly the pairs with both signs flipped."""
    s = S.signs(np.arange(4))
    for a in range(4):
        for b in range(4):
            assert ((a - b) % 4 == 2) == bool((s[a] == -s[b]).all())


def test_solution_needs_opposite_colours_not_just_both_signs():
    """Red, green, blue show both signs in each coordinate, yet hold no red+yellow or
    blue+green: not a solution (the talk's condition is the stronger one)."""
    sq = lambda a, b, c, d: np.array([[a, c], [b, d]], dtype=np.int8)  # [x, y]
    assert not S.solution_squares(sq(R, G, R, R))[0, 0]
    assert S.solution_squares(sq(R, G, B, G))[0, 0]          # blue + green
    assert S.solution_squares(sq(R, G, G, Y))[0, 0]          # red + yellow, diagonal
    assert S.solution_squares(sq(R, G, B, R))[0, 0]          # blue + green on an edge


def test_exhaustive_n4_every_colouring_has_a_solution():
    cols = S.legal_colourings(4)
    assert cols.shape == (65_536, 4, 4)
    assert len(np.unique(cols.reshape(len(cols), -1), axis=0)) == 65_536   # all distinct
    assert S.boundary_legal(cols).all()
    n_sol = S.solution_squares(cols).sum(axis=(1, 2))
    assert n_sol.min() >= 1 and (n_sol == 1).any()


def test_exhaustive_n3_count():
    """n = 3: 4 free boundary vertices (2 colours each) and 1 interior vertex: 64 colourings."""
    cols = S.legal_colourings(3)
    assert cols.shape == (64, 3, 3) and S.solution_squares(cols).any(axis=(1, 2)).all()


@pytest.mark.parametrize("n", list(range(6, 31)) + [65, 128])
def test_snake_is_legal_with_exactly_one_solution(n):
    rng = np.random.default_rng(n)
    for _ in range(12):
        col = S.snake(n, rng)
        assert S.boundary_legal(col)
        assert S.solution_squares(col).sum() == 1


def test_snake_hides_the_tip_in_both_orientations():
    """Tips move with the seed, and both the plain and the transposed layouts occur."""
    rng = np.random.default_rng(0)
    tips, corner = set(), set()
    for _ in range(40):
        col = S.snake(20, rng)
        tips.add(tuple(np.argwhere(S.solution_squares(col))[0]))
        corner.add(int(col[18, 19]))          # yellow mouth (plain) or blue top row (transposed)
    assert len(tips) >= 10 and corner == {Y, B}


def test_bad_sizes_are_errors():
    with pytest.raises(ValueError, match="n must be >= 6"):
        S.snake(5, np.random.default_rng(0))
    with pytest.raises(ValueError, match="n must be >= 3"):
        S.legal_colourings(2)


@pytest.mark.parametrize("n", [6, 17, 40, 129])
def test_solvers_find_the_unique_solution_and_certify_it(n):
    rng = np.random.default_rng(1)
    for _ in range(3):
        col = S.snake(n, rng)
        truth = tuple(np.argwhere(S.solution_squares(col))[0])
        for solve in (lambda o: S.random_scan(o, rng), S.path_following, S.winding_search):
            oracle = S.Oracle(col)
            sq = solve(oracle)
            assert sq == truth and S.certified(oracle, sq)


def test_solvers_on_random_colourings():
    """Many solutions: the answers are still genuine solutions known from the solver's queries."""
    rng = np.random.default_rng(2)
    for n in (3, 4, 7, 12, 25):
        for _ in range(40):
            col = _random_legal(n, rng)
            truth = S.solution_squares(col)
            for solve in (lambda o: S.random_scan(o, rng), S.path_following, S.winding_search):
                oracle = S.Oracle(col)
                sq = solve(oracle)
                assert truth[sq] and S.certified(oracle, sq)


def test_certificate_requires_the_solvers_own_queries():
    col = S.snake(10, np.random.default_rng(3))
    sq = tuple(np.argwhere(S.solution_squares(col))[0])
    oracle = S.Oracle(col)
    assert not S.certified(oracle, sq)                       # nothing queried yet
    oracle.query(np.array([sq[0], sq[0] + 1, sq[0], sq[0] + 1]),
                 np.array([sq[1], sq[1], sq[1] + 1, sq[1] + 1]))
    assert S.certified(oracle, sq) and oracle.queries == 4
    assert not S.certified(oracle, (9, 0)) and not S.certified(oracle, (-1, 0))
    assert not S.certified(oracle, (0, 0))                   # a non-solution square


def test_random_scan_counts_like_a_sequential_scan():
    """The vectorised stopping time equals querying one vertex at a time in the same order."""
    col = S.snake(15, np.random.default_rng(4))
    n = len(col)
    oracle = S.Oracle(col)
    sq = S.random_scan(oracle, np.random.default_rng(5))
    order = np.random.default_rng(5).permutation(n * n)
    known = np.zeros((n, n), dtype=bool)
    for t, v in enumerate(order):
        known[v // n, v % n] = True
        done = known[:-1, :-1] & known[1:, :-1] & known[:-1, 1:] & known[1:, 1:]
        hit = np.argwhere(done & S.solution_squares(col))
        if len(hit):
            break
    assert oracle.queries == t + 1 and sq == tuple(hit[0])


def test_query_counts_scale_as_claimed():
    """Divide and conquer stays under 10N; path following walks the whole tube (≥ N²/3)."""
    col = S.snake(257, np.random.default_rng(6))
    o1, o2 = S.Oracle(col), S.Oracle(col)
    S.winding_search(o1)
    S.path_following(o2)
    assert o1.queries <= 10 * 257 and o2.queries >= 257**2 / 3
