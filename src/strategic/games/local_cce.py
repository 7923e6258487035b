"""Local coarse correlated equilibria from gradient play (claim D2).

Cai-Daskalakis-Luo-Wei-Zheng (arXiv 2403.08171): projected gradient play
x_{t+1} = Π(x_t + ηV(x_t)) satisfies, exactly, (1/T) Σ_{t≤T} G_η(x_t) = (x_{T+1} − x_1)/(ηT)
with G_η(x) = (Π(x + ηV(x)) − x)/η, so the empirical distribution p_T of x_1..x_T has
‖E_p G_{η,i}‖ ≤ diam(S_i)/(ηT); unconstrained and L-smooth, its Φ_Proj(δ)-regret is at most
δ‖E_p ∇_i u_i‖ + L_i δ²/2.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import torch

from strategic.games.cycles import play
from strategic.games.game import Game, gradient_mapping, own_curvature, proj_regret, grid_points


def gradient_play(game: Game, x1: np.ndarray, eta: float, steps: int) -> np.ndarray:
    """Iterates x_1..x_{T+1} of projected GDA from x1 [B, d], as [T + 1, B, d]."""
    xs = np.empty((steps + 1, *np.shape(x1)))

    def record(t, z, v):
        xs[t] = z
    xs[steps] = play(game, x1, "gda", eta, steps, record)
    return xs


def telescoping(game: Game, xs: np.ndarray, eta: float) -> dict[str, np.ndarray]:
    """E_p[G_η] computed from G_η at every iterate, and (x_{T+1} − x_1)/(ηT); each [B, d].

    Also the running means E_{p_t}[G_η] for t = 1..T, [T, B, d], and E_p[V] [B, d].
    """
    t_, b, d = xs.shape[0] - 1, xs.shape[1], xs.shape[2]
    x = torch.from_numpy(xs[:-1].reshape(-1, d))
    g = gradient_mapping(game, x, eta).numpy().reshape(t_, b, d)
    v = game.field(x).numpy().reshape(t_, b, d)
    running = np.cumsum(g, 0) / np.arange(1, t_ + 1)[:, None, None]
    return {"mean_g": g.mean(0), "telescoped": (xs[-1] - xs[0]) / (eta * t_),
            "running": running, "mean_v": v.mean(0)}


def player_norms(game: Game, a: np.ndarray) -> np.ndarray:
    """‖a_i‖ per player over the last axis: [..., d] -> [..., n]."""
    return np.stack([np.linalg.norm(a[..., game.block(i)], axis=-1) for i in range(game.n)], -1)


def regret_curves(game: Game, xs: np.ndarray, deltas: Sequence[float], n_shifts: int,
                  box_n: int = 301) -> dict[str, np.ndarray]:
    """Φ_Proj(δ)-regret of each trajectory's p (per player), its best single iterate, and the bound.

    Returns 'dist' [B, D, n], 'best_point' [B, D] (min over iterates of max over players),
    'bound' [B, D, n] = δ‖E_p ∇_i u_i‖ + L_iδ²/2 with L_i from `own_curvature` on a box grid.
    """
    b = xs.shape[1]
    lo, hi = game.lo, game.hi
    lips = own_curvature(game, grid_points(lo, hi, box_n)).numpy()  # [n]
    dl = np.asarray(deltas, dtype=np.float64)
    dist, best, bound = [], [], []
    for k in range(b):
        x = torch.from_numpy(np.ascontiguousarray(xs[:-1, k]))
        reg = proj_regret(game, x, deltas, n_shifts)
        dist.append(reg["dist"].numpy())
        best.append(reg["point"].min(1).values.numpy())
        ev = player_norms(game, game.field(x).mean(0).numpy())  # ‖E_p ∇_i u_i‖, [n]
        bound.append(dl[:, None] * ev + lips * dl[:, None] ** 2 / 2)
    return {"dist": np.stack(dist), "best_point": np.stack(best), "bound": np.stack(bound),
            "lips": lips}
