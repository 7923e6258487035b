"""Config schema machinery: typed dataclass fields with documentation and ranges, and
`build`, which checks a raw mapping against a dataclass with one-line `ConfigError`s.

Each study declares its variants' dataclasses in `strategic/<study>/config.py` with `_f`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import field
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


def _seeds(default: list[int], le: int | None = None) -> Any:
    """The `seeds` field; `le` where a study keys streams by a few bits of the seed."""
    doc = "random seeds; one MLflow run per seed" + (f" (at most {le})" if le is not None else "")
    return _f(default, doc, ge=0, le=le)


# ----------------------------------------------------------------------------- validation
def _check_scalar(key: str, value: Any, typ: type) -> Any:
    if typ is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if typ is bool and isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"  # `--config key=false` hands booleans as text
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
