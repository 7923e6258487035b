"""Finite zero-sum games: pure max-min / min-max, best responses, LP, threshold dimension
(claims B1, B2, D3).

Payoff matrix A[i, j] = u₁(x_i, y_j) to the row player (maximiser); the column player
minimises. The LP is the textbook one: max v s.t. pᵀA ≥ v·1, p ∈ Δ (von Neumann).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog


def distance_game(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Grid x_i = (2i − (n − 1))/(n − 1) (exact 0 and ±1) and A[i, j] = (x_i − x_j)²."""
    x = (2 * np.arange(n) - (n - 1)) / (n - 1)
    return x, (x[:, None] - x[None, :]) ** 2


def pure_values(a: np.ndarray) -> tuple[float, float]:
    """(max_i min_j A, min_j max_i A): the row's and the column's pure security levels."""
    return float(a.min(axis=1).max()), float(a.max(axis=0).min())


def mutual_best_responses(a: np.ndarray, tol: float = 0.0) -> np.ndarray:
    """Index pairs (i, j) where i is a best response to j and j to i (pure Nash); [k, 2]."""
    row_best = a >= a.max(axis=0, keepdims=True) - tol
    col_best = a <= a.min(axis=1, keepdims=True) + tol
    return np.argwhere(row_best & col_best)


class LPError(RuntimeError):
    """The LP solver did not return an optimal solution."""


def solve_zero_sum(a: np.ndarray) -> dict[str, object]:
    """Value and optimal mixed strategies of max_p min_q pᵀAq by one HiGHS LP.

    p solves the row player's LP; q is its dual (the multipliers of v ≤ (pᵀA)_j, von Neumann's
    duality). `value` = min_j (pᵀA)_j is what p guarantees, `value_col` = max_i (Aq)_i what q
    concedes, and `gap` = value_col − value ≥ 0 the duality gap of the returned (p, q): the LP's
    accuracy, checked rather than trusted. Non-finite payoffs or a failed solve raise LPError.
    """
    a = np.asarray(a, dtype=float)
    if a.ndim != 2 or a.size == 0 or not np.isfinite(a).all():
        raise LPError(f"payoff matrix must be 2-D, non-empty and finite (shape {a.shape})")
    p, q = _maximin(a)
    value, value_col = float((p @ a).min()), float((a @ q).max())
    return {"value": value, "value_col": value_col, "p": p, "q": q, "gap": value_col - value}


def _maximin(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """max_{p ∈ Δ} min_j (pᵀA)_j via variables (p, v): minimise −v; returns (p, dual q)."""
    m, n = a.shape
    c = np.r_[np.zeros(m), -1.0]
    a_ub = np.c_[-a.T, np.ones(n)]            # v − (pᵀA)_j ≤ 0
    a_eq = np.r_[np.ones(m), 0.0][None, :]
    bounds = [(0, None)] * m + [(None, None)]
    res = linprog(c, A_ub=a_ub, b_ub=np.zeros(n), A_eq=a_eq, b_eq=[1.0], bounds=bounds,
                  method="highs", options={"primal_feasibility_tolerance": 1e-10,
                                           "dual_feasibility_tolerance": 1e-10,
                                           "presolve": False})  # presolve: 40x slower on dense A
    if res.status != 0:
        raise LPError(f"HiGHS failed: {res.message}")
    return _simplex_point(res.x[:m]), _simplex_point(-res.ineqlin.marginals)


def _simplex_point(w: np.ndarray) -> np.ndarray:
    """Clip the solver's round-off negatives and renormalise onto the simplex."""
    w = np.clip(w, 0.0, None)
    return w / w.sum()


def threshold_dimension(m: np.ndarray) -> int:
    """Largest k with rows i_1..i_k, columns j_1..j_k and M[i_a, j_b] = 1[a ≥ b], by exhaustive
    search with pruning (M boolean, small). Assos-Attias et al. (COLT'23): double oracle
    learning converges when it is finite (guess-the-larger-number: unbounded; matching: 1).

    Pairs are added in order a = 1, 2, ...: the new row must be 1 on every chosen column, the new
    column 0 on every chosen row, and M[i_a, j_a] = 1.
    """
    m = np.asarray(m, dtype=bool)
    best = 0

    def extend(rows: list[int], cols: list[int]) -> None:
        nonlocal best
        best = max(best, len(rows))
        r_ok = m[:, cols].all(1)
        r_ok[rows] = False
        c_ok = ~m[rows, :].any(0)
        c_ok[cols] = False
        if len(rows) + min(r_ok.sum(), c_ok.sum()) <= best:
            return
        for i in np.flatnonzero(r_ok):
            for j in np.flatnonzero(c_ok & m[i]):
                extend(rows + [int(i)], cols + [int(j)])

    extend([], [])
    return best
