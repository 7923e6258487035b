"""`run(cfg, ctx) -> metrics` for claims C2 (the Sperner variant) and D1 (STON'R on f1)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import torch

from strategic.games import game as G
from strategic.games import sperner, stonr, toys
from strategic.games.cycles import play
from strategic.games.config import GamesSperner, GamesStonr
from strategic.contracts import RunContext

F64 = torch.float64
SOLVERS = ("random_scan", "path_following", "winding_search")


def run_sperner(cfg: GamesSperner, ctx: RunContext) -> dict[str, float]:
    """C2: exhaustive check at N = exhaustive_n; query counts of three solvers on snakes."""
    rng = np.random.default_rng(ctx.seed)
    cols = sperner.legal_colourings(cfg.exhaustive_n)
    n_sol = sperner.solution_squares(cols).sum(axis=(1, 2))
    counts = np.bincount(n_sol)
    pd.DataFrame({"n_solutions": np.arange(len(counts)), "colourings": counts}) \
        .to_csv(ctx.out / "sperner_exhaustive.csv", index=False)

    rows, snake_solutions = [], []
    for n in cfg.sizes:
        for k in range(cfg.instances):
            col = sperner.snake(n, rng)
            truth = sperner.solution_squares(col)
            snake_solutions.append(int(truth.sum()))
            for name in SOLVERS:
                oracle = sperner.Oracle(col)
                sq = _solve(name, oracle, rng)
                rows.append({"n": n, "instance": k, "solver": name, "queries": oracle.queries,
                             "certified": sperner.certified(oracle, sq), "correct": bool(truth[sq])})
    q = pd.DataFrame(rows)
    mean = q.groupby(["solver", "n"]).queries.mean()
    ctx.tracker.log_history({f"queries/{name}": [(int(n), float(v)) for n, v in mean[name].items()]
                             for name in SOLVERS})
    q.to_csv(ctx.out / "sperner_queries.csv", index=False)
    _example(rng, ctx)

    metrics = {
        # distinct colourings that pass the boundary rule (the enumeration is not trusted)
        "c2_exhaustive_colourings": float(len(np.unique(cols[sperner.boundary_legal(cols)]
                                                        .reshape(-1, cols[0].size), axis=0))),
        "c2_exhaustive_without_solution": float((n_sol == 0).sum()),
        "c2_exhaustive_min_solutions": float(n_sol.min()),
        "c2_snake_min_solutions": float(min(snake_solutions)),
        "c2_snake_max_solutions": float(max(snake_solutions)),
        "c2_n_uncertified": float((~q.certified | ~q.correct).sum()),
        "c2_winding_max_queries_over_n": float((q.queries / q.n)[q.solver == "winding_search"].max()),
    }
    for name in SOLVERS:
        s = q[q.solver == name]
        metrics[f"c2_{name}_slope"] = float(np.polyfit(np.log(s.n), np.log(s.queries), 1)[0])
        metrics[f"c2_{name}_queries_max_n"] = float(s[s.n == s.n.max()].queries.mean())
    return metrics


def _solve(name: str, oracle: sperner.Oracle, rng: np.random.Generator) -> tuple[int, int]:
    return sperner.random_scan(oracle, rng) if name == "random_scan" else getattr(sperner, name)(oracle)


def _example(rng: np.random.Generator, ctx: RunContext, n: int = 17) -> None:
    """A small snake for the figure, with the vertices each solver queried."""
    col = sperner.snake(n, rng)
    x, y = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    table = {"x": x.ravel(), "y": y.ravel(), "colour": col.ravel()}
    for name in SOLVERS:
        oracle = sperner.Oracle(col)
        sq = _solve(name, oracle, rng)
        table[f"queried_{name}"] = oracle.seen.ravel()
        table[f"answer_{name}"] = ((x == sq[0]) & (y == sq[1])).ravel()
    pd.DataFrame(table).to_csv(ctx.out / "sperner_example.csv", index=False)


# D1 -----------------------------------------------------------------------------------------
def f1_field(x: np.ndarray) -> np.ndarray:
    """GDA field of f1 (θ minimises, ω maximises): V = (−∂θ f1, +∂ω f1)."""
    f_t, f_o, *_ = toys.f1_grad_hess_float(x[0], x[1])
    return np.array([-f_t, f_o])


def f1_jacobian(x: np.ndarray) -> np.ndarray:
    """∂V/∂x = diag(−1, +1)·∇²f1 (closed-form Hessian)."""
    _, _, h_tt, h_to, h_oo = toys.f1_grad_hess_float(x[0], x[1])
    return np.array([[-h_tt, -h_to], [h_to, h_oo]])


def box_residual(x: np.ndarray, lo: float, hi: float) -> float:
    """res(x) of `game.residual` for f1 on the box [lo, hi]² at one point x."""
    assert lo == -hi, "f1's box is symmetric"
    return float(G.residual(G.f1_game(hi), torch.as_tensor(x, dtype=F64)[None])[0])


def run_stonr(cfg: GamesStonr, ctx: RunContext) -> dict[str, float]:
    """D1: STON'R on f1 over [−box, box]² and the corner regression case; GDA, OGDA, EG cycle."""
    metrics: dict[str, float] = {}
    paths, exits = [], []
    for case, b in (("main", cfg.box), ("regression", cfg.regression_box)):
        r = stonr.stonr(f1_field, f1_jacobian, [-b, -b], [b, b], cfg.eps, step=cfg.step,
                        newton=cfg.newton, max_steps=cfg.max_steps)
        keep = np.unique(np.r_[np.linspace(0, len(r.path) - 1, 2000).astype(int), len(r.path) - 1])
        paths.append(pd.DataFrame({"case": case, "box": b, "step": keep, "x": r.path[keep, 0],
                                   "y": r.path[keep, 1], "epoch": r.epoch[keep]}))
        exits += [{"case": case, "kind": kind, "step": t, "i": i, "S": str(list(S)), "j": j,
                   "x": r.path[t, 0], "y": r.path[t, 1]} for kind, t, i, S, j in r.exits]
        prefix = "stonr" if case == "main" else "stonr_reg"
        metrics.update({
            f"{prefix}_converged": float(r.converged),
            f"{prefix}_steps": float(r.steps),
            f"{prefix}_x": float(r.x[0]), f"{prefix}_y": float(r.x[1]),
            f"{prefix}_norm_over_eps": float(np.linalg.norm(r.x)) / cfg.eps,
            f"{prefix}_res_over_eps": box_residual(r.x, -b, b) / cfg.eps,
            f"{prefix}_bad_exits_to_first": float(r.bad_exits_to_first_epoch),
            f"{prefix}_bad_exits": float(sum(e[0] == "bad" for e in r.exits)),
        })
        if case == "regression":
            metrics["stonr_reg_dist_to_corner"] = float(np.abs(r.x + b).max())
        ctx.tracker.log_history({f"{prefix}/abs_v_max": [
            (int(t), float(np.abs(f1_field(r.path[t])).max())) for t in keep[::20]]})
    pd.concat(paths).to_csv(ctx.out / "stonr_path.csv", index=False)
    pd.DataFrame(exits).to_csv(ctx.out / "stonr_exits.csv", index=False)

    for name, m in (("gda", _jacobian_at_0(("min", "max"))), ("swapped", _jacobian_at_0(("max", "min")))):
        # eigenvalues in closed form, tr/2 ± √(tr²/4 − det) (the matrix is defective at 0)
        half_tr, det = np.trace(m) / 2, m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0]
        root = np.sqrt(complex(half_tr**2 - det))
        eig = np.array([half_tr + root, half_tr - root])
        metrics[f"{name}_jac0_eig_re_min"] = float(eig.real.min())
        metrics[f"{name}_jac0_eig_re_max"] = float(eig.real.max())
        metrics[f"{name}_jac0_eig_im_abs"] = float(np.abs(eig.imag).max())
    metrics.update(_dynamics(cfg, ctx))
    _write_contour(ctx, cfg.box)
    return metrics


