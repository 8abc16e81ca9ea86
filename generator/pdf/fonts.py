"""The bundled fonts, and the check that they can draw every character we print."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from generator.errors import ExportError
from generator.model import Clinic, Topic

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"


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
    if card and topic.card_message is not None:
        fields[1] = ("card_message", topic.card_message)
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
            if card and not item.on_card:
                continue
            if card:
                key = "short" if item.short is not None else "text"
                fields.append((f"{prefix}.items[{j}].{key}", item.card_text))
            else:
                fields.append((f"{prefix}.items[{j}].text", item.text))
    return fields


def clinic_text_fields(clinic: Clinic) -> list[tuple[str, str | None]]:
    """The clinic branding's printed texts, by field name."""
    return [
        ("name", clinic.name),
        ("phone", clinic.phone),
        ("emergency", clinic.emergency),
        ("address", clinic.address),
        ("website", clinic.website),
    ]
