"""Rebuild topics when their files change, for the preview server (watchfiles)."""

from __future__ import annotations

import threading
from pathlib import Path

from generator.atomic import TEMP_SUFFIX
from generator.authoring.preview import need
from generator.authoring.session import Session
from generator.deck_record import RECORD_SUFFIX

STEP_MS = 20
"""How long the folder must stay quiet after a change before a rebuild starts: an
editor's save (write, rename, change of mode) comes as a few events in a few ms."""


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
    inside the output folder and to the records of the last deck (our own writes) and
    editors' and our temporary files are left out."""
    watchfiles = need("watchfiles")
    out = session.out_root.resolve()
    default = watchfiles.DefaultFilter()

    def wanted(change: object, path: str) -> bool:
        name = Path(path)
        if name.is_relative_to(out) or name.name.endswith(RECORD_SUFFIX):
            return False
        if name.name.startswith(".") and path.endswith(TEMP_SUFFIX):
            return False
        return bool(default(change, path))

    for changes in watchfiles.watch(
        *watched_folders(session),
        watch_filter=wanted,
        step=STEP_MS,
        stop_event=stop,
        rust_timeout=200,
        yield_on_timeout=False,
        raise_interrupt=False,
    ):
        clinic, states = session.affected(Path(path) for _, path in changes)
        if clinic:
            session.load_clinic()
        if states:
            session.rebuild(states)


def start_watching(session: Session) -> tuple[threading.Thread, threading.Event]:
    """`watch` on a daemon thread; set the event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(session, stop), name="watch", daemon=True)
    thread.start()
    return thread, stop
