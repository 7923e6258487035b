"""Cournot duopoly u_i = q_i(a − (q₁ + q₂)) − c·q_i on [0, q_max]² (claim B3).

A concave game (u_i is concave in q_i), so a Nash equilibrium exists (Debreu 1952; Rosen 1965);
it is q_i* = (a − c)/3 = 3 for a = 10, c = 1 (`nash`). Projected gradient play
q ← Π(q + η ∇_i u_i(q)) contracts to it: the Jacobian [[−2, −1], [−1, −2]] has eigenvalues
−1 and −3, so the step factor is max(|1 − η|, |1 − 3η|) < 1 for 0 < η < 2/3.
The formulas work on numpy arrays and torch tensors alike.
"""

from __future__ import annotations

import numpy as np

from strategic.games.game import Game

A, C, Q_MAX = 10.0, 1.0, 10.0   # demand intercept, unit cost, capacity


def payoffs(q, a: float = A, c: float = C):
    """u_i = q_i(a − q₁ − q₂) − c q_i for profiles q [..., 2]."""
    return q * (a - q.sum(-1, keepdims=True)) - c * q


def own_gradient(q, a: float = A, c: float = C):
    """∂u_i/∂q_i = a − c − 2q_i − q_j, [..., 2]."""
    return a - c - q - q.sum(-1, keepdims=True)


def nash(a: float = A, c: float = C) -> float:
    """Each firm's equilibrium quantity (a − c)/3 (interior when it is ≤ q_max)."""
    return (a - c) / 3


def best_response(other: np.ndarray, q_max: float = Q_MAX, a: float = A, c: float = C) -> np.ndarray:
    """argmax_{q_i ∈ [0, q_max]} u_i(q_i, q_j) = Π((a − c − q_j)/2)."""
    return np.clip((a - c - other) / 2, 0.0, q_max)


def game(q_max: float = Q_MAX, a: float = A, c: float = C) -> Game:
    """The duopoly as a Game (both firms maximise profit)."""
    return Game("cournot", (1, 1), lambda q: payoffs(q, a, c), (0.0, 0.0), (q_max, q_max),
                (False, False), lambda q: own_gradient(q, a, c))


def unilateral_gain(q: np.ndarray, q_max: float = Q_MAX, a: float = A, c: float = C) -> np.ndarray:
    """max_i [u_i(BR_i(q_j), q_j) − u_i(q)] with the exact best response."""
    other = q[..., ::-1]
    br = best_response(other, q_max, a, c)
    best = payoffs(np.stack([br[..., 0], other[..., 0]], -1), a, c)[..., 0]
    best2 = payoffs(np.stack([other[..., 1], br[..., 1]], -1), a, c)[..., 1]
    return np.maximum(best - payoffs(q, a, c)[..., 0], best2 - payoffs(q, a, c)[..., 1])
