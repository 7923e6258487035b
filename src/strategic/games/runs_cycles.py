"""`run_cycles` (variant `cycles`): GDA, OGDA and EG cycle on nonconvex-nonconcave games
(Letcher's game, f1; a convergent control), and better-response paths cycle (pure on x·y,
alternating small steps on f1).

Generators seeded by `ctx.seed`, CSV tables into `ctx.out`, histories through `ctx.tracker`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import torch

from strategic.contracts import RunContext
from strategic.games import bilinear, f1, planar_play, toy_games
from strategic.games import names as N
from strategic.games.better_response import pure_better_response_cycle
from strategic.games.config import GamesCycles
from strategic.games.game import F64, grid_points, residual
from strategic.games.gradient_play import alternating_path

GAMES = {"f1": f1.game, "letcher": toy_games.letcher_game, "control": toy_games.control_game}
LOOPS = {"f1": f1.play_kernel, "letcher": toy_games.letcher_play_kernel,
         "control": toy_games.control_play_kernel}  # compiled `planar_play` of each field


def run_cycles(cfg: GamesCycles, ctx: RunContext) -> dict[str, float]:
    """Every method from `n_inits` uniform inits per game, per step size; then the C3 paths."""
    rng = np.random.default_rng(ctx.seed)
    b = cfg.n_inits
    z0 = rng.uniform(-cfg.box, cfg.box, (len(GAMES) * b, 2))  # rows k·B.. belong to game k
    keep = np.arange(min(cfg.n_paths, b))
    metrics: dict[str, float] = {N.A3_N_LRS: float(len(cfg.lrs))}
    paths, mins, f1_limit = [], [], None
    for eta in cfg.lrs:
        steps = round(cfg.horizon / eta)
        every = max(1, steps // cfg.path_points)
        for method in cfg.methods:
            for k, (name, make) in enumerate(GAMES.items()):
                game, start = make(cfg.box), z0[k * b:(k + 1) * b]
                out = planar_play.run(LOOPS[name], game.lo, game.hi, start, method, eta, steps,
                                      1 - cfg.tail, keep, every)
                mf = out["tail_min"]
                r = residual(game, torch.from_numpy(out["z"])).numpy()
                if method == "gda" and name == "f1" and f1_limit is None:  # C3 starts here
                    f1_limit = out["z"][0]
                paths.append(_paths(eta, method, name, every, np.clip(start[keep], game.lo, game.hi),
                                    out["records"], keep, cfg))
                mins.append(pd.DataFrame({"game": name, "method": method, "eta": eta,
                                          "init": np.arange(b), "min_field": mf, "final_res": r}))
                _fold(metrics, N.a3(name, method, "min_field"), float(mf.min()), min)
                _fold(metrics, N.a3(name, method, "max_res"), float(r.max()), max)
                metrics[N.a3(name, method, f"eta{eta:g}_min_field")] = float(mf.min())
    pd.concat(paths).to_csv(ctx.out / f"{N.T_A3_PATHS}.csv", index=False)
    pd.concat(mins).to_csv(ctx.out / f"{N.T_A3_MIN_FIELD}.csv", index=False)
    ctx.tracker.log_history({  # one point per step size, in config order
        f"a3/{g}_{m}_min_field": [(k, metrics[N.a3(g, m, f"eta{e:g}_min_field")])
                                  for k, e in enumerate(cfg.lrs)] for g in GAMES for m in cfg.methods})
    if f1_limit is None:
        raise ValueError("games.cycles.methods: C3 starts from GDA's limit point, include 'gda'")
    return {**metrics, **_xy_better_responses(cfg, ctx), **_f1_alternating(cfg, f1_limit, ctx)}


def _paths(eta, method, game, every, z0, records, keep, cfg: GamesCycles) -> pd.DataFrame:
    """The kept trajectories: z_0 and z_t at t = every, 2·every, ... (rows: t, init)."""
    zs = np.concatenate([z0[None], records])                     # [n + 1, K, 2]
    t = np.repeat(np.arange(len(zs)) * every, len(keep))
    return pd.DataFrame({"eta": eta, "method": method, "t": t, "game": game,
                         "init": np.tile(keep, len(zs)), "x": zs[..., 0].ravel(),
                         "y": zs[..., 1].ravel(), "box": cfg.box, "horizon": cfg.horizon})


def _fold(metrics: dict, key: str, value: float, how) -> None:
    metrics[key] = value if key not in metrics else how(metrics[key], value)


def _xy_better_responses(cfg: GamesCycles, ctx: RunContext) -> dict[str, float]:
    """Pure best responses on x·y over the grid of [−1, 1], from `br_start`."""
    grid = grid_points((-1, -1), (1, 1), cfg.br_grid)[:cfg.br_grid, 0]
    br = pure_better_response_cycle(bilinear.xy_game(b=1.0), grid, torch.tensor(cfg.br_start, dtype=F64),
                                    cfg.br_max_moves)
    path, gains = br["path"], br["gains"]
    returned = len(gains) > 0 and torch.equal(path[-1], path[0])
    pd.DataFrame({"move": np.arange(len(path)), "x": path[:, 0], "y": path[:, 1],
                  "gain": np.r_[np.nan, gains.numpy()]}).to_csv(ctx.out / f"{N.T_C3_XY_PATH}.csv", index=False)
    return {N.C3_XY_RETURNED: float(returned), N.C3_XY_N_MOVES: float(len(gains)),
            N.C3_XY_MIN_GAIN: float(gains.min()) if len(gains) else 0.0,
            N.C3_XY_MAX_GAIN: float(gains.max()) if len(gains) else 0.0}


def _f1_alternating(cfg: GamesCycles, f1_limit: np.ndarray, ctx: RunContext) -> dict[str, float]:
    """Alternating small steps on f1 from GDA's limit point, until the path returns."""
    game = f1.game(cfg.box)
    halves = alternating_path(game, f1_limit, cfg.c3_lr, cfg.c3_burn + cfg.c3_steps)[2 * cfg.c3_burn:]
    dist = np.linalg.norm(halves - halves[0], axis=1)
    left = np.flatnonzero(dist > cfg.c3_leave)
    ret = int(left[0] + np.argmin(dist[left[0]:])) if len(left) else len(halves) - 1
    cyc = torch.from_numpy(halves[:ret + 1])
    u = game.utility(cyc)                                 # [M, 2]
    mover = torch.arange(ret) % 2                         # θ moves first in every step
    gain = (u[1:] - u[:-1]).gather(1, mover[:, None])[:, 0]
    f = f1.value(cyc)
    df = f[2::2] - f[:-2:2]  # f after each full step (both players moved)
    sub = max(1, ret // 2000)
    pd.DataFrame({"half_step": np.arange(0, ret + 1, sub), "theta": cyc[::sub, 0], "omega": cyc[::sub, 1],
                  "f": f[::sub], "dist": dist[:ret + 1:sub]}).to_csv(ctx.out / f"{N.T_C3_F1_PATH}.csv", index=False)
    ctx.tracker.log_history({"c3/dist_to_start": [(int(k), float(dist[k]))
                                                  for k in range(0, ret + 1, max(1, ret // 200))]})
    return {
        N.C3_F1_RETURN_DIST: float(dist[ret]) if len(left) else float(cfg.c3_leave),
        N.C3_F1_RETURN_HALF_STEPS: float(ret),
        N.C3_F1_N_NONIMPROVING: float((gain <= 0).sum()),
        N.C3_F1_MIN_GAIN: float(gain.min()),
        N.C3_F1_N_F_UP: float((df > 0).sum()), N.C3_F1_N_F_DOWN: float((df < 0).sum()),
    }
