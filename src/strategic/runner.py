"""Run one variant of a study for its seeds: one MLflow run per seed, `metrics.json` per run
and, last, the variant's `runs.json` manifest (written atomically: it marks completion).

Preemption: each seed's MLflow run id is kept in `<seed dir>/ckpt/mlflow_run.json` until the
job completes. A re-run of an interrupted job (same config) reopens that run instead of
starting a second one, skips seeds it had finished, and `strategic.train.fit` resumes the
interrupted seed from its checkpoint. A new run clears the seed's old checkpoints and history.
"""

from __future__ import annotations

import json
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from strategic.logs import log  # noqa: F401  (re-exported for the CLI)
from strategic.safeio import atomic_write_json as write_json  # noqa: F401


def run_variant(study: str, variant: str, cfg_json: str | dict, seeds: list[int] | None,
                out: Path, *, threads: int = 1, accelerator: str = "cpu", profile: str = "custom",
                results: str = "results", tracking_uri: str = "",
                experiment_prefix: str = "strategic") -> dict[str, Any]:
    """Validate the variant's config, run it for every seed, write the files; returns the manifest.

    Raises ConfigError / KeyError / json.JSONDecodeError on bad input, before anything is written.
    The run function's module is imported before the work timer starts, so `work_s` in
    `metrics.json` excludes start-up (benchmarks/startup_share.py reads it).
    """
    from strategic import registry
    from strategic.schema import build
    from strategic.tracking import experiment_name, git_state, ui_tags
    from strategic.tracking import tracking_uri as resolve_uri

    raw = json.loads(cfg_json) if isinstance(cfg_json, str) else dict(cfg_json or {})
    if seeds is not None:
        raw = {**raw, "seeds": seeds}
    spec = registry.variant(study, variant)
    cfg = build(spec.config, raw, f"{study}.{variant}")
    fn = registry.get_run(study, variant)
    _quiet_torch(threads)
    uri = resolve_uri(results, tracking_uri)
    exp = experiment_name(experiment_prefix, study)
    git = git_state()
    tags = {"study": study, "variant": variant, "profile": profile,
            "git_sha": git["git_sha"], "git_dirty": str(git["git_dirty"]),
            **ui_tags(study, variant, spec.run, git["git_sha"])}
    name = f"{study}.{variant}"
    t0 = time.perf_counter()
    with ExitStack() as stack:
        ctxs, done = _open_runs(stack, cfg, out, uri, exp, tags, name, variant,
                                accelerator if spec.network else "cpu")
        base = {"study": study, "variant": variant, "tracking_uri": uri, "experiment": exp,
                **git, "config": vars(cfg)}
        key = registry.key_metric(study, variant)
        for ctx, metrics, wall in _call(fn, cfg, ctxs, done, spec.all_seeds, name):
            metrics["wall_s"] = wall
            ctx.tracker.log_final(metrics, key)
            write_json(ctx.out / "metrics.json", {**base, "seed": ctx.seed,
                                                  "run_id": ctx.tracker.run_id, "metrics": metrics})
    manifest = {"study": study, "variant": variant, "seeds": list(cfg.seeds),
                "runs": [{"seed": c.seed, "run_id": c.tracker.run_id,
                          "metrics": f"seed={c.seed}/metrics.json"} for c in ctxs]}
    write_json(out / "runs.json", manifest)
    for c in ctxs:  # complete: a later job starts new runs
        (c.out / RUN_FILE).unlink(missing_ok=True)
    log(f"done {name} ({len(ctxs)} seeds) in {time.perf_counter() - t0:.1f}s")
    return manifest


def _quiet_torch(threads: int) -> None:
    """One job, `threads` torch threads (1 is fastest here), glibc malloc keeping freed memory
    (`train.process`), no Lightning chatter."""
    import logging
    import warnings

    import torch

    from strategic.train.process import keep_freed_memory
    torch.set_num_threads(threads)
    keep_freed_memory()
    logging.getLogger("lightning.pytorch").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", module="lightning")


def _call(fn, cfg, ctxs, done: dict, all_seeds: bool, name: str):
    """Yield (ctx, metrics, wall_s) per seed: one call for every seed when the run function
    is vectorised over seeds (wall time split evenly), else one call per unfinished seed."""
    if all_seeds:
        log(f"run {name} seeds={[c.seed for c in ctxs]}")
        t1 = time.perf_counter()
        results = fn(cfg, ctxs)
        wall = (time.perf_counter() - t1) / len(ctxs)
        yield from ((ctx, metrics, wall) for ctx, metrics in zip(ctxs, results))
        return
    for ctx in ctxs:
        if done.get(ctx.seed):  # finished before the job was preempted
            continue
        log(f"run {name} seed={ctx.seed} -> {ctx.out}")
        t1 = time.perf_counter()
        metrics = fn(cfg, ctx)
        yield ctx, metrics, time.perf_counter() - t1


