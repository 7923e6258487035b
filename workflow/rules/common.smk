# Config validation (before any job runs) and the input functions shared by the rules.
import json
import os
import shlex
import sys
from pathlib import Path

from strategic import codedeps, registry, safeio
from strategic.config import ConfigError, validate


def preflight(res, cfg):
    """Before any job: `res` must not hold another profile's outputs, its tables and job
    manifests must parse, and its MLflow store (if the runs go there) must be readable.
    Otherwise one line naming the file, and nothing runs (nothing is deleted or written)."""
    try:
        safeio.check_results_profile(res, cfg["profile"])
        safeio.check_tables(res)
        if not (cfg["mlflow"]["tracking_uri"] or os.environ.get("MLFLOW_TRACKING_URI")):
            safeio.check_sqlite_store(Path(res) / "mlflow.db")
    except safeio.InputError as err:
        sys.exit(f"error: {err}")


try:
    CFG = validate(config)
except ConfigError as err:
    sys.exit(f"config error: {err}")

RES = CFG["results"]
preflight(RES, CFG)  # a results folder of another profile or a corrupt store: stop here
STUDIES = CFG["studies"]
SPECS = registry.studies()
JOBS = {s: registry.jobs(s, CFG["group_jobs"]) for s in SPECS}  # study -> job -> variants
CONDA_ENV = str(Path(workflow.basedir) / "envs" / "strategic.yaml")  # used with --sdm conda
# What every run job executes besides its study's run modules (the CLI's `run-job` path).
RUNNER = ("strategic.runner", "strategic.tracking", "strategic.registry", "strategic.schema")


wildcard_constraints:
    study="|".join(SPECS),
    job="|".join(sorted({j for jobs in JOBS.values() for j in jobs})),


def job_variants(w):
    return JOBS[w.study][w.job]


def job_code(w):
    """The files a job's processes import: its variants' run modules (and what they import,
    shared packages included), its spec and the runner. Figures and claims are not among them,
    so editing those never re-runs training."""
    spec = SPECS[w.study]
    mods = {spec.variants[v].module for v in job_variants(w)}
    files = codedeps.closure(*sorted(mods), *RUNNER, f"strategic.{w.study}.spec")
    return [str(p) for p in files]


def study_code(study, module):
    """A study-side module (figures, claims) and what it imports."""
    return [str(p) for p in codedeps.closure(f"strategic.{study}.{module}")]


def job_cfg(w):
    """params: only this job's variants' slices of the config, as a shell-quoted JSON string."""
    return shlex.quote(json.dumps({v: CFG[w.study][v] for v in job_variants(w)}))


def job_network(w):
    return any(SPECS[w.study].variants[v].network for v in job_variants(w))


def job_accelerator(w):
    """The accelerator reaches only jobs that train networks: changing it re-runs no other."""
    return CFG["accelerator"] if job_network(w) else "cpu"


def job_resource(w, key, default):
    """A resource (threads, mem_mb, runtime) from the spec: the job's largest, else `default`."""
    vals = [SPECS[w.study].variants[v].resources.get(key) for v in job_variants(w)]
    vals = [x for x in vals if x is not None]
    if key == "runtime" and vals:  # variants of a job run one after the other
        return sum(vals)
    return max(vals) if vals else default


def job_priority(w):
    """Snakemake priority: the job's expected CPU minutes x10 as an integer, so the scheduler
    starts the longest jobs first (longest-processing-time order; registry.expected_cpu_minutes)."""
    bench = f"{RES}/benchmarks/{w.study}/{w.job}.tsv"
    return int(round(10 * registry.expected_cpu_minutes(w.study, job_variants(w), bench)))


def job_manifests(study):
    """All jobs' manifests of a study (each lists its variants' runs)."""
    return expand(f"{RES}/{study}/jobs/{{job}}.json", job=list(JOBS[study]))


def figure_captions(w):
    """The study's figure captions (workflow/report/<fig>.rst), shown in `snakemake --report`."""
    base = Path(workflow.basedir) / "workflow" / "report"
    return "\n\n".join((base / f"{f}.rst").read_text() for f in SPECS[w.study].figures)


def gpus(w):
    """resources: one GPU for jobs that train networks when the config asks for GPUs."""
    return int(CFG["accelerator"] == "gpu" and job_network(w))
