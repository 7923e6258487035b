"""Speed of the finite-games hot paths (claims B3, B4), as ratios against references run here.

1. Support enumeration (B3): all games and support pairs as batched linear solves
   (`bimatrix.support_enumeration`) vs a loop over games and support pairs, one solve each.
2. CCE gaps of random joint distributions (B4): one array computation (`oracles.cce_gaps`) vs a
   Python loop over distributions. Both pairs of results are compared for equality.
3. The zero-sum LP on the 500-truncation of guess-the-larger (B4): HiGHS with presolve off (as
   `matrix_games.solve_zero_sum` runs it) vs presolve on.

Usage: python benchmarks/finite_games_speed.py [--games 200] [--size 4] [--joint 1000]
"""

from __future__ import annotations

import argparse
import time
from itertools import combinations

import numpy as np
from scipy.optimize import linprog

from strategic.games import bimatrix, matrix_games, oracles


def enumerate_loop(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Reference: equilibria per game by one small solve per (game, support pair)."""
    g, m, n = a.shape
    counts = np.zeros(g, int)
    for k in range(g):
        for s in range(1, min(m, n) + 1):
            for rows in combinations(range(m), s):
                for cols in combinations(range(n), s):
                    q = _indifferent(a[k][np.ix_(rows, cols)])
                    p = _indifferent(b[k][np.ix_(rows, cols)].T)
                    if q is None or p is None or min(p[0].min(), q[0].min()) <= 1e-9:
                        continue
                    qf, pf = np.zeros(n), np.zeros(m)
                    qf[list(cols)], pf[list(rows)] = q[0], p[0]
                    if (a[k] @ qf).max() <= q[1] + 1e-9 and (pf @ b[k]).max() <= p[1] + 1e-9:
                        counts[k] += 1
    return counts


def _indifferent(sub: np.ndarray):
    k = len(sub)
    mat = np.block([[sub, -np.ones((k, 1))], [np.ones((1, k)), np.zeros((1, 1))]])
    try:
        x = np.linalg.solve(mat, np.r_[np.zeros(k), 1.0])
    except np.linalg.LinAlgError:
        return None
    return x[:k], x[k]


def cce_loop(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Reference: each distribution's two deviation gains in a Python loop."""
    out = np.empty((len(x), 2))
    for i in range(len(x)):
        on = w[i] > 0
        xi, yi, wi = x[i][on], y[i][on], w[i][on]
        value = wi @ np.sign(xi - yi)
        out[i] = [wi @ np.sign(yi.max() + 1 - yi) - value, value - wi @ np.sign(xi - (xi.max() + 1))]
    return out


def lp_seconds(a: np.ndarray, presolve: bool) -> float:
    m, n = a.shape
    t = time.perf_counter()
    linprog(np.r_[np.zeros(m), -1.0], A_ub=np.c_[-a.T, np.ones(n)], b_ub=np.zeros(n),
            A_eq=np.r_[np.ones(m), 0.0][None], b_eq=[1.0], bounds=[(0, None)] * m + [(None, None)],
            method="highs", options={"presolve": presolve})
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--games", type=int, default=200)
    ap.add_argument("--size", type=int, default=4)
    ap.add_argument("--joint", type=int, default=1000)
    a = ap.parse_args()
    rng = np.random.default_rng(0)
    pa, pb = rng.standard_normal((2, a.games, a.size, a.size))
    t = time.perf_counter()
    res = bimatrix.support_enumeration(pa, pb)
    tb = time.perf_counter() - t
    t = time.perf_counter()
    ref = enumerate_loop(pa, pb)
    tl = time.perf_counter() - t
    assert (ref == res["count"]).all(), "batched and loop counts differ"
    print(f"support enumeration, {a.games} games {a.size}x{a.size} (counts agree)")
    print(f"  batched: {tb:8.3f} s   loop (reference): {tl:8.3f} s   ratio: {tl / tb:6.1f}x")

    x, y = rng.integers(1, 101, (2, a.joint, 10)).astype(float)
    w = rng.exponential(size=(a.joint, 10)) * (np.arange(10) < rng.integers(1, 11, a.joint)[:, None])
    w /= w.sum(1, keepdims=True)
    t = time.perf_counter()
    gb = oracles.cce_gaps(oracles.LARGER, x, y, w)
    tb = time.perf_counter() - t
    t = time.perf_counter()
    gl = cce_loop(x, y, w)
    tl = time.perf_counter() - t
    np.testing.assert_allclose(gb, gl, atol=1e-12)
    print(f"CCE gaps, {a.joint} joint distributions (results agree)")
    print(f"  batched: {tb:8.4f} s   loop (reference): {tl:8.4f} s   ratio: {tl / tb:6.1f}x")

    k = np.arange(1, 501, dtype=float)
    big = np.sign(k[:, None] - k[None, :])
    t = time.perf_counter()
    matrix_games.solve_zero_sum(big)
    both = time.perf_counter() - t
    off, on = lp_seconds(big, False), lp_seconds(big, True)
    print("zero-sum LP, guess-the-larger on {1..500} (one side's LP)")
    print(f"  presolve off: {off:8.3f} s   presolve on: {on:8.3f} s   ratio: {on / off:6.1f}x"
          f"   (solve_zero_sum: {both:.3f} s)")


if __name__ == "__main__":
    main()
