"""Run functions of the finite side: `run_grid` (pure and mixed equilibria of a grid game),
`run_existence` (Cournot, random bimatrix games, random joint distributions on ℕ²) and
`run_noncompact` (guess-the-larger-number's truncations and fictitious play: deterministic,
one run).

Every draw comes from `np.random.default_rng(ctx.seed)`; tables (CSV) go to `ctx.out` for the
figures, histories to MLflow through `ctx.tracker`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from strategic.contracts import RunContext
from strategic.games import bimatrix, cournot, matrix_games, oracles
from strategic.games import names as N
from strategic.games.config import GamesExistence, GamesGrid, GamesNoncompact
from strategic.games.gradient_play import trajectory


def _csv(df: pd.DataFrame, ctx: RunContext, table: str) -> None:
    df.to_csv(ctx.out / f"{table}.csv", index=False)


def run_grid(cfg: GamesGrid, ctx: RunContext) -> dict[str, float]:
    """No pure Nash in u₁ = (x₁ − x₂)² on a grid; its mixed equilibrium by LP (odd, even grid)."""
    x, a = matrix_games.distance_game(cfg.n)
    h = float(x[1] - x[0])
    maxmin, minmax = matrix_games.pure_values(a)
    n_pure = len(matrix_games.mutual_best_responses(a))
    sol = matrix_games.solve_zero_sum(a)
    p, q = sol["p"], sol["q"]
    ends, zero = np.isclose(np.abs(x), 1.0), np.isclose(x, 0.0)
    xe, ae = matrix_games.distance_game(cfg.n_even)
    he = float(xe[1] - xe[0])
    sol_e = matrix_games.solve_zero_sum(ae)
    _csv(pd.DataFrame({"x": x, "row_min": a.min(axis=1), "col_max": a.max(axis=0)}), ctx, N.T_B1_SECURITY)
    _csv(pd.concat([pd.DataFrame({"grid": f"n={cfg.n}", "x": x, "p": p, "q": q}),
                    pd.DataFrame({"grid": f"n={cfg.n_even}", "x": xe, "p": sol_e["p"], "q": sol_e["q"]})]),
         ctx, N.T_B2_STRATEGIES)
    return {
        N.B1_PURE_MAXMIN: maxmin, N.B1_PURE_MINMAX: minmax, N.B1_N_PURE_NASH: float(n_pure),
        N.B2_VALUE: float(sol["value"]), N.B2_VALUE_ERR: abs(float(sol["value"]) - 1.0),
        N.B2_VALUE_COL_ERR: abs(float(sol["value_col"]) - 1.0),
        N.B2_P_MASS_OFF_ENDS: float(p[~ends].sum()),
        N.B2_P_WEIGHT_DEV_OVER_H: float(np.abs(p[ends] - 0.5).max() / h),
        N.B2_Q_MASS_AT_ZERO: float(q[zero].sum()),
        N.B2_EVEN_VALUE: float(sol_e["value"]),
        N.B2_EVEN_EXCESS_OVER_H2: float((sol_e["value"] - 1.0) / he**2),
    }


def run_existence(cfg: GamesExistence, ctx: RunContext) -> dict[str, float]:
    """Cournot gradient play, random bimatrix games, random joint distributions on ℕ²."""
    rng = np.random.default_rng(ctx.seed)
    return {**_cournot(cfg, rng, ctx), **_bimatrix(cfg, rng, ctx), **_joint(cfg, rng, ctx)}


def run_noncompact(cfg: GamesNoncompact, ctx: RunContext) -> dict[str, float]:
    """Guess-the-larger-number's truncations {1..n} and fictitious play from (1, 1): no
    randomness, so one run (a seed could not change them)."""
    return {**_truncations(cfg, ctx), **_fictitious(cfg, ctx)}


def _cournot(cfg: GamesExistence, rng: np.random.Generator, ctx: RunContext) -> dict[str, float]:
    """Projected gradient play from the four corners and uniform inits of [0, q_max]²."""
    qm, ne = cournot.Q_MAX, cournot.nash()
    corners = np.array([[0.0, 0.0], [0.0, qm], [qm, 0.0], [qm, qm]])
    q0 = np.r_[corners, rng.uniform(0, qm, (cfg.cournot_inits, 2))]                   # [B, 2]
    path = trajectory(cournot.game(), q0, cfg.cournot_lr, cfg.cournot_steps)  # [T+1, B, 2]
    gain = cournot.unilateral_gain(path)                                               # [T+1, B]
    t = np.unique(np.geomspace(1, cfg.cournot_steps + 1, 60).astype(int) - 1)
    keep = path[:, :12]
    _csv(pd.DataFrame({"init": np.tile(np.arange(keep.shape[1]), len(keep)),
                       "t": np.repeat(np.arange(len(keep)), keep.shape[1]),
                       "q1": keep[..., 0].ravel(), "q2": keep[..., 1].ravel()}), ctx, N.T_COURNOT_PATHS)
    _csv(pd.DataFrame({"t": t, "max_gain": gain[t].max(1), "max_dist": np.abs(path[t] - ne).max((1, 2))}),
         ctx, N.T_COURNOT_GAIN)
    q = np.linspace(0, qm, 50)
    _csv(pd.DataFrame({"q": q, "br": cournot.best_response(q), "nash": ne, "q_max": qm}), ctx, N.T_COURNOT_BR)
    ctx.tracker.log_history({"cournot/max_gain": [(int(s), float(gain[s].max())) for s in t]})
    return {N.B3_COURNOT_MAX_DIST: float(np.abs(path[-1] - ne).max()),
            N.B3_COURNOT_MAX_GAIN: float(gain[-1].max())}


def _bimatrix(cfg: GamesExistence, rng: np.random.Generator, ctx: RunContext) -> dict[str, float]:
    shape = (cfg.n_games, cfg.game_size, cfg.game_size)
    res = bimatrix.support_enumeration(rng.standard_normal(shape), rng.standard_normal(shape))
    count = res["count"]
    _csv(pd.DataFrame({"game": np.arange(cfg.n_games), "n_equilibria": count, "size": cfg.game_size,
                       "degenerate": res["degenerate"], "min_abs_margin": np.abs(res["margin"]).min(1)}),
         ctx, N.T_B3_COUNTS)
    return {N.B3_MIN_EQUILIBRIA: float(count.min()), N.B3_MAX_EQUILIBRIA: float(count.max()),
            N.B3_N_EVEN_COUNTS: float((count % 2 == 0).sum()),
            N.B3_MAX_EQ_REGRET: float(res["regret"][res["is_eq"]].max()),
            N.B3_N_DEGENERATE: float(res["degenerate"].sum()),
            N.B3_MIN_ABS_MARGIN: float(np.abs(res["margin"]).min())}


def _truncations(cfg: GamesNoncompact, ctx: RunContext) -> dict[str, float]:
    """sign(x − y) on {1..n}: the LP's equilibrium and the pure mutual best responses."""
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
    _csv(pd.concat(rows), ctx, N.T_B4_TRUNCATIONS)
    return {N.B4_TRUNC_MIN_MASS_AT_N: float(min(mass)), N.B4_TRUNC_MAX_ABS_VALUE: float(max(value)),
            N.B4_TRUNC_N_PURE_NOT_NN: float(other_pure)}


