"""Runs -> pandas tables: one row per run in `runs.csv`, and every per-run CSV concatenated."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from strategic.safeio import InputError, read_csv, read_json, replacing


def metrics_files(paths: list[str | Path]) -> list[Path]:
    """Expand job manifests (`jobs/<job>.json`, written by `strategic run-job`) and run
    manifests (`<variant>/runs.json`, by `strategic run`) into metrics.json files."""
    out = []
    for path in map(Path, paths):
        doc = read_json(path)
        if "variants" in doc:
            out += metrics_files([(path.parent / m).resolve() for m in doc["variants"].values()])
        elif "runs" in doc:
            out += [path.parent / r["metrics"] for r in doc["runs"]]
        else:
            out.append(path)
    return out


def load_runs(paths: list[str | Path]) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """Read `metrics.json` files (or manifests of them) and the CSV tables beside them.

    Returns the runs table (study, variant, seed, run_id, git_sha, metrics...) and, per table
    name, the concatenation over runs with `variant` and `seed` columns prepended.
    """
    rows, parts = [], {}
    for path in sorted(metrics_files(paths)):
        rec = read_json(path)
        key = {"variant": rec["variant"], "seed": rec["seed"]}
        rows.append({"study": rec["study"], **key, "run_id": rec["run_id"],
                     "git_sha": rec["git_sha"], **rec["metrics"]})
        for csv in sorted(path.parent.glob("*.csv")):
            df = read_csv(csv)
            parts.setdefault(csv.stem, []).append(df.assign(**key)[[*key, *df.columns]])
    return pd.DataFrame(rows), {k: pd.concat(v, ignore_index=True) for k, v in parts.items()}


def aggregate(paths: list[str | Path], out: Path) -> list[Path]:
    """Write one CSV per table name into `out`, then `runs.csv` (the workflow's output) last;
    each under a temporary name moved into place. Returns the written files."""
    runs, tables = load_runs(paths)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in [*tables.items(), ("runs", runs)]:
        written.append(out / f"{name}.csv")
        with replacing(written[-1]) as tmp:
            df.to_csv(tmp, index=False)
    return written[-1:] + written[:-1]


def read(tables: Path, name: str) -> pd.DataFrame:
    """One aggregated table; a clear error if the study did not produce it."""
    path = tables / f"{name}.csv"
    if not path.is_file():
        raise InputError(f"missing table {path} (did the study's runs finish?)")
    return read_csv(path)
