"""The glyphs the PDFs draw are HarfBuzz's shaping of the text, in its order (issue 24,
item 8): every paragraph of the Arabic and the Chinese hamstring topic, on the handout
and the pocket card, is drawn line by line as exactly the glyph ids HarfBuzz gives
that line's text in the font the PDF embeds, in the order it sets them (right to left:
an Arabic line's last word leftmost). Arabic letters are joined (their initial,
medial and final forms, not the isolated ones), and the font cut for the topic shapes
as the whole font does.

Each PDF is read back glyph by glyph (`pdf_glyphs`): every code drawn, through the
embedded subset's own TrueType program, to the glyph of the font it was cut from.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest

from generator.build import build_topic
from generator.exporters import EXPORTERS
from generator.load import load_topic
from generator.model import Topic
from generator.options import BuildOptions
from generator.pdf.script_fonts import ARABIC
from tests.integration.pdf_glyphs import (
    Glyph,
    Line,
    drawn_lines,
    draws,
    find_drawn,
    font_data,
    outlines,
    shaped,
)
from tests.integration.scripts import sample_file
from tests.integration.test_tagged_pdfs import card_order, handout_order

WANTED = [e for e in EXPORTERS if e.name in ("pocket-card", "handout-pdf")]
RIGHT_JOINING = frozenset("اأإآٱدذرزوؤة")
"""Arabic letters that join only the letter before them (Unicode's joining type R);
hamza (ء) joins neither."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Topic, Path]]:
    """The Arabic and Chinese topics and the folder of their card and handout, built
    in this process (so that the fonts they were cut from are still registered)."""
    made = {}
    for catalogue in ("ar", "zh-Hans"):
        folder = tmp_path_factory.mktemp(catalogue)
        path = sample_file(catalogue, folder)
        result = build_topic(path, folder / "out", BuildOptions(), exporters=WANTED)
        assert result.ok, (result.error, result.failed)
        topic = load_topic(path)
        made[catalogue] = (topic, folder / "out" / topic.id)
    return made


def in_one_run(texts: list[str]) -> list[str]:
    """The texts set in one font and one direction: no Latin letters (the Latin font)
    and no digits (a left-to-right run inside a right-to-left line)."""
    return [text for text in texts if not re.search(r"[A-Za-z0-9]", text)]


def drawn(pdf: Path, texts: list[str]) -> dict[str, list[tuple[Line, str]]]:
    """Each of `texts` drawn in `pdf` as HarfBuzz shapes it: its lines, each with the
    part of the text it draws; a text drawn otherwise is missing (the assert names it)."""
    sequences = drawn_lines(pdf)
    found = {text: find_drawn(sequences, text) for text in texts}
    assert [text for text, lines in found.items() if lines is None] == [], pdf.name
    return {text: lines for text, lines in found.items() if lines is not None}


@pytest.mark.parametrize("catalogue", ["ar", "zh-Hans"])
def test_every_paragraph_is_drawn_as_harfbuzz_shapes_it(catalogue, built):
    topic, folder = built[catalogue]
    handout = in_one_run(handout_order(topic))
    card = in_one_run(card_order(topic))
    assert len(handout) >= 30 and len(card) >= 8  # nearly all of the topic
    lines = drawn(folder / f"{topic.id}-handout.pdf", handout)
    lines |= drawn(folder / f"{topic.id}-pocket-card.pdf", card)
    assert sum(len(parts) for parts in lines.values()) >= 60  # many lines of many widths


def joins(word: str) -> bool:
    """Whether two letters of `word` join: a letter that joins both sides (most) before
    another Arabic letter, vowel marks between them or not."""
    letters = [char for char in word if unicodedata.name(char, "").startswith("ARABIC LETTER")]
    return any(first not in RIGHT_JOINING and first != "ء" for first, _ in pairwise(letters))


def words_drawn(line: Line, space: int) -> list[list[Glyph]]:
    """The glyphs of each word of `line`, as drawn (left to right), spaces left out."""
    words: list[list[Glyph]] = [[]]
    for glyph in line:
        if space in glyph.ids:
            words.append([])
        else:
            words[-1].append(glyph)
    return words


def test_arabic_letters_are_joined_and_set_right_to_left(built):
    """Each word whose letters join is drawn in joined forms, not the isolated form
    of each letter; each line's words run right to left, and each word's glyphs too."""
    topic, folder = built["ar"]
    found = drawn(folder / f"{topic.id}-handout.pdf", in_one_run(handout_order(topic)))
    joined, isolated, forwards = 0, [], []
    for line, text in (part for parts in found.values() for part in parts):
        data = font_data(line[0].font)
        words = words_drawn(line, shaped(data, " ")[0])
        for word, glyphs in zip(reversed(text.split()), words, strict=True):
            if joins(word):
                joined += 1
                marks = [c for c in word if unicodedata.category(c) == "Mn"]
                drawn_marks = {shaped(data, mark)[0] for mark in marks}
                letters = [glyph for glyph in glyphs if not glyph.ids & drawn_marks]
                alone = [shaped(data, c)[0] for c in reversed(word) if c not in marks]
                if draws(letters, alone):
                    isolated.append(word)
        if draws(line, shaped(data, text, direction="ltr")):
            forwards.append(text)
    assert joined > 300
    assert (isolated, forwards) == ([], [])


def test_the_arabic_font_cut_for_the_topic_shapes_as_the_whole_font(built):
    """The font cut to the topic's letters (and set at each weight) keeps every
    substitution and position its text needs: the glyphs drawn have the outlines the
    package's own Almarai shapes the same lines into. (Noto Sans CJK is a variable
    font whose default instance is Thin: its cut, set at 400 and 700, has no whole
    font to compare with.)"""
    topic, folder = built["ar"]
    found = drawn(folder / f"{topic.id}-handout.pdf", in_one_run(handout_order(topic)))
    for line, text in (part for parts in found.values() for part in parts):
        bold = "-Bold-" in line[0].font
        whole = ARABIC.path(bold=bold)
        assert whole is not None
        data = whole.read_bytes()
        assert outlines(data, shaped(data, text)) == [glyph.outline for glyph in line], text
