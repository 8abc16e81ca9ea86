"""How one topic's text is set in its PDFs: the font of each run by its script, the
direction, line breaking and line height of its language.

Every PDF exporter draws a topic inside `printing(topic, clinic)`; every paragraph of
`generator.pdf` (`tagged.TextParagraph`) asks `current()` how to set its text, so an
exporter says what a text is and never which font: a Chinese topic's English fallback
label prints in the Latin font, an Arabic word in Noto Sans Arabic, joined by HarfBuzz.
A topic all in scripts DejaVu draws is set exactly as before this module existed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from generator.labels import Labels, labels_for
from generator.labels.tags import UNSPACED_SCRIPTS, is_right_to_left, subtags
from generator.model import Clinic, Topic
from generator.pdf import cjk_lines, fast_paths
from generator.pdf.fonts import (
    check_printed,
    cut_characters,
    outside_cut,
    printed_texts,
    register_fonts,
)
from generator.pdf.script_fonts import PreparedFamily, font_characters, prepare, source_for
from generator.pdf.scripts import RIGHT_TO_LEFT, Script, runs, scripts_in

ARABIC_LEADING = 1.15
"""Arabic letters reach further above and below the line than Latin ones."""

T = TypeVar("T")
_TOKENS = re.compile(r"(<[^>]*>)")
_ENTITY = re.compile(r"&#?\w+;")


@dataclass(eq=False)
class Writing:
    """How one topic's PDFs set text: its base direction, whether lines break between
    CJK characters, and the prepared font of each script other than Latin it prints."""

    language: str
    right_to_left: bool
    cjk: bool
    fonts: dict[Script, PreparedFamily]
    covers: dict[Script, frozenset[str]] = field(default_factory=dict)
    """The characters each script's font has."""
    _styles: dict[int, tuple[ParagraphStyle, ParagraphStyle]] = field(default_factory=dict)
    _marked: dict[tuple[str, bool], str] = field(default_factory=dict)
    """`markup`'s answers: a handout's fitting makes each paragraph several times."""

    @property
    def plain(self) -> bool:
        """Nothing to do: text in DejaVu's scripts, left to right."""
        return not self.fonts and not self.right_to_left

    @property
    def reorders(self) -> bool:
        """Whether lines need their words put in visual order: right-to-left text."""
        return self.right_to_left or not RIGHT_TO_LEFT.isdisjoint(self.fonts)

    def font_is_rtl(self, font_name: str) -> bool:
        return any(
            font_name in (family.regular, family.bold)
            for script, family in self.fonts.items()
            if script in RIGHT_TO_LEFT
        )

    def style(self, style: ParagraphStyle) -> ParagraphStyle:
        """`style` as this writing sets it (made once per style)."""
        made = self._styles.get(id(style))
        if made is None or made[0] is not style:
            made = (style, self._restyled(style))
            self._styles[id(style)] = made
        return made[1]

    def _restyled(self, style: ParagraphStyle) -> ParagraphStyle:
        extra: dict[str, Any] = {"shaping": 1}
        if self.cjk:
            extra["wordWrap"] = "CJK"
        if Script.ARABIC in self.fonts:
            extra["leading"] = round(style.leading * ARABIC_LEADING, 2)
        if self.right_to_left:
            mirror = {TA_LEFT: TA_RIGHT, TA_RIGHT: TA_LEFT}
            extra["alignment"] = mirror.get(style.alignment, style.alignment)
            extra["leftIndent"], extra["rightIndent"] = style.rightIndent, style.leftIndent
        return ParagraphStyle(f"{style.name}-{self.language}", parent=style, **extra)

    def markup(self, markup: str, style: ParagraphStyle) -> str:
        """`markup` with each run of a script other than Latin in its script's font
        (the bold of it in a bold style)."""
        if markup.isascii() or not self.fonts:
            return markup
        key = (markup, style.fontName.endswith("-Bold"))
        if key not in self._marked:
            self._marked[key] = "".join(
                piece if piece.startswith("<") else self._runs(piece, key[1])
                for piece in _TOKENS.split(markup)
            )
        return self._marked[key]

    def _runs(self, text: str, bold: bool) -> str:
        plain = _ENTITY.sub("&", text)  # an entity is punctuation: it stays in its run
        if scripts_in(plain) == {Script.LATIN}:
            return text
        out, at = [], 0
        for script, run in runs(plain, Script.LATIN):
            family = self.fonts.get(script)
            for drawn, part in self._covered(script, run) if family else [(False, run)]:
                size = _source_length(text, at, len(part))
                piece, at = text[at : at + size], at + size
                if drawn and family is not None:
                    name = family.bold if bold else family.regular
                    piece = f'<font name="{name}">{piece}</font>'
                out.append(piece)
        return "".join(out)

    def _covered(self, script: Script, run: str) -> list[tuple[bool, str]]:
        """`run` cut into parts its script's font draws (True) and parts, such as a
        symbol that font lacks, left to the Latin font (False)."""
        has = self.covers[script]
        parts: list[tuple[bool, str]] = []
        for char in run:
            inside = char in has or char.isspace()
            if parts and parts[-1][0] == inside:
                parts[-1] = (inside, parts[-1][1] + char)
            else:
                parts.append((inside, char))
        return parts


