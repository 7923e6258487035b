"""Files in and out, safely: outputs are written under a temporary name and moved into place
(a killed job never leaves a half-written output that looks done), and an unreadable input
raises `InputError` whose one-line message names the file (the CLI prints it, exit status 2).

Imports nothing heavy at module level (the CLI imports it for `--help`).
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator


class InputError(ValueError):
    """An input file is missing, corrupt or from another run; the message names it."""


@contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """Yield `<path>.tmp` to write; on success rename it over `path` (atomic on one file
    system), on error remove it. Every output of the project is written this way."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".tmp")
    try:
        yield tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, p)


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write `text` to `path` through `replacing`."""
    with replacing(path) as tmp:
        tmp.write_text(text)
    return Path(path)


def atomic_write_json(path: str | Path, obj: Any) -> Path:
    """Write `obj` as indented JSON to `path` through `replacing`."""
    return atomic_write_text(path, json.dumps(obj, indent=1))


def read_json(path: str | Path) -> Any:
    p = Path(path)
    try:
        return json.loads(p.read_text())
    except FileNotFoundError:
        raise InputError(f"missing file {p}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"corrupt JSON file {p}: {e}") from None


def read_csv(path: str | Path):
    """A CSV table as a DataFrame; a missing, empty or unparsable file raises InputError."""
    import pandas as pd

    p = Path(path)
    if not p.is_file():
        raise InputError(f"missing table {p}")
    check_csv(p)  # pandas fills a truncated last row with NaN instead of failing
    try:
        return pd.read_csv(p)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        raise InputError(f"corrupt table {p}: {str(e).strip().splitlines()[0]}") from None


def check_sqlite_store(path: str | Path) -> None:
    """Raise InputError unless `path` is absent or a readable MLflow SQLite database."""
    p = Path(path)
    if not p.exists():
        return
    try:
        con = sqlite3.connect(f"file:{p}?mode=ro", uri=True)
        try:
            con.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            con.close()
    except sqlite3.Error as e:
        raise InputError(f"unreadable MLflow database {p}: {e} (move it aside to start a new "
                         "store; the runs' files under results/ are kept)") from None


def check_results_profile(results: str | Path, profile: str) -> None:
    """Raise InputError if `results` holds the outputs of another profile (its tracking.json
    records the profile it was made with)."""
    marker = Path(results) / "tracking.json"
    if not marker.is_file():
        return
    made = read_json(marker).get("profile")
    if made is not None and made != profile:
        raise InputError(f"{results}/ holds a {made!r} run ({marker} says profile {made!r}), not "
                         f"{profile!r}: choose another folder with --config results=<dir>, "
                         "or remove it")


def check_tables(results: str | Path) -> None:
    """Raise InputError for the first aggregated table (`<study>/tables/*.csv`) or job manifest
    (`<study>/jobs/*.json`) under `results` that does not parse. Cheap (csv/json modules, no
    pandas), so the workflow runs it before any job: Snakemake would otherwise delete the
    outputs downstream of a corrupt file before the job that reads it fails."""
    res = Path(results)
    for p in sorted(res.glob("*/jobs/*.json")):
        read_json(p)
    for p in sorted(res.glob("*/tables/*.csv")):
        check_csv(p, hint=" (delete it: the workflow rebuilds it)")


def check_csv(p: Path, hint: str = "") -> None:
    """Raise InputError unless `p` is UTF-8 CSV with a header and rows all as wide as it."""
    import csv

    try:
        with open(p, newline="", encoding="utf-8") as f:
            rows = csv.reader(f)
            width = len(next(rows, []))
            bad = next((i for i, row in enumerate(rows, 2) if len(row) != width), None)
    except (UnicodeDecodeError, csv.Error) as e:
        raise InputError(f"corrupt table {p}: {e}{hint}") from None
    if width == 0 or bad is not None:
        where = "no header" if width == 0 else f"line {bad} has another number of fields"
        raise InputError(f"corrupt table {p}: {where}{hint}")
