"""The build's garbage collection policy: rare collections while starting, then the
default threshold with start-up's objects frozen."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from generator import gc_tuning


@pytest.fixture(autouse=True)
def restore_gc() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


def test_start_then_settle_returns_to_the_default_with_startup_frozen():
    gc_tuning.start()
    assert gc.get_threshold() == gc_tuning.STARTUP_THRESHOLD
    gc_tuning.settle()
    assert gc.get_threshold() == gc_tuning.DEFAULT_THRESHOLD
    assert gc.get_freeze_count() > 0


def test_settle_without_start_changes_nothing():
    gc.unfreeze()  # an in-process build by another test may have frozen objects
    gc.set_threshold(1234, 5, 6)
    gc_tuning.settle()
    assert gc.get_threshold() == (1234, 5, 6)
    assert gc.get_freeze_count() == 0
