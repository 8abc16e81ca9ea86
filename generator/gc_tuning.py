"""Garbage collection tuned for builds.

Starting a build makes a few hundred thousand objects that live until the process
ends (imported modules, parsed fonts, compiled templates). With CPython's default
threshold of 700, the collector runs hundreds of times over them: about 7% of a
one-topic build. So a build collects rarely while it starts (as mypy does), then,
once its first topic is done, moves everything alive so far out of the collector's
way (`gc.freeze`) and returns to the default threshold, so that the garbage of a
long batch is still collected promptly and memory stays flat.
"""

from __future__ import annotations

import gc
import platform

DEFAULT_THRESHOLD = gc.get_threshold()
STARTUP_THRESHOLD = (200_000, 30, 30)


def start() -> None:
    """Collect rarely; call once, before the heavy imports of a build."""
    if platform.python_implementation() == "CPython":
        gc.set_threshold(*STARTUP_THRESHOLD)


def settle() -> None:
    """After the first topic: freeze what start-up made, back to the default threshold.
    Does nothing if `start` was not called or `settle` already ran."""
    if gc.get_threshold() == STARTUP_THRESHOLD:
        gc.freeze()
        gc.set_threshold(*DEFAULT_THRESHOLD)
