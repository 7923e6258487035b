"""`run_gd` (variant `gd`): gradient descent on the saddle landscape and on matrix factorisation.

Every draw comes from a generator seeded by `ctx.seed`; tables (CSV) go to `ctx.out` for the
figures, histories to MLflow through `ctx.tracker`; the metrics are the claims' inputs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import torch

from strategic.contracts import RunContext
from strategic.games import factorisation, landscapes
from strategic.games import names as N
from strategic.games.config import GamesGD
from strategic.games.gradient_play import play

F64 = torch.float64


def run_gd(cfg: GamesGD, ctx: RunContext) -> dict[str, float]:
    """GD on f = ½x² + ¼y⁴ − ½y² from uniform inits, and GD on matrix factorisation."""
    gen = torch.Generator().manual_seed(ctx.seed)
    z0 = (2 * torch.rand(cfg.n_inits, 2, generator=gen, dtype=F64) - 1) * cfg.box  # [B, 2]
    every = max(1, cfg.steps // 200)
    state = {"f": landscapes.value(z0), "max_inc": torch.tensor(-np.inf, dtype=F64), "n_inc": 0,
             "paths": [(0, z0[:cfg.n_paths].clone())], "hist": []}
    ulp4 = 4 * torch.finfo(F64).eps  # an increase below 4 ulp of |f| is float64 rounding

    def observe(t, z):
        z = torch.from_numpy(z)
        f = landscapes.value(z)
        inc = f - state["f"]
        state["max_inc"] = torch.maximum(state["max_inc"], inc.max())
        state["n_inc"] += int((inc > ulp4 * state["f"].abs().clamp_min(1.0)).sum())
        state["f"] = f
        if t % every == 0:
            state["paths"].append((t, z[:cfg.n_paths].clone()))
        if t % cfg.block == 0 or t == cfg.steps:
            state["hist"].append((t, float(f.mean()), float(landscapes.grad(z).norm(dim=-1).max())))

    z = torch.from_numpy(play(landscapes.game(), z0.numpy(), "gda", cfg.lr, cfg.steps, observe))
    gn, lam = landscapes.grad(z).norm(dim=-1), landscapes.hess_min_eig(z)
    ctx.tracker.log_history({"train/mean_f": [(t, m) for t, m, _ in state["hist"]],
                             "train/max_grad_norm": [(t, g) for t, _, g in state["hist"]]})
    _write_paths(ctx.out / f"{N.T_GD_PATHS}.csv", state["paths"])
    _write_contour(ctx.out / f"{N.T_GD_CONTOUR}.csv", cfg.box)
    pd.DataFrame([(*p, "local minimum") for p in landscapes.MINIMA] + [(*landscapes.SADDLE, "saddle")],
                 columns=["x", "y", "kind"]).to_csv(ctx.out / f"{N.T_GD_CRITICAL}.csv", index=False)
    return {
        N.GD_FRAC_POS_CURVATURE: float((lam > 0).double().mean()),  # strict minima, not saddles
        N.GD_MAX_GRAD_NORM: float(gn.max()),
        N.GD_MIN_HESS_EIG: float(lam.min()),
        N.GD_MAX_F_INCREASE: float(state["max_inc"]),
        N.GD_N_F_INCREASES: float(state["n_inc"]),
        N.GD_N_INITS: float(cfg.n_inits),
        **_factorisation(cfg, gen, ctx.out, ctx.tracker),
    }


def _factorisation(cfg: GamesGD, gen: torch.Generator, out: Path, tracker) -> dict[str, float]:
    """GD on ¼‖UUᵀ − M‖²_F from `mf_inits` small random inits."""
    m = factorisation.random_psd(cfg.mf_n, cfg.mf_rank, gen)
    u0 = cfg.mf_init_scale * torch.randn(cfg.mf_inits, cfg.mf_n, cfg.mf_rank, generator=gen, dtype=F64)
    mf = factorisation.factorise(m, u0, cfg.mf_lr, cfg.mf_steps)
    idx = np.unique(np.geomspace(1, cfg.mf_steps + 1, 200).astype(int) - 1)
    hist = mf["loss"][idx]  # [T', B]
    pd.DataFrame({"step": np.repeat(idx, cfg.mf_inits), "init": np.tile(np.arange(cfg.mf_inits), len(idx)),
                  "loss": hist.reshape(-1).numpy()}).to_csv(out / f"{N.T_MF_LOSS}.csv", index=False)
    tracker.log_history({"mf/mean_loss": [(int(s), float(v)) for s, v in zip(idx, hist.mean(1))]})
    return {N.MF_MAX_REL_ERROR: float(mf["rel_error"].max())}


def _write_paths(path: Path, snaps: list[tuple[int, torch.Tensor]]) -> None:
    rows = [(t, i, float(p[0]), float(p[1])) for t, z in snaps for i, p in enumerate(z)]
    pd.DataFrame(rows, columns=["t", "init", "x", "y"]).to_csv(path, index=False)


def _write_contour(path: Path, box: float, n: int = 121) -> None:
    g = torch.linspace(-box, box, n, dtype=F64)
    xx, yy = torch.meshgrid(g, g, indexing="xy")
    f = landscapes.value(torch.stack([xx, yy], -1))
    pd.DataFrame({"x": xx.reshape(-1), "y": yy.reshape(-1), "f": f.reshape(-1)}).to_csv(path, index=False)
