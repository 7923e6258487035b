"""Run functions of double oracle (claim D3): `run_oracle` on (x₁ − x₂)² from a random start
per seed, `run_oracle_n` on the games on ℕ from (1, 1) with the threshold dimensions
(deterministic: one run). Both run plain Double Oracle and the variant that best-responds to
the history of restricted equilibria (`double_oracle(history=True)`).

Tables (CSV) go to `ctx.out` for the figures, histories to MLflow through `ctx.tracker`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from strategic.contracts import RunContext
from strategic.games import matrix_games, oracles
from strategic.games import names as N
from strategic.games.config import GamesOracle, GamesOracleN
from strategic.games.double_oracle import double_oracle, gap_slope

PREFIX = {"plain": "d3", "history": "d3_hist"}


def run_oracle(cfg: GamesOracle, ctx: RunContext) -> dict[str, float]:
    """Plain DO (distance_iters) and history DO (hist_iters) on (x₁ − x₂)² from a start drawn
    from the seed."""
    x0, y0 = np.random.default_rng(ctx.seed).uniform(-1, 1, 2)
    runs = {"plain": double_oracle(oracles.DISTANCE, x0, y0, cfg.distance_iters, cfg.tol),
            "history": double_oracle(oracles.DISTANCE, x0, y0, cfg.hist_iters, cfg.tol, history=True)}
    metrics = {}
    for method, r in runs.items():
        p, x, q, y = r["p"], r["x"], r["q"], r["y"]
        m = {"distance_best_gap": r["best_gap"][-1], "distance_p_mass_off_ends": p[np.abs(x) != 1.0].sum(),
             "distance_p_weight_dev": np.abs(p[x == 1.0].sum() - 0.5), "distance_q_rms": np.sqrt(q @ y**2),
             "distance_max_lp_gap": r["lp_gap"].max()}
        if method == "history":  # (plain DO stops within a few iterations: no slope to fit)
            m["distance_slope"] = gap_slope(r["best_gap"], cfg.slope_from)
        metrics.update({N.do(PREFIX[method], k): float(v) for k, v in m.items()})
    _gaps_table(ctx, {("plain", "distance"): runs["plain"], ("history", "distance"): runs["history"]})
    return metrics


def run_oracle_n(cfg: GamesOracleN, ctx: RunContext) -> dict[str, float]:
    """Guess-the-larger and matching on ℕ from (1, 1): plain DO (nat_iters), history DO
    (hist_iters); threshold dimensions of the truncations. No randomness: one run."""
    runs, metrics = {}, {}
    for method, history, iters in (("plain", False, cfg.nat_iters), ("history", True, cfg.hist_iters)):
        larger, match = (double_oracle(oracles.GAMES[g], 1.0, 1.0, iters, cfg.tol, history=history)
                         for g in ("guess-the-larger", "matching"))
        runs[(method, "guess-the-larger")], runs[(method, "matching")] = larger, match
        t = np.arange(1, len(match["gap"]) + 1)
        m = {"larger_gap_max_err": np.abs(larger["gap"] - oracles.LARGER_GAP).max(),
             "matching_bound_excess": (match["best_gap"] - oracles.matching_gap_bound(t)).max(),
             "matching_best_gap": match["best_gap"][-1],
             "n_max_lp_gap": max(larger["lp_gap"].max(), match["lp_gap"].max())}
        if history:  # the measured rate (plain DO meets its 1/ceil(t/2) bound by construction)
            m["matching_slope"] = gap_slope(match["best_gap"], cfg.slope_from)
        metrics.update({N.do(PREFIX[method], k): float(v) for k, v in m.items()})
    _gaps_table(ctx, runs)
    return {**metrics, **_threshold_dims(cfg, ctx)}


def _gaps_table(ctx: RunContext, runs: dict[tuple[str, str], dict]) -> None:
    rows = []
    for (method, g), r in runs.items():
        t = np.arange(1, len(r["gap"]) + 1)
        rows.append(pd.DataFrame({"method": method, "game": g, "t": t, "gap": r["gap"],
                                  "best_gap": r["best_gap"], "lp_gap": r["lp_gap"],
                                  "bound": oracles.matching_gap_bound(t)}))
        ctx.tracker.log_history({f"{method}/{g}/gap": list(enumerate(r["gap"].tolist(), 1))})
    pd.concat(rows).to_csv(ctx.out / f"{N.T_D3_GAPS}.csv", index=False)


def _threshold_dims(cfg: GamesOracleN, ctx: RunContext) -> dict[str, float]:
    """Threshold dimension of the truncations {1..n} of both games, by exhaustive search."""
    rows = []
    for n in cfg.td_sizes:
        x = np.arange(1, n + 1, dtype=float)
        for g, win in (("guess-the-larger", x[:, None] > x[None, :]), ("matching", x[:, None] == x[None, :])):
            rows.append({"game": g, "n": n, "dim": matrix_games.threshold_dimension(win)})
    td = pd.DataFrame(rows)
    td.to_csv(ctx.out / f"{N.T_D3_THRESHOLD}.csv", index=False)
    larger = td[td.game == "guess-the-larger"].sort_values("n")
    match = td[td.game == "matching"]
    return {N.D3_TD_LARGER_MIN_INCREASE: float(np.diff(larger.dim).min()),
            N.D3_TD_LARGER_MAX: float(larger.dim.max()),
            N.D3_TD_MATCHING_MIN: float(match.dim.min()), N.D3_TD_MATCHING_MAX: float(match.dim.max())}
