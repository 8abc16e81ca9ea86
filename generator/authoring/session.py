"""What the preview server knows: each topic's last build, rebuilt as files change.

Builds go through `generator.build.build_topic` (the same staging and atomic renames
as `build`), then the page images through `preview.write_previews`. A failed build
leaves the last good outputs in place, so the page shows its problems beside them.
The process lives as long as the server: fonts, templates and modules stay loaded,
which is what makes a rebuild fast. Nothing is kept on disk but the outputs.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.authoring.preview import page_images, write_previews
from generator.authoring.readers import Readers
from generator.build import build_topic
from generator.errors import ContentError, GeneratorError
from generator.exporters import EXPORTERS, Exporter, select
from generator.incremental import output_hash
from generator.labels import Labels
from generator.load import load_clinic
from generator.options import BuildOptions

PREVIEW_DPI = 96
"""Pixels per inch of the pages the server shows."""
SHOWN_GROUPS = ("card", "handout")
"""The outputs whose pages the preview shows as pictures (the issue asks for the card and
the handout); every output has a download link. Drawing the study cards' many pages on
each save would triple the wait."""
SHOWN_FIRST = select([*SHOWN_GROUPS, "deck"])
"""What a save rebuilds before the page is told: what the page shows (the card's and the
handout's pages, the web page, the flashcards from the deck); the other outputs (the
study cards, the CSV and TSV, for download) are rebuilt once the pages told have fetched
what changed (`readers.Readers.wait_for_pages`)."""


@dataclass
class TopicState:
    """One topic file as the server last built it."""

    path: Path
    key: str
    """Its name in the server's addresses: the file's stem, which is the topic's id."""
    title: str = ""
    """The title of the last good build ("" before one)."""
    problems: list[str] = field(default_factory=list)
    """Of the last build: `file:line: field: message` lines; empty when it built."""
    warnings: list[str] = field(default_factory=list)
    built: float | None = None
    """When it was last built without problems (time.time())."""
    seconds: float = 0.0
    """How long the last build took, images included."""
    labels: Labels | None = None
    """The labels of the last build that loaded the topic: their language, where they
    come from, which print in English (the page shows them)."""
    written: int = 0
    """How many outputs its builds have written so far."""
    drawn: dict[str, str] = field(default_factory=dict)
    """The sha256 of each PDF whose pages this server drew, as drawn."""
    stamps: dict[str, int] = field(default_factory=dict)
    """Of each output and page image this server wrote: the number of the build that
    wrote it. The page's addresses of a file carry it, so that a page fetches again
    only the files that changed (`pages.file_url`)."""


