"""The exporters, in build order. Each writes one file from one validated `Topic`.

An exporter is a plain function::

    def export(topic: Topic, out_path: Path, options: BuildOptions) -> Path

It does no loading and no argument parsing, and knows nothing of the others.
Modules are imported only when an exporter runs, so `check` stays light.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from generator.model import Topic
    from generator.options import BuildOptions

ExportFunction = Callable[["Topic", Path, "BuildOptions"], Path]
NotesFunction = Callable[["Topic", "BuildOptions"], list[str]]


@dataclass(frozen=True)
class Exporter:
    """One output of a topic: its names, its file and the function that writes it."""

    name: str
    """Short name, as in `--only pocket-card`."""
    group: str
    """What a reader gets, as in `--only card`: the outputs of one group are one thing
    in several files (a card and its print sheet)."""
    suffix: str
    """Appended to the topic id to name the file: `<topic-id><suffix>`."""
    target: str
    """`module:function` of the export function."""
    options: tuple[str, ...]
    """The `BuildOptions` fields the file depends on: changing another one leaves it
    up to date (tests/integration/test_build.py checks each is right)."""
    notes: str | None = None
    """`module:function` that says, as `warning: ...` lines, what the build should know
    about the file just made (a picture left off the card), or None. It takes the
    topic and the options, as the export function does."""

    def filename(self, topic_id: str) -> str:
        return f"{topic_id}{self.suffix}"

    def run(self, topic: Topic, out_path: Path, options: BuildOptions) -> None:
        module_name, _, function = self.target.partition(":")
        export = getattr(importlib.import_module(module_name), function)
        cast(ExportFunction, export)(topic, out_path, options)

    def notes_on(self, topic: Topic, options: BuildOptions) -> list[str]:
        """The warnings about the file `run` made from `topic` with `options`."""
        if self.notes is None:
            return []
        module_name, _, function = self.notes.partition(":")
        notes = getattr(importlib.import_module(module_name), function)
        return list(cast(NotesFunction, notes)(topic, options))


CARD = ("card_size", "card_layout", "clinic", "source_date_epoch")
CARD_NOTES = "generator.exporters.pocket_card:card_notes"
"""Pictures left off the card: the card and its print sheet share them."""

EXPORTERS: tuple[Exporter, ...] = (
    Exporter(
        "pocket-card",
        "card",
        "-pocket-card.pdf",
        "generator.exporters.pocket_card:export_card",
        CARD,
        CARD_NOTES,
    ),
    Exporter(
        "pocket-card-sheet",
        "card",
        "-pocket-card-sheet.pdf",
        "generator.exporters.pocket_card:export_sheet",
        (*CARD, "paper"),
        CARD_NOTES,
    ),
    Exporter(
        "handout-pdf",
        "handout",
        "-handout.pdf",
        "generator.exporters.handout.pdf:export",
        ("paper", "large_print", "clinic", "source_date_epoch"),
    ),
    Exporter(
        "handout-html",
        "handout",
        "-handout.html",
        "generator.exporters.handout.html:export",
        ("large_print", "clinic"),
    ),
    Exporter(
        "anki",
        "deck",
        ".apkg",
        "generator.exporters.anki:export",
        ("source_date_epoch",),
    ),
    Exporter(
        "study-cards-pdf",
        "study",
        "-flashcards.pdf",
        "generator.exporters.study_cards.pdf:export",
        ("paper", "study_card_size", "source_date_epoch"),
    ),
    Exporter(
        "flashcards-csv",
        "study",
        "-flashcards.csv",
        "generator.exporters.anki.csv:export",
        (),
    ),
    Exporter(
        "flashcards-tsv",
        "study",
        "-flashcards.tsv",
        "generator.exporters.study_cards.tsv:export",
        (),
    ),
)

GROUPS: dict[str, tuple[Exporter, ...]] = {
    group: tuple(e for e in EXPORTERS if e.group == group)
    for group in dict.fromkeys(e.group for e in EXPORTERS)
}
"""The exporters of each group, in build order: `card`, `handout`, `deck`, `study`."""


def select(names: Iterable[str]) -> tuple[Exporter, ...]:
    """The exporters `names` (group or exporter names, as `--only` takes them) stand
    for, in build order; KeyError for a name that is neither."""
    wanted: set[Exporter] = set()
    by_name = {e.name: e for e in EXPORTERS}
    for name in names:
        wanted |= set(GROUPS[name]) if name in GROUPS else {by_name[name]}
    return tuple(e for e in EXPORTERS if e in wanted)


def for_topic(exporters: Iterable[Exporter], topic: Topic) -> list[Exporter]:
    """Those of `exporters` the topic wants: a topic may say it has no pocket card."""
    return [e for e in exporters if e.group != "card" or topic.card.enabled]
