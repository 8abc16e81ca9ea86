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
import signal
from collections.abc import Iterable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

TEMP_SUFFIX = ".tmp"
NO_LINK = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
EXCLUSIVE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_LINK
"""Create a new file, or fail: never open one that exists, never follow a link."""
_TEMP_NAME = re.compile(r"\.(?P<final>.+)\.\d+-[0-9a-f]{8}\.tmp")
"""`.<final name>.<pid>-<8 hex digits>.tmp`, as `StagedFiles.temp_for` names them."""


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (created if missing) for the block: one build
    at a time writes into a topic's folder, whichever process, container or host
    (sharing the folder) it runs in. `flock` on the folder itself: no lock file to
    leave behind, and the lock goes with the process however it ends."""
    folder.mkdir(parents=True, exist_ok=True)
    key = (os.getpid(), folder)
    if fcntl is None or key in _HELD:  # Windows: no flock; or held already, here
        yield
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        _HELD.add(key)
        yield
    finally:
        _HELD.discard(key)
        os.close(fd)  # releases the lock


_HELD: set[tuple[int, Path]] = set()
"""Folders this process holds locked (a second flock on the same folder would wait
for the first)."""


def remove_stale_temporaries(folder: Path, finals: Iterable[str]) -> None:
    """Delete the temporary files of `finals` (final file names) that builds killed in
    `folder` left behind. Call it holding `folder_lock(folder)`: then no live build
    owns one. Only names `temp_for` makes for those finals are touched, never another
    file (a user's `.notes.tmp`)."""
    ours = set(finals)
    for temp in folder.glob(f".*{TEMP_SUFFIX}"):
        match = _TEMP_NAME.fullmatch(temp.name)
        if match and match.group("final") in ours:
            with contextlib.suppress(OSError):
                temp.unlink()


class StagedFiles:
    """Temporary names for a set of final paths, committed together."""

    def __init__(self) -> None:
        self._staged: dict[Path, Path] = {}

    def temp_for(self, final: Path) -> Path:
        """A fresh temporary path beside `final` (same folder, so rename is atomic): a
        random name, made here as an empty file of ours (`O_EXCL`: never a file or a
        link someone planted under that name)."""
        final.parent.mkdir(parents=True, exist_ok=True)
        temp = final.with_name(f".{final.name}.{os.getpid()}-{os.urandom(4).hex()}{TEMP_SUFFIX}")
        os.close(os.open(temp, EXCLUSIVE, 0o666))
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

    def drop(self, final: Path) -> None:
        """Give up the file staged for `final`: its temporary is deleted, and `commit`
        leaves `final` as it was."""
        temp = self._staged.pop(final)
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()

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


def write_new(path: Path, text: str) -> None:
    """Write `path` whole, and only if no file or link has that name: the text goes to
    a staged temporary file (`temp_for`), written through the descriptor of that file
    alone, which is then linked to the name (a link never replaces what is there, and
    never follows a link it finds). `FileExistsError` when the name is taken."""
    with staged() as files:
        temp = files.temp_for(path)
        with os.fdopen(os.open(temp, os.O_WRONLY | NO_LINK), "w", encoding="utf-8") as file:
            file.write(text)
        try:
            os.link(temp, path, follow_symlinks=False)
        finally:
            files.discard()
