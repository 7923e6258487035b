"""The talk's Sperner variant (claim C2): 4-coloured square grids, hidden-path instances and
three query-counting solvers, each answer certified.

Colours are quadrants of a sign vector c(v) ∈ {±1}² (DSZ STOC'21 "BiSperner" in 2-D):
red (+,+) = 0, green (−,+) = 1, yellow (−,−) = 2, blue (+,−) = 3, so going from colour a to
colour b is a turn of ((b − a) mod 4) quarter turns, and 2 means opposite colours.
A colouring `col[x, y]` of the N×N vertex grid is boundary-legal if the left column has
c₁ = +1, the right column c₁ = −1, the bottom row c₂ = +1 and the top row c₂ = −1.
A solution is a unit square (named by its lower-left vertex) holding red and yellow or blue
and green. Along the boundary the colour turns exactly once around (winding 1), which forces
a solution (a square without opposite colours has winding 0 unless it holds all four).
"""

from __future__ import annotations

import numpy as np

RED, GREEN, YELLOW, BLUE = 0, 1, 2, 3
LEFT, RIGHT, BOTTOM, TOP = (RED, BLUE), (GREEN, YELLOW), (RED, GREEN), (YELLOW, BLUE)


def signs(col: np.ndarray) -> np.ndarray:
    """(c₁, c₂) ∈ {±1}² of each colour; [..., 2]."""
    table = np.array([[1, 1], [-1, 1], [-1, -1], [1, -1]], dtype=np.int8)
    return table[col]


def boundary_legal(col: np.ndarray) -> np.ndarray:
    """The boundary rule, c₁ = +1 left, −1 right; c₂ = +1 bottom, −1 top, for col [..., N, N]
    (x, y); a bool array over the leading axes (a 0-d array for one colouring)."""
    s = signs(col)
    return ((s[..., 0, :, 0] == 1).all(-1) & (s[..., -1, :, 0] == -1).all(-1)
            & (s[..., :, 0, 1] == 1).all(-1) & (s[..., :, -1, 1] == -1).all(-1))


def solution_squares(col: np.ndarray) -> np.ndarray:
    """Boolean [..., N−1, N−1]: square (x, y) holds red+yellow or blue+green (batched)."""
    corners = (col[..., :-1, :-1], col[..., 1:, :-1], col[..., :-1, 1:], col[..., 1:, 1:])
    has = [np.logical_or.reduce([c == k for c in corners]) for k in range(4)]
    return (has[RED] & has[YELLOW]) | (has[GREEN] & has[BLUE])


def legal_colourings(n: int) -> np.ndarray:
    """Every boundary-legal colouring of the n×n grid, [2^(4(n−2)) · 4^((n−2)²), n, n].

    Corners are forced; a non-corner boundary vertex has one free sign (2 colours); an
    interior vertex has 4. For n = 4: 2⁸ · 4⁴ = 65,536.
    """
    if n < 3:
        raise ValueError(f"legal_colourings: n must be >= 3, got {n}")
    inner = np.arange(1, n - 1)
    sides = [(0, inner, LEFT), (n - 1, inner, RIGHT), (inner, 0, BOTTOM), (inner, n - 1, TOP)]
    free = [(x, y, pair) for xs, ys, pair in sides for x, y in np.broadcast(xs, ys)]
    interior = [(x, y) for x in inner for y in inner]
    total = 2 ** len(free) * 4 ** len(interior)
    idx = np.arange(total)
    col = np.empty((total, n, n), dtype=np.int8)
    col[:, 0, 0], col[:, n - 1, 0], col[:, n - 1, n - 1], col[:, 0, n - 1] = RED, GREEN, YELLOW, BLUE
    for x, y, pair in free:  # mixed-radix digits of idx
        col[:, x, y] = np.asarray(pair, dtype=np.int8)[idx % 2]
        idx = idx // 2
    for x, y in interior:
        col[:, x, y] = idx % 4
        idx = idx // 4
    return col


