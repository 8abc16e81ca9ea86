"""Rebuild topics when their files change, for the preview server (watchfiles)."""

from __future__ import annotations

import os
import stat
import sys
import threading
from pathlib import Path
from typing import Any

from generator.atomic import TEMP_SUFFIX
from generator.authoring.preview import need
from generator.authoring.session import Session
from generator.deck_record import RECORD_SUFFIX

STEP_MS = 10
"""How long the folder must stay quiet after a change before a rebuild starts: an
editor's save (a backup, the write, a change of mode) comes as a few changes in a few
ms (tests/authoring/test_watch_bursts.py saves with 1 ms between its steps). watchfiles
looks every STEP_MS and yields once a look finds no change it had not seen, so a
rebuild starts 10-20 ms after the save (20-40 ms when this was 20)."""


def watched_folders(session: Session) -> list[Path]:
    """The folders of the topic files and of the clinic file (images and logos must
    live inside them), and `--labels DIR` (a `labels/` folder beside the topics is
    inside theirs)."""
    folders = {state.path.resolve().parent for state in session.topics.values()}
    if session.clinic_file is not None:
        folders.add(session.clinic_file.resolve().parent)
    if session.options.labels is not None:
        folders.add(session.options.labels.resolve())
    return sorted(folders)


def watch(session: Session, stop: threading.Event) -> None:
    """Until `stop` is set: wait for changes, then rebuild what they touch. Changes
    inside the output folder and to the records of the last deck (our own writes), to
    our own log (stdout or stderr sent to a file in a watched folder) and to editors'
    and our temporary files are left out. A watched folder that is removed and made
    again (an unzip, a branch switch) is watched anew, and its topics rebuilt."""
    watchfiles = need("watchfiles")
    out = session.out_root.resolve()
    own = _own_logs()
    default = watchfiles.DefaultFilter()

    def wanted(change: object, path: str) -> bool:
        name = Path(path)
        if name.is_relative_to(out) or name.name.endswith(RECORD_SUFFIX):
            return False
        if name.name.startswith(".") and path.endswith(TEMP_SUFFIX):
            return False
        return bool(default(change, path)) and _identity(name) not in own

    folders = watched_folders(session)
    seen = {folder: _identity(folder) for folder in folders}
    touched: set[Path] = set()  # folders removed or made again while watched
    pending: set[Path] = set()  # folders made again whose topics are not rebuilt yet
    while not stop.is_set():
        now = {folder: _identity(folder) for folder in folders}
        pending |= {f for f in folders if (now[f] != seen[f] or f in touched) and now[f]}
        seen, touched = now, set()
        present = [folder for folder in folders if now[folder] is not None]
        watching = _Watching(session, present, now, pending, touched)
        if not present or not watching.until_remade(watchfiles, wanted, stop):
            stop.wait(RETRY_SECONDS)


RETRY_SECONDS = 0.2
"""How often a folder that is gone is looked for again."""


class _Watching:
    """One watch of the `folders` present, as `seen`: rebuilds on each change, and
    first the topics of the folders made again (`pending`), once the watch is on, so
    that a save while they rebuild is not missed."""

    def __init__(
        self,
        session: Session,
        folders: list[Path],
        seen: dict[Path, tuple[int, int] | None],
        pending: set[Path],
        touched: set[Path],
    ) -> None:
        self.session, self.folders, self.seen = session, folders, seen
        self.pending, self.touched = pending, touched

    def until_remade(self, watchfiles: Any, wanted: Any, stop: threading.Event) -> bool:
        """Rebuild on each change until `stop` is set or a folder of `seen` is no
        longer the folder it was (or is back: then in `touched`); False when watching
        could not start (a folder went away)."""
        session = self.session
        try:
            for changes in watchfiles.watch(
                *self.folders,
                watch_filter=wanted,
                step=STEP_MS,
                stop_event=stop,
                rust_timeout=int(RETRY_SECONDS * 1000),
                yield_on_timeout=True,
                raise_interrupt=False,
            ):
                if self.pending:  # the watch is on: a save from now on is seen
                    remade = set(self.pending)
                    self.pending.clear()
                    session.rebuild(s for s in session.topics.values() if _in(s.path, remade))
                named = {Path(path) for _, path in changes} & set(self.seen)
                changed = {f for f, before in self.seen.items() if _identity(f) != before}
                if named or changed:  # removed, or made again (perhaps on the same inode)
                    self.touched |= named | changed
                    return True
                clinic, states = session.affected(Path(path) for _, path in changes)
                if clinic:
                    session.load_clinic()
                if states:
                    session.rebuild(states)
        except OSError:  # a folder went away as watching started
            return False
        return True


def _in(path: Path, folders: set[Path]) -> bool:
    return path.parent.resolve() in folders


def _identity(path: Path) -> tuple[int, int] | None:
    """The device and inode of `path` (a folder made again has another), or None."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _own_logs() -> set[tuple[int, int] | None]:
    """The files our stdout and stderr go to, when they are files: writing our log
    must not look like a save (it rebuilt, logged, and rebuilt for ever)."""
    found: set[tuple[int, int] | None] = set()
    for stream in (sys.stdout, sys.stderr):
        try:
            info = os.fstat(stream.fileno())
        except (OSError, ValueError, AttributeError):
            continue
        if stat.S_ISREG(info.st_mode):
            found.add((info.st_dev, info.st_ino))
    return found


def start_watching(session: Session) -> tuple[threading.Thread, threading.Event]:
    """`watch` on a daemon thread; set the event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(session, stop), name="watch", daemon=True)
    thread.start()
    return thread, stop
