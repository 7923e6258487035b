"""`run_stonr` (variant `stonr`): STON'R on f1 finds the local Nash point (0, 0), where GDA,
OGDA and EG cycle; the GDA Jacobian at 0 (repelling, attracting with the roles swapped)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import torch

from strategic.contracts import RunContext
from strategic.games import f1 as F1
from strategic.games import names as N
from strategic.games import stonr
from strategic.games.config import GamesStonr
from strategic.games.game import F64, residual
from strategic.games.gradient_play import play, start

FIGURE_START = 0.1   # the first init is (0.1, 0.1): the figure shows the spiral away from 0


def run_stonr(cfg: GamesStonr, ctx: RunContext) -> dict[str, float]:
    """STON'R on [−box, box]² and on the corner regression box; Jacobians; gradient dynamics."""
    metrics: dict[str, float] = {}
    paths, exits = [], []
    for case, b in (("main", cfg.box), ("regression", cfg.regression_box)):
        r = stonr.stonr(F1.field_float, F1.jacobian_float, [-b, -b], [b, b], cfg.eps, step=cfg.step,
                        newton=cfg.newton, max_steps=cfg.max_steps)
        keep = np.unique(np.r_[np.linspace(0, len(r.path) - 1, 2000).astype(int), len(r.path) - 1])
        paths.append(pd.DataFrame({"case": case, "box": b, "step": keep, "x": r.path[keep, 0],
                                   "y": r.path[keep, 1], "epoch": r.epoch[keep]}))
        exits += [{"case": case, "kind": kind, "step": t, "i": i, "S": str(list(S)), "j": j,
                   "x": r.path[t, 0], "y": r.path[t, 1]} for kind, t, i, S, j in r.exits]
        res = float(residual(F1.game(b), torch.as_tensor(r.x, dtype=F64)[None])[0])
        metrics.update({N.stonr(case, k): v for k, v in {
            "converged": float(r.converged), "steps": float(r.steps),
            "x": float(r.x[0]), "y": float(r.x[1]),
            "norm_over_eps": float(np.linalg.norm(r.x)) / cfg.eps, "res_over_eps": res / cfg.eps,
            "bad_exits_to_first": float(r.bad_exits_to_first_epoch),
            "bad_exits": float(sum(e[0] == "bad" for e in r.exits))}.items()})
        if case == "regression":
            metrics[N.stonr(case, "dist_to_corner")] = float(np.abs(r.x + b).max())
        prefix = N.stonr(case, "").rstrip("_")
        ctx.tracker.log_history({f"{prefix}/abs_v_max": [
            (int(t), float(np.abs(F1.field_float(r.path[t])).max())) for t in keep[::20]]})
    pd.concat(paths).to_csv(ctx.out / f"{N.T_STONR_PATH}.csv", index=False)
    pd.DataFrame(exits).to_csv(ctx.out / f"{N.T_STONR_EXITS}.csv", index=False)
    for name, roles in (("gda", ("min", "max")), ("swapped", ("max", "min"))):
        metrics.update(_eigenvalues_at_0(name, roles))
    metrics.update(_dynamics(cfg, ctx))
    _write_contour(ctx, cfg.box)
    return metrics


def _eigenvalues_at_0(name: str, roles: tuple[str, str]) -> dict[str, float]:
    """Eigenvalues of the GDA field's Jacobian at (0, 0) for f1 with these roles, by autograd
    through f1's value (independent of the closed-form Hessian that STON'R uses), in closed
    form tr/2 ± √(tr²/4 − det) (the matrix is defective at 0)."""
    m = F1.game(1.0, roles, analytic=False).jacobian(torch.zeros(1, 2, dtype=F64))[0].numpy()
    half_tr, det = np.trace(m) / 2, m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0]
    root = np.sqrt(complex(half_tr**2 - det))
    eig = np.array([half_tr + root, half_tr - root])
    return {N.jac0(name, "eig_re_min"): float(eig.real.min()),
            N.jac0(name, "eig_re_max"): float(eig.real.max()),
            N.jac0(name, "eig_im_abs"): float(np.abs(eig.imag).max())}


def _dynamics(cfg: GamesStonr, ctx: RunContext) -> dict[str, float]:
    """Every method from `inits` points; min over the second half of ‖z_t‖ per init.

    Projected dynamics on the box (`gradient_play.play`); the inits are uniform in the box
    except the first (FIGURE_START).
    """
    game = F1.game(cfg.box)
    rng = np.random.default_rng(ctx.seed)
    z0 = rng.uniform(-cfg.box, cfg.box, (cfg.inits, 2))
    z0[0] = FIGURE_START
    every = max(1, cfg.steps // 400)
    metrics, rows = {}, []
    for method in cfg.methods:
        low = np.full(cfg.inits, np.inf)
        trace = [(0, start(game, z0)[:cfg.n_paths])]

        def observe(t: int, z: np.ndarray) -> None:
            if t > cfg.steps // 2:
                np.minimum(low, np.sqrt((z * z).sum(-1)), out=low)
            if t % every == 0 and t < cfg.steps:
                trace.append((t, z[:cfg.n_paths].copy()))

        z_t = play(game, z0, method, cfg.lr, cfg.steps, observe)
        trace.append((cfg.steps, z_t[:cfg.n_paths].copy()))
        metrics[N.dist_second_half(method, "min")] = float(low.min())
        metrics[N.dist_second_half(method, "max")] = float(low.max())
        rows += [(method, t, k, float(p[0]), float(p[1])) for t, z in trace for k, p in enumerate(z)]
        ctx.tracker.log_history({f"{method}/min_dist_second_half": [(cfg.steps, float(low.min()))]})
    metrics[N.dist_second_half("dynamics")] = min(metrics[N.dist_second_half(m)] for m in cfg.methods)
    pd.DataFrame(rows, columns=["method", "t", "init", "x", "y"]).to_csv(ctx.out / f"{N.T_F1_DYNAMICS}.csv",
                                                                         index=False)
    return metrics


def _write_contour(ctx: RunContext, box: float, n: int = 121) -> None:
    g = torch.linspace(-box, box, n, dtype=F64)
    xx, yy = torch.meshgrid(g, g, indexing="xy")
    f = F1.value(torch.stack([xx, yy], -1))
    pd.DataFrame({"x": xx.reshape(-1), "y": yy.reshape(-1), "f": f.reshape(-1)}) \
        .to_csv(ctx.out / f"{N.T_F1_CONTOUR}.csv", index=False)
