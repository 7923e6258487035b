"""Typed configuration: defaults live here, YAML overrides them, unknown keys are errors.

Each study has a dataclass per variant (one Snakemake job = one variant, all its seeds).
`validate(raw)` checks a whole config dict (as Snakemake loads it) against these classes and
raises `ConfigError` with a one-line message naming the offending key, before any job runs.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, get_args, get_origin, get_type_hints


class ConfigError(ValueError):
    """A config value is missing, unknown, of the wrong type or out of range."""


def _f(default: Any, doc: str, *, gt: float | None = None, ge: float | None = None,
       le: float | None = None, choices: tuple | None = None) -> Any:
    """A dataclass field with its documentation and range constraints."""
    meta = {"doc": doc, "gt": gt, "ge": ge, "le": le, "choices": choices}
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata=meta)
    return field(default=default, metadata=meta)


def _seeds(default: list[int]) -> Any:
    return _f(default, "random seeds; one MLflow run per seed", ge=0)


# ----------------------------------------------------------------------------- games
@dataclass
class GamesGD:
    """A1: gradient descent on a nonconvex landscape and on matrix factorisation."""
    seeds: list[int] = _seeds([0, 1, 2])
    n_inits: int = _f(10_000, "uniform initial points in [-box, box]^2", gt=0)
    box: float = _f(2.0, "half-width of the initialisation square", gt=0)
    lr: float = _f(0.1, "GD step size (CLAIMS A1)", gt=0)
    steps: int = _f(2000, "GD steps (CLAIMS A1)", gt=0)
    n_paths: int = _f(40, "paths stored for the figure", ge=0)
    mf_n: int = _f(50, "matrix size n of M = A A^T / n", gt=0)
    mf_rank: int = _f(5, "rank r of M and of the factor U", gt=0)
    mf_inits: int = _f(50, "random small initialisations of U", gt=0)
    mf_init_scale: float = _f(1e-3, "std of the small random init of U", gt=0)
    mf_lr: float = _f(0.2, "GD step size divided by lambda_max(M)", gt=0, le=0.5)
    mf_steps: int = _f(1000, "GD steps on the factorisation", gt=0)
    block: int = _f(250, "inner steps per Lightning training_step (amortises overhead)", gt=0)


@dataclass
class GamesMLP:
    """A1: 'local minima are good enough': an MLP on 8x8 digits from many seeds."""
    seeds: list[int] = _seeds(list(range(10)))
    hidden: int = _f(256, "width of both hidden layers (64-h-h-10)", gt=0)
    lr: float = _f(0.2, "SGD learning rate", gt=0)
    momentum: float = _f(0.9, "SGD momentum", ge=0, le=1)
    batch_size: int = _f(128, "minibatch size", gt=0)
    epochs: int = _f(40, "passes over the training split", gt=0)
    test_fraction: float = _f(0.25, "stratified held-out share (fixed split, seed 0)", gt=0, le=0.9)


@dataclass
class GamesBilinear:
    """A2: GD vs GD on f(x, y) = x*y and the linear WGAN toy of Daskalakis et al. ICLR'18."""
    seeds: list[int] = _seeds([0])
    lr: float = _f(0.1, "step size eta (CLAIMS A2)", gt=0, le=0.45)
    steps: int = _f(20_000, "steps on x*y (CLAIMS A2)", gt=1)
    z0: list[float] = _f([1.0, 1.0], "initial point (x0, y0)")
    methods: list[str] = _f(["gda", "alt_gda", "ogda", "eg"], "update rules to run",
                            choices=("gda", "alt_gda", "ogda", "eg"))
    wgan_steps: int = _f(2000, "steps on the linear WGAN toy", gt=0)
    wgan_target: list[float] = _f([3.0, 4.0], "true mean v of the linear WGAN toy")
    block: int = _f(1000, "inner steps per Lightning training_step", gt=0)


@dataclass
class GamesGrid:
    """B1, B2: u1 = -u2 = (x1 - x2)^2 on a grid of [-1, 1]: pure vs mixed equilibria."""
    seeds: list[int] = _seeds([0])
    n: int = _f(201, "odd grid size (contains 0 and +-1; CLAIMS B1)", gt=2)
    n_even: int = _f(200, "even grid size (no 0) for the h^2 bound of B2", gt=1)

    def __post_init__(self):
        if self.n % 2 == 0:
            raise ConfigError("games.grid.n: must be odd so the grid contains 0")
        if self.n_even % 2:
            raise ConfigError("games.grid.n_even: must be even so the grid omits 0")


STUDIES: dict[str, dict[str, type]] = {
    "games": {"gd": GamesGD, "mlp": GamesMLP, "bilinear": GamesBilinear, "grid": GamesGrid},
}


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
    studies: list[str] = _f(["games"], "studies that `rule all` builds", choices=tuple(STUDIES))
    threads: int = _f(1, "torch threads per job (1 is fastest on small CPUs)", gt=0)
    accelerator: str = _f("cpu", "Lightning accelerator for network training", choices=("cpu", "gpu", "auto"))


# ----------------------------------------------------------------------------- validation
def _check_scalar(key: str, value: Any, typ: type) -> Any:
    if typ is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if typ in (int, float) and isinstance(value, str):  # YAML 1.1 reads "1e-3" as a string;
        try:                                            # `--config` may hand numbers as text
            return typ(value)
        except ValueError:
            pass
    if not isinstance(value, typ) or (typ is int and isinstance(value, bool)):
        raise ConfigError(f"{key}: expected {typ.__name__}, got {type(value).__name__} {value!r}")
    return value


def _check_range(key: str, value: Any, meta: dict) -> None:
    vals = value if isinstance(value, list) else [value]
    for v in vals:
        if meta.get("choices") and v not in meta["choices"]:
            raise ConfigError(f"{key}: {v!r} is not one of {list(meta['choices'])}")
        if meta.get("gt") is not None and not v > meta["gt"]:
            raise ConfigError(f"{key}: must be > {meta['gt']}, got {v!r}")
        if meta.get("ge") is not None and not v >= meta["ge"]:
            raise ConfigError(f"{key}: must be >= {meta['ge']}, got {v!r}")
        if meta.get("le") is not None and not v <= meta["le"]:
            raise ConfigError(f"{key}: must be <= {meta['le']}, got {v!r}")


def build(cls: type, raw: dict | None, prefix: str) -> Any:
    """Instantiate dataclass `cls` from `raw`, checking keys, types and ranges."""
    raw = {} if raw is None else raw
    if not isinstance(raw, dict):
        raise ConfigError(f"{prefix}: expected a mapping, got {type(raw).__name__}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    hints = get_type_hints(cls)
    for k in raw:
        if k not in fields:
            raise ConfigError(f"{prefix}.{k}: unknown key (known: {', '.join(fields)})")
    values = {}
    for name, f in fields.items():
        if name not in raw:
            continue
        key, typ, v = f"{prefix}.{name}", hints[name], raw[name]
        if get_origin(typ) is list:
            if not isinstance(v, list):
                raise ConfigError(f"{key}: expected a list, got {type(v).__name__} {v!r}")
            if not v:
                raise ConfigError(f"{key}: must not be empty")
            v = [_check_scalar(key, x, get_args(typ)[0]) for x in v]
        else:
            v = _check_scalar(key, v, typ)
        _check_range(key, v, f.metadata)
        values[name] = v
    return cls(**values)


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
