"""Run part of a build in a second process while this one goes on.

The outputs of one topic come from exporters that share nothing across their
libraries: the PDFs share ReportLab, the parsed fonts and the fitted card; the Anki
deck loads genanki, the HTML page only Jinja2. When a second core is free, a
one-topic build makes the PDFs here and the rest in a forked child. The child only
writes files under the temporary names this process gave it and reports back
success or the exception it raised; renaming the files into place stays here, in
one step, so a topic is still committed whole or not at all.

What the caller may rely on: when `run_both` returns or raises, the child has ended
and will write nothing more. Ctrl-C is held while both run: this process stops at
the end of its current step, the child is killed at once (its files are about to be
thrown away), and KeyboardInterrupt is raised once it is gone. The child also dies
with this process (if a supervisor kills only the parent), and a fork that fails
(a limit on processes, no memory) runs everything here instead.

Linux only: elsewhere (and with --jobs 1) the build does not call this.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import NoReturn

from generator.interrupts import held_interrupt

PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal this process gets when its parent ends."""


def available() -> bool:
    """Whether `run_both` may be used. On macOS a forked child can crash in system
    libraries (Python itself stopped forking there by default); Windows cannot fork."""
    return sys.platform == "linux"


def run_both(here: Sequence[Callable[[], None]], aside: Callable[[], None]) -> None:
    """Run the steps `here` in this process and `aside` in a forked child, at the same
    time; return once both are done. If a step here fails, the child is killed and
    that failure raised; else the child's exception, if any, is raised with its
    traceback as a note."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # else both processes could write the same buffered text
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    child: Child | None = None

    def kill_child() -> None:  # at Ctrl-C: its files are about to be thrown away
        if child is not None:
            child.kill()

    with held_interrupt(on_press=kill_child) as pressed:
        read, write = os.pipe()
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:  # no process to spare: do it all here, one after the other
            os.close(read)
            os.close(write)
            for step in [*here, aside]:
                if pressed:
                    return  # held_interrupt raises KeyboardInterrupt
                step()
            return
        if pid == 0:
            _child(aside, read, write, parent)
        child = Child(pid)
        os.close(write)
        failure: BaseException | None = None
        try:
            for step in here:
                if pressed:
                    break
                step()
        except BaseException as exc:  # the child's work is thrown away with ours
            failure = exc
        if failure is not None or pressed:
            child.kill()
        error = _outcome(pid, read)
        child.close()
        child = None
        if failure is not None:
            raise failure
        if error is not None and not pressed:
            raise error


class Child:
    """The forked child, to kill. Through a pidfd where the kernel has them: if the
    caller ignores SIGCHLD, the kernel reaps the child as it ends and its pid may
    soon be another process's, which a plain kill() would hit."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.pidfd: int | None = None
        try:
            self.pidfd = os.pidfd_open(pid)
        except ProcessLookupError:  # already ended and reaped: nothing to kill
            self.pid = 0
        except (AttributeError, OSError):  # no pidfds (Linux before 5.3)
            pass

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            elif self.pid:
                os.kill(self.pid, signal.SIGKILL)

    def close(self) -> None:
        if self.pidfd is not None:
            os.close(self.pidfd)
            self.pidfd = None


def _child(work: Callable[[], None], read: int, write: int, parent: int) -> NoReturn:
    """Run `work`, send the outcome through `write`, and end, whatever happens:
    never return into the parent's code."""
    code = 1
    try:
        # Ctrl-C reaches both processes; the parent decides (and kills this one).
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _die_with(parent)
        os.close(read)
        try:
            work()
            report, code = pickle.dumps((None, "")), 0
        except BaseException as exc:
            report = _pack(exc)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(report)
    finally:
        os._exit(code)  # no clean-up of the parent's state, no flush of its buffers


def _die_with(parent: int) -> None:
    """Have the kernel kill this process when `parent` ends (a supervisor that kills
    only the parent): no file may be written in --out after the command has ended."""
    with contextlib.suppress(Exception):  # best effort: not every libc has prctl
        import ctypes  # here: only the child needs it

        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it ended before that took effect
        os._exit(1)


def _pack(exc: BaseException) -> bytes:
    """`exc` and its formatted traceback, pickled. An exception that cannot make the
    trip whole becomes an OSError (if it was one) or a RuntimeError, with its type
    and, if it has one, its message."""
    told = ""
    with contextlib.suppress(Exception):
        told = "".join(traceback.format_exception(exc))
    with contextlib.suppress(Exception):
        report = pickle.dumps((exc, told))
        pickle.loads(report)
        return report
    message = type(exc).__name__
    with contextlib.suppress(Exception):
        message = f"{message}: {exc}"
    stand_in = OSError(message) if isinstance(exc, OSError) else RuntimeError(message)
    return pickle.dumps((stand_in, told))


def _outcome(pid: int, read: int) -> BaseException | None:
    """Wait for the child (end of its report, then its exit); None if it succeeded,
    else the exception it sent or one saying how it ended."""
    with os.fdopen(read, "rb") as pipe:
        report = pipe.read()
    status: int | None = None
    with contextlib.suppress(ChildProcessError):  # SIGCHLD ignored: the kernel reaped it
        _, status = os.waitpid(pid, 0)
    try:
        error, told = pickle.loads(report)  # our own child's: trusted
    except Exception:  # no report, or cut short: the child was killed
        if status is None:
            how = "its exit status is unknown"
        else:
            code = os.waitstatus_to_exitcode(status)
            how = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
        return RuntimeError(f"the second build process ended without a result ({how})")
    if isinstance(error, BaseException):
        error.add_note(f"in the second build process:\n{told.rstrip()}")
        return error
    return None
