"""Where numba caches compiled kernels: a folder named by the source they are compiled from.

numba stamps a cached kernel with its own file's modification time and size only. A kernel
that inlines `register_jitable` code from another module (`games.planar_play`,
`game.planar_rows`) would load the old machine code after that module is edited, and give
the old numbers silently. `configure()`, called by every module that defines numba kernels
before it defines them, sets `numba.config.CACHE_DIR` to `<root>/__pycache__/numba-<digest>`,
the digest covering the source of every module under `root` that mentions numba (and numba's
version): an edit to any of them compiles afresh. A `NUMBA_CACHE_DIR` set by the user wins;
where the package folder is not writable the folder goes under `$XDG_CACHE_HOME/strategic`
(default `~/.cache`; the temp folder without a home). If that folder cannot be written either,
numba falls back to its own locators.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def source_digest(root: Path = ROOT) -> str:
    """sha256 (16 hex digits) of numba's version and of every `*.py` under `root` whose text
    mentions numba, with their paths relative to `root`."""
    import numba

    h = hashlib.sha256(numba.__version__.encode())
    for path in sorted(root.rglob("*.py")):
        text = path.read_bytes()
        if b"numba" in text:
            h.update(str(path.relative_to(root)).encode() + b"\0" + text + b"\0")
    return h.hexdigest()[:16]


def cache_dir(root: Path = ROOT) -> Path:
    """The kernel cache folder for the current source under `root` (see the module docstring)."""
    name = f"numba-{source_digest(root)}"
    pycache = root / "__pycache__"
    if os.access(pycache if pycache.exists() else root, os.W_OK):
        return pycache / name
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:   # no home directory: the temp folder
        base = Path(tempfile.gettempdir())
    return base / "strategic" / name


def configure(root: Path = ROOT) -> str:
    """Point numba's cache at `cache_dir(root)` unless NUMBA_CACHE_DIR is set; returns the
    folder in use. Call before defining `cache=True` kernels (numba reads it then)."""
    import numba

    if not os.environ.get("NUMBA_CACHE_DIR"):
        numba.config.CACHE_DIR = str(cache_dir(root))
    return numba.config.CACHE_DIR
