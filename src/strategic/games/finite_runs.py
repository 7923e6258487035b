"""`run(cfg, ctx) -> metrics` for the finite and oracle side of the `games` study (B3, B4, D3).

Numpy only: every draw comes from `np.random.default_rng(ctx.seed)`; tables (CSV) go to
`ctx.out` for the figures, histories to MLflow through `ctx.tracker`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from strategic.games import bimatrix, cournot, matrix_games, oracles
from strategic.games.config import GamesExistence, GamesOracle
from strategic.games.double_oracle import double_oracle
from strategic.contracts import RunContext

COURNOT_NE = 3.0  # (a − c)/3 with a = 10, c = 1


def run_existence(cfg: GamesExistence, ctx: RunContext) -> dict[str, float]:
    """B3: Cournot gradient play and random bimatrix games; B4: guess-the-larger-number."""
    rng = np.random.default_rng(ctx.seed)
    return {**_cournot(cfg, rng, ctx), **_bimatrix(cfg, rng, ctx), **_truncations(cfg, ctx),
            **_joint(cfg, rng, ctx), **_fictitious(cfg, ctx)}


def _cournot(cfg: GamesExistence, rng: np.random.Generator, ctx: RunContext) -> dict[str, float]:
    corners = np.array([[0.0, 0.0], [0.0, 10.0], [10.0, 0.0], [10.0, 10.0]])
    q0 = np.r_[corners, rng.uniform(0, 10, (cfg.cournot_inits, 2))]               # [B, 2]
    path = cournot.gradient_play(q0, cfg.cournot_lr, cfg.cournot_steps)            # [T+1, B, 2]
    gain = cournot.unilateral_gain(path)                                           # [T+1, B]
    t = np.unique(np.geomspace(1, cfg.cournot_steps + 1, 60).astype(int) - 1)
    keep = path[:, :12]
    pd.DataFrame({"init": np.tile(np.arange(keep.shape[1]), len(keep)),
                  "t": np.repeat(np.arange(len(keep)), keep.shape[1]),
                  "q1": keep[..., 0].ravel(), "q2": keep[..., 1].ravel()}) \
        .to_csv(ctx.out / "b3_cournot_paths.csv", index=False)
    pd.DataFrame({"t": t, "max_gain": gain[t].max(1),
                  "max_dist": np.abs(path[t] - COURNOT_NE).max((1, 2))}) \
        .to_csv(ctx.out / "b3_cournot_gain.csv", index=False)
    ctx.tracker.log_history({"cournot/max_gain": [(int(s), float(gain[s].max())) for s in t]})
    return {"b3_cournot_max_dist": float(np.abs(path[-1] - COURNOT_NE).max()),
            "b3_cournot_max_gain": float(gain[-1].max())}


def _bimatrix(cfg: GamesExistence, rng: np.random.Generator, ctx: RunContext) -> dict[str, float]:
    shape = (cfg.n_games, cfg.game_size, cfg.game_size)
    res = bimatrix.support_enumeration(rng.standard_normal(shape), rng.standard_normal(shape))
    count = res["count"]
    pd.DataFrame({"game": np.arange(cfg.n_games), "n_equilibria": count,
                  "degenerate": res["degenerate"], "min_abs_margin": np.abs(res["margin"]).min(1)}) \
        .to_csv(ctx.out / "b3_counts.csv", index=False)
    return {"b3_min_equilibria": float(count.min()), "b3_max_equilibria": float(count.max()),
            "b3_n_even_counts": float((count % 2 == 0).sum()),
            "b3_max_eq_regret": float(res["regret"][res["is_eq"]].max()),
            "b3_n_degenerate": float(res["degenerate"].sum()),
            "b3_min_abs_margin": float(np.abs(res["margin"]).min())}


def _truncations(cfg: GamesExistence, ctx: RunContext) -> dict[str, float]:
    """B4: sign(x − y) on {1..n}: the LP's equilibrium and the pure mutual best responses."""
    rows, mass, value, other_pure = [], [], [], 0
    for n in cfg.truncations:
        x = np.arange(1, n + 1, dtype=float)
        a = oracles.LARGER.payoff(x[:, None], x[None, :])
        sol = matrix_games.solve_zero_sum(a)
        pure = matrix_games.mutual_best_responses(a)
        other_pure += len(pure) - int(((pure == [n - 1, n - 1]).all(1)).sum())
        mass.append(min(sol["p"][-1], sol["q"][-1]))
        value.append(abs(sol["value"]))
        on = (sol["p"] > 1e-12) | (sol["q"] > 1e-12)
        rows.append(pd.DataFrame({"n": n, "x": x[on], "p": sol["p"][on], "q": sol["q"][on]}))
    pd.concat(rows).to_csv(ctx.out / "b4_truncations.csv", index=False)
    return {"b4_trunc_min_mass_at_n": float(min(mass)), "b4_trunc_max_abs_value": float(max(value)),
            "b4_trunc_n_pure_not_nn": float(other_pure)}


