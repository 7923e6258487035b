"""Progress lines on stderr (workflow jobs send them to their log file)."""

from __future__ import annotations

import sys
import time


def log(msg: str) -> None:
    """One timestamped line on stderr."""
    print(f"[strategic {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)
