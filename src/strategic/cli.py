"""strategic: reproduce the claims of "How to train deep neural nets to be strategic".

Every workflow rule is one call of this CLI, so each step also runs by hand. Bad input (an
unknown study, a bad config value, a missing file) exits with status 2 and a one-line error;
nothing is written in that case.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path


class UserError(Exception):
    """Bad input from the user: reported in one line, exit status 2."""


def _log(msg: str) -> None:
    print(f"[strategic {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------- run
def cmd_run(a: argparse.Namespace) -> None:
    from strategic import config as C
    from strategic.registry import RunContext, get_run
    from strategic.tracking import experiment_name, git_state, start_run, tracking_uri

    try:
        raw = json.loads(a.cfg)
        if a.seeds is not None:
            raw = {**raw, "seeds": a.seeds}
        cfg = C.variant_config(a.study, a.variant, raw)
        fn = get_run(a.study, a.variant)
    except (C.ConfigError, KeyError) as e:
        raise UserError(str(e).strip("'\"")) from None
    except json.JSONDecodeError as e:
        raise UserError(f"--cfg is not valid JSON: {e}") from None
    seeds = cfg.seeds
    import logging
    import warnings

    import torch
    torch.set_num_threads(a.threads)
    logging.getLogger("lightning.pytorch").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", module="lightning")
    uri = tracking_uri(a.results, a.tracking_uri)
    exp = experiment_name(a.experiment_prefix, a.study)
    git = git_state()
    tags = {"study": a.study, "variant": a.variant, "profile": a.profile,
            "git_sha": git["git_sha"], "git_dirty": str(git["git_dirty"])}
    t0 = time.perf_counter()
    with ExitStack() as stack:
        # Lightning's MLFlowLogger calls mlflow.set_tracking_uri, which exports
        # MLFLOW_TRACKING_URI process-wide; restore it so a later run in this process
        # (tests, notebooks) is not sent to this run's store.
        stack.callback(_restore_env, "MLFLOW_TRACKING_URI", os.environ.get("MLFLOW_TRACKING_URI"))
        ctxs = []
        for seed in seeds:
            out = Path(a.out) / f"seed={seed}"
            out.mkdir(parents=True, exist_ok=True)
            run = stack.enter_context(start_run(uri, exp, {**tags, "seed": str(seed)},
                                                f"{a.variant}-seed{seed}"))
            run.log_params({"seed": seed, **vars(cfg)})
            ctxs.append(RunContext(seed, out, run, a.accelerator))
        if getattr(fn, "all_seeds", False):  # vectorised over seeds: one call for all
            _log(f"run {a.study}.{a.variant} seeds={seeds} -> {a.out}")
            t1 = time.perf_counter()
            results = fn(cfg, ctxs)
            walls = [(time.perf_counter() - t1) / len(ctxs)] * len(ctxs)  # shared, split evenly
        else:
            results, walls = [], []
            for ctx in ctxs:
                _log(f"run {a.study}.{a.variant} seed={ctx.seed} -> {ctx.out}")
                t1 = time.perf_counter()
                results.append(fn(cfg, ctx))
                walls.append(time.perf_counter() - t1)
        for ctx, metrics, wall in zip(ctxs, results, walls):
            metrics["wall_s"] = wall
            ctx.tracker.log_metrics(metrics)
            record = {"study": a.study, "variant": a.variant, "seed": ctx.seed,
                      "run_id": ctx.tracker.run_id, "tracking_uri": uri, "experiment": exp,
                      **git, "config": vars(cfg), "metrics": metrics}
            _write_json(str(ctx.out / "metrics.json"), record)
    manifest = {"study": a.study, "variant": a.variant, "seeds": list(seeds),
                "runs": [{"seed": c.seed, "run_id": c.tracker.run_id,
                          "metrics": f"seed={c.seed}/metrics.json"} for c in ctxs]}
    _write_json(str(Path(a.out) / "runs.json"), manifest)  # last and atomic: marks completion
    _log(f"done {a.study}.{a.variant} ({len(ctxs)} seeds) in {time.perf_counter() - t0:.1f}s")


def cmd_init_tracking(a: argparse.Namespace) -> None:
    from strategic.tracking import experiment_name, init_experiments, tracking_uri

    uri = tracking_uri(a.results, a.tracking_uri)
    ids = init_experiments(uri, [experiment_name(a.experiment_prefix, s) for s in a.studies])
    _write_json(a.out, {"tracking_uri": uri, "experiments": ids})
    _log(f"MLflow ready at {uri}: {', '.join(ids)}")


# ------------------------------------------------------------------------------- report side
def cmd_aggregate(a: argparse.Namespace) -> None:
    from strategic.report import tables
    for path in a.runs:
        if not Path(path).is_file():
            raise UserError(f"missing run file: {path}")
    written = tables.aggregate(a.runs, Path(a.out))
    _log(f"aggregated {len(a.runs)} runs into {len(written)} tables in {a.out}")


def cmd_plot(a: argparse.Namespace) -> None:
    from strategic.report import figures
    try:
        figures.figure_function(a.figure)
    except KeyError as e:
        raise UserError(str(e).strip("'\"")) from None
    if not Path(a.tables).is_dir():
        raise UserError(f"missing tables folder: {a.tables}")
    figures.draw(a.figure, Path(a.tables), Path(a.out))
    _log(f"figure {a.figure} -> {a.out}")


def cmd_check(a: argparse.Namespace) -> None:
    from strategic.report import claims
    if not (Path(a.tables) / "runs.csv").is_file():
        raise UserError(f"missing runs table: {Path(a.tables) / 'runs.csv'} (run `aggregate` first)")
    result = claims.check_study(a.study, Path(a.tables), a.profile, a.figures_dir)
    _write_json(a.out, result)
    for c in result["claims"]:
        _log(f"{c['id']} {c['name']}: {c['verdict']}")


def cmd_report(a: argparse.Namespace) -> None:
    from strategic.report import claims, render
    for path in a.claims:
        if not Path(path).is_file():
            raise UserError(f"missing claims file: {path}")
    merged = claims.merge([json.loads(Path(p).read_text()) for p in a.claims], a.profile)
    _write_json(a.out, merged)
    Path(a.md).write_text(render.markdown(merged, Path(a.md).parent))
    n_pass = sum(c["verdict"] == "PASS" for c in merged["claims"])
    _log(f"{n_pass}/{len(merged['claims'])} claims PASS -> {a.out}, {a.md}")


def cmd_validate(a: argparse.Namespace) -> None:
    import yaml
    from strategic import config as C
    raw: dict = {}
    for path in a.configfiles:
        if not Path(path).is_file():
            raise UserError(f"missing config file: {path}")
        raw = _deep_merge(raw, yaml.safe_load(Path(path).read_text()) or {})
    try:
        cfg = C.validate(raw)
    except C.ConfigError as e:
        raise UserError(f"config error: {e}") from None
    print(json.dumps(cfg, indent=1) if a.show else "config OK")


def cmd_ttt(a: argparse.Namespace) -> None:
    from strategic.tictactoe import board as B
    from strategic.tictactoe import solver
    try:
        b = B.parse(a.board)
    except B.BoardError as e:
        raise UserError(str(e)) from None
    if B.is_terminal(b):
        raise UserError(f"the game is over on {a.board!r}: no move to value")
    vals = sorted(solver.move_values(b).items())
    if a.json:
        print(json.dumps({str(c): {"wdl": w, "plies": p} for c, (w, p) in vals}))
        return
    best = solver.optimal_moves(b)
    print(f"{B.show(b)}   ({'x' if B.mover(b) == 1 else 'o'} to move; * = best move)")
    for c, (w, p) in vals:
        outcome = {1: "win", 0: "draw", -1: "loss"}[w]
        print(f"{'*' if c in best else ' '} cell {c} ({B.CELL_NAMES[c]}): {outcome} in "
              f"{p} {'ply' if p == 1 else 'plies'}")


def _restore_env(key: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(key, None)
    else:
        os.environ[key] = value


def _deep_merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _write_json(path: str, obj: dict) -> None:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(p.suffix + ".tmp")
    tmp.write_text(json.dumps(obj, indent=1))
    os.replace(tmp, p)


# ------------------------------------------------------------------------------------ parser
def build_parser() -> argparse.ArgumentParser:
    from strategic.registry import REGISTRY
    p = argparse.ArgumentParser(
        prog="python -m strategic", description=__doc__.split("\n")[0],
        epilog="Each command has its own --help. The Snakemake workflow calls these commands; "
               "see README.md.")
    sub = p.add_subparsers(dest="cmd", required=True, metavar="COMMAND")

    def tracking_args(sp):
        sp.add_argument("--results", default="results", help="results folder; the default MLflow "
                        "store is sqlite:///<abs results>/mlflow.db (default: results)")
        sp.add_argument("--tracking-uri", default="", help="MLflow tracking URI (env "
                        "MLFLOW_TRACKING_URI wins over this)")
        sp.add_argument("--experiment-prefix", default="strategic",
                        help="experiment = <prefix>-<study> (default: strategic)")

    r = sub.add_parser("run", help="run one variant of a study for its seeds (one MLflow run each)")
    r.add_argument("study", help=f"one of: {', '.join(REGISTRY)}")
    r.add_argument("--variant", required=True, help="variant of the study: " + "; ".join(
        f"{s}: {', '.join(vs)}" for s, vs in REGISTRY.items()))
    r.add_argument("--cfg", default="{}", help="JSON overrides of the variant's config (default: {})")
    r.add_argument("--seeds", type=int, nargs="+", help="seeds (default: the config's seeds)")
    r.add_argument("--out", required=True, help="output folder; writes <out>/seed=<n>/metrics.json")
    r.add_argument("--threads", type=int, default=1, help="torch threads (default: 1)")
    r.add_argument("--accelerator", default="cpu", choices=["cpu", "gpu", "auto"],
                   help="Lightning accelerator for network training (default: cpu)")
    r.add_argument("--profile", default="custom", help="profile tag recorded on the run")
    tracking_args(r)
    r.set_defaults(func=cmd_run)

    t = sub.add_parser("init-tracking", help="create the MLflow store and experiments once")
    t.add_argument("--studies", nargs="+", required=True)
    t.add_argument("--out", required=True, help="JSON file recording URI and experiment ids")
    tracking_args(t)
    t.set_defaults(func=cmd_init_tracking)

    g = sub.add_parser("aggregate", help="collect runs' metrics and tables into CSV tables")
    g.add_argument("--runs", nargs="+", required=True,
                   help="run manifests (<variant>/runs.json) or single metrics.json files")
    g.add_argument("--out", required=True, help="tables folder")
    g.set_defaults(func=cmd_aggregate)

    f = sub.add_parser("plot", help="draw one figure (PNG, plus PDF beside it) from tables")
    f.add_argument("figure", help="figure id, e.g. A1")
    f.add_argument("--tables", required=True)
    f.add_argument("--out", required=True, help="PNG path")
    f.set_defaults(func=cmd_plot)

    c = sub.add_parser("check", help="apply CLAIMS.md's pass criteria to a study's tables")
    c.add_argument("study")
    c.add_argument("--tables", required=True)
    c.add_argument("--profile", default="custom")
    c.add_argument("--figures-dir", default="results/figures")
    c.add_argument("--out", required=True, help="claims JSON, e.g. results/claims/games.json")
    c.set_defaults(func=cmd_check)

    m = sub.add_parser("report", help="merge study claims into claims.json and a Markdown report")
    m.add_argument("--claims", nargs="+", required=True, help="per-study claims JSON files")
    m.add_argument("--profile", default="custom")
    m.add_argument("--out", required=True, help="merged claims JSON")
    m.add_argument("--md", required=True, help="Markdown report path")
    m.set_defaults(func=cmd_report)

    v = sub.add_parser("validate", help="validate config YAML files (later ones override)")
    v.add_argument("configfiles", nargs="+")
    v.add_argument("--show", action="store_true", help="print the full config with defaults")
    v.set_defaults(func=cmd_validate)

    x = sub.add_parser(
        "ttt", help="exact minimax value of every legal move on a tic-tac-toe board",
        description="Print the exact minimax value of every legal move for the side to move "
        "(x moves first, so the side follows from the counts of x and o): the outcome for the "
        "mover under best play (win/draw/loss) and the plies to the end of the game, the move "
        "itself included (an immediate win is 1 ply; the winner wins as fast and the loser "
        "loses as slowly as possible). A malformed or impossible board exits with status 2.")
    x.add_argument("--board", default="x.xoo....", help="9 cells row-major, each 'x', 'o' or "
                   "'.' (empty); default: the talk's board x.xoo.... (x| |x / o|o| / | |)")
    x.add_argument("--json", action="store_true", help='print {"<cell 0-8>": {"wdl": 1|0|-1, '
                   '"plies": n}} instead of text')
    x.set_defaults(func=cmd_ttt)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.func(args)
    except UserError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except FileNotFoundError as e:  # e.g. a table the study did not produce
        print(f"error: {e.args[0] if len(e.args) == 1 else e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
