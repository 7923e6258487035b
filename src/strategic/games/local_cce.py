"""Local coarse correlated equilibria from gradient play (claim D2).

Cai-Daskalakis-Luo-Wei-Zheng (arXiv 2403.08171): projected gradient play
x_{t+1} = Π(x_t + ηV(x_t)) satisfies, exactly, (1/T) Σ_{t≤T} G_η(x_t) = (x_{T+1} − x_1)/(ηT)
with G_η(x) = (Π(x + ηV(x)) − x)/η, so the empirical distribution p_T of x_1..x_T has
‖E_p G_{η,i}‖ ≤ diam(S_i)/(ηT); unconstrained and L-smooth, its Φ_Proj(δ)-regret is at most
δ‖E_p ∇_i u_i‖ + L_i δ²/2. The iterates come from `gradient_play.trajectory`.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import torch
from torch import Tensor

from strategic.games.game import Game, gradient_mapping, grid_points


def deviation_gains(game: Game, x: Tensor, i: int, v: Tensor) -> Tensor:
    """u_i(Π_i(x_i + v_k), x_{−i}) − u_i(x) for every shift v_k and sample x_t, [K, T].

    x: [T, d] samples; v: [K, d_i] shifts of player i's block.
    """
    blk = game.block(i)
    k, t = len(v), len(x)
    y = x.unsqueeze(0).repeat(k, 1, 1)  # [K, T, d]
    y[..., blk] += v.unsqueeze(1)
    xs = x.unsqueeze(0).expand(k, t, game.d).reshape(k * t, game.d)
    moved = game.project(y.reshape(k * t, game.d), xs)
    return game.utility(moved)[:, i].reshape(k, t) - game.utility(x)[:, i]


def proj_regret(game: Game, samples: Tensor, deltas: Sequence[float], n_shifts: int = 201,
                chunk: int = 200_000) -> dict[str, Tensor]:
    """Φ_Proj(δ)-regret of the empirical distribution p of `samples` and of each sample alone.

    regret_i(p, δ) = max_{‖v‖≤δ} E_p[u_i(Π_i(x_i + v), x_{−i})] − E_p[u_i(x)]  (one v for all x;
    Cai-Daskalakis-Luo-Wei-Zheng's projection family). The max runs over `n_shifts` evenly
    spaced v ∈ [−δ, δ] (v = 0 included, so regrets are ≥ 0); players must be one-dimensional.

    Returns:
        'dist': [len(deltas), n] regret of p per player;
        'point': [len(deltas), T] regret of each sample as a point mass, max over players.
    """
    if any(di != 1 for di in game.dims):
        raise ValueError(f"proj_regret: players of {game.name!r} must be one-dimensional, got dims {game.dims}")
    if n_shifts < 3 or n_shifts % 2 == 0:
        raise ValueError(f"proj_regret: n_shifts must be odd and >= 3 (includes v = 0), got {n_shifts}")
    if any(not dl > 0 for dl in deltas):
        raise ValueError(f"proj_regret: deltas must be > 0, got {list(deltas)}")
    x = samples.reshape(-1, game.d)
    half = n_shifts // 2
    grid = (torch.arange(n_shifts, dtype=x.dtype, device=x.device) - half) / half  # 0 exactly
    per_k = max(1, chunk // len(x))
    dist = torch.zeros(len(deltas), game.n, dtype=x.dtype)
    point = torch.zeros(len(deltas), len(x), dtype=x.dtype)
    for a, delta in enumerate(deltas):
        for i in range(game.n):
            mean_best, point_best = -math.inf, torch.full((len(x),), -math.inf, dtype=x.dtype)
            for vs in (delta * grid).split(per_k):
                g = deviation_gains(game, x, i, vs.unsqueeze(-1))  # [k, T]
                mean_best = max(mean_best, float(g.mean(1).max()))
                point_best = torch.maximum(point_best, g.amax(0))
            dist[a, i] = mean_best
            point[a] = torch.maximum(point[a], point_best)
    return {"dist": dist, "point": point}


def own_curvature(game: Game, z: Tensor) -> Tensor:
    """L_i = max over the points z of ‖∂²u_i/∂z_i²‖₂ (player i's own smoothness), [n]."""
    jac = game.jacobian(z)
    return torch.stack([torch.linalg.matrix_norm(jac[:, game.block(i), game.block(i)], ord=2).max()
                        for i in range(game.n)])


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
                  box_n: int = 301, lips: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Φ_Proj(δ)-regret of each trajectory's p (per player), its best single iterate, and the bound.

    Returns 'dist' [B, D, n], 'best_point' [B, D] (min over iterates of max over players),
    'bound' [B, D, n] = δ‖E_p ∇_i u_i‖ + L_iδ²/2 with L_i given (a proven bound of player i's
    own curvature on the box, e.g. `f1.own_curvature_bound`) or else `own_curvature` on a
    box grid (an estimate).
    """
    b = xs.shape[1]
    lo, hi = game.lo, game.hi
    if lips is None:
        lips = own_curvature(game, grid_points(lo, hi, box_n)).numpy()  # [n]
    lips = np.asarray(lips, dtype=np.float64)
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
