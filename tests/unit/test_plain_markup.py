"""A paragraph's parts made without ReportLab's markup parser (`pdf/plain_markup.py`):
the parser's own parts, attribute for attribute and in order, for every text it takes;
the parser's for every other text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape
from reportlab.lib.colors import red
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaParser

from generator.exporters.study_cards.content import study_cards
from generator.exporters.study_cards.layout import markup
from generator.labels import labels_for
from generator.load import load_topic
from generator.pdf import plain_markup
from generator.pdf.fonts import SANS, register_fonts
from generator.pdf.styles import text_style
from generator.pdf.tagged import TextParagraph
from generator.pdf.writing import printing

ROOT = Path(__file__).resolve().parents[2]
TOPICS = sorted((ROOT / "content").glob("*.yaml"))

TAKEN = [
    "Stretch gently",
    "  Stretch\n   gently  \n\n",
    "Don&#39;t push &amp; pull: &lt;10 &gt; 5 &#34;now&#34; &quot;here&quot;",
    "Hold it for <b>[...]</b> seconds",
    "<b>All bold</b>",
    "a<b>b</b><b>c</b>d",
    f'x <font name="{SANS.bold}">y <b>z</b></font> w',
    f'<b>x <font name="{SANS.regular}">y</font></b>',
    "no&nbsp;break &#160; &copy;",
    "&#1576;&#1575;",
]
"""Texts the parts are made for."""
LEFT = [
    "",
    "<b></b>",
    "a <i>b</i>",
    "a<br/>b",
    '<a href="https://example.org">x</a>',
    "<b>unclosed",
    "closed</b>",
    f'<b><font name="{SANS.bold}">x</b></font>',
    "&unknownthing; x",
    "a & b",
    "a < b",
    "<para>x</para>",
    "&#99999999;",
    "&#x41;",
]
"""Texts left to the parser (a hexadecimal reference too: no text of ours has one)."""


def _styles() -> list[ParagraphStyle]:
    base = text_style("plain-test", SANS.regular, 12, 15)
    return [
        base,
        text_style("plain-test-bold", SANS.bold, 16, 20, alignment=TA_CENTER),
        ParagraphStyle("plain-test-red", parent=base, textColor=red, fontSize=7.5),
    ]


def _same_parts(made: tuple[str, list[Any]], text: str, style: ParagraphStyle) -> None:
    parsed = Paragraph(text, style)
    assert made[0] == parsed.text
    assert [type(part) for part in made[1]] == [type(part) for part in parsed.frags]
    assert [list(part.__dict__.items()) for part in made[1]] == [
        list(part.__dict__.items()) for part in parsed.frags
    ]


@pytest.mark.parametrize("text", TAKEN)
def test_parts_are_the_parsers_own(text: str) -> None:
    register_fonts()
    for style in _styles():
        made = plain_markup.parts(text, style)
        assert made is not None, text
        _same_parts(made, text, style)


@pytest.mark.parametrize("text", LEFT)
def test_other_markup_is_left_to_the_parser(text: str) -> None:
    register_fonts()
    assert plain_markup.parts(text, _styles()[0]) is None


def test_a_style_with_a_bullet_or_a_text_transform_is_left_to_the_parser() -> None:
    base = _styles()[0]
    for style in (
        ParagraphStyle("plain-test-upper", parent=base, textTransform="uppercase"),
        ParagraphStyle("plain-test-bullet", parent=base, bulletText="*"),
    ):
        assert plain_markup.parts("Stretch gently", style) is None


@pytest.mark.parametrize("path", TOPICS, ids=[p.stem for p in TOPICS])
def test_every_study_card_text_of_content_is_made_as_the_parser_makes_it(path: Path) -> None:
    """In each topic's writing (its scripts' fonts as `<font>` runs, its styles)."""
    topic = load_topic(path)
    labels = labels_for(topic)
    with printing(topic) as writing:
        style = writing.style(text_style("plain-test-card", SANS.regular, 16, 20))
        for card in study_cards(topic, labels):
            for runs in (card.front, card.back):
                text = writing.markup(markup(runs), style)
                made = plain_markup.parts(text, style)
                assert made is not None, text
                _same_parts(made, text, style)
            if card.extra:
                text = writing.markup(str(escape(card.extra)), style)
                made = plain_markup.parts(text, style)
                assert made is not None
                _same_parts(made, text, style)


def test_a_text_paragraph_makes_its_parts_without_the_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Once the part of its stack of tags is known in its style (one parse a style)."""
    register_fonts()
    style = _styles()[1]
    TextParagraph("Hold it for <b>[...]</b>", style)

    def refuse(*_: object) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(ParaParser, "parse", refuse)
    made = TextParagraph("Hold it for <b>10</b> seconds &amp; breathe", style)
    assert [part.text for part in made.frags] == [
        "Hold it for ",
        "10",
        " seconds ",
        "&",
        " breathe",
    ]
    with pytest.raises(AssertionError, match="parsed"):
        TextParagraph("a <i>b</i>", style)
