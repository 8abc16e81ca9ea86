"""The bundled fonts, and the check that they can draw every character we print."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from generator.errors import ExportError
from generator.labels import Labels, labels_for
from generator.model import Clinic, Picture, Topic
from generator.paths import shown

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"


@dataclass(frozen=True)
class FontFamily:
    """The registered names of a typeface's regular and bold cuts."""

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


FIRST_RIGHT_TO_LEFT = "\u0590"
"""No character before the Hebrew block is written right to left."""


@cache
def _drawable_by_all(font_names: tuple[str, ...]) -> frozenset[str]:
    """The characters every one of the fonts has a glyph for."""
    register_fonts()
    faces = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in font_names]
    return frozenset(chr(code) for code in set.intersection(*faces)) if faces else frozenset()


def right_to_left_characters(text: str) -> list[str]:
    """Letters of `text` written right to left (Hebrew, Arabic and others): ReportLab
    sets every line left to right, without the Unicode bidirectional algorithm."""
    return sorted(
        c
        for c in set(text)
        if c >= FIRST_RIGHT_TO_LEFT and unicodedata.bidirectional(c) in ("R", "AL")
    )


def check_glyphs(
    fields: Iterable[tuple[str, str | None]],
    font_names: Iterable[str],
    where: Callable[[str], str],
) -> None:
    """Raise one `ExportError` listing every character of the (field path, text) pairs
    that one of the fonts cannot draw, each with its code point, field and fonts.
    `where` turns a field path into the start of its message, `file:line: field`
    (`Topic.where` for a topic)."""
    font_names = tuple(font_names)
    drawable = _drawable_by_all(font_names)
    present: list[tuple[str, str]] = [(field, text) for field, text in fields if text]
    missing: dict[tuple[str, str], list[str]] = {}  # (field, character) -> fonts without it
    for field, text in present:
        if drawable.issuperset(text):
            continue  # the common case, at C speed: every font draws every character
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
        if not text.isascii()
        for char in right_to_left_characters(text)
    ]
    if problems:
        raise ExportError("\n".join(problems))


PDF_FONTS = (SANS.regular, SANS.bold, SANS_CONDENSED.regular, SANS_CONDENSED.bold)
"""Every font our PDFs print with. Each text any PDF prints is checked against all
of them, so the pocket card, the handout and the study cards refuse the same texts
with the same messages (the four cover the same characters, bold a few fewer)."""

UNPRINTED_LABELS = ("pdf.", "deck.", "clinic.")
"""Label keys no PDF page shows: document metadata (`pdf.*`, stored as text, not drawn
with a font), the Anki deck (`deck.*`) and the web page's clinic lines (`clinic.*`).
Every other label is checked: a label added for a PDF is covered without a change here
(tests/integration/test_labels.py fails if a PDF starts printing one of these)."""


def check_printed(topic: Topic, clinic: Clinic | None = None) -> None:
    """Raise one `ExportError` for every character that one of the PDF fonts cannot
    draw, or that a PDF would print in reverse, in any text a PDF of `topic` prints:
    the topic's own (`topic_text_fields`), its review date as its language writes it,
    the labels of its language (named by catalogue file, line and key) and the
    clinic's branding on the handout. Every PDF exporter calls this first, so the
    first PDF made reports every problem of every PDF, the same way each time."""
    problems = _printed_problems(topic, clinic, labels_for(topic))
    if problems is not None:
        raise ExportError(problems)


@lru_cache(maxsize=4)
def _printed_problems(topic: Topic, clinic: Clinic | None, labels: Labels) -> str | None:
    """`check_printed`'s findings, once per topic, clinic and labels (a new object once
    a catalogue is edited): every PDF exporter asks."""
    texts: list[tuple[str, str | None]] = [
        (topic.where(field), text) for field, text in topic_text_fields(topic)
    ]
    written = labels.date(topic.reviewed)
    texts.append((f"{topic.where('reviewed')} (as '{topic.language}' writes dates)", written))
    for key, text in labels.texts.items():
        if not key.startswith(UNPRINTED_LABELS):
            path, line = labels.origins[key]
            entry = f"{shown(path)}:{line}" if line else str(shown(path))
            texts.append((f'{entry}: msgctxt "{key}"', text))
    if clinic is not None:
        source = clinic.source_file or f"{topic.location}: clinic"
        texts += [(f"{source}: {field}", text) for field, text in clinic_text_fields(clinic)]
    try:
        check_glyphs(texts, PDF_FONTS, lambda location: location)
    except ExportError as exc:
        return str(exc)
    return None


