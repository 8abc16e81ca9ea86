"""The preview server's own pages, rendered from `templates/preview/` (autoescaped).

What a topic page shows follows the exporter registry: every HTML output in a frame,
the page images of every PDF output, the cards of every Anki deck, and a download
link for every output that exists.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from generator.authoring.flashcards import CardView, deck_cards
from generator.authoring.preview import page_images
from generator.authoring.session import SHOWN_GROUPS, Session, TopicState
from generator.exporters import EXPORTERS
from generator.labels import SOURCE_LANGUAGE, Labels
from generator.paths import shown
from generator.templating import render, shared_env

FILES = "/files"
"""Where the outputs are served: `/files/<topic>/<file name>`."""


@dataclass(frozen=True)
class Download:
    name: str
    url: str
    size: str


@dataclass(frozen=True)
class PdfPages:
    title: str
    images: list[tuple[str, str]]
    """(address, alternative text) of each page image."""


@dataclass(frozen=True)
class LabelsView:
    """What the page says of a topic's labels: their language, where they come from,
    whether they are reviewed, and which print in English."""

    language: str
    """The topic's tag and the language's name: `vi-VN (Vietnamese)`."""
    files: list[str]
    unreviewed: list[str]
    missing: tuple[str, ...]


def labels_view(labels: Labels | None) -> LabelsView | None:
    if labels is None:
        return None
    from babel import Locale  # imported here: only a page with labels needs it

    known = labels.locale != SOURCE_LANGUAGE or labels.language.lower().startswith("en")
    name = f" ({Locale.parse(labels.locale).english_name})" if known else ""
    return LabelsView(
        f"{labels.language}{name}",
        [str(shown(path)) for path in labels.files] or ["the English template"],
        [str(shown(path)) for path in labels.unreviewed],
        labels.missing,
    )


def file_url(state: TopicState, name: str) -> str:
    """The address of output `name` of `state`: it carries the number of the build that
    wrote the file (`TopicState.stamps`), so that a page fetches again what changed
    and keeps the rest (the page images and the web page when only the study cards
    were rebuilt)."""
    return f"{FILES}/{state.key}/{name}?v={state.stamps.get(name, 0)}"


def topic_page(session: Session, state: TopicState) -> str:
    """The page of one topic: problems if any, else (and beside them) the last good
    build."""
    version = session.version
    out_dir = session.out_dir(state)
    exists = out_dir.is_dir() and not out_dir.is_symlink()
    return render(
        shared_env(),
        "preview/topic.html.j2",
        state=state,
        title=state.title or state.key,
        version=version,
        problems=session.clinic_problems + state.problems,
        warnings=state.warnings,
        labels=labels_view(state.labels),
        built=time.strftime("%H:%M:%S", time.localtime(state.built)) if state.built else None,
        frames=_frames(state, out_dir) if exists else [],
        pdfs=_pdf_pages(state, out_dir) if exists else [],
        cards=_cards(state, out_dir) if exists else [],
        downloads=_downloads(state, out_dir) if exists else [],
        markup=Markup,
    )


def index_page(session: Session) -> str:
    return render(
        shared_env(),
        "preview/index.html.j2",
        topics=list(session.topics.values()),
        version=session.version,
        clinic_problems=session.clinic_problems,
    )


def _frames(state: TopicState, out_dir: Path) -> list[tuple[str, str]]:
    """(address, title) of each HTML output there is."""
    return [
        (file_url(state, e.filename(state.key)), f"{e.name}: {e.filename(state.key)}")
        for e in EXPORTERS
        if e.suffix.lower().endswith(".html") and (out_dir / e.filename(state.key)).is_file()
    ]


def _pdf_pages(state: TopicState, out_dir: Path) -> list[PdfPages]:
    found = []
    for pdf, images in page_images(state.key, out_dir, SHOWN_GROUPS).items():
        count = len(images)
        found.append(
            PdfPages(
                pdf.name,
                [
                    (file_url(state, image.name), f"{pdf.name}, page {n} of {count}")
                    for n, image in enumerate(images, 1)
                ],
            )
        )
    return [pdf for pdf in found if pdf.images]


def _cards(state: TopicState, out_dir: Path) -> list[CardView]:
    cards = []
    for exporter in EXPORTERS:
        deck = out_dir / exporter.filename(state.key)
        if exporter.suffix.lower().endswith(".apkg") and deck.is_file():
            cards += deck_cards(deck)
    return cards


def _downloads(state: TopicState, out_dir: Path) -> list[Download]:
    found = []
    for exporter in EXPORTERS:
        name = exporter.filename(state.key)
        path = out_dir / name
        if path.is_file():
            size = path.stat().st_size
            shown = f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} bytes"
            found.append(Download(name, file_url(state, name), shown))
    return found
