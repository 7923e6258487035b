"""`run_local` (variant `local`): first-order local Nash points as zeros of the residual, and
local coarse correlated equilibria from gradient play (Cai-Daskalakis-Luo-Wei-Zheng).

Generators seeded by `ctx.seed`, CSV tables into `ctx.out`, histories through `ctx.tracker`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import torch

from strategic.contracts import RunContext
from strategic.games import f1 as F1
from strategic.games import names as N
from strategic.games import toy_games
from strategic.games.config import GamesLocal
from strategic.games.game import F64, residual
from strategic.games.gradient_play import trajectory
from strategic.games.local_cce import player_norms, regret_curves, telescoping
from strategic.games.local_nash import (field_lipschitz, loglog_slope, min_residual_curve,
                                        residual_map, zero_free_cells)

TOL = 1e-12  # "zero residual": float64 rounding of O(1) quantities


def run_local(cfg: GamesLocal, ctx: RunContext) -> dict[str, float]:
    """Residual maps and a certificate that (0, 0) is f1's only zero; local CCE of gradient play."""
    return {**_local_nash(cfg, ctx), **_local_cce(cfg, ctx)}


def _local_nash(cfg: GamesLocal, ctx: RunContext) -> dict[str, float]:
    """Zero sets of the residual on three games; min residual vs h; u(x) = x with and without
    compactness."""
    box = cfg.box
    dist_g, f1, share = toy_games.distance_game(), F1.game(box), toy_games.share_game()
    z, r = residual_map(dist_g, (-1, -1), (1, 1), cfg.map_n)
    diag = z[:, 0] == z[:, 1]
    m = {N.C1_DIST_N_MISMATCH: float(((r <= TOL) != diag).sum()),
         N.C1_DIST_MIN_RES_OFF_DIAG: float(r[~diag].min())}

    z, r = residual_map(f1, (-box, -box), (box, box), cfg.map_n)
    origin = (z == 0).all(1)
    cert = zero_free_cells(f1, (-box, -box), (box, box), cfg.cert_n, F1.cell_field_lipschitz,
                           cfg.cert_depth)
    c = cert["centres"]
    m.update({N.C1_F1_N_GRID_ZEROS: float((r <= TOL).sum()), N.C1_F1_ORIGIN_RES: float(r[origin].max()),
              N.C1_F1_LIP_FIELD: cert["lip_box"], N.C1_F1_N_UNCERTIFIED: float(len(c)),
              N.C1_F1_LIP_SAMPLED: field_lipschitz(f1, (-box, -box), (box, box)),
              N.C1_F1_ZERO_REGION_RADIUS: float(c.norm(dim=1).max()) + cert["half_diagonal"] if len(c) else 0.0,
              N.C1_F1_CERT_EVALS: cert["evals"]})

    z, r = residual_map(share, (0, 0), (1, 1), cfg.map_n)
    inside = z.sum(1) <= 1 + TOL
    on = (z.sum(1) - 1).abs() <= TOL
    m.update({N.C1_JOINT_N_MISMATCH: float(((r <= TOL) != on)[inside].sum()),
              N.C1_JOINT_N_ZEROS: float((r[inside] <= TOL).sum()), N.C1_JOINT_N_EDGE: float(on.sum())})

    curve = min_residual_curve(f1, (-box, -box), (box, box), cfg.refine_ns)
    h, mins = zip(*curve)
    fine = min(len(h) // 2, len(h) - 2)  # the finer half of the grids (at least two)
    m.update({N.C1_MINRES_N_NOT_DECREASING: float(sum(b >= a for a, b in zip(mins, mins[1:]))),
              N.C1_MINRES_SLOPE: loglog_slope(h[fine:], mins[fine:]),
              N.C1_MINRES_FINEST: float(mins[-1])})
    pd.DataFrame({"n": cfg.refine_ns, "h": h, "min_res": mins}).to_csv(ctx.out / f"{N.T_C1_MINRES}.csv", index=False)

    xs = torch.linspace(-cfg.linear_range, cfg.linear_range, 2001, dtype=F64)[:, None]
    lin_r = residual(toy_games.linear_game(), xs)
    compact = toy_games.linear_game(cfg.linear_range)
    m.update({N.C1_LINEAR_MAX_DEV: float((lin_r - 1).abs().max()),
              N.C1_LINEAR_COMPACT_MIN_RES: float(residual(compact, xs).min())})
    _write_maps(ctx.out / f"{N.T_C1_MAPS}.csv", cfg, [("distance", dist_g, (-1, 1)), ("f1", f1, (-box, box)),
                                                ("share", share, (0, 1))])
    return m


def _write_maps(path, cfg: GamesLocal, games) -> None:
    rows = []
    for name, g, (lo, hi) in games:
        z, r = residual_map(g, (lo, lo), (hi, hi), cfg.fig_n)
        if g.slice_fn is not None:  # the jointly constrained S: blank outside it
            r = torch.where(z.sum(1) <= 1 + TOL, r, torch.nan)
        rows.append(pd.DataFrame({"game": name, "x": z[:, 0], "y": z[:, 1], "res": r}))
    pd.concat(rows).to_csv(path, index=False)


def _local_cce(cfg: GamesLocal, ctx: RunContext) -> dict[str, float]:
    """Gradient play on f1: the telescoping identity, |E_p G_eta| vs T, Φ_Proj(δ)-regrets."""
    f1, eta, steps = F1.game(cfg.box), cfg.lr, cfg.steps
    rng = np.random.default_rng(ctx.seed)
    xs = trajectory(f1, rng.uniform(-cfg.box, cfg.box, (cfg.n_inits, 2)), eta, steps)  # [T+1, B, 2]
    tel = telescoping(f1, xs, eta)
    ts = np.unique(np.geomspace(1, steps, cfg.n_T).round().astype(int))
    eg = player_norms(f1, tel["running"][ts - 1])               # [nT, B, n]
    diam = np.array([np.linalg.norm(np.subtract(f1.hi, f1.lo)[f1.block(i)]) for i in range(f1.n)])
    reg = regret_curves(f1, xs, cfg.deltas, cfg.n_shifts, lips=F1.own_curvature_bound(cfg.box))
    dl = np.asarray(cfg.deltas)
    pick = np.isin(dl, cfg.point_deltas)
    ratio = reg["dist"].max(-1)[:, pick] / reg["best_point"][:, pick]
    _write_d2(ctx.out, cfg, ts, eg, reg, diam, eta)
    ctx.tracker.log_history({"d2/max_EG_norm": [(int(t), float(e.max())) for t, e in zip(ts, eg)]})
    return {
        N.D2_TELESCOPE_ERR: float(np.abs(tel["mean_g"] - tel["telescoped"]).max()),
        N.D2_MAX_EG_TIMES_ETAT_OVER_DIAM: float((eg * eta * ts[:, None, None] / diam).max()),
        N.D2_MAX_EG_TIMES_ETAT: float((eg * eta * ts[:, None, None]).max()),
        N.D2_FINAL_EG_NORM: float(eg[-1].max()),
        N.D2_MEAN_FIELD_NORM: float(player_norms(f1, tel["mean_v"]).max()),
        N.D2_REGRET_BOUND_EXCESS: float((reg["dist"] - reg["bound"]).max()),
        N.D2_REGRET_RATIO_MAX: float(ratio.max()),
        N.D2_BEST_POINT_OVER_DELTA_MIN: float((reg["best_point"][:, pick] / dl[pick]).min()),
        N.D2_LIP_THETA: float(reg["lips"][0]), N.D2_LIP_OMEGA: float(reg["lips"][1]),
    }


def _write_d2(out, cfg: GamesLocal, ts, eg, reg, diam, eta) -> None:
    b, n = eg.shape[1], eg.shape[2]
    names = ("theta", "omega")
    pd.DataFrame([(k, int(t), names[i], eg[j, k, i], diam[i] / (eta * t)) for j, t in enumerate(ts)
                  for k in range(b) for i in range(n)],
                 columns=["init", "T", "player", "EG_norm", "bound"]).to_csv(out / f"{N.T_D2_RUNNING}.csv", index=False)
    rows = []
    for k in range(b):
        for a, d in enumerate(cfg.deltas):
            rows += [(k, d, f"p, {names[i]}", reg["dist"][k, a, i]) for i in range(n)]
            rows += [(k, d, f"bound, {names[i]}", reg["bound"][k, a, i]) for i in range(n)]
            rows.append((k, d, "best single iterate", reg["best_point"][k, a]))
    pd.DataFrame(rows, columns=["init", "delta", "series", "regret"]).to_csv(out / f"{N.T_D2_REGRET}.csv", index=False)
