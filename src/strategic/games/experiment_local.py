"""`run(cfg, ctx) -> metrics` for the variants `cycles` (A3, C3) and `local` (C1, D2).

Same contract as experiment.py: generators seeded by `ctx.seed`, CSV tables into `ctx.out`,
histories through `ctx.tracker`, flat float metrics for the claims.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import torch

from strategic.games import game as G
from strategic.games import toys
from strategic.games.config import GamesCycles, GamesLocal
from strategic.games.cycles import (alternating_path, play, pure_better_response_cycle,
                                    stack_games, tail_min_field)
from strategic.games.local_cce import gradient_play, player_norms, regret_curves, telescoping
from strategic.games.local_nash import (field_lipschitz, loglog_slope, min_residual_curve,
                                        residual_map, zero_free_cells)
from strategic.contracts import RunContext

A3_GAMES = ("f1", "letcher", "control")
TOL = 1e-12  # "zero residual": float64 rounding of O(1) quantities


# ----------------------------------------------------------------------------- A3 + C3
def run_cycles(cfg: GamesCycles, ctx: RunContext) -> dict[str, float]:
    """A3: GDA/OGDA/EG from uniform inits on Letcher's game, f1 and a convergent control;
    C3: better-response cycles (pure on x·y, alternating small steps on f1)."""
    rng = np.random.default_rng(ctx.seed)
    games = [G.f1_game(cfg.box), G.letcher_game(cfg.box), G.control_game(cfg.box)]
    stack, b = stack_games(games), cfg.n_inits
    z0 = rng.uniform(-cfg.box, cfg.box, (len(games) * b, 2))  # rows k·B.. belong to games[k]
    keep = np.concatenate([k * b + np.arange(min(cfg.n_paths, b)) for k in range(len(games))])
    metrics: dict[str, float] = {"a3_n_lrs": float(len(cfg.lrs))}
    paths, mins, f1_limit = [], [], None
    for eta in cfg.lrs:
        steps = round(cfg.horizon / eta)
        every = max(1, steps // cfg.path_points)
        for method in cfg.methods:
            tail, track = tail_min_field(steps, 1 - cfg.tail)

            def observe(t, z, v):
                track(t, z, v)
                if t % every == 0:
                    paths.append((eta, method, t, z[keep].copy()))
            z = play(stack, z0, method, eta, steps, observe)
            res = G.residual(stack, torch.from_numpy(z)).numpy()
            if method == "gda" and f1_limit is None:   # C3 starts at GDA's limit point on f1
                f1_limit = z[A3_GAMES.index("f1") * b]
            for k, name in enumerate(A3_GAMES):
                mf, r = tail["min"][k * b:(k + 1) * b], res[k * b:(k + 1) * b]
                mins.append(pd.DataFrame({"game": name, "method": method, "eta": eta,
                                          "init": np.arange(b), "min_field": mf, "final_res": r}))
                _fold(metrics, f"a3_{name}_{method}_min_field", float(mf.min()), min)
                _fold(metrics, f"a3_{name}_{method}_max_res", float(r.max()), max)
                metrics[f"a3_{name}_{method}_eta{eta:g}_min_field"] = float(mf.min())
    _write_a3_paths(ctx.out / "a3_paths.csv", paths, keep, b)
    pd.concat(mins).to_csv(ctx.out / "a3_min_field.csv", index=False)
    ctx.tracker.log_history({  # one point per step size, in config order
        f"a3/{g}_{m}_min_field": [(k, metrics[f"a3_{g}_{m}_eta{e:g}_min_field"])
                                  for k, e in enumerate(cfg.lrs)] for g in A3_GAMES for m in cfg.methods})
    if f1_limit is None:
        raise ValueError("games.cycles.methods: C3 starts from GDA's limit point, include 'gda'")
    metrics.update(_c3(cfg, f1_limit, ctx))
    return metrics


def _fold(metrics: dict, key: str, value: float, how) -> None:
    metrics[key] = value if key not in metrics else how(metrics[key], value)


def _write_a3_paths(path, paths, keep, b) -> None:
    games = np.array(A3_GAMES)[keep // b]
    rows = [pd.DataFrame({"eta": eta, "method": m, "t": t, "game": games, "init": keep % b,
                          "x": z[:, 0], "y": z[:, 1]}) for eta, m, t, z in paths]
    pd.concat(rows).to_csv(path, index=False)


def _c3(cfg: GamesCycles, f1_limit: np.ndarray, ctx: RunContext) -> dict[str, float]:
    """C3: pure better responses on x·y over [−1, 1]²; alternating small steps on f1."""
    bil = G.bilinear_game(1.0)
    grid = G.grid_points((-1, -1), (1, 1), cfg.br_grid)[:cfg.br_grid, 0]
    br = pure_better_response_cycle(bil, grid, torch.tensor(cfg.br_start, dtype=G.F64), cfg.br_max_moves)
    path, gains = br["path"], br["gains"]
    returned = len(gains) > 0 and torch.equal(path[-1], path[0])
    pd.DataFrame({"move": np.arange(len(path)), "x": path[:, 0], "y": path[:, 1],
                  "gain": np.r_[np.nan, gains.numpy()]}).to_csv(ctx.out / "c3_xy_path.csv", index=False)

    f1 = G.f1_game(cfg.box)
    halves = alternating_path(f1, f1_limit, cfg.c3_lr, cfg.c3_burn + cfg.c3_steps)[2 * cfg.c3_burn:]
    dist = np.linalg.norm(halves - halves[0], axis=1)
    left = np.flatnonzero(dist > cfg.c3_leave)
    ret = int(left[0] + np.argmin(dist[left[0]:])) if len(left) else len(halves) - 1
    cyc = torch.from_numpy(halves[:ret + 1])
    u = f1.utility(cyc)                                   # [M, 2]
    mover = torch.arange(ret) % 2                         # θ moves first in every step
    gain = (u[1:] - u[:-1]).gather(1, mover[:, None])[:, 0]
    f = toys.f1(cyc)
    df = f[2::2] - f[:-2:2]  # f after each full step (both players moved)
    sub = max(1, ret // 2000)
    pd.DataFrame({"half_step": np.arange(0, ret + 1, sub), "theta": cyc[::sub, 0], "omega": cyc[::sub, 1],
                  "f": f[::sub], "dist": dist[:ret + 1:sub]}).to_csv(ctx.out / "c3_f1_path.csv", index=False)
    ctx.tracker.log_history({"c3/dist_to_start": [(int(k), float(dist[k])) for k in range(0, ret + 1, max(1, ret // 200))]})
    return {
        "c3_xy_returned": float(returned), "c3_xy_n_moves": float(len(gains)),
        "c3_xy_min_gain": float(gains.min()) if len(gains) else 0.0,
        "c3_xy_max_gain": float(gains.max()) if len(gains) else 0.0,
        "c3_f1_return_dist": float(dist[ret]) if len(left) else float(cfg.c3_leave),
        "c3_f1_return_half_steps": float(ret),
        "c3_f1_n_nonimproving": float((gain <= 0).sum()),
        "c3_f1_min_gain": float(gain.min()),
        "c3_f1_n_f_up": float((df > 0).sum()), "c3_f1_n_f_down": float((df < 0).sum()),
    }


# ----------------------------------------------------------------------------- C1 + D2
def run_local(cfg: GamesLocal, ctx: RunContext) -> dict[str, float]:
    """C1: residual maps and a certificate that (0, 0) is f1's only zero; D2: local CCE."""
    metrics = _c1(cfg, ctx)
    metrics.update(_d2(cfg, ctx))
    return metrics


