"""Typed configuration: defaults live in dataclasses, YAML overrides them, unknown keys are errors.

Top-level keys are `Top` and `Mlflow` below; each study's variants are dataclasses in
`strategic/<study>/config.py` (one Snakemake job = one variant, all its seeds), collected
through `strategic.registry`. `validate(raw)` checks a whole config dict (as Snakemake loads
it) and raises `ConfigError` with a one-line message naming the offending key, before any job.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from strategic.registry import STUDY_NAMES, studies
from strategic.schema import ConfigError, _f, build  # noqa: F401  (re-exported)

# study -> variant -> config dataclass
STUDIES: dict[str, dict[str, type]] = {
    name: {v: var.config for v, var in s.variants.items()} for name, s in studies().items()}


@dataclass
class Mlflow:
    """Where runs are tracked."""
    tracking_uri: str = _f("", "empty: sqlite:///<abs results>/mlflow.db; env MLFLOW_TRACKING_URI wins")
    experiment_prefix: str = _f("strategic", "experiment name = <prefix>-<study>")


@dataclass
class Top:
    profile: str = _f("quick", "profile name recorded in claims.json",
                      choices=("quick", "smoke", "paper", "custom"))
    results: str = _f("results", "output folder (relative to the working directory)")
    studies: list[str] = _f(list(STUDY_NAMES), "studies that `rule all` builds", choices=STUDY_NAMES)
    threads: int = _f(1, "torch threads per job (1 is fastest on small CPUs)", gt=0)
    accelerator: str = _f("cpu", "Lightning accelerator for network training", choices=("cpu", "gpu", "auto"))
    group_jobs: bool = _f(True, "cheap variants that declare a shared job run in one process "
                          "(imports paid once); false: one job per variant (clusters)")


def validate(raw: dict) -> dict:
    """Validate a full config; return it as plain dicts with every default filled in."""
    raw = dict(raw or {})
    out: dict[str, Any] = {}
    study_keys = set(STUDIES)
    top_raw = {k: v for k, v in raw.items() if k not in study_keys and k != "mlflow"}
    out.update(dataclasses.asdict(build(Top, top_raw, "config")))
    out["mlflow"] = dataclasses.asdict(build(Mlflow, raw.get("mlflow"), "mlflow"))
    for study, variants in STUDIES.items():
        sraw = raw.get(study) or {}
        if not isinstance(sraw, dict):
            raise ConfigError(f"{study}: expected a mapping of variants")
        for k in sraw:
            if k not in variants:
                raise ConfigError(f"{study}.{k}: unknown variant (known: {', '.join(variants)})")
        out[study] = {v: dataclasses.asdict(build(cls, sraw.get(v), f"{study}.{v}"))
                      for v, cls in variants.items()}
    return out


def variant_config(study: str, variant: str, raw_json: str | dict | None) -> Any:
    """The typed config of one variant, from the JSON slice a rule passes on the CLI."""
    if study not in STUDIES:
        raise ConfigError(f"unknown study {study!r} (known: {', '.join(STUDIES)})")
    if variant not in STUDIES[study]:
        raise ConfigError(f"unknown variant {study}.{variant} (known: {', '.join(STUDIES[study])})")
    raw = json.loads(raw_json) if isinstance(raw_json, str) else raw_json
    return build(STUDIES[study][variant], raw, f"{study}.{variant}")
