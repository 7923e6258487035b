"""The talk's Sperner variant (square grid, four colours): `run_sperner` (variant `sperner`)
counts the queries of the two solvers whose cost depends on the instance (random scanning,
path following) on random hidden-path instances, one draw per seed; `run_sperner_exact`
(variant `sperner_exact`, one run) does what no seed can change: every boundary-legal
colouring of a small grid has a solution square, and the winding divide-and-conquer search,
whose query count is the same on every instance of a given N (the spread is recorded)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from strategic.contracts import RunContext
from strategic.games import names as N
from strategic.games import sperner
from strategic.games.config import GamesSperner, GamesSpernerExact

RANDOMISED = ("random_scan", "path_following")   # instance-dependent query counts


def run_sperner(cfg: GamesSperner, ctx: RunContext) -> dict[str, float]:
    """Query counts of random scanning and path following on `instances` snakes per N."""
    rng = np.random.default_rng(ctx.seed)
    q, snake_solutions = _queries(cfg.sizes, cfg.instances, RANDOMISED, rng)
    q.to_csv(ctx.out / f"{N.T_SPERNER_QUERIES}.csv", index=False)
    _log(ctx, q, RANDOMISED)
    _example(rng, ctx)
    metrics = {N.C2_SNAKE_MIN_SOLUTIONS: float(min(snake_solutions)),
               N.C2_SNAKE_MAX_SOLUTIONS: float(max(snake_solutions)),
               N.C2_N_UNCERTIFIED: float((~q.certified | ~q.correct).sum())}
    return {**metrics, **_slopes(q, RANDOMISED)}


def run_sperner_exact(cfg: GamesSpernerExact, ctx: RunContext) -> dict[str, float]:
    """The exhaustive check at N = exhaustive_n; the winding search's queries vs N."""
    cols = sperner.legal_colourings(cfg.exhaustive_n)
    n_sol = sperner.solution_squares(cols).sum(axis=(1, 2))
    counts = np.bincount(n_sol)
    pd.DataFrame({"n_solutions": np.arange(len(counts)), "colourings": counts, "n": cfg.exhaustive_n}) \
        .to_csv(ctx.out / f"{N.T_SPERNER_EXHAUSTIVE}.csv", index=False)
    q, _ = _queries(cfg.sizes, cfg.instances, ("winding_search",), np.random.default_rng(ctx.seed))
    q.to_csv(ctx.out / f"{N.T_SPERNER_QUERIES}.csv", index=False)
    _log(ctx, q, ("winding_search",))
    return {
        # distinct colourings that pass the boundary rule (the enumeration is not trusted)
        N.C2_EXHAUSTIVE_COLOURINGS: float(len(np.unique(cols[sperner.boundary_legal(cols)]
                                                        .reshape(-1, cols[0].size), axis=0))),
        N.C2_EXHAUSTIVE_WITHOUT_SOLUTION: float((n_sol == 0).sum()),
        N.C2_EXHAUSTIVE_MIN_SOLUTIONS: float(n_sol.min()),
        N.C2_WINDING_N_UNCERTIFIED: float((~q.certified | ~q.correct).sum()),
        N.C2_WINDING_MAX_QUERIES_OVER_N: float((q.queries / q.n).max()),
        N.C2_WINDING_QUERY_SPREAD: float(q.groupby("n").queries.agg(lambda s: s.max() - s.min()).max()),
        **_slopes(q, ("winding_search",)),
    }


def _queries(sizes, instances: int, solvers, rng: np.random.Generator):
    """Each solver on `instances` random snakes per N: the queries table and solution counts."""
    rows, snake_solutions = [], []
    for n in sizes:
        for k in range(instances):
            col = sperner.snake(n, rng)
            truth = sperner.solution_squares(col)
            snake_solutions.append(int(truth.sum()))
            for name in solvers:
                oracle = sperner.Oracle(col)
                sq = _solve(name, oracle, rng)
                rows.append({"n": n, "instance": k, "solver": name, "queries": oracle.queries,
                             "certified": sperner.certified(oracle, sq), "correct": bool(truth[sq])})
    return pd.DataFrame(rows), snake_solutions


def _slopes(q: pd.DataFrame, solvers) -> dict[str, float]:
    out = {}
    for name in solvers:
        s = q[q.solver == name]
        out[N.c2(name, "slope")] = float(np.polyfit(np.log(s.n), np.log(s.queries), 1)[0])
        out[N.c2(name, "queries_max_n")] = float(s[s.n == s.n.max()].queries.mean())
    return out


def _log(ctx: RunContext, q: pd.DataFrame, solvers) -> None:
    mean = q.groupby(["solver", "n"]).queries.mean()
    ctx.tracker.log_history({f"queries/{name}": [(int(n), float(v)) for n, v in mean[name].items()]
                             for name in solvers})


def _solve(name: str, oracle: sperner.Oracle, rng: np.random.Generator) -> tuple[int, int]:
    return sperner.random_scan(oracle, rng) if name == "random_scan" else getattr(sperner, name)(oracle)


def _example(rng: np.random.Generator, ctx: RunContext, n: int = 17) -> None:
    """A small snake for the figure, with the vertices each solver queried."""
    col = sperner.snake(n, rng)
    x, y = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    table = {"x": x.ravel(), "y": y.ravel(), "colour": col.ravel()}
    for name in N.SOLVERS:
        oracle = sperner.Oracle(col)
        sq = _solve(name, oracle, rng)
        table[f"queried_{name}"] = oracle.seen.ravel()
        table[f"answer_{name}"] = ((x == sq[0]) & (y == sq[1])).ravel()
    pd.DataFrame(table).to_csv(ctx.out / f"{N.T_SPERNER_EXAMPLE}.csv", index=False)
