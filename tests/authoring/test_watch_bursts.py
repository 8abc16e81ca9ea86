"""An editor's save comes as a burst of changes (a backup made, the file written, its
mode set, the backup removed): the preview server rebuilds once for it, from the whole
file, never from the half-saved one (issue 30 shortened the quiet wait, watch.STEP_MS)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import pytest

from generator.authoring.session import Session, TopicState
from generator.authoring.watch import start_watching
from generator.options import BuildOptions
from tests.authoring.test_serve import eventually
from tests.conftest import copy_hamstring

GAP = 0.001
"""Between the steps of a save: a disk's sync, an editor on a busy machine."""


def in_place(topic: Path, text: str) -> None:
    """Truncated and written in two parts (a large file)."""
    data = text.encode()
    with topic.open("wb") as file:
        file.write(data[: len(data) // 2])
        file.flush()
        time.sleep(GAP)
        file.write(data[len(data) // 2 :])


def like_vim(topic: Path, text: str) -> None:
    """The file renamed to its backup, written anew, synced, its mode set, the backup
    removed (Vim's default on Linux)."""
    backup = topic.with_name(topic.name + "~")
    topic.rename(backup)
    time.sleep(GAP)
    with topic.open("w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    time.sleep(GAP)
    topic.chmod(0o644)
    backup.unlink()


def safe_write(topic: Path, text: str) -> None:
    """Written beside, the file moved aside, the new one moved in, the old one removed
    (JetBrains' safe write)."""
    new = topic.with_name(topic.name + "___jb_tmp___")
    old = topic.with_name(topic.name + "___jb_old___")
    new.write_text(text, encoding="utf-8")
    topic.rename(old)
    time.sleep(GAP)
    new.rename(topic)
    old.unlink()


@pytest.mark.parametrize("save", [in_place, like_vim, safe_write])
def test_an_editors_save_is_one_rebuild_of_the_whole_file(tmp_path, monkeypatch, save):
    topic = copy_hamstring(tmp_path)
    session = Session([topic], tmp_path / "out", None, BuildOptions())
    session.rebuild(session.topics.values())
    rebuilds: list[tuple[str, list[str]]] = []
    real = Session.rebuild
    lock = threading.Lock()

    def counted(self: Session, states: Iterable[TopicState]) -> None:
        real(self, states)
        (state,) = self.topics.values()
        with lock:
            rebuilds.append((state.title, list(state.problems)))

    monkeypatch.setattr(Session, "rebuild", counted)
    thread, stop = start_watching(session)
    try:
        time.sleep(0.3)  # the watch is on
        text = topic.read_text(encoding="utf-8").replace("Hamstring cramps", "Cramps", 1)
        save(topic, text)
        assert eventually(lambda: bool(rebuilds), 10)
        time.sleep(0.5)  # no second rebuild follows
        assert rebuilds == [("Cramps", [])]
    finally:
        stop.set()
        thread.join(5)
