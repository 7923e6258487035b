"""strategic: reproduce the claims of "How to train deep neural nets to be strategic".

Every workflow rule is one call of this CLI, so each step also runs by hand. Bad input (an
unknown study, a bad config value, a missing file) exits with status 2 and a one-line error;
nothing is written in that case.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import sys
import time
from pathlib import Path


from strategic.contracts import UserError  # noqa: F401  (raised by commands, studies' too)
from strategic.runner import log as _log, write_json as _write_json
from strategic.safeio import InputError, atomic_write_text


# ------------------------------------------------------------------------------------- run
def cmd_run(a: argparse.Namespace) -> None:
    from strategic import runner
    from strategic.config import ConfigError
    try:
        runner.run_variant(a.study, a.variant, a.cfg, a.seeds, Path(a.out), threads=a.threads,
                           accelerator=a.accelerator, profile=a.profile, results=a.results,
                           tracking_uri=a.tracking_uri, experiment_prefix=a.experiment_prefix)
    except (ConfigError, KeyError) as e:
        raise UserError(str(e).strip("'\"")) from None
    except json.JSONDecodeError as e:
        raise UserError(f"--cfg is not valid JSON: {e}") from None


def cmd_run_job(a: argparse.Namespace) -> None:
    from strategic import runner
    from strategic.config import ConfigError
    if not Path(a.tracking).is_file():
        raise UserError(f"missing tracking file: {a.tracking} (run `init-tracking` first)")
    track = json.loads(Path(a.tracking).read_text())
    try:
        runner.run_job(a.study, a.job, a.cfg, Path(a.out), grouped=a.grouped, threads=a.threads,
                       accelerator=a.accelerator, profile=a.profile, results=a.results,
                       tracking_uri=track["tracking_uri"],
                       experiment_prefix=track["experiment_prefix"])
    except (ConfigError, KeyError) as e:
        raise UserError(str(e).strip("'\"")) from None
    except json.JSONDecodeError as e:
        raise UserError(f"--cfg is not valid JSON: {e}") from None


def cmd_init_tracking(a: argparse.Namespace) -> None:
    from strategic.tracking import init_store, tracking_uri

    from strategic.safeio import check_sqlite_store
    uri = tracking_uri(a.results, a.tracking_uri)
    if uri.startswith("sqlite:///"):
        check_sqlite_store(uri.removeprefix("sqlite:///"))
    init_store(uri)
    _write_json(a.out, {"tracking_uri": uri, "experiment_prefix": a.experiment_prefix,
                        **({"profile": a.profile} if a.profile else {})})
    _log(f"MLflow store ready at {uri}")


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


def cmd_figures(a: argparse.Namespace) -> None:
    from strategic.report import figures
    from strategic.registry import study
    try:
        study(a.study)
    except KeyError as e:
        raise UserError(str(e).strip("'\"")) from None
    if not Path(a.tables).is_dir():
        raise UserError(f"missing tables folder: {a.tables}")
    out = Path(a.out)
    tmp = out.with_name(out.name + ".tmp")  # drawn beside, moved into place when all succeed
    if tmp.exists():
        shutil.rmtree(tmp)
    written = figures.draw_study(a.study, Path(a.tables), tmp)
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)
    _log(f"{len(written)} figures of {a.study} -> {out}")


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
    from strategic.safeio import read_json
    merged = claims.merge([read_json(p) for p in a.claims], a.profile)
    _write_json(a.out, merged)
    atomic_write_text(a.md, render.markdown(merged, Path(a.md).parent))
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


def _deep_merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


# ------------------------------------------------------------------------------------ parser
def _tracking_args(sp) -> None:
    sp.add_argument("--results", default="results", help="results folder; the default MLflow "
                    "store is sqlite:///<abs results>/mlflow.db (default: results)")
    sp.add_argument("--tracking-uri", default="", help="MLflow tracking URI (env "
                    "MLFLOW_TRACKING_URI wins over this)")
    sp.add_argument("--experiment-prefix", default="strategic",
                    help="experiment = <prefix>-<study> (default: strategic)")


def _compute_args(sp) -> None:
    sp.add_argument("--threads", type=int, default=1, help="torch threads (default: 1)")
    sp.add_argument("--accelerator", default="cpu", choices=["cpu", "gpu", "auto"],
                    help="Lightning accelerator for network training (default: cpu)")
    sp.add_argument("--profile", default="custom", help="profile tag recorded on the runs")


def _add_run_commands(sub, variants: dict[str, list[str]]) -> None:
    r = sub.add_parser("run", help="run one variant of a study for its seeds (one MLflow run each)")
    r.add_argument("study", help=f"one of: {', '.join(variants)}")
    r.add_argument("--variant", required=True, help="variant of the study: " + "; ".join(
        f"{s}: {', '.join(vs)}" for s, vs in variants.items()))
    r.add_argument("--cfg", default="{}", help="JSON overrides of the variant's config (default: {})")
    r.add_argument("--seeds", type=int, nargs="+", help="seeds (default: the config's seeds)")
    r.add_argument("--out", required=True, help="output folder; writes <out>/seed=<n>/metrics.json")
    _compute_args(r)
    _tracking_args(r)
    r.set_defaults(func=cmd_run)

    j = sub.add_parser("run-job", help="run the variants of one workflow job (see `registry.jobs`)")
    j.add_argument("study", help=f"one of: {', '.join(variants)}")
    j.add_argument("job", help="a variant, or the name of a group of cheap variants")
    j.add_argument("--cfg", default="{}", help="JSON {variant: config slice} (default: {})")
    j.add_argument("--out", required=True, help="the study's folder; writes <out>/<variant>/... "
                   "and, last, <out>/jobs/<job>.json")
    j.add_argument("--tracking", required=True, help="tracking.json written by init-tracking")
    j.add_argument("--ungrouped", dest="grouped", action="store_false",
                   help="every variant is its own job (config group_jobs: false)")
    _compute_args(j)
    j.add_argument("--results", default="results", help="results folder (default store location)")
    j.set_defaults(func=cmd_run_job)

    t = sub.add_parser("init-tracking", help="create the MLflow store once, before jobs fan out")
    t.add_argument("--out", required=True, help="JSON file recording the URI and experiment prefix")
    t.add_argument("--profile", default="", help="profile recorded in the JSON file: a later "
                   "run of another profile into the same results folder stops before any job")
    _tracking_args(t)
    t.set_defaults(func=cmd_init_tracking)


def _add_report_commands(sub) -> None:
    g = sub.add_parser("aggregate", help="collect runs' metrics and tables into CSV tables")
    g.add_argument("--runs", nargs="+", required=True, help="job manifests (<study>/jobs/"
                   "<job>.json), run manifests (<variant>/runs.json) or metrics.json files")
    g.add_argument("--out", required=True, help="tables folder")
    g.set_defaults(func=cmd_aggregate)

    f = sub.add_parser("plot", help="draw one figure (PNG, plus PDF beside it) from tables")
    f.add_argument("figure", help="figure id, e.g. A1")
    f.add_argument("--tables", required=True)
    f.add_argument("--out", required=True, help="PNG path")
    f.set_defaults(func=cmd_plot)

    fs = sub.add_parser("figures", help="draw every figure of a study (PNG + PDF) into a folder")
    fs.add_argument("study")
    fs.add_argument("--tables", required=True)
    fs.add_argument("--out", required=True, help="folder, e.g. results/figures/games")
    fs.set_defaults(func=cmd_figures)

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


def build_parser() -> argparse.ArgumentParser:
    from strategic import ui
    from strategic.registry import studies
    p = argparse.ArgumentParser(
        prog="python -m strategic", description=__doc__.split("\n")[0],
        epilog="Each command has its own --help. The Snakemake workflow calls these commands; "
               "see README.md.")
    sub = p.add_subparsers(dest="cmd", required=True, metavar="COMMAND")
    _add_run_commands(sub, {n: list(st.variants) for n, st in studies().items()})
    _add_report_commands(sub)
    v = sub.add_parser("validate", help="validate config YAML files (later ones override)")
    v.add_argument("configfiles", nargs="+")
    v.add_argument("--show", action="store_true", help="print the full config with defaults")
    v.set_defaults(func=cmd_validate)
    ui.add_parser(sub)
    for st in studies().values():  # study-specific commands (e.g. tictactoe's `ttt`)
        if st.commands:
            module, func = st.commands.split(":")
            getattr(importlib.import_module(module), func)(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.func(args)
    except UserError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except InputError as e:  # a missing or corrupt input file, named in the message
        print(f"error: {e}", file=sys.stderr)
        return 2
    except FileNotFoundError as e:  # e.g. a table the study did not produce
        print(f"error: {e.args[0] if len(e.args) == 1 else e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
