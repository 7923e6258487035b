"""`run(cfg, ctx) -> metrics` for each variant of the `pricing` study (Calvano et al. 2020).

A run is one seed: a block of `cfg.sessions` independent sessions run to convergence by the
numba engine inside `strategic.train.fit` (checkpoints; histories to MLflow and history.csv).
Per-session outcomes go to `sessions.csv`, impulse responses to `impulse.csv`; the returned metrics are
per-seed summaries that the claims check reduces over seeds.
"""

from __future__ import annotations

import time
from dataclasses import asdict

import numpy as np
import pandas as pd

from strategic.pricing import env, outcomes
from strategic.pricing import names as N
from strategic.pricing.config import PricingBaseline, PricingGrid
from strategic.contracts import RunContext


def _simulate(cfg, alpha: np.ndarray, beta: np.ndarray, ctx: RunContext, table: np.ndarray):
    """Run len(alpha) sessions of seed ctx.seed to convergence; returns (sessions, stats)."""
    import numba
    import torch

    from strategic import train
    from strategic.pricing.engine import Sessions
    from strategic.pricing.module import SessionsModule

    numba.set_num_threads(min(torch.get_num_threads(), numba.config.NUMBA_NUM_THREADS))
    seeds = np.random.SeedSequence(ctx.seed).generate_state(len(alpha), dtype=np.uint64)
    q0 = env.initial_q(table, cfg.delta)
    module = SessionsModule(Sessions.start(q0, seeds), table, alpha, beta, cfg.delta, cfg.block,
                            cfg.conv_periods, cfg.max_periods)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    train.fit(module, ctx, steps=module.blocks, key=asdict(cfg), ckpt_every=cfg.ckpt_every,
              metric="train/active_sessions", progress_every=5)
    cpu = time.process_time() - cpu0
    stats = {"session_periods": float(module.session_periods), "engine_cpu_s": cpu,
             "engine_wall_s": time.perf_counter() - wall0,
             "msp_per_cpu_s": module.session_periods / max(cpu, 1e-9) / 1e6,
             "state_mb": module.sessions.nbytes / 2**20}
    return module.sessions, stats


def _market(cfg):
    grid = env.price_grid(cfg.m, cfg.xi)
    pn, pm = env.nash_price(), env.monopoly_price()
    return grid, env.profit_table(grid), pn, pm, float(env.profits(pn, pn)[0]), float(env.profits(pm, pm)[0])


def run_sessions(cfg: PricingBaseline, ctx: RunContext) -> dict[str, float]:
    """G1, G2: sessions at (α, β, δ); Δ over limit cycles; impulse response of a deviation."""
    grid, table, pn, pm, pin, pim = _market(cfg)
    S = cfg.sessions
    ss, stats = _simulate(cfg, np.full(S, cfg.alpha), np.full(S, cfg.beta), ctx, table)
    conv = ss.stable >= cfg.conv_periods
    lc = outcomes.limit_cycle(ss.qarg, ss.state, grid, table)
    gain = outcomes.profit_gain((lc["pi1"] + lc["pi2"]) / 2, pin, pim)
    ir = outcomes.impulse_response(ss.qarg, lc["state"], table, cfg.horizon, cfg.ir_delta)
    fp = lc["length"] == 1
    pd.DataFrame({"session": np.arange(S), "converged": conv, "periods": ss.t,
                  "cycle_length": lc["length"], "p1": lc["p1"], "p2": lc["p2"], "pi1": lc["pi1"],
                  "pi2": lc["pi2"], "delta": gain, "deviation_gain": ir["gain"],
                  "rival_cut": _rival_cut(grid[ir["dev"]]), "fixed_point": fp}) \
        .to_csv(ctx.out / f"{N.T_SESSIONS}.csv", index=False)
    _write_impulse(ctx.out / f"{N.T_IMPULSE}.csv", grid[ir["dev"]], fp, pn, pm)
    return {N.P_NASH: pn, N.P_MONO: pm, N.P_NASH_ERR: abs(pn - N.PN_PAPER),
            N.P_MONO_ERR: abs(pm - N.PM_PAPER), "pi_nash": pin, "pi_mono": pim,
            "sessions": float(S), N.CONVERGED_SHARE: float(conv.mean()),
            "mean_periods": float(ss.t[conv].mean()) if conv.any() else np.nan,
            "median_periods": float(np.median(ss.t)), "max_session_periods": float(ss.t.max()),
            N.DELTA_MEAN: float(gain.mean()), "delta_sd": float(gain.std(ddof=1)) if S > 1 else 0.0,
            "delta_median": float(np.median(gain)), N.FIXED_POINT_SHARE: float(fp.mean()),
            **_impulse_metrics(grid[ir["dev"]][fp], ir["gain"][fp]), **stats}


