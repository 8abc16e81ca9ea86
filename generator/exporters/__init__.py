"""The exporters, in build order. Each writes one file from one validated `Topic`.

An exporter is a plain function::

    def export(topic: Topic, out_path: Path, *, env: jinja2.Environment | None,
               options: BuildOptions) -> Path

It does no loading and no argument parsing, and knows nothing of the others.
Modules are imported only when an exporter runs, so `check` stays light.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import jinja2

    from generator.model import Topic
    from generator.options import BuildOptions

ExportFunction = Callable[..., Path]


@dataclass(frozen=True)
class Exporter:
    name: str
    """Short name, as in `--only pocket-card`."""
    suffix: str
    """Appended to the topic id to name the file: `<topic-id><suffix>`."""
    target: str
    """`module:function` of the export function."""
    options: tuple[str, ...]
    """The `BuildOptions` fields the file depends on: changing another one leaves it
    up to date (tests/integration/test_build.py checks each is right)."""
    group: str
    """Exporters of one group share work within a process (the PDFs: ReportLab, the
    parsed fonts, the fitted card); different groups share nothing, so they may run
    in different processes (generator/forked.py)."""
    templates: bool
    """Whether it renders Jinja2 templates. Only those are given the environment (the
    others get None), so a process that makes only PDFs never loads Jinja2."""

    def filename(self, topic_id: str) -> str:
        return f"{topic_id}{self.suffix}"

    def load(self) -> ExportFunction:
        module_name, _, function = self.target.partition(":")
        return cast(ExportFunction, getattr(importlib.import_module(module_name), function))

    def run(
        self,
        topic: Topic,
        out_path: Path,
        *,
        env: jinja2.Environment | None,
        options: BuildOptions,
    ) -> Path:
        return self.load()(topic, out_path, env=env, options=options)


CARD = ("card_size", "card_layout", "source_date_epoch")

EXPORTERS: tuple[Exporter, ...] = (
    Exporter(
        "pocket-card",
        "-pocket-card.pdf",
        "generator.exporters.pocket_card:export_card",
        CARD,
        "pdf",
        False,
    ),
    Exporter(
        "pocket-card-sheet",
        "-pocket-card-sheet.pdf",
        "generator.exporters.pocket_card:export_sheet",
        (*CARD, "paper"),
        "pdf",
        False,
    ),
    Exporter(
        "handout-pdf",
        "-handout.pdf",
        "generator.exporters.handout_pdf:export",
        ("paper", "large_print", "clinic", "source_date_epoch"),
        "pdf",
        False,
    ),
    Exporter(
        "handout-html",
        "-handout.html",
        "generator.exporters.handout_html:export",
        ("large_print", "clinic"),
        "html",
        True,
    ),
    Exporter(
        "anki",
        ".apkg",
        "generator.exporters.anki_deck:export",
        ("source_date_epoch",),
        "anki",
        True,
    ),
)