def _jacobian_at_0(roles: tuple[str, str]) -> np.ndarray:
    """The GDA field's Jacobian at (0, 0) for f1 with these roles, by autograd through f1's
    value (independent of the closed-form Hessian that STON'R uses)."""
    zs = toys.ZeroSumGame(lambda ps: toys.f1(torch.cat(ps, -1)), roles)
    game = G.from_zero_sum(zs, "f1", (1, 1), (-1.0, -1.0), (1.0, 1.0))
    return game.jacobian(torch.zeros(1, 2, dtype=F64))[0].numpy()


def _dynamics(cfg: GamesStonr, ctx: RunContext) -> dict[str, float]:
    """Every method from `inits` points; min over the second half of ‖z_t‖ per init.

    Projected dynamics on the box by `cycles.play` (A3's vectorised loop, compiled field). The
    inits are uniform in the box except the first, (0.1, 0.1), which shows the spiral away
    from (0, 0) in the figure.
    """
    game = G.f1_game(cfg.box)
    rng = np.random.default_rng(ctx.seed)
    z0 = rng.uniform(-cfg.box, cfg.box, (cfg.inits, 2))
    z0[0] = 0.1
    every = max(1, cfg.steps // 400)
    metrics, rows = {}, []
    for method in cfg.methods:
        low = np.full(cfg.inits, np.inf)
        trace = []

        def observe(t: int, z: np.ndarray, v: np.ndarray) -> None:
            if t > cfg.steps // 2:
                np.minimum(low, np.sqrt((z * z).sum(-1)), out=low)
            if t % every == 0:
                trace.append((t, z[:cfg.n_paths].copy()))

        z_t = play(game, z0, method, cfg.lr, cfg.steps, observe)
        np.minimum(low, np.sqrt((z_t * z_t).sum(-1)), out=low)
        trace.append((cfg.steps, z_t[:cfg.n_paths].copy()))
        metrics[f"{method}_min_dist_second_half"] = float(low.min())
        metrics[f"{method}_max_dist_second_half"] = float(low.max())
        rows += [(method, t, k, float(p[0]), float(p[1])) for t, z in trace for k, p in enumerate(z)]
        ctx.tracker.log_history({f"{method}/min_dist_second_half": [(cfg.steps, float(low.min()))]})
    metrics["dynamics_min_dist_second_half"] = min(metrics[f"{m}_min_dist_second_half"] for m in cfg.methods)
    pd.DataFrame(rows, columns=["method", "t", "init", "x", "y"]).to_csv(ctx.out / "f1_dynamics.csv", index=False)
    return metrics


def _write_contour(ctx: RunContext, box: float, n: int = 121) -> None:
    g = torch.linspace(-box, box, n, dtype=F64)
    xx, yy = torch.meshgrid(g, g, indexing="xy")
    f = toys.f1(torch.stack([xx, yy], -1))
    pd.DataFrame({"x": xx.reshape(-1), "y": yy.reshape(-1), "f": f.reshape(-1)}) \
        .to_csv(ctx.out / "f1_contour.csv", index=False)
