"""Bimatrix games: every Nash equilibrium by support enumeration, batched over games (claim B3).

Row player's payoff A, column player's B, both [G, m, n] (G games at once); both maximise.
For a nondegenerate game every equilibrium (p, q) has supports I, J of equal size k, and
(q_J, v) solves A_IJ q_J = v·1, 1ᵀq_J = 1, (p_I, u) solves B_IJᵀ p_I = u·1, 1ᵀp_I = 1;
the pair is an equilibrium iff p_I, q_J > 0 and no pure strategy off the support earns more
(Nisan et al., Algorithmic Game Theory, §3.3). Nondegenerate games have an odd number of
equilibria (Lemke-Howson; Shapley 1974).

Degeneracy is detected, not assumed: a candidate whose decision margin (the smallest of its
strict inequalities) is within `tol` of 0, or whose linear system is singular, flags its game
`degenerate`; the count of such a game is not trusted (support enumeration with equal sizes
misses equilibria of degenerate games). Continuous random payoffs are nondegenerate w.p. 1.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np


def _supports(m: int, k: int) -> np.ndarray:
    """All k-subsets of range(m) as an index array [C(m, k), k]."""
    return np.array(list(combinations(range(m), k)), dtype=int).reshape(-1, k)


def _indifferent(sub: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Solve sub x = w·1, 1ᵀx = 1 for sub [..., k, k]; returns (x [..., k], w [...], singular)."""
    k = sub.shape[-1]
    mat = np.zeros(sub.shape[:-2] + (k + 1, k + 1))
    mat[..., :k, :k] = sub
    mat[..., :k, k] = -1.0
    mat[..., k, :k] = 1.0
    singular = np.abs(np.linalg.det(mat)) <= 1e-12 * np.abs(sub).max(axis=(-2, -1)).clip(1.0) ** k
    mat[singular] = np.eye(k + 1)                      # placeholder; the candidate is dropped
    rhs = np.zeros(mat.shape[:-1])
    rhs[..., k] = 1.0
    sol = np.linalg.solve(mat, rhs[..., None])[..., 0]
    return sol[..., :k], sol[..., k], singular


def support_enumeration(a: np.ndarray, b: np.ndarray, tol: float = 1e-9) -> dict[str, np.ndarray]:
    """Every equal-support candidate of every game, classified.

    Args:
        a, b: payoffs [G, m, n] of the row and the column player (both maximise).
        tol: a candidate whose decision margin is within tol of 0 marks its game degenerate.

    Returns:
        p [G, C, m], q [G, C, n]: candidate strategies (C = Σ_k C(m,k)·C(n,k));
        margin [G, C]: min(p_I, q_J, v − (Aq)_i for i ∉ I, u − (pᵀB)_j for j ∉ J); > tol ⇔ NE;
        is_eq [G, C]; singular [G, C]; regret [G, C]: max over players of the best pure gain;
        count [G]: equilibria per game; degenerate [G]: some |margin| ≤ tol or a singular system.
    """
    a, b = np.asarray(a, float), np.asarray(b, float)
    g, m, n = a.shape
    ps, qs, margins, sing = [], [], [], []
    for k in range(1, min(m, n) + 1):
        rows, cols = _supports(m, k), _supports(n, k)                  # [R, k], [S, k]
        ri, cj = rows[:, None, :, None], cols[None, :, None, :]
        q_j, v, s1 = _indifferent(a[:, ri, cj])                        # [G, R, S, k]
        p_i, u, s2 = _indifferent(np.swapaxes(b[:, ri, cj], -1, -2))
        p = np.zeros((g, len(rows), len(cols), m))
        q = np.zeros((g, len(rows), len(cols), n))
        np.put_along_axis(p, np.broadcast_to(rows[None, :, None, :], p_i.shape), p_i, -1)
        np.put_along_axis(q, np.broadcast_to(cols[None, None, :, :], q_j.shape), q_j, -1)
        off_row = np.ones((len(rows), m), bool)
        np.put_along_axis(off_row, rows, False, -1)
        off_col = np.ones((len(cols), n), bool)
        np.put_along_axis(off_col, cols, False, -1)
        row_slack = v[..., None] - np.einsum("gmn,grsn->grsm", a, q)   # ≥ 0 off I at a NE
        col_slack = u[..., None] - np.einsum("gmn,grsm->grsn", b, p)
        inf = np.inf
        margin = np.minimum.reduce([
            p_i.min(-1), q_j.min(-1),
            np.where(off_row[None, :, None, :], row_slack, inf).min(-1),
            np.where(off_col[None, None, :, :], col_slack, inf).min(-1)])
        ps.append(p.reshape(g, -1, m))
        qs.append(q.reshape(g, -1, n))
        margins.append(margin.reshape(g, -1))
        sing.append((s1 | s2).reshape(g, -1))
    p, q = np.concatenate(ps, 1), np.concatenate(qs, 1)
    margin, singular = np.concatenate(margins, 1), np.concatenate(sing, 1)
    is_eq = (margin > tol) & ~singular
    return {"p": p, "q": q, "margin": margin, "is_eq": is_eq, "singular": singular,
            "regret": regret(a, b, p, q), "count": is_eq.sum(1),
            "degenerate": ((np.abs(margin) <= tol) & ~singular).any(1) | singular.any(1)}


def regret(a: np.ndarray, b: np.ndarray, p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """max(max_i (Aq)_i − pᵀAq, max_j (pᵀB)_j − pᵀBq) for profiles p [G, C, m], q [G, C, n]."""
    aq = np.einsum("gmn,gcn->gcm", a, q)
    pb = np.einsum("gmn,gcm->gcn", b, p)
    return np.maximum(aq.max(-1) - (p * aq).sum(-1), pb.max(-1) - (pb * q).sum(-1))
