"""A save's order in the preview server (issue 30): what the page shows is rebuilt and
the pages told; the page's own fetch is answered; then the rest (the study cards, CSV,
TSV) is rebuilt. No browser: a raw event stream stands for the page."""

from __future__ import annotations

import socket
import time
from pathlib import Path

from generator.authoring.readers import LONGEST_WAIT_SECONDS, Readers
from tests.authoring.test_serve import eventually, stop_server
from tests.authoring.test_serve_holds_up import events, served_hamstring


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
        time.sleep(LONGEST_WAIT_SECONDS / 2)  # ... and the rest waits for the page's fetch
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