def _joint(cfg: GamesExistence, rng: np.random.Generator, ctx: RunContext) -> dict[str, float]:
    """B4: CCE gaps of random finitely supported joint distributions σ = Σ_k w_k δ(x_k, y_k)."""
    shape = (cfg.n_joint, cfg.joint_atoms)
    x = rng.integers(1, cfg.joint_range + 1, shape).astype(float)                  # [N, K]
    y = rng.integers(1, cfg.joint_range + 1, shape).astype(float)
    atoms = rng.integers(1, cfg.joint_atoms + 1, cfg.n_joint)                      # support sizes
    w = rng.exponential(size=shape) * (np.arange(cfg.joint_atoms) < atoms[:, None])
    w /= w.sum(1, keepdims=True)
    gains = oracles.cce_gaps(oracles.LARGER, x, y, w)                              # [N, 2]
    # certify the oracle: brute-force best deviations over {1..R+1} (R+1 beats every atom,
    # larger numbers gain nothing more), so the gap of 2 is not an identity of the oracle
    cand = np.arange(1, cfg.joint_range + 2, dtype=float)[None, :, None]          # [1, R+1, 1]
    value = (w * oracles.LARGER.payoff(x, y)).sum(-1)
    brute = np.stack([(w[:, None] * oracles.LARGER.payoff(cand, y[:, None])).sum(-1).max(1) - value,
                      value - (w[:, None] * oracles.LARGER.payoff(x[:, None], cand)).sum(-1).min(1)], -1)
    pd.DataFrame({"row_gain": gains[:, 0], "col_gain": gains[:, 1], "atoms": atoms}) \
        .to_csv(ctx.out / "b4_cce.csv", index=False)
    return {"b4_cce_gap_max_err": float(np.abs(gains.sum(1) - 2.0).max()),
            "b4_cce_oracle_vs_brute_err": float(np.abs(gains - brute).max()),
            "b4_cce_min_max_gain": float(gains.max(1).min())}


def _fictitious(cfg: GamesExistence, ctx: RunContext) -> dict[str, float]:
    """B4: fictitious play on guess-the-larger-number from (1, 1)."""
    fp = oracles.fictitious_play(oracles.LARGER, 1.0, 1.0, cfg.fp_iters)
    t = np.arange(1, cfg.fp_iters + 1)
    pd.DataFrame({"t": t, "x_max": fp["x_max"], "y_max": fp["y_max"], "gap": fp["gap"]}) \
        .to_csv(ctx.out / "b4_fp.csv", index=False)
    ctx.tracker.log_history({"fp/gap": list(zip(t.tolist(), fp["gap"].tolist()))})
    growth = np.minimum(np.diff(fp["x_max"]), np.diff(fp["y_max"]))
    return {"b4_fp_min_support_growth": float(growth.min()),
            "b4_fp_gap_max_err": float(np.abs(fp["gap"] - 2.0).max())}


def run_oracle(cfg: GamesOracle, ctx: RunContext) -> dict[str, float]:
    """D3: plain and history double oracle on the three games; threshold dimensions."""
    rng = np.random.default_rng(ctx.seed)
    x0, y0 = rng.uniform(-1, 1, 2)
    starts = {"distance": (x0, y0, cfg.distance_iters), "guess-the-larger": (1.0, 1.0, cfg.nat_iters),
              "matching": (1.0, 1.0, cfg.nat_iters)}
    metrics, rows = {}, []
    for method, history in (("plain", False), ("history", True)):
        runs = {g: double_oracle(oracles.GAMES[g], *s, tol=cfg.tol, history=history)
                for g, s in starts.items()}
        for g, r in runs.items():
            t = np.arange(1, len(r["gap"]) + 1)
            rows.append(pd.DataFrame({"method": method, "game": g, "t": t, "gap": r["gap"],
                                      "best_gap": r["best_gap"], "lp_gap": r["lp_gap"],
                                      "bound": 1.0 / np.ceil(t / 2)}))  # matching: 1/⌈t/2⌉
            ctx.tracker.log_history({f"{method}/{g}/gap": list(enumerate(r["gap"].tolist(), 1))})
        metrics.update(_do_metrics("d3" if method == "plain" else "d3_hist", runs))
    pd.concat(rows).to_csv(ctx.out / "d3_gaps.csv", index=False)
    return {**metrics, **_threshold_dims(cfg, ctx)}


def _do_metrics(prefix: str, runs: dict[str, dict]) -> dict[str, float]:
    dist, larger, match = runs["distance"], runs["guess-the-larger"], runs["matching"]
    p, x, q, y = dist["p"], dist["x"], dist["q"], dist["y"]
    ends = np.abs(x) == 1.0
    t = np.arange(1, len(match["gap"]) + 1)
    return {
        f"{prefix}_distance_best_gap": float(dist["best_gap"][-1]),
        f"{prefix}_distance_p_mass_off_ends": float(p[~ends].sum()),
        f"{prefix}_distance_p_weight_dev": float(np.abs(p[x == 1.0].sum() - 0.5)),
        f"{prefix}_distance_q_rms": float(np.sqrt(q @ y**2)),
        f"{prefix}_larger_gap_max_err": float(np.abs(larger["gap"] - 2.0).max()),
        f"{prefix}_matching_bound_excess": float((match["best_gap"] - 1.0 / np.ceil(t / 2)).max()),
        f"{prefix}_matching_best_gap": float(match["best_gap"][-1]),
        f"{prefix}_max_lp_gap": float(max(r["lp_gap"].max() for r in runs.values())),
    }


def _threshold_dims(cfg: GamesOracle, ctx: RunContext) -> dict[str, float]:
    """Threshold dimension of the truncations {1..n} of both games, by exhaustive search."""
    rows = []
    for n in cfg.td_sizes:
        x = np.arange(1, n + 1, dtype=float)
        for g, win in (("guess-the-larger", x[:, None] > x[None, :]), ("matching", x[:, None] == x[None, :])):
            rows.append({"game": g, "n": n, "dim": matrix_games.threshold_dimension(win)})
    td = pd.DataFrame(rows)
    td.to_csv(ctx.out / "d3_threshold.csv", index=False)
    larger = td[td.game == "guess-the-larger"].sort_values("n")
    match = td[td.game == "matching"]
    return {"d3_td_larger_min_increase": float(np.diff(larger.dim).min()),
            "d3_td_larger_max": float(larger.dim.max()),
            "d3_td_matching_min": float(match.dim.min()), "d3_td_matching_max": float(match.dim.max())}
