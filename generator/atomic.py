"""Write files so that a reader never sees half of one.

Each output is written to a hidden temporary file in the same folder and renamed
over the final name only when every output of the topic is complete. A build that
fails or is killed leaves the last good outputs whole.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import signal
import time
from collections.abc import Iterator
from pathlib import Path

TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"\..+\.(\d+)-[0-9a-f]+\.tmp")


STALE_AFTER_SECONDS = 3600
"""A temporary file this old belongs to no running build (a topic takes seconds), even
if a live process has the pid in its name: pids are reused, and in a container every
run can have the same one."""


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temporary files left by builds that were killed. Those of a build still
    running in another process are left alone: its pid is alive and the file is
    recent. This process has none in `folder` yet when it calls this."""
    now = time.time()
    for temp in folder.glob(f".*{TEMP_SUFFIX}"):
        match = _TEMP_NAME.fullmatch(temp.name)
        with contextlib.suppress(OSError):
            if match and _running_elsewhere(int(match.group(1)), temp.stat().st_mtime, now):
                continue
            temp.unlink()


def _running_elsewhere(pid: int, mtime: float, now: float) -> bool:
    return pid != os.getpid() and now - mtime < STALE_AFTER_SECONDS and _process_alive(pid)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but another user's
        return True
    except OverflowError:
        return False
    return True


class StagedFiles:
    """Temporary names for a set of final paths, committed together."""

    def __init__(self) -> None:
        self._staged: dict[Path, Path] = {}

    def temp_for(self, final: Path) -> Path:
        """A fresh temporary path beside `final` (same folder, so rename is atomic)."""
        final.parent.mkdir(parents=True, exist_ok=True)
        temp = final.with_name(f".{final.name}.{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}")
        self._staged[final] = temp
        return temp

    def commit(self) -> dict[Path, os.stat_result]:
        """Rename every staged file over its final name; each final path with the stat
        of the file renamed there, taken before the rename (a rename keeps it, and a
        stat after could see another process's file). A final name taken by a folder is
        found before any rename, so that no output is replaced while another fails."""
        for final in self._staged:
            if final.is_dir():
                raise IsADirectoryError(
                    errno.EISDIR, "a folder has the name of an output", str(final)
                )
        done = {}
        with interrupts_deferred():  # every file renamed, or none: never half old, half new
            for final, temp in self._staged.items():
                done[final] = temp.stat()
                temp.replace(final)
        self._staged.clear()
        return done

    def discard(self) -> None:
        for temp in self._staged.values():
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        self._staged.clear()


@contextlib.contextmanager
def staged() -> Iterator[StagedFiles]:
    """Stage files; on any exception, delete every temporary file and re-raise."""
    files = StagedFiles()
    try:
        yield files
    except BaseException:
        files.discard()
        raise


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Ctrl-C (SIGINT) held back by the operating system until the block ends, then
    delivered as usual. Only for a few renames: nothing here can wait."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: renames stay interruptible
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_text_atomic(path: Path, text: str) -> None:
    with staged() as files:
        files.temp_for(path).write_text(text, encoding="utf-8")
        files.commit()