def _rival_cut(prices: np.ndarray) -> np.ndarray:
    """Rival's price one period after the deviation below its pre-shock price, per session [S]."""
    return prices[:, 0, 1] - prices[:, N.TAU_DEVIATION + 1, 1]


def _impulse_metrics(prices: np.ndarray, gain: np.ndarray) -> dict[str, float]:
    """CLAIMS G2 on fixed-point sessions: prices [F, τ = 0..H+1, 2], relative gains [F]."""
    if not len(gain):
        return {N.N_FIXED_POINT: 0.0}
    dev, after = N.TAU_DEVIATION, N.TAU_DEVIATION + 1
    mean = prices.mean(0)                       # [H+2, 2]
    off = np.abs(mean - mean[0]).max(1)          # both firms' distance from pre-shock
    over = np.flatnonzero(off[after:] > N.RETURN_TOL) + after   # τ ≥ 2 still away from pre-shock
    return {N.N_FIXED_POINT: float(len(gain)),
            "ir_pre_p1": float(mean[0, 0]), "ir_pre_p2": float(mean[0, 1]),
            "ir_deviation_p1": float(mean[dev, 0]),
            N.IR_RIVAL_DROP: float(mean[0, 1] - mean[after, 1]),    # τ = 2: one period after
            N.IR_RETURN_GAP: float(off[-1]),                        # τ = H + 1
            "ir_periods_to_return": float(over[-1] if len(over) else 1),  # after the deviation
            N.IR_GAIN_MEAN: float(gain.mean()),
            N.IR_NOT_PAYING_SHARE: float((gain <= 0).mean()),
            N.IR_PUNISH_SHARE: float((_rival_cut(prices) >= N.PUNISH_CUT).mean())}


def _write_impulse(path, prices: np.ndarray, fp: np.ndarray, pn: float, pm: float) -> None:
    S, T, _ = prices.shape
    pd.DataFrame({"session": np.repeat(np.arange(S), T), "tau": np.tile(np.arange(T), S),
                  "p1": prices[..., 0].ravel(), "p2": prices[..., 1].ravel(),
                  "fixed_point": np.repeat(fp, T), N.P_NASH: pn, N.P_MONO: pm}).to_csv(path, index=False)


def run_grid(cfg: PricingGrid, ctx: RunContext) -> dict[str, float]:
    """G1 extra: mean Δ in every (α, β) cell, all cells' sessions advanced together."""
    grid, table, _, _, pin, pim = _market(cfg)
    aa, bb = np.meshgrid(cfg.alphas, cfg.betas, indexing="ij")
    alpha, beta = np.repeat(aa.ravel(), cfg.sessions), np.repeat(bb.ravel(), cfg.sessions)
    ss, stats = _simulate(cfg, alpha, beta, ctx, table)
    lc = outcomes.limit_cycle(ss.qarg, ss.state, grid, table)
    df = pd.DataFrame({"alpha": alpha, "beta": beta, "converged": ss.stable >= cfg.conv_periods,
                       "periods": ss.t, "delta": outcomes.profit_gain((lc["pi1"] + lc["pi2"]) / 2, pin, pim)})
    cells = df.groupby(["alpha", "beta"]).agg(**{N.DELTA_MEAN: ("delta", "mean")},
                                              delta_sd=("delta", "std"),
                                              converged_share=("converged", "mean"),
                                              mean_periods=("periods", "mean"),
                                              sessions=("delta", "size")).reset_index()
    cells.to_csv(ctx.out / f"{N.T_GRID}.csv", index=False)
    return {"grid_cells": float(len(cells)), "grid_delta_min": float(cells[N.DELTA_MEAN].min()),
            "grid_delta_max": float(cells[N.DELTA_MEAN].max()),
            "grid_converged_share": float(df.converged.mean()), **stats}
