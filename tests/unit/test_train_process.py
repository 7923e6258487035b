"""strategic.train.process: malloc tuning takes effect once and fit freezes the GC."""

import gc
import sys

import pytest

from strategic.train import process as P


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_keep_freed_memory_sets_glibc_once():
    assert P.keep_freed_memory() is True
    assert P.keep_freed_memory() is True      # idempotent


def test_frozen_gc_freezes_for_the_block_and_hands_objects_back():
    gc.unfreeze()
    keep = [[] for _ in range(10)]
    with P.frozen_gc():
        assert gc.get_freeze_count() >= len(keep)
    assert gc.get_freeze_count() == 0
