"""Ctrl-C held back while code that must not be cut short runs."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator


@contextlib.contextmanager
def held_interrupt() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) until the block ends, then raise it (in place of any
    exception the block raised, which becomes its context). For code that an
    interrupt would leave broken or misreport: forking workers (born with Python's
    default handler they would print a traceback), shutting a process pool down, and
    ReportLab parsing a font (its bare `except:` turns the interrupt into an error).
    Only the main thread can set signal handlers, and a process that ignores Ctrl-C
    (a worker) goes on ignoring it: in both cases this does nothing."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    ):
        yield
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pressed.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if pressed:  # also when the block raised: Ctrl-C wins, the error is its context
            raise KeyboardInterrupt
