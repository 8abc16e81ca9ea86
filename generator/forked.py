"""Run part of a build in a second process while this one goes on.

The outputs of one topic come from exporters that share nothing across their
libraries: the PDFs share ReportLab, the parsed fonts and the fitted card; the Anki
deck loads genanki, the HTML page only Jinja2. When a second core is free, a
one-topic build makes the PDFs here and the rest in a forked child. The child only
writes files under the temporary names this process gave it and reports back
success or the exception it raised; renaming the files into place stays here, in
one step, so a topic is still committed whole or not at all.

Linux only: elsewhere (and with --jobs 1) everything runs in this process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from typing import NoReturn

from generator.interrupts import held_interrupt


def available() -> bool:
    """Whether `beside` may fork. On macOS a forked child can crash in system
    libraries (Python itself stopped forking there by default); Windows cannot fork."""
    return sys.platform == "linux"


@contextlib.contextmanager
def beside(work: Callable[[], None]) -> Iterator[None]:
    """Run `work` in a forked child while the `with` block runs here. On leaving, wait
    for the child; if the block succeeded, raise whatever `work` raised (with the
    child's traceback as a note). If the block raised, that exception goes on and the
    child's outcome is dropped, but the child is still waited for, so that nothing it
    writes comes after the caller cleans up."""
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # else both processes could write the same buffered text
    read, write = os.pipe()
    pid = 0
    try:
        with held_interrupt():  # a Ctrl-C while forking is raised once `pid` is known
            pid = os.fork()
            if pid == 0:
                _child(work, read, write)
            os.close(write)
        yield
    except BaseException:
        if pid:
            with held_interrupt():
                _outcome(pid, read)
        else:  # no child: the fork failed
            os.close(read)
            os.close(write)
        raise
    with held_interrupt():
        error = _outcome(pid, read)
    if error is not None:
        raise error


def _child(work: Callable[[], None], read: int, write: int) -> NoReturn:
    # Ctrl-C reaches both processes: the parent stops the build and waits for this
    # one, which finishes its few files so that they can be cleaned up whole.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.close(read)
    report, code = b"", 0
    try:
        work()
    except BaseException as exc:
        report, code = _pack(exc), 1
    try:
        with os.fdopen(write, "wb") as pipe:
            pipe.write(report)
    finally:
        os._exit(code)  # no clean-up of the parent's state, no flush of its buffers


def _pack(exc: BaseException) -> bytes:
    """`exc` and its formatted traceback, pickled; an exception that cannot make the
    trip whole becomes a RuntimeError with its type and message."""
    told = "".join(traceback.format_exception(exc))
    try:
        report = pickle.dumps((exc, told))
        pickle.loads(report)
    except Exception:
        report = pickle.dumps((RuntimeError(f"{type(exc).__name__}: {exc}"), told))
    return report


def _outcome(pid: int, read: int) -> BaseException | None:
    """Wait for the child; None if it succeeded, else the exception it sent or one
    saying how it ended."""
    with os.fdopen(read, "rb") as pipe:
        report = pipe.read()
    _, status = os.waitpid(pid, 0)
    try:
        error, told = pickle.loads(report) if report else (None, "")  # our child's: trusted
    except Exception:  # cut short: the child was killed while writing it
        error, told = None, ""
    if isinstance(error, BaseException):
        error.add_note(f"in the second build process:\n{told.rstrip()}")
        return error
    code = os.waitstatus_to_exitcode(status)
    if code == 0 and not report:
        return None
    how = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
    return RuntimeError(f"the second build process ended without a result ({how})")
