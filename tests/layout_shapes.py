"""Handout layouts measured, not looked at: how full each page of a handout PDF is and
on which page its first urgent warning prints, for the shipped topics and for test
topics of other shapes made from them (no sentence that the topics do not have).

Read back with pdfplumber from the PDF as printed. A page's fill is how far down its
text area the lowest text or box reaches: 1.0 is a page filled to its foot.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber

from generator.exporters.handout import pdf as handout_pdf
from generator.exporters.handout.styles import BODY_PT, FRAME_PADDING, LARGE_PRINT_PT, MARGIN
from generator.load import load_clinic, load_topic
from generator.model import Section, SectionKind, Topic, Urgency
from generator.options import BuildOptions, Paper

ROOT = Path(__file__).resolve().parent.parent
CLINIC_FILE = ROOT / "tests" / "fixtures" / "clinic" / "clinic.yaml"


@dataclass(frozen=True)
class Layout:
    """One handout PDF as measured."""

    fills: tuple[float, ...]
    """How full each page's text area is, page by page."""
    urgent_page: int | None
    """The page (from 1) where the first urgent warning sign prints."""

    @property
    def pages(self) -> int:
        return len(self.fills)


def measure(path: Path, topic: Topic, *, large_print: bool) -> Layout:
    """The fill of every page of the handout at `path` and its urgent warnings' page."""
    size = LARGE_PRINT_PT if large_print else BODY_PT
    signs = [
        g.items[0] for s in topic.sections for g in s.urgency_groups if g.urgency is Urgency.NOW
    ]
    first = " ".join(signs[0].text.split()) if signs else None
    fills, urgent = [], None
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            rules = [e["top"] for e in page.horizontal_edges if e["width"] > page.width / 2]
            rule = max(rules)  # the footer's rule, the lowest one across the page
            top = MARGIN + FRAME_PADDING
            foot = rule - size * 0.5 - FRAME_PADDING
            above = [c["bottom"] for c in page.chars if c["bottom"] < rule]
            above += [r["bottom"] for r in page.rects if r["bottom"] < rule]
            fills.append(round((max(above, default=top) - top) / (foot - top), 2))
            if first and urgent is None and first in " ".join((page.extract_text() or "").split()):
                urgent = number
    return Layout(tuple(fills), urgent)


def _moved_last(topic: Topic, kind: SectionKind) -> Topic:
    kept = [s for s in topic.sections if s.kind is not kind]
    return replace(topic, sections=(*kept, *topic.sections_of(kind)))


def _only(topic: Topic, *ids: str) -> Topic:
    return replace(topic, sections=tuple(s for s in topic.sections if s.id in ids))


def _in_full(section: Section) -> Section:
    return replace(section, handout_short=False)


def shapes() -> dict[str, tuple[Topic, dict[str, object]]]:
    """Topics of several shapes, each with the build options that make its shape:
    the shipped topics as they are; a short one (ease a cramp, when to get care);
    a long one with its warnings last (every section, the causes in full); the
    Spanish one with the sample clinic; the English one in large print."""
    english = load_topic(ROOT / "content" / "hamstring-cramp.yaml")
    spanish = load_topic(ROOT / "content" / "hamstring-cramp-es.yaml")
    long = _moved_last(
        replace(english, sections=tuple(map(_in_full, english.sections))), SectionKind.WARNINGS
    )
    clinic = load_clinic(CLINIC_FILE)
    return {
        "hamstring": (english, {}),
        "hamstring-es": (spanish, {}),
        "short": (_only(english, "relief", "get-care"), {}),
        "long, warnings last": (long, {}),
        "Spanish with a clinic": (spanish, {"clinic": clinic}),
        "large print": (english, {"large_print": True}),
        "large print with a clinic": (english, {"large_print": True, "clinic": clinic}),
        "long, warnings last, large print": (long, {"large_print": True}),
    }


def build_and_measure(
    topic: Topic, folder: Path, paper: Paper, **options: object
) -> tuple[Path, Layout]:
    """The handout of `topic` on `paper` with `options`, written in `folder`, measured."""
    built = BuildOptions(paper=paper, **options)  # type: ignore[arg-type]
    path = handout_pdf.export(topic, folder / f"{topic.id}-{paper.value}.pdf", built)
    return path, measure(path, topic, large_print=built.large_print)


if __name__ == "__main__":  # the table of docs/handout-layout.md
    import sys
    import tempfile

    print("| topic | paper | pages | fill of each page | urgent warnings on page |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (topic, options) in shapes().items():
            for paper in Paper:
                _, layout = build_and_measure(topic, Path(tmp), paper, **options)
                fills = ", ".join(f"{fill:.0%}" for fill in layout.fills)
                print(
                    f"| {name} | {paper.value} | {layout.pages} | {fills} | {layout.urgent_page} |"
                )
    sys.exit(0)