def _joint(cfg: GamesExistence, rng: np.random.Generator, ctx: RunContext) -> dict[str, float]:
    """CCE gaps of random finitely supported joint distributions σ = Σ_k w_k δ(x_k, y_k)."""
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
    _csv(pd.DataFrame({"row_gain": gains[:, 0], "col_gain": gains[:, 1], "atoms": atoms,
                       "gap_identity": oracles.LARGER_GAP}), ctx, N.T_B4_CCE)
    return {N.B4_CCE_GAP_MAX_ERR: float(np.abs(gains.sum(1) - oracles.LARGER_GAP).max()),
            N.B4_CCE_ORACLE_VS_BRUTE_ERR: float(np.abs(gains - brute).max()),
            N.B4_CCE_MIN_MAX_GAIN: float(gains.max(1).min())}


def _fictitious(cfg: GamesNoncompact, ctx: RunContext) -> dict[str, float]:
    """Fictitious play on guess-the-larger-number from (1, 1)."""
    fp = oracles.fictitious_play(oracles.LARGER, 1.0, 1.0, cfg.fp_iters)
    t = np.arange(1, cfg.fp_iters + 1)
    _csv(pd.DataFrame({"t": t, "x_max": fp["x_max"], "y_max": fp["y_max"], "gap": fp["gap"]}), ctx, N.T_B4_FP)
    ctx.tracker.log_history({"fp/gap": list(zip(t.tolist(), fp["gap"].tolist()))})
    growth = np.minimum(np.diff(fp["x_max"]), np.diff(fp["y_max"]))
    return {N.B4_FP_MIN_SUPPORT_GROWTH: float(growth.min()),
            N.B4_FP_GAP_MAX_ERR: float(np.abs(fp["gap"] - oracles.LARGER_GAP).max())}