def _open_runs(stack, cfg, out: Path, uri: str, exp: str, tags: dict, name: str, variant: str,
               accelerator: str):
    """One MLflow run per seed (reopened if an interrupted job left one); returns the contexts
    and, per seed, the metrics record of a seed that run had already finished (or None)."""
    from strategic.contracts import RunContext
    from strategic.tracking import start_run

    ctxs, done = [], {}
    for seed in cfg.seeds:
        run_out = out / f"seed={seed}"
        resume = _resumable_run(run_out, vars(cfg), uri, exp)
        run = stack.enter_context(start_run(uri, exp, {**tags, "seed": str(seed)},
                                            f"{variant}-seed{seed}", resume_run_id=resume))
        if resume:
            log(f"resuming MLflow run {resume} of {name} seed={seed}")
            done[seed] = _finished_metrics(run_out, resume, vars(cfg))
        else:
            _fresh(run_out, run.run_id, vars(cfg))
            run.log_params({"seed": seed, **vars(cfg)})
        ctxs.append(RunContext(seed, run_out, run, accelerator, name))
    return ctxs, done


RUN_FILE = "ckpt/mlflow_run.json"  # beside the run's checkpoints; removed when the job completes


def _resumable_run(run_out: Path, config: dict, uri: str, exp: str) -> str | None:
    """The MLflow run id an interrupted job of this seed and config left, if still in the store."""
    from strategic.tracking import find_run

    try:
        rec = json.loads((run_out / RUN_FILE).read_text())
    except (OSError, ValueError):
        return None
    ok = rec.get("config") == json.loads(json.dumps(config)) and find_run(uri, exp, rec["run_id"])
    return rec["run_id"] if ok else None


def _fresh(run_out: Path, run_id: str, config: dict) -> None:
    """A new run of this seed: clear what an older job left (checkpoints, tables, metrics; the
    aggregate reads every CSV of the folder, so a table the code no longer writes must not
    survive), record the id."""
    import shutil

    shutil.rmtree(run_out / "ckpt", ignore_errors=True)
    for stale in [*run_out.glob("*.csv"), run_out / "metrics.json"]:
        stale.unlink(missing_ok=True)
    write_json(run_out / RUN_FILE, {"run_id": run_id, "config": config})


def _finished_metrics(run_out: Path, run_id: str, config: dict) -> dict | None:
    """metrics.json if this very run already finished this seed (before a preemption)."""
    try:
        rec = json.loads((run_out / "metrics.json").read_text())
    except (OSError, ValueError):
        return None
    return rec if rec.get("run_id") == run_id and rec.get("config") == json.loads(json.dumps(config)) else None


def run_job(study: str, job: str, cfg_json: str | dict, study_out: Path, *, grouped: bool = True,
            **kw: Any) -> dict[str, Any]:
    """Run every variant of one workflow job (see `registry.jobs`) into `study_out/<variant>/`
    and write the job's manifest `study_out/jobs/<job>.json` last (it marks completion).

    Args:
        cfg_json: {variant: config slice} for the job's variants (JSON text or a dict).
        kw: passed to `run_variant` (threads, accelerator, profile, tracking settings).
    """
    from strategic import registry

    variants = registry.jobs(study, grouped).get(job)
    if variants is None:
        raise KeyError(f"unknown job {study}.{job} (known: {', '.join(registry.jobs(study, grouped))})")
    slices = json.loads(cfg_json) if isinstance(cfg_json, str) else dict(cfg_json)
    _import_all(registry.study(study).variants[v].module for v in variants)
    t0 = time.process_time()  # CPU-s since the process started: interpreter and imports
    manifests = {v: run_variant(study, v, slices.get(v, {}), None, study_out / v, **kw)
                 for v in variants}
    doc = {"study": study, "job": job, "startup_cpu_s": t0, "work_cpu_s": time.process_time() - t0,
           "variants": {v: f"../{v}/runs.json" for v in manifests}}
    write_json(study_out / "jobs" / f"{job}.json", doc)
    return doc


def _import_all(modules) -> None:
    """Import the run modules and every library their code names (even inside functions), so
    the work timer that follows measures work, not start-up."""
    import importlib

    from strategic import codedeps

    mods = sorted(set(modules))
    for name in ("mlflow.tracking", *codedeps.external_imports(*mods, "strategic.tracking")):
        try:
            importlib.import_module(name)
        except ImportError:  # `from pkg import name` lists pkg.name, which may be an attribute
            pass
    for name in mods:
        importlib.import_module(name)