class Session:
    """The topics being previewed, the build options, and a version number that
    goes up after every rebuild (the pages ask for it to know when to refresh)."""

    def __init__(
        self,
        paths: Sequence[Path],
        out_root: Path,
        clinic: Path | None,
        options: BuildOptions,
        log: Callable[[str], None] = lambda line: None,
        quiet: bool = False,
    ) -> None:
        """`options` are `build`'s but for the clinic, which comes from the file
        `clinic` and is read again whenever it changes (`load_clinic`). `log` is told
        every problem and, unless `quiet`, every rebuild that had none."""
        self.log = log
        self.quiet = quiet
        self.out_root = out_root
        self.clinic_file = clinic
        self.options = options
        self.clinic_problems: list[str] = []
        self.topics = {path.stem: TopicState(path, path.stem) for path in paths}
        self.version = 0
        self.builds = 0
        self.news = _news(0, {})
        """What the pages are told with the version: the files each topic's rebuild
        wrote since the version before (`_news`)."""
        self._builds_told = 0
        self.changed = threading.Condition()
        self.stopping = False
        self._build_lock = threading.Lock()
        self.readers = Readers()

    def load_clinic(self) -> None:
        """Read the clinic file again; while it is broken, build without it and say so."""
        if self.clinic_file is None:
            return
        try:
            self.options = replace(self.options, clinic=load_clinic(self.clinic_file))
            self.clinic_problems = []
        except (ContentError, GeneratorError) as exc:
            self.options = replace(self.options, clinic=None)
            self.clinic_problems = str(exc).splitlines()
            self.log("\n".join(self.clinic_problems))

    def rebuild(self, states: Iterable[TopicState]) -> None:
        """Build each of `states` (what changed since its last build), draw its pages,
        and tell the pages waiting for a change, if there was one: a build that found
        every output up to date (a file saved unchanged, touched, or another file of
        the folder) and the same problems tells no page to reload."""
        states = list(states)
        with self._build_lock:
            before = [_shown(state) for state in states]
            failed = {state.key: self._rebuild_one(state, SHOWN_FIRST) for state in states}
            middle = [_shown(state) for state in states]
            if middle != before:
                told = self.readers.told()
                self._tell_pages()  # the author sees the change now ...
                self.readers.wait_for_pages(told)  # ... fetched before the rest is built
            for state in states:  # ... and the rest follows; each output is tried once
                names = failed[state.key]
                if names is not None:  # (a topic that did not load is said once)
                    rest = [e for e in EXPORTERS if e.name not in names]
                    self._rebuild_one(state, rest, more=True)
        if [_shown(state) for state in states] != middle:
            self._tell_pages()

    def _tell_pages(self) -> None:
        with self.changed:
            self.version += 1
            written = {
                state.key: {name: n for name, n in state.stamps.items() if n > self._builds_told}
                for state in self.topics.values()
            }
            self.news = _news(self.version, {key: names for key, names in written.items() if names})
            self._builds_told = self.builds
            self.changed.notify_all()

    def _rebuild_one(
        self, state: TopicState, exporters: Sequence[Exporter], *, more: bool = False
    ) -> set[str] | None:
        """Build `exporters` of `state`'s topic; the names of the exporters that failed,
        or None when the topic could not be loaded. With `more`, this follows a build of
        its other outputs (those done are up to date: the build skips them, and keeps
        them in its manifest), and what it finds is added to what that one found, each
        line once: the same glyph problem fails every PDF, a warning about the card
        comes only from a build that made the card."""
        started = time.perf_counter()
        result = build_topic(state.path, self.out_root, self.options, exporters=exporters)
        self.builds += 1
        state.written += len(result.written)
        state.stamps |= {path.name: self.builds for path in result.written}
        state.warnings = _added(state.warnings, result.warnings) if more else result.warnings
        state.labels = result.labels or state.labels
        if result.error is not None or result.topic_id is None:
            state.problems = (result.error or "").splitlines()
            self.log("\n".join(state.problems))
        else:
            # Some outputs may not have been made: say why, and show those that were.
            problems = [line for f in result.failed for line in f.message.splitlines()]
            earlier = state.problems if more else []
            state.problems = _added(earlier, problems)
            if new := state.problems[len(earlier) :]:
                self.log("\n".join(new))
            state.title = result.title or state.title or _title_of(result.source) or ""
            self._draw(state, result.topic_id, result.written)
            state.built = time.time()
        state.seconds = time.perf_counter() - started
        if not state.problems and result.written and not self.quiet:  # (not a skip)
            self.log(f"{state.path}: built in {state.seconds:.2f} s")
        if result.error is not None or result.topic_id is None:
            return None
        return {name for failure in result.failed for name in failure.exporters}

    def _draw(self, state: TopicState, topic_id: str, written: Iterable[Path]) -> None:
        """Draw the pages of the PDFs the page shows that have no images yet, or were
        `written` with other bytes than those last drawn (a change to the handout
        only writes the card again, byte for byte: its picture stays, and the page
        keeps it)."""
        out_dir = self.out_dir(state)
        shown = page_images(topic_id, out_dir, SHOWN_GROUPS)
        made = set(written)
        digests = {pdf: output_hash(pdf) for pdf in shown if pdf in made or not shown[pdf]}
        stale = {
            pdf: digest
            for pdf, digest in digests.items()
            if digest is not None and (digest != state.drawn.get(pdf.name) or not shown[pdf])
        }
        if stale:
            images = write_previews(topic_id, out_dir, PREVIEW_DPI, groups=SHOWN_GROUPS, only=stale)
            state.stamps |= {path.name: self.builds for path in images}
            state.drawn |= {pdf.name: digest for pdf, digest in stale.items()}

    def out_dir(self, state: TopicState) -> Path:
        return self.out_root.resolve() / state.key

    def wait_for_change(self, seen: int, timeout: float) -> tuple[int, str]:
        """The version and its news, once it is not `seen` (or after `timeout` seconds,
        or when the server stops)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen or self.stopping, timeout)
            return self.version, self.news

    def stop(self) -> None:
        with self.changed:
            self.stopping = True
            self.changed.notify_all()

    def affected(self, changes: Iterable[Path]) -> tuple[bool, list[TopicState]]:
        """Whether the clinic file changed, and the topics to rebuild for `changes`: a
        topic whose file changed, or any file in its folder (its images live there).
        A topic whose inputs did not change is then skipped by the build itself."""
        changed = [path.resolve() for path in changes]
        clinic = self.clinic_file is not None and any(
            path == self.clinic_file.resolve() or path.parent == self.clinic_file.resolve().parent
            for path in changed
        )
        labels = self.options.labels
        if labels is not None and any(path.is_relative_to(labels.resolve()) for path in changed):
            return clinic, list(self.topics.values())  # --labels DIR: every topic's
        if clinic:
            return True, list(self.topics.values())
        hit = []
        for state in self.topics.values():
            own = state.path.resolve()
            if any(path == own or path.is_relative_to(own.parent) for path in changed):
                hit.append(state)
        return False, hit


def _news(version: int, written: dict[str, dict[str, int]]) -> str:
    """The pages' event: `{"version": 7, "files": {"<topic>": {"<file>": <its build>}}}`
    (one line of JSON). A page sends its frames and pictures of the files named to
    them at once, while it fetches itself (templates/preview/live.js)."""
    return json.dumps({"version": version, "files": written}, separators=(",", ":"))


def _shown(state: TopicState) -> tuple[object, ...]:
    """What a page shows of `state`: a change of it is a change to tell the pages."""
    return (state.written, state.title, state.problems, state.warnings)


def _added(first: Sequence[str], then: Sequence[str]) -> list[str]:
    """`first`, then the lines of `then` it does not have yet."""
    return [*first, *(line for line in then if line not in first)]


def _title_of(path: Path) -> str | None:
    """The title of a topic whose outputs were all up to date when the server started
    (loaded: the build did not load it)."""
    from generator.load import load_topic

    try:
        return load_topic(path).title
    except GeneratorError:
        return None
