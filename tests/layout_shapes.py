"""Handout layouts measured, not looked at: how full each page of a handout PDF is and
on which page its first urgent warning prints, for the shipped topics and for test
topics of other shapes made from them (no sentence that the topics do not have).

Read back with pdfplumber from the PDF as printed. A page's fill is how far down its
text area the lowest text or box reaches: 1.0 is a page filled to its foot.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

import pdfplumber

from generator.exporters.handout import pdf as handout_pdf
from generator.exporters.handout.styles import BODY_PT, FRAME_PADDING, LARGE_PRINT_PT
from generator.load import load_clinic, load_topic
from generator.model import Section, SectionKind, Topic, Urgency
from generator.options import BuildOptions, Paper
from generator.pdf.tagged import parsing_once
from generator.pdf.writing import printing

ROOT = Path(__file__).resolve().parent.parent
CLINIC_FILE = ROOT / "tests" / "fixtures" / "clinic" / "clinic.yaml"
QR_URL = "https://example.org/handouts/hamstring-cramp"
"""A test address for the topic's QR code (the shipped topic has none)."""
SCRIPTS = {"Arabic": "ar", "Chinese": "zh-hans", "Vietnamese": "vi"}
"""The shipped samples in other scripts, by their file's language code."""


@dataclass(frozen=True)
class Layout:
    """One handout PDF as measured."""

    fills: tuple[float, ...]
    """How full each page's text area is, page by page."""
    urgent_page: int | None
    """The page (from 1) where the first urgent warning sign prints."""
    under_last_heading: tuple[int, ...]
    """Page by page, how many lines of text follow the page's last section heading
    on that page (-1: no heading on it)."""

    @property
    def pages(self) -> int:
        return len(self.fills)


def measure(path: Path, topic: Topic, *, large_print: bool) -> Layout:
    """The fill of every page of the handout at `path` and its urgent warnings' page."""
    size = LARGE_PRINT_PT if large_print else BODY_PT
    signs = [
        g.items[0] for s in topic.sections for g in s.urgency_groups if g.urgency is Urgency.NOW
    ]
    first = _plain(signs[0].text) if signs else None
    fills, urgent, under = [], None, []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            under.append(_lines_under_last_heading(page, size))
            rules = [e for e in page.horizontal_edges if e["width"] > page.width / 2]
            footer_rule = max(rules, key=lambda e: e["top"])  # the lowest one across the page
            rule = footer_rule["top"]
            top = footer_rule["x0"] + FRAME_PADDING  # it starts at the page's margin
            foot = rule - size * 0.5 - FRAME_PADDING
            above = [c["bottom"] for c in page.chars if c["bottom"] < rule]
            above += [r["bottom"] for r in page.rects if r["bottom"] < rule]
            fills.append(round((max(above, default=top) - top) / (foot - top), 2))
            printed = _plain(page.extract_text() or "")
            if first and urgent is None and (first in printed or first[::-1] in printed):
                urgent = number  # right-to-left text is read back in its visual order
    return Layout(tuple(fills), urgent, tuple(under))


def _plain(text: str) -> str:
    """`text` without spaces and combining marks, which pdfplumber may read back in
    another order."""
    return "".join(c for c in text if not c.isspace() and not unicodedata.combining(c))


def _lines_under_last_heading(page: pdfplumber.page.Page, size: float) -> int:
    """How many lines of text (by their tops) follow the lowest section heading (set
    at 1.3 times the body size) on `page`, above its footer; -1 without a heading."""
    rule = max(e["top"] for e in page.horizontal_edges if e["width"] > page.width / 2)
    chars = [c for c in page.chars if c["bottom"] < rule and c["text"].strip()]
    headings = [c["top"] for c in chars if abs(c["size"] - size * 1.3) < 0.1]
    if not headings:
        return -1
    below = {round(c["top"]) for c in chars if c["top"] > max(headings) + size}
    return len(below)


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
    Spanish one with the sample clinic; the English one in large print (and with the
    clinic)."""
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


def pdf_shapes() -> dict[str, tuple[Topic, dict[str, object]]]:
    """`shapes`, and for the PDF also the English one in large print with the clinic
    and a QR code, and the Arabic, Chinese and Vietnamese samples (the printed web
    page's measure, `tests/printed_shapes.py`, finds its text in Latin script)."""
    english, clinic = shapes()["hamstring"][0], load_clinic(CLINIC_FILE)
    return {
        **shapes(),
        "large print with a clinic and a QR code": (
            replace(english, url=QR_URL),
            {"large_print": True, "clinic": clinic},
        ),
        **{
            name: (load_topic(ROOT / "content" / f"hamstring-cramp-{code}.yaml"), {})
            for name, code in SCRIPTS.items()
        },
    }


def build_and_measure(
    topic: Topic, folder: Path, paper: Paper, **options: object
) -> tuple[Path, Layout]:
    """The handout of `topic` on `paper` with `options`, written in `folder`, measured."""
    built = BuildOptions(paper=paper, **options)  # type: ignore[arg-type]
    path = handout_pdf.export(topic, folder / f"{topic.id}-{paper.value}.pdf", built)
    return path, measure(path, topic, large_print=built.large_print)


@dataclass(frozen=True)
class PageEnd:
    """Where a page's text ends and what the next page begins with, from the layout
    the handout keeps (`handout_pdf.laid_out`: the same the PDF is drawn from)."""

    page: int
    room: float
    """The height left under the page's last whole block, in points."""
    next_block: float | None
    """The height of the block that begins the next page, as laid there (None: a
    block that runs on over a page, split)."""


def page_ends(topic: Topic, paper: Paper, **options: object) -> list[PageEnd]:
    """For each page but the last, the room left under it and the block that did not
    fit in it."""
    built = BuildOptions(paper=paper, **options)  # type: ignore[arg-type]
    with printing(topic, built.clinic), parsing_once():
        laid = handout_pdf.laid_out(topic, built)
    bottom, top = laid.area
    ends, blocks = [], laid.marks.blocks
    for last, following in pairwise(blocks):
        assert last.page is not None and following.page is not None
        if following.page > last.page:
            whole = following.page == last.page + 1
            height = top - following.y if whole else None
            ends.append(PageEnd(last.page, last.y - bottom, height))
    return ends


if __name__ == "__main__":  # the table of docs/handout-layout.md
    import sys
    import tempfile

    print("| topic | paper | pages | fill of each page | urgent warnings on page |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (topic, options) in pdf_shapes().items():
            for paper in Paper:
                _, layout = build_and_measure(topic, Path(tmp), paper, **options)
                fills = ", ".join(f"{fill:.0%}" for fill in layout.fills)
                print(
                    f"| {name} | {paper.value} | {layout.pages} | {fills} | {layout.urgent_page} |"
                )
    sys.exit(0)
