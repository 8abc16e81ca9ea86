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


def test_the_rest_of_a_save_changes_no_address_of_what_the_page_shows(tmp_path, monkeypatch):
    """The addresses of the page images and the web page carry the build that wrote each
    file: told again once the study cards are rebuilt, a page fetched every image and
    its frame again (their addresses carried the page's version), though none changed."""
    topic = copy_hamstring(tmp_path)
    session = Session([topic], tmp_path / "out", None, BuildOptions())
    session.rebuild(session.topics.values())
    (state,) = session.topics.values()
    first = re.findall(r'(?:src|href)="([^"]+)"', topic_page(session, state))
    pages = []
    real = Session._tell_pages

    def told(self):
        real(self)
        pages.append(re.findall(r'(?:src|href)="([^"]+)"', topic_page(self, state)))

    monkeypatch.setattr(Session, "_tell_pages", told)
    topic.write_text(topic.read_text(encoding="utf-8").replace("Hamstring cramps", "Cramps", 1))
    session.rebuild(session.topics.values())
    assert len(pages) == 2  # what the page shows, then the rest
    shown, rest = pages
    images = [url for url in shown if "-page-" in url or url.endswith(".html", 0, url.find("?"))]
    assert len(images) >= 6  # five page images and the web page, each a new file ...
    assert not set(images) & set(first)
    assert set(images) <= set(rest)  # ... the same addresses after the rest
    study_cards = [url for url in rest if "flashcards.pdf" in url]
    assert study_cards and not set(study_cards) & set(shown)  # rebuilt: a new address


def test_a_pdf_written_again_byte_for_byte_keeps_its_page_images(tmp_path):
    """A change to the handout only writes the card and its sheet again, byte for byte:
    their pictures are not drawn again (nor fetched again by the page: same address);
    the handout's are."""
    topic = copy_hamstring(tmp_path)
    session = Session([topic], tmp_path / "out", None, BuildOptions())
    (state,) = session.topics.values()
    folder = tmp_path / "out" / "hamstring-cramp"
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.replace("(your hamstrings)", "(the hamstrings)", 1), encoding="utf-8")
    session.rebuild(session.topics.values())
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.replace("(the hamstrings)", "(your hamstrings)", 1), encoding="utf-8")
    pictures = sorted(folder.glob("*-page-*.png"))
    before = {path.name: identity(path) for path in pictures}
    stamps = dict(state.stamps)
    session.rebuild(session.topics.values())
    changed = {path.name for path in pictures if identity(path) != before[path.name]}
    assert changed == {f"hamstring-cramp-handout-page-{n}.png" for n in (1, 2, 3)}
    card = "hamstring-cramp-pocket-card-page-1.png"
    assert state.stamps[card] == stamps[card]
    assert (
        state.stamps["hamstring-cramp-pocket-card.pdf"] != stamps["hamstring-cramp-pocket-card.pdf"]
    )
