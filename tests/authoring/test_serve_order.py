"""A save's order in the preview server (issue 30): what the page shows is rebuilt and
the pages told; the page's own fetch is answered; then the rest (the study cards, CSV,
TSV) is rebuilt. No browser: a raw event stream stands for the page."""

from __future__ import annotations

import re
import socket
import time
from pathlib import Path

import generator.build
import generator.load
from generator.authoring.pages import topic_page
from generator.authoring.readers import LONGEST_WAIT_SECONDS, Readers
from generator.authoring.session import Session
from generator.options import BuildOptions
from tests.authoring.test_serve import eventually, stop_server
from tests.authoring.test_serve_holds_up import events, served_hamstring
from tests.conftest import copy_hamstring


def next_event(stream: socket.socket) -> None:
    said = b""
    while b"data: " not in said:
        said += stream.recv(4096)


def identity(path: Path) -> tuple[int, int]:
    """Each output is written under a temporary name and renamed: a new inode."""
    info = path.stat()
    return info.st_ino, info.st_mtime_ns


def test_the_rest_of_a_save_waits_for_the_page_it_told(tmp_path):
    served = served_hamstring(tmp_path)
    stream = events(served)  # a page, listening
    try:
        folder = served.out / "hamstring-cramp"
        study_cards, page = (
            folder / "hamstring-cramp-flashcards.pdf",
            folder / "hamstring-cramp-handout.html",
        )
        before = identity(study_cards)
        served.edit("title: Hamstring cramps", "title: Hamstring cramps, edited")
        next_event(stream)  # what the page shows is rebuilt ...
        assert "Hamstring cramps, edited" in page.read_text(encoding="utf-8")
        time.sleep(LONGEST_WAIT_SECONDS / 4)  # ... and the rest waits for the page's fetch
        assert identity(study_cards) == before
        status, body = served.get("/topic/hamstring-cramp")
        assert status == 200 and b"Hamstring cramps, edited" in body
        assert eventually(lambda: identity(study_cards) != before)
    finally:
        stream.close()
        stop_server(served)


def test_a_page_that_never_fetches_holds_the_rest_back_for_a_bounded_time(tmp_path):
    served = served_hamstring(tmp_path)
    stream = events(served)
    try:
        study_cards = served.out / "hamstring-cramp" / "hamstring-cramp-flashcards.pdf"
        before = identity(study_cards)
        served.edit("title: Hamstring cramps", "title: Hamstring cramps, edited")
        next_event(stream)
        assert eventually(lambda: identity(study_cards) != before)  # never fetched
    finally:
        stream.close()
        stop_server(served)


def test_with_no_page_listening_the_rest_is_not_held_back():
    readers = Readers()
    started = time.monotonic()
    readers.wait_for_pages(readers.told())
    assert time.monotonic() - started < LONGEST_WAIT_SECONDS / 10


def test_a_page_that_closes_stops_the_wait():
    readers = Readers()
    with readers.listening():
        told = readers.told()
    started = time.monotonic()
    readers.wait_for_pages(told)
    assert time.monotonic() - started < LONGEST_WAIT_SECONDS / 2


def test_a_save_loads_the_topic_once_for_what_the_page_shows(tmp_path, monkeypatch):
    """The page's title comes from the build that loaded the topic (it was loaded a
    second time, about 10 ms, before the page was told); the rest loads it once more."""
    topic = copy_hamstring(tmp_path)
    session = Session([topic], tmp_path / "out", None, BuildOptions())
    session.rebuild(session.topics.values())
    loads = []
    real = generator.load.load_topic

    def counted(*args, **kwargs):
        loads.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(generator.build, "load_topic", counted)
    monkeypatch.setattr(generator.load, "load_topic", counted)
    text = topic.read_text(encoding="utf-8").replace("Hamstring cramps", "Cramps", 1)
    topic.write_text(text, encoding="utf-8")
    session.rebuild(session.topics.values())
    assert next(iter(session.topics.values())).title == "Cramps"
    assert loads == [topic, topic]  # what the page shows, then the rest


def test_a_topic_up_to_date_when_the_server_starts_shows_its_title(tmp_path):
    topic = copy_hamstring(tmp_path)
    first = Session([topic], tmp_path / "out", None, BuildOptions())
    first.rebuild(first.topics.values())
    again = Session([topic], tmp_path / "out", None, BuildOptions())  # the server restarted
    again.rebuild(again.topics.values())
    (state,) = again.topics.values()
    assert state.written == 0  # nothing was built ...
    assert state.title == "Hamstring cramps"  # ... and the page still has its title


def test_a_save_tells_the_pages_its_outputs_then_their_pictures_then_the_rest(
    tmp_path, monkeypatch
):
    """The page is told as soon as the outputs it shows are built (it fetches them and
    its web page while the pictures of the PDFs' pages are drawn), then again when the
    pictures are drawn, then once the rest is built. Each file's address carries the
    build that wrote it: told again after the rest, a page fetched every picture and
    its frame again (their addresses carried the page's version), though none changed."""
    topic = copy_hamstring(tmp_path)
    session = Session([topic], tmp_path / "out", None, BuildOptions())
    session.rebuild(session.topics.values())
    (state,) = session.topics.values()

    def addresses(page: str) -> tuple[set[str], set[str], set[str]]:
        found = set(re.findall(r'(?:src|href)="([^"]+)"', page))
        pictures = {url for url in found if "-page-" in url}
        frame = {url for url in found if "handout.html?" in url}
        return pictures, frame, {url for url in found if "flashcards.pdf?" in url}

    pictures, frame, study_cards = addresses(topic_page(session, state))
    pages = []
    real = Session._tell_pages

    def told(self):
        real(self)
        pages.append((addresses(topic_page(self, state)), state.title))

    monkeypatch.setattr(Session, "_tell_pages", told)
    topic.write_text(topic.read_text(encoding="utf-8").replace("Hamstring cramps", "Cramps", 1))
    session.rebuild(session.topics.values())
    assert [title for _, title in pages] == ["Cramps"] * 3
    outputs, drawn, rest = (found for found, _ in pages)
    assert len(pictures) >= 5 and len(frame) == 1 and len(study_cards) == 1
    assert outputs == (pictures, outputs[1], study_cards)  # the web page only is new
    assert not outputs[1] & frame
    assert drawn[1:] == outputs[1:] and not drawn[0] & pictures  # every picture is new
    assert rest[:2] == drawn[:2] and not rest[2] & study_cards  # the study cards only