def snake(n: int, rng: np.random.Generator) -> np.ndarray:
    """A boundary-legal colouring with exactly one solution, hidden at the tip of a tube.

    Over a red background, a yellow core path enters at the top-right corner and fills the
    grid in a boustrophedon (runs on every other row, turns at x = 1 and x = n − 2), flanked
    by a green wall on one side and a blue wall on the other (the right column is green, the
    left column and the top row blue). The last run stops at a random tip, where one red
    vertex touches the core diagonally: the only square with red+yellow (blue+green meet in
    that same square). With probability ½ the grid is transposed and green/blue swapped, a
    symmetry of both the boundary rule and the solution set. Path following must walk the
    whole tube (≈ n²/2 squares).
    """
    if n < 6:
        raise ValueError(f"snake: n must be >= 6, got {n}")
    col = np.full((n, n), RED, dtype=np.int8)
    col[n - 1, :] = GREEN
    col[:, n - 1] = BLUE
    col[n - 1, n - 2:] = YELLOW                      # the tube's mouth at the top-right corner
    runs = (n - 4) // 2 + 1                          # run k on row n − 2 − 2k; last wall above row 0
    for k in range(runs):
        y = n - 2 - 2 * k
        col[0, y + 1] = col[0, y] = BLUE             # the left column is blue along the snake
        last = k == runs - 1
        if k % 2 == 0:                               # westward run; green wall below
            tip = int(rng.integers(2, n - 1)) if last else 1
            col[tip:n - 1, y] = YELLOW
            col[tip:, y - 1] = GREEN
            col[1, y - 1] = YELLOW if not last else col[1, y - 1]  # turn down at x = 1
            if last:                                 # cap: blue wall bends over the tip
                col[tip - 1, y] = BLUE
                col[:tip - 1, y] = RED
                col[:tip, y - 1] = RED
        else:                                        # eastward run; blue wall below
            tip = int(rng.integers(1, n - 2)) if last else n - 2
            col[1:tip + 1, y] = YELLOW
            col[:tip + 1, y - 1] = BLUE
            if not last:
                col[n - 2, y - 1] = YELLOW           # turn down at x = n − 2
            else:                                    # cap: green wall bends over the tip
                col[tip + 1, y] = GREEN
                col[tip + 2:n - 1, y] = RED
                col[tip + 1:n - 1, y - 1] = RED
    col[0, :y - 1] = RED                             # below the snake: red background
    if rng.random() < 0.5:
        col = np.array([RED, BLUE, YELLOW, GREEN], dtype=np.int8)[col.T]
    return col


class Oracle:
    """Query access to a colouring: `query(x, y)` (arrays) and `query_one(x, y)` (ints) return
    colours and remember which vertices were asked; `queries` counts distinct vertices (a
    repeated question is free)."""

    def __init__(self, col: np.ndarray):
        self.col = col
        self.n = col.shape[0]
        self._flat = col.ravel().tolist()            # plain lists: the path follower's loop
        self._seen = bytearray(col.size)
        self.seen = np.frombuffer(self._seen, dtype=bool).reshape(col.shape)  # shares memory

    def query(self, x, y):
        self.seen[x, y] = True
        return self.col[x, y]

    def query_one(self, x: int, y: int) -> int:
        k = x * self.n + y
        self._seen[k] = 1
        return self._flat[k]

    @property
    def queries(self) -> int:
        return int(self.seen.sum())


def certified(oracle: Oracle, square: tuple[int, int]) -> bool:
    """The square is in the grid and two of its corners that the solver queried have opposite
    colours (red+yellow or blue+green): the answer is verified from the solver's own queries."""
    x, y = square
    if not (0 <= x < oracle.n - 1 and 0 <= y < oracle.n - 1):
        return False
    known = [int(oracle.col[a, b]) for a, b in ((x, y), (x + 1, y), (x, y + 1), (x + 1, y + 1))
             if oracle.seen[a, b]]
    return any((a - b) % 4 == 2 for a in known for b in known)


