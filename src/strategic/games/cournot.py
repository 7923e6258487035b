"""Cournot duopoly u_i = q_i(a − (q₁ + q₂)) − c·q_i on [0, q_max] (claim B3).

A concave game (u_i is concave in q_i), so a Nash equilibrium exists (Debreu 1952; Rosen 1965);
with a = 10, c = 1 it is q* = ((a − c)/3, (a − c)/3) = (3, 3). Projected gradient play
q ← Π(q + η ∇_i u_i(q)) contracts to it: the Jacobian [[−2, −1], [−1, −2]] has eigenvalues
−1 and −3, so the step factor is max(|1 − η|, |1 − 3η|) < 1 for 0 < η < 2/3.
"""

from __future__ import annotations

import numpy as np


def payoffs(q: np.ndarray, a: float = 10.0, c: float = 1.0) -> np.ndarray:
    """u_i = q_i(a − q₁ − q₂) − c q_i for profiles q [..., 2]."""
    return q * (a - q.sum(-1, keepdims=True)) - c * q


def own_gradient(q: np.ndarray, a: float = 10.0, c: float = 1.0) -> np.ndarray:
    """∂u_i/∂q_i = a − c − 2q_i − q_j, [..., 2]."""
    return a - c - q - q.sum(-1, keepdims=True)


def gradient_play(q0: np.ndarray, lr: float, steps: int, q_max: float = 10.0, a: float = 10.0,
                  c: float = 1.0) -> np.ndarray:
    """Simultaneous projected gradient play from q0 [B, 2]; returns the path [steps + 1, B, 2]."""
    path = np.empty((steps + 1,) + q0.shape)
    path[0] = q0
    for t in range(steps):
        path[t + 1] = np.clip(path[t] + lr * own_gradient(path[t], a, c), 0.0, q_max)
    return path


def unilateral_gain(q: np.ndarray, q_max: float = 10.0, a: float = 10.0, c: float = 1.0) -> np.ndarray:
    """max_i [u_i(BR_i(q_j), q_j) − u_i(q)] with the exact best response BR_i = Π((a − c − q_j)/2)."""
    other = q[..., ::-1]
    br = np.clip((a - c - other) / 2, 0.0, q_max)
    best = payoffs(np.stack([br[..., 0], other[..., 0]], -1), a, c)[..., 0]
    best2 = payoffs(np.stack([other[..., 1], br[..., 1]], -1), a, c)[..., 1]
    return np.maximum(best - payoffs(q, a, c)[..., 0], best2 - payoffs(q, a, c)[..., 1])
