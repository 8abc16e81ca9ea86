"""Ctrl-C held back while code that must not be cut short runs."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType


@contextlib.contextmanager
def held_interrupt(on_press: Callable[[], None] = lambda: None) -> Iterator[list[int]]:
    """Hold Ctrl-C (SIGINT) until the block ends, then raise it (in place of any
    exception the block raised, which becomes its context). For code that an
    interrupt would leave broken or misreport: forking workers (born with Python's
    default handler they would print a traceback), shutting a process pool down,
    ReportLab parsing a font (its bare `except:` turns the interrupt into an error),
    and a second build process (forked.py), which passes `on_press` to kill its child
    at once and looks at the presses so far (the list yielded) to stop early.
    Only the main thread can set signal handlers, and a process that ignores Ctrl-C
    (a worker) goes on ignoring it: in both cases this does nothing."""
    pressed: list[int] = []
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    ):
        yield pressed
        return

    def note(signum: int, frame: FrameType | None) -> None:
        pressed.append(signum)
        on_press()

    previous = signal.signal(signal.SIGINT, note)
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)
        if pressed:  # also when the block raised: Ctrl-C wins, the error is its context
            raise KeyboardInterrupt
