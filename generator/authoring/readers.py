"""Who is reading the preview: the pages listening for a change, the requests being
answered. A save rebuilds what the page shows, tells the pages, and then waits here
until they have fetched it before it rebuilds the rest: the server is one process, and
the rest (the study cards) would otherwise take the interpreter from the answers the
reader is waiting for.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

QUIET_SECONDS = 0.1
"""How long no request must have been answered, after each page told of a change has
fetched itself, before the rest of a rebuild starts: a page asks for its images and its
frame a few milliseconds after its own text arrives."""
LONGEST_WAIT_SECONDS = 2.0
"""The most the rest of a rebuild waits for the pages (one that never fetches: a page
busy with an earlier change, a closed laptop lid)."""


class Readers:
    """The pages listening (`/events`), and the requests in hand (any other)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._listening = 0
        self._answering = 0
        self._pages = 0
        """Pages answered so far: a page told of a change fetches itself again."""
        self._last = time.monotonic()
        """When the last request was answered."""

    @contextmanager
    def listening(self) -> Iterator[None]:
        """A page's event stream, open for as long as this lasts."""
        with self._changed:
            self._listening += 1
        try:
            yield
        finally:
            with self._changed:
                self._listening -= 1
                self._changed.notify_all()

    @contextmanager
    def answering(self, *, page: bool) -> Iterator[None]:
        """A request being answered; `page`: one of the server's own pages."""
        with self._changed:
            self._answering += 1
        try:
            yield
        finally:
            with self._changed:
                self._answering -= 1
                self._pages += page
                self._last = time.monotonic()
                self._changed.notify_all()

    def told(self) -> tuple[int, int]:
        """What `wait_for_pages` needs, taken as the pages are told of a change: how
        many listen, and how many pages were answered before."""
        with self._changed:
            return self._listening, self._pages

    def wait_for_pages(self, told: tuple[int, int]) -> None:
        """Return once each page listening when `told` was taken has fetched itself
        (or has stopped listening) and no request has been answered for
        QUIET_SECONDS; at once if none was listening; after LONGEST_WAIT_SECONDS at
        most."""
        listening, pages = told
        if listening == 0:
            return
        deadline = time.monotonic() + LONGEST_WAIT_SECONDS
        with self._changed:
            while (now := time.monotonic()) < deadline:
                fetched = self._pages - pages >= min(listening, self._listening)
                timeout = deadline - now
                if fetched and self._answering == 0:
                    quiet_for = now - self._last
                    if quiet_for >= QUIET_SECONDS:
                        return
                    timeout = min(timeout, QUIET_SECONDS - quiet_for)
                self._changed.wait(timeout)
