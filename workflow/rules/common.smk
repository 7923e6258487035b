# Config validation (before any job runs) and the input functions shared by the rules.
import json
import shlex
import sys
from pathlib import Path

from strategic.config import ConfigError, validate
from strategic.registry import studies

SPECS = studies()
REGISTRY = {n: list(s.variants) for n, s in SPECS.items()}
FIGURES = {n: s.figures for n, s in SPECS.items()}

try:
    CFG = validate(config)
except ConfigError as err:
    sys.exit(f"config error: {err}")

RES = CFG["results"]
STUDIES = CFG["studies"]
SRC = Path(workflow.basedir) / "src" / "strategic"
CONDA_ENV = str(Path(workflow.basedir) / "envs" / "strategic.yaml")  # used with --sdm conda


wildcard_constraints:
    study="|".join(REGISTRY),
    fig="|".join(f for figs in FIGURES.values() for f in figs),


def tracking_args():
    """CLI flags that point a job at the MLflow store (env MLFLOW_TRACKING_URI still wins)."""
    m = CFG["mlflow"]
    uri = f"--tracking-uri {shlex.quote(m['tracking_uri'])} " if m["tracking_uri"] else ""
    return f"--results {shlex.quote(RES)} {uri}--experiment-prefix {shlex.quote(m['experiment_prefix'])}"


def study_code(study):
    """The study's own modules: editing them re-runs its jobs (Snakemake can't see imports)."""
    return sorted(str(p) for p in (SRC / study).glob("*.py"))


def variant_cfg(w):
    """params: only this variant's slice of the config, as a shell-quoted JSON string."""
    return shlex.quote(json.dumps(CFG[w.study][w.variant]))


def variant_seeds(w):
    return " ".join(str(s) for s in CFG[w.study][w.variant]["seeds"])


def variant_resource(w, key, default):
    """A resource (threads, mem_mb, runtime) from the study's spec, else `default`."""
    return SPECS[w.study].variants[w.variant].resources.get(key, default)


def run_manifests(study):
    """All variants' run manifests of a study (each lists its seeds' metrics.json)."""
    return expand(f"{RES}/{study}/{{variant}}/runs.json", variant=list(CFG[study]))


def study_figures(study):
    return expand(f"{RES}/figures/{{fig}}.png", fig=FIGURES[study])


def figure_study(fig):
    """The study whose tables a figure reads."""
    return next(s for s, figs in FIGURES.items() if fig in figs)


def figure_caption(fig):
    """The figure's caption text (workflow/report/<fig>.rst), shown in `snakemake --report`."""
    return (Path(workflow.basedir) / "workflow" / "report" / f"{fig}.rst").read_text()


def gpus(w):
    """resources: one GPU for network-training variants when the config asks for GPUs."""
    return int(CFG["accelerator"] == "gpu" and SPECS[w.study].variants[w.variant].network)