def _source_length(text: str, start: int, characters: int) -> int:
    """How many characters of `text` from `start` make `characters` characters once
    each entity counts as one."""
    at, count = start, 0
    while count < characters and at < len(text):
        match = _ENTITY.match(text, at) if text[at] == "&" else None
        at = match.end() if match else at + 1
        count += 1
    return at - start


_CURRENT: ContextVar[Writing | None] = ContextVar("writing", default=None)


def current() -> Writing | None:
    """The writing of the topic whose PDF is being made (None: set as Latin)."""
    return _CURRENT.get()


def from_start(cells: list[T]) -> list[T]:
    """Things side by side (a row's cells, their widths), from where a line starts:
    left to right, or right to left in a right-to-left topic (a picture beside its
    text then stands at the text's right, where a reader of Arabic starts)."""
    writing = _CURRENT.get()
    return cells[::-1] if writing is not None and writing.right_to_left else cells


def start_side() -> str:
    """Where a line starts, as ReportLab's `hAlign` says it: LEFT, or RIGHT."""
    writing = _CURRENT.get()
    return "RIGHT" if writing is not None and writing.right_to_left else "LEFT"


@contextmanager
def printing(topic: Topic, clinic: Clinic | None = None) -> Iterator[Writing]:
    """Make `topic`'s PDF inside this: its text checked (`check_printed` raises an
    `ExportError` for what no font draws), its script fonts prepared, and every
    paragraph drawn set as its language writes."""
    check_printed(topic, clinic)
    register_fonts(whole=outside_cut(topic, clinic))
    fast_paths.install()
    writing = writing_for(topic, clinic, labels_for(topic))
    token = _CURRENT.set(writing)
    try:
        yield writing
    finally:
        _CURRENT.reset(token)


@lru_cache(maxsize=4)
def writing_for(topic: Topic, clinic: Clinic | None, labels: Labels) -> Writing:
    """The writing of `topic` (with `clinic`'s branding, in `labels`): a font for each
    script it prints, cut to the characters it prints. Once per topic, clinic and
    labels, as `check_printed`: every PDF exporter asks."""
    texts = [text for _, text in printed_texts(topic, clinic, labels) if text]
    cut = cut_characters()  # a text of no other script than Latin adds no font
    foreign = "".join(text for text in texts if not cut.issuperset(text))
    characters = frozenset("".join(texts))  # a run's digits and stops too, from any text
    fonts, covers = {}, {}
    for script in sorted(scripts_in(foreign) - {Script.LATIN}) if foreign else []:
        source = source_for(script, topic.language)
        covers[script] = font_characters(source)
        fonts[script] = prepare(source, characters)
    cjk = subtags(topic.language).script in UNSPACED_SCRIPTS
    if cjk:
        cjk_lines.install()
    return Writing(topic.language, is_right_to_left(topic.language), cjk, fonts, covers)