def random_scan(oracle: Oracle, rng: np.random.Generator) -> tuple[int, int]:
    """Query vertices in a uniformly random order until some fully queried square is a solution.

    The stopping time is computed for all squares at once: a square is complete at the largest
    rank of its corners in the order, and the scan stops at the first complete solution square
    (the same count as querying one vertex at a time). The queried prefix is charged to `oracle`.
    """
    n = oracle.n
    order = rng.permutation(n * n)
    rank = np.empty(n * n, dtype=np.int64)
    rank[order] = np.arange(n * n)
    rank = rank.reshape(n, n)
    done = np.maximum.reduce([rank[:-1, :-1], rank[1:, :-1], rank[:-1, 1:], rank[1:, 1:]])
    done = np.where(solution_squares(oracle.col), done, n * n)
    x, y = np.unravel_index(int(done.argmin()), done.shape)
    first = order[:done[x, y] + 1]
    oracle.query(first // n, first % n)
    return int(x), int(y)


# Square (x, y): the neighbour across edge k (from corner k to k + 1, counter-clockwise).
_ACROSS = ((0, -1), (1, 0), (0, 1), (-1, 0))


def path_following(oracle: Oracle) -> tuple[int, int]:
    """Follow the doors from the boundary to a solution (the parity argument of Sperner).

    A door is an edge with yellow and blue ends. Read counter-clockwise around a square, a
    yellow→blue edge is an exit and blue→yellow an entrance; a square without opposite colours
    has as many of each (its winding is 0), so a walk that enters through an exit can always
    leave through an unused entrance. On the boundary, only the top row holds both colours and
    it has one more yellow→blue edge (counter-clockwise, i.e. right to left) than blue→yellow:
    walks start there and one of them ends at a solution.
    """
    n = oracle.n
    top = oracle.query(np.arange(n), np.full(n, n - 1))
    starts = [x for x in range(n - 1) if top[x + 1] == YELLOW and top[x] == BLUE]
    used = set()
    ask = oracle.query_one
    for x0 in starts:
        x, y = x0, n - 2
        while 0 <= x < n - 1 and 0 <= y < n - 1:
            q = (ask(x, y), ask(x + 1, y), ask(x + 1, y + 1), ask(x, y + 1))   # counter-clockwise
            if (RED in q and YELLOW in q) or (GREEN in q and BLUE in q):
                return x, y
            for k in range(4):
                if q[k] == BLUE and q[(k + 1) % 4] == YELLOW and (x, y, k) not in used:
                    break
            else:
                break
            used.add((x, y, k))
            x, y = x + _ACROSS[k][0], y + _ACROSS[k][1]
    raise RuntimeError("path_following: no walk from the boundary reached a solution")


def _rect_cycle(x0: int, y0: int, x1: int, y1: int) -> tuple[np.ndarray, np.ndarray]:
    """The boundary vertices of [x0, x1]×[y0, y1], counter-clockwise from (x0, y0), closed."""
    xs = np.r_[np.arange(x0, x1), np.full(y1 - y0, x1), np.arange(x1, x0, -1), np.full(y1 - y0, x0), x0]
    ys = np.r_[np.full(x1 - x0, y0), np.arange(y0, y1), np.full(x1 - x0, y1), np.arange(y1, y0, -1), y0]
    return xs, ys


def _winding(oracle: Oracle, rect: tuple[int, int, int, int]):
    """(quarter turns of the colour around `rect`, None) or (0, square) if a boundary edge of
    `rect` has opposite colours (that edge's square inside `rect` is a solution)."""
    _, _, x1, y1 = rect
    xs, ys = _rect_cycle(*rect)
    q = oracle.query(xs, ys).astype(np.int64)
    step = (q[1:] - q[:-1]) % 4
    bad = np.flatnonzero(step == 2)
    if bad.size:
        k = bad[0]
        return 0, (min(xs[k], xs[k + 1], x1 - 1), min(ys[k], ys[k + 1], y1 - 1))
    return int((step == 1).sum() - (step == 3).sum()), None


def winding_search(oracle: Oracle) -> tuple[int, int]:
    """Divide and conquer on the winding number (≈ 7N queries on an N×N grid).

    The whole grid has winding 4 quarter turns; split the current rectangle across its longer
    side and keep a half with non-zero winding (the two halves' windings add up, the shared
    line cancels). A unit square with non-zero winding holds all four colours.
    """
    n = oracle.n
    rect = (0, 0, n - 1, n - 1)
    w, sq = _winding(oracle, rect)
    while sq is None:
        x0, y0, x1, y1 = rect
        if w == 0:
            raise RuntimeError(f"winding_search: rectangle {rect} has winding 0")
        if x1 - x0 == 1 and y1 - y0 == 1:
            return x0, y0
        if x1 - x0 >= y1 - y0:
            m = (x0 + x1) // 2
            first, second = (x0, y0, m, y1), (m, y0, x1, y1)
        else:
            m = (y0 + y1) // 2
            first, second = (x0, y0, x1, m), (x0, m, x1, y1)
        w1, sq = _winding(oracle, first)
        rect, w = (first, w1) if w1 else (second, w - w1)
    return int(sq[0]), int(sq[1])
