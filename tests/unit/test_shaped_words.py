"""A word shaped once (`generator.pdf.shaped_words`): met again, it is what ReportLab's
shaping gives, around the new word's own styles, without shaping it again."""

from __future__ import annotations

from typing import Any

from reportlab.lib.abag import ABag
from reportlab.lib.colors import blue, red
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import shapeFragWord

from generator.pdf.script_fonts import ARABIC, prepare
from generator.pdf.shaped_words import ShapedWords

TEXT = "على العضلة في"


def _word(font: str, size: float, *parts: tuple[Any, str]) -> list[Any]:
    return [sum(stringWidth(text, font, size) for _, text in parts), *parts]


def _seen(word: list[Any]) -> list[Any]:
    """A shaped word as a reader of it sees it: width, and each part's style, text and
    glyph positions."""
    return [
        word[0],
        *((frag, str(text), getattr(text, "__shapeData__", None)) for frag, text in word[1:]),
    ]


def test_a_word_met_again_is_not_shaped_again_and_keeps_its_own_style() -> None:
    font = prepare(ARABIC, frozenset(TEXT)).regular
    shaped: list[Any] = []

    def shape(word: Any) -> Any:
        shaped.append(word)
        return shapeFragWord(word)

    words = ShapedWords(shape)
    red_frag = ABag(fontName=font, fontSize=16.0, textColor=red)
    blue_frag = ABag(fontName=font, fontSize=16.0, textColor=blue)
    first = words(_word(font, 16.0, (red_frag, "العضلة")))
    again = _word(font, 16.0, (blue_frag, "العضلة"))
    second = words(again)
    assert len(shaped) == 1
    assert second[1][0] is blue_frag
    assert _seen(second) == _seen(shapeFragWord(again))
    assert type(second) is type(first)
    smaller = ABag(fontName=font, fontSize=12.0, textColor=blue)
    words(_word(font, 12.0, (smaller, "العضلة")))  # another size: shaped anew
    assert len(shaped) == 2


def test_parts_of_one_style_and_of_two_are_kept_apart() -> None:
    regular = prepare(ARABIC, frozenset(TEXT)).regular
    words = ShapedWords(shapeFragWord)
    one = ABag(fontName=regular, fontSize=16.0)
    other = ABag(fontName=regular, fontSize=16.0, textColor=red)
    words(_word(regular, 16.0, (one, "الع"), (one, "ضلة")))
    split = _word(regular, 16.0, (one, "الع"), (other, "ضلة"))
    assert _seen(words(split)) == _seen(shapeFragWord(split))


def test_at_most_kept_words_are_kept() -> None:
    font = prepare(ARABIC, frozenset(TEXT)).regular
    words = ShapedWords(shapeFragWord, kept=2)
    for text in TEXT.split():
        words(_word(font, 16.0, (ABag(fontName=font, fontSize=16.0), text)))
    assert len(words._words) == 2
