"""`run_bilinear` (variant `bilinear`): GDA, alternating GDA, OGDA and EG on x·y and on the
linear WGAN toy, against the exact rates of `bilinear.rates`."""

from __future__ import annotations

import numpy as np
import pandas as pd
import torch

from strategic.contracts import RunContext
from strategic.games import bilinear
from strategic.games import names as N
from strategic.games.config import GamesBilinear
from strategic.games.gradient_play import play

F64 = torch.float64
PATH_STEPS = 400   # steps of each x·y trajectory kept for the figure


def run_bilinear(cfg: GamesBilinear, ctx: RunContext) -> dict[str, float]:
    """Per method: ‖z_t‖ on x·y from z0 and the distance to (v, 0) on the linear WGAN."""
    eta, theory = cfg.lr, bilinear.rates(cfg.lr)
    metrics: dict[str, float] = {N.rate(m, "rate_theory"): theory[m] for m in cfg.methods}
    norms, paths, dists = [], [], []
    v = torch.tensor([cfg.wgan_target], dtype=F64)
    wgan = bilinear.linear_wgan(v)
    for method in cfg.methods:
        n = _trajectory_norms(bilinear.xy_game(), np.array([cfg.z0]), method, eta, cfg.steps, paths)
        metrics.update(_rate_metrics(method, n, theory[method]))
        keep = np.unique(np.r_[np.arange(0, cfg.steps + 1, max(1, cfg.steps // 1000)), cfg.steps])
        norms.append(pd.DataFrame({"method": method, "t": keep, "norm": n[keep],
                                   "theory": n[0] * theory[method] ** keep, "eta": eta}))
        ctx.tracker.log_history({f"{method}/log_norm": [(int(t), float(np.log(n[t])))
                                                        for t in keep[::10]]})
        d = _trajectory_norms(wgan, np.zeros((1, 4)), method, eta, cfg.wgan_steps, None,
                              offset=torch.cat([v, torch.zeros_like(v)], -1))   # θ₀ = w₀ = 0
        metrics[N.wgan(method, "final_dist")] = float(d[-1])
        metrics[N.wgan(method, "dist_ratio")] = float(d[-1] / d[0])
        dists.append(pd.DataFrame({"method": method, "t": np.arange(len(d)), "dist": d,
                                   "v1": cfg.wgan_target[0], "v2": cfg.wgan_target[1]}))
    pd.concat(norms).to_csv(ctx.out / f"{N.T_BILINEAR_NORMS}.csv", index=False)
    pd.DataFrame(paths, columns=["method", "t", "x", "y"]).assign(eta=eta) \
        .to_csv(ctx.out / f"{N.T_BILINEAR_PATHS}.csv", index=False)
    pd.concat(dists).iloc[::5].to_csv(ctx.out / f"{N.T_WGAN_DIST}.csv", index=False)
    return metrics


def _trajectory_norms(game, z0, method, eta, steps, paths, offset=None) -> np.ndarray:
    """‖z_t − z*‖ for t = 0..steps (z* = offset, default 0); appends (x, y) rows to `paths`."""
    z0 = torch.from_numpy(np.asarray(z0, dtype=np.float64))
    offset = torch.zeros_like(z0) if offset is None else offset
    norms = np.empty(steps + 1)
    norms[0] = float((z0 - offset).norm())
    if paths is not None:
        paths.append((method, 0, float(z0[0, 0]), float(z0[0, 1])))

    def observe(t, z):
        z = torch.from_numpy(z)
        norms[t] = float((z - offset).norm())
        if paths is not None and t <= PATH_STEPS:
            paths.append((method, t, float(z[0, 0]), float(z[0, 1])))

    play(game, z0.numpy(), method, eta, steps, observe)
    return norms


def _rate_metrics(method: str, n: np.ndarray, theory: float) -> dict[str, float]:
    """Per-step factor errors (exact per step for GDA/EG, asymptotic for OGDA); bounds for alt."""
    ratios = n[1:] / n[:-1]
    half = len(n) // 2
    asym = (n[-1] / n[half]) ** (1.0 / (len(n) - 1 - half))
    return {
        N.rate(method, "max_step_factor_err"): float(np.abs(ratios - theory).max()),
        N.rate(method, "asym_rate"): float(asym),
        N.rate(method, "asym_rate_err"): float(abs(asym - theory)),
        N.rate(method, "norm_ratio_min"): float(n.min() / n[0]),
        N.rate(method, "norm_ratio_max"): float(n.max() / n[0]),
    }
