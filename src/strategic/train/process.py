"""Process settings that make CPU training memory-bound less often (measured by
`benchmarks/gans_speed.py`, item 4, in child processes).

- glibc malloc keeps freed memory: by default a freed block above the dynamic mmap threshold
  goes back to the kernel and the next tensor of that size page-faults on first touch. Here
  (a VM) that first touch costs more than the arithmetic of an elementwise op on a
  [3, 1024, 128] activation. `mallopt` raises the mmap threshold to its maximum (32 MiB) and
  the trim threshold to 1 GiB, so activations and gradients reuse warm pages.
- Python's cyclic GC: autograd creates thousands of tensors per step, so gen-2 collections
  keep re-scanning every object the imports created (torch, Lightning, MLflow, pandas).
  `frozen_gc()` moves the objects alive at the start of a fit to the permanent generation
  for the fit's duration; collections then scan only what training allocates.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from contextlib import contextmanager

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD = 32 << 20          # glibc's maximum on 64-bit (HEAP_MAX_SIZE / 2)
TRIM_THRESHOLD = 1 << 30

_done = False


def keep_freed_memory() -> bool:
    """Tune glibc malloc as described above, once per process; False where there is no glibc
    (macOS, musl): nothing changes there."""
    global _done
    if _done:
        return True
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        ok = (libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1 and
              libc.mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1)
    except (OSError, AttributeError):
        return False
    _done = ok
    return ok


def freeze_gc() -> None:
    """`gc.freeze()`: what is alive now is not scanned by the cyclic collector (until
    `gc.unfreeze()`)."""
    gc.collect()
    gc.freeze()


@contextmanager
def frozen_gc():
    """Objects alive on entry are frozen for the block, then handed back to the collector
    (so a process that fits many times, a test session, still frees old fits' cycles)."""
    freeze_gc()
    try:
        yield
    finally:
        gc.unfreeze()