def _c1(cfg: GamesLocal, ctx: RunContext) -> dict[str, float]:
    box = cfg.box
    dist_g, f1, share = G.distance_game(), G.f1_game(box), G.share_game()
    z, r = residual_map(dist_g, (-1, -1), (1, 1), cfg.map_n)
    diag = z[:, 0] == z[:, 1]
    m = {"c1_dist_n_mismatch": float(((r <= TOL) != diag).sum()),
         "c1_dist_min_res_off_diag": float(r[~diag].min())}

    z, r = residual_map(f1, (-box, -box), (box, box), cfg.map_n)
    origin = (z == 0).all(1)
    lip = field_lipschitz(f1, (-box, -box), (box, box))
    cert = zero_free_cells(f1, (-box, -box), (box, box), cfg.cert_n, lip, cfg.cert_depth)
    c = cert["centres"]
    m.update({"c1_f1_n_grid_zeros": float((r <= TOL).sum()), "c1_f1_origin_res": float(r[origin].max()),
              "c1_f1_lip_field": lip, "c1_f1_n_uncertified": float(len(c)),
              "c1_f1_zero_region_radius": float(c.norm(dim=1).max()) + cert["half_diagonal"] if len(c) else 0.0,
              "c1_f1_cert_evals": cert["evals"]})

    z, r = residual_map(share, (0, 0), (1, 1), cfg.map_n)
    inside = z.sum(1) <= 1 + TOL
    on = (z.sum(1) - 1).abs() <= TOL
    m.update({"c1_joint_n_mismatch": float(((r <= TOL) != on)[inside].sum()),
              "c1_joint_n_zeros": float((r[inside] <= TOL).sum()), "c1_joint_n_edge": float(on.sum())})

    curve = min_residual_curve(f1, (-box, -box), (box, box), cfg.refine_ns)
    h, mins = zip(*curve)
    fine = min(len(h) // 2, len(h) - 2)  # the finer half of the grids (at least two)
    m.update({"c1_minres_n_not_decreasing": float(sum(b >= a for a, b in zip(mins, mins[1:]))),
              "c1_minres_slope": loglog_slope(h[fine:], mins[fine:]),
              "c1_minres_finest": float(mins[-1])})
    pd.DataFrame({"n": cfg.refine_ns, "h": h, "min_res": mins}).to_csv(ctx.out / "c1_minres.csv", index=False)

    xs = torch.linspace(-cfg.linear_range, cfg.linear_range, 2001, dtype=G.F64)[:, None]
    lin_r = G.residual(G.linear_game(), xs)
    compact = G.Game("linear-box", (1,), lambda x: x[..., :1].clone(), (-cfg.linear_range,),
                     (cfg.linear_range,), (False,))
    m.update({"c1_linear_max_dev": float((lin_r - 1).abs().max()),
              "c1_linear_compact_min_res": float(G.residual(compact, xs).min())})
    _write_maps(ctx.out / "c1_maps.csv", cfg, [("distance", dist_g, (-1, 1)), ("f1", f1, (-box, box)),
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


def _d2(cfg: GamesLocal, ctx: RunContext) -> dict[str, float]:
    f1, eta, steps = G.f1_game(cfg.box), cfg.lr, cfg.steps
    rng = np.random.default_rng(ctx.seed)
    xs = gradient_play(f1, rng.uniform(-cfg.box, cfg.box, (cfg.n_inits, 2)), eta, steps)  # [T+1, B, 2]
    tel = telescoping(f1, xs, eta)
    ts = np.unique(np.geomspace(1, steps, cfg.n_T).round().astype(int))
    eg = player_norms(f1, tel["running"][ts - 1])               # [nT, B, n]
    diam = np.array([np.linalg.norm(np.subtract(f1.hi, f1.lo)[f1.block(i)]) for i in range(f1.n)])
    reg = regret_curves(f1, xs, cfg.deltas, cfg.n_shifts)
    dl = np.asarray(cfg.deltas)
    pick = np.isin(dl, cfg.point_deltas)
    ratio = reg["dist"].max(-1)[:, pick] / reg["best_point"][:, pick]
    _write_d2(ctx.out, cfg, ts, eg, reg, diam, eta)
    ctx.tracker.log_history({"d2/max_EG_norm": [(int(t), float(e.max())) for t, e in zip(ts, eg)]})
    return {
        "d2_telescope_err": float(np.abs(tel["mean_g"] - tel["telescoped"]).max()),
        "d2_max_EG_times_etaT_over_diam": float((eg * eta * ts[:, None, None] / diam).max()),
        "d2_max_EG_times_etaT": float((eg * eta * ts[:, None, None]).max()),
        "d2_final_EG_norm": float(eg[-1].max()),
        "d2_mean_field_norm": float(player_norms(f1, tel["mean_v"]).max()),
        "d2_regret_bound_excess": float((reg["dist"] - reg["bound"]).max()),
        "d2_regret_ratio_max": float(ratio.max()),
        "d2_best_point_over_delta_min": float((reg["best_point"][:, pick] / dl[pick]).min()),
        "d2_lip_theta": float(reg["lips"][0]), "d2_lip_omega": float(reg["lips"][1]),
    }


def _write_d2(out, cfg: GamesLocal, ts, eg, reg, diam, eta) -> None:
    b, n = eg.shape[1], eg.shape[2]
    names = ("theta", "omega")
    pd.DataFrame([(k, int(t), names[i], eg[j, k, i], diam[i] / (eta * t)) for j, t in enumerate(ts)
                  for k in range(b) for i in range(n)],
                 columns=["init", "T", "player", "EG_norm", "bound"]).to_csv(out / "d2_running.csv", index=False)
    rows = []
    for k in range(b):
        for a, d in enumerate(cfg.deltas):
            rows += [(k, d, f"p, {names[i]}", reg["dist"][k, a, i]) for i in range(n)]
            rows += [(k, d, f"bound, {names[i]}", reg["bound"][k, a, i]) for i in range(n)]
            rows.append((k, d, "best single iterate", reg["best_point"][k, a]))
    pd.DataFrame(rows, columns=["init", "delta", "series", "regret"]).to_csv(out / "d2_regret.csv", index=False)