def unprintable_labels(texts: Mapping[str, tuple[str, int]], path: Path) -> list[str]:
    """For `check`: each label of the catalogue `path` (key -> text and line) that a
    PDF prints and cannot, once: the first character the fonts lack or the PDFs would
    reverse, and how many more there are."""
    entries = {
        f'{shown(path)}:{line}: msgctxt "{key}"': text
        for key, (text, line) in texts.items()
        if not key.startswith(UNPRINTED_LABELS)
    }
    try:
        check_glyphs(entries.items(), PDF_FONTS, lambda location: location)
    except ExportError as exc:
        found = str(exc).splitlines()
    else:
        return []
    lines = []
    for entry in entries:
        mine = [line for line in found if line.startswith(f"{entry}: ")]
        if mine:
            more = f" (and {len(mine) - 1} more characters)" if len(mine) > 1 else ""
            lines.append(mine[0] + more)
    return lines


def topic_text_fields(topic: Topic) -> list[tuple[str, str]]:
    """Every text of `topic` that any PDF prints, with its field path: the one list the
    glyph check reads. Not printed, so not here: ids, `language` and `author`
    (document metadata, the deck and the web page only)."""
    fields = [("title", topic.title), ("main_message", topic.main_message)]
    if topic.card_message is not None:  # on the pocket card, in place of the message
        fields.append(("card_message", topic.card_message))
    fields += [("version", topic.version)]
    fields += [
        ("source.title", topic.source.title or ""),
        ("source.publisher", topic.source.publisher or ""),
    ]
    if topic.url:  # printed beside its QR code
        fields.append(("url", topic.url))
    if topic.source.url:  # printed in the handout's footer, as written
        fields.append(("source.url", topic.source.url))
    if topic.translation_reviewer:  # in the translation note
        fields.append(("translation_reviewed_by", topic.translation_reviewer))
    if topic.reviewer:  # in the handout's footer
        fields += [("reviewed_by.name", topic.reviewer.name)]
        fields += [("reviewed_by.role", topic.reviewer.role)]
    for i, section in enumerate(topic.sections):
        prefix = f"sections[{i}]"
        fields.append((f"{prefix}.heading", section.heading))
        if section.intro:
            fields.append((f"{prefix}.intro", section.intro))
        fields += _picture_fields(f"{prefix}.image", section.picture)
        for j, item in enumerate(section.items):
            fields.append((f"{prefix}.items[{j}].text", item.text))
            if item.short is not None:
                fields.append((f"{prefix}.items[{j}].short", item.short))
            fields += _picture_fields(f"{prefix}.items[{j}].image", item.picture)
    for i, card in enumerate(topic.flashcards):  # the study cards
        prefix = f"flashcards[{i}]"
        fields += [(f"{prefix}.front", card.front), (f"{prefix}.back", card.back)]
        fields += [(f"{prefix}.cloze", card.text), (f"{prefix}.extra", card.extra or "")]
        if card.image is not None:  # printed in place of a picture that cannot be
            fields.append((f"{prefix}.image.alt", card.image.alt))
    return fields


def _picture_fields(field: str, picture: Picture | None) -> list[tuple[str, str]]:
    """A picture's alt text (printed in its place on a card without room) and caption."""
    if picture is None:
        return []
    fields = [(f"{field}.alt", picture.alt)]
    if picture.caption is not None:
        fields.append((f"{field}.caption", picture.caption))
    return fields


def clinic_text_fields(clinic: Clinic) -> list[tuple[str, str | None]]:
    """The clinic branding's printed texts, by field name."""
    return [
        ("name", clinic.name),
        ("phone", clinic.phone),
        ("after_hours", clinic.after_hours),
        ("emergency", clinic.emergency),
        ("address", clinic.address),
        ("website", clinic.website),
    ]
