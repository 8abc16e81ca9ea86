"""What every PDF we write shares: embedded fonts, a glyph check, metadata,
a fixed timestamp and QR codes. Exporters use this; it knows nothing of them.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import escape
from reportlab.lib.colors import black
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from generator import __version__
from generator.errors import ExportError
from generator.model import Topic
from generator.qr import QUIET_ZONE, dark_runs, qr_modules

FONTS_DIR = Path(__file__).resolve().parent / "fonts"


@dataclass(frozen=True)
class FontFamily:
    regular: str
    bold: str


SANS = FontFamily("DejaVuSans", "DejaVuSans-Bold")
"""Body text: DejaVu Sans, wide Unicode coverage, Bitstream Vera licence."""
SANS_CONDENSED = FontFamily("DejaVuSansCondensed", "DejaVuSansCondensed-Bold")
"""Narrower cut of the same face, for small cards."""


@cache
def register_fonts() -> tuple[FontFamily, FontFamily]:
    """Register the bundled TrueType fonts once per process. TrueType fonts are
    always embedded (subset) by ReportLab, so no base-14 font is ever used."""
    for family in (SANS, SANS_CONDENSED):
        for name in (family.regular, family.bold):
            pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / f"{name}.ttf")))
        pdfmetrics.registerFontFamily(
            family.regular,
            normal=family.regular,
            bold=family.bold,
            italic=family.regular,
            boldItalic=family.bold,
        )
    return SANS, SANS_CONDENSED


def missing_characters(text: str, font_name: str) -> list[str]:
    """Characters of `text` that `font_name` has no glyph for (spaces excepted)."""
    register_fonts()
    face = pdfmetrics.getFont(font_name).face
    return sorted(c for c in set(text) if not c.isspace() and ord(c) not in face.charToGlyph)


def right_to_left_characters(text: str) -> list[str]:
    """Letters of `text` written right to left (Hebrew, Arabic and others): ReportLab
    sets every line left to right, without the Unicode bidirectional algorithm."""
    return sorted(c for c in set(text) if unicodedata.bidirectional(c) in ("R", "AL"))


def check_glyphs(
    fields: Iterable[tuple[str, str | None]],
    font_names: Iterable[str],
    where: Callable[[str], str],
) -> None:
    """Raise one `ExportError` listing every character of the (field path, text) pairs
    that one of the fonts cannot draw, each with its code point, field and fonts.
    `where` turns a field path into the start of its message, `file:line: field`
    (`Topic.where` for a topic)."""
    present: list[tuple[str, str]] = [(field, text) for field, text in fields if text]
    missing: dict[tuple[str, str], list[str]] = {}  # (field, character) -> fonts without it
    for field, text in present:
        for font in font_names:
            for char in missing_characters(text, font):
                missing.setdefault((field, char), []).append(font)
    problems = [
        f"{where(field)}: the character {char!r} (U+{ord(char):04X}) is not in the "
        f"{'font' if len(fonts) == 1 else 'fonts'} {', '.join(fonts)} "
        "(replace it, or write it out in words)"
        for (field, char), fonts in missing.items()
    ]
    problems += [
        f"{where(field)}: {char!r} (U+{ord(char):04X}) is from a right-to-left script, "
        "which the PDFs cannot lay out: they would print it in reverse order "
        "(write this text in a left-to-right script)"
        for field, text in present
        for char in right_to_left_characters(text)
    ]
    if problems:
        raise ExportError("\n".join(problems))


def topic_text_fields(topic: Topic, *, card: bool = False) -> list[tuple[str, str]]:
    """Every printed text of `topic` with its field path (card: the pocket card's)."""
    fields = [("title", topic.title), ("main_message", topic.main_message)]
    fields += [("source.title", topic.source.title), ("source.publisher", topic.source.publisher)]
    if topic.url:  # printed beside its QR code
        fields.append(("url", topic.url))
    for i, section in enumerate(topic.sections):
        if card and not section.on_card:
            continue
        prefix = f"sections[{i}]"
        fields.append((f"{prefix}.heading", section.heading))
        if section.intro and not card:
            fields.append((f"{prefix}.intro", section.intro))
        for j, item in enumerate(section.items):
            if card:
                key = "short" if item.short is not None else "text"
                fields.append((f"{prefix}.items[{j}].{key}", item.card_text))
            else:
                fields.append((f"{prefix}.items[{j}].text", item.text))
    return fields


def document_info(topic: Topic, subject: str) -> dict[str, Any]:
    """Keyword arguments for `BaseDocTemplate`: metadata, language, reproducibility."""
    return {
        "title": topic.title,
        "subject": subject,
        "author": topic.author or topic.source.publisher,
        "creator": f"health-handouts {__version__}",
        "producer": f"health-handouts {__version__} (ReportLab)",
        "keywords": [topic.id, f"version {topic.version}", f"reviewed {topic.reviewed}"],
        "lang": topic.language,
        "displayDocTitle": 1,
        "invariant": 1,
    }


def fixed_time_canvas(build_time: int, base: type[Canvas] = Canvas) -> Callable[..., Canvas]:
    """A factory of `base` canvases whose PDF dates are `build_time` (UTC), for
    byte-identical rebuilds. Pass it as `doc.build(story, canvasmaker=...)`."""

    def make(*args: Any, **kwargs: Any) -> Canvas:
        kwargs["invariant"] = 1
        canvas = base(*args, **kwargs)
        canvas._doc._timeStamp = _timestamp(build_time)
        return canvas

    return make


def _timestamp(build_time: int) -> TimeStamp:
    stamp = TimeStamp(invariant=1)
    stamp.t = build_time
    stamp.lt = time.gmtime(build_time)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0
    stamp.tzname = "UTC"
    return stamp


class QrCode(Flowable):  # type: ignore[misc]
    """A square QR code for `url`, `size` points wide including its quiet zone, drawn
    as filled rectangles in the current fill colour: no font, nothing to embed."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url = url
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        modules = qr_modules(self.url)
        unit = self.width / (len(modules) + 2 * QUIET_ZONE)
        top = self.height - QUIET_ZONE * unit
        self.canv.saveState()
        self.canv.setFillColor(black)
        for row, col, length in dark_runs(modules):
            x = (QUIET_ZONE + col) * unit
            self.canv.rect(x, top - (row + 1) * unit, length * unit, unit, stroke=0, fill=1)
        self.canv.restoreState()


URL_BREAK = re.compile(r"(?<=[/.?&=#_-])(?=.)")
"""Where a web address may wrap: after a slash, dot or other separator."""


def url_lines(url: str, font: str, size: float, width: float) -> list[str]:
    """`url` cut into lines no wider than `width` where it can be, each ending at a
    separator, so that no line breaks inside a word of the address."""
    lines, line = [], ""
    for piece in URL_BREAK.split(url):
        if line and stringWidth(line + piece, font, size) > width:
            lines.append(line)
            line = piece
        else:
            line += piece
    return [*lines, line]


class UrlText(Flowable):  # type: ignore[misc]
    """A web address in `style`, wrapped at separators to whatever width it is given
    (a plain paragraph would cut 'hamstring' in two)."""

    def __init__(self, url: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.url = url
        self.style = style
        self._paragraph = Paragraph(escape(url), style)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        lines = url_lines(self.url, self.style.fontName, self.style.fontSize, avail_width)
        self._paragraph = Paragraph("<br/>".join(escape(line) for line in lines), self.style)
        width, height = self._paragraph.wrap(avail_width, avail_height)
        self.width, self.height = width, height
        return width, height

    def draw(self) -> None:
        self._paragraph.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)
