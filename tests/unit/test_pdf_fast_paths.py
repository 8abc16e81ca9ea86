"""ReportLab's helpers done for less (`generator.pdf.fast_paths`): each gives what
ReportLab's own gives, for every kind of input it can meet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import paragraph
from reportlab.platypus.paraparser import ParaFrag

from generator.exporters.study_cards import pdf as study_cards
from generator.load import load_topic
from generator.options import BuildOptions
from generator.pdf import fast_paths
from generator.pdf.fonts import SANS, register_fonts
from generator.pdf.styles import text_style
from generator.pdf.tagged import TextParagraph

ROOT = Path(__file__).resolve().parents[2]


def _frags() -> list[Any]:
    """Parts as ReportLab's parser and line breaker make them, and odd ones."""
    style = text_style("fast-test", SANS.regular, 12, 15)
    parsed = TextParagraph("a <b>bold</b> &amp; <font color='red'>red</font> c", style).frags
    grey = Color(0.1, 0.1, 0.1)
    made = [
        ParaFrag(fontName="F", fontSize=12, textColor=grey),
        ParaFrag(fontName="F", fontSize=12, textColor=Color(0.1, 0.1, 0.1)),
        ParaFrag(fontName="F", fontSize=12, textColor=grey, backColor=None),
        ParaFrag(fontName="F", fontSize=12, textColor=grey, nobr=True),
        ParaFrag(fontName="F", fontSize=12.0, textColor=grey, cbDefn=None),
        ParaFrag(fontName="F", fontSize=12, textColor=grey, lineBreak=True),
        ParaFrag(fontName="F", fontSize=12, textColor=None),
        ParaFrag(),
        paragraph.FragLine(),
    ]
    return [*parsed, *(f.clone(text="x") for f in parsed), *made]


def test_same_frag_answers_as_reportlabs_own_for_every_pair() -> None:
    register_fonts()
    frags = _frags()
    answers = {
        (i, j): bool(sameFrag(f, g)) for i, f in enumerate(frags) for j, g in enumerate(frags)
    }
    assert {
        (i, j): fast_paths.same_frag(f, g) for i, f in enumerate(frags) for j, g in enumerate(frags)
    } == answers
    assert True in answers.values() and False in answers.values()


class _Doc:
    """Stands for a document: ReportLab keeps a font's codes by document."""


TEXTS = [
    "Hello",
    "Hello world",
    "",
    "na\u00efve caf\u00e9",
    "a\u00a0b",
    "\U0001f600 no glyph",
    "Hello world",
    "na\u00efve caf\u00e9 again",
    "".join(chr(c) for c in range(0x400, 0x4FF)),  # past the first subset's 256 codes
    "\u0416\u0436 Hello",
    "\u04fe",
]


@pytest.mark.parametrize("start", range(len(TEXTS)))
def test_split_string_cuts_and_codes_as_reportlabs_own(start: int) -> None:
    """The same runs and codes, and the same codes given, for texts met in any order."""
    register_fonts()
    font = pdfmetrics.getFont(SANS.regular)
    assert isinstance(font, TTFont)
    texts = TEXTS[start:] + TEXTS[:start]
    ours, theirs = _Doc(), _Doc()
    for text in texts:
        assert fast_paths.split_string(font, text, ours) == fast_paths._split_string(
            font, text, theirs
        )
    mine, reportlabs = font.state[ours], font.state[theirs]
    assert mine.assignments == reportlabs.assignments
    assert (mine.subsets, mine.nextCode) == (reportlabs.subsets, reportlabs.nextCode)


def test_install_puts_both_in_reportlabs_place() -> None:
    fast_paths.install()
    assert paragraph.sameFrag is fast_paths.same_frag
    assert TTFont.splitString is fast_paths.split_string
    assert PDFTextObject._formatText is fast_paths.format_text
    assert paragraph.stringWidth is pdfmetrics.stringWidth is fast_paths.string_width
    assert (pdfdoc.PDFName, pdfdoc.pdfdocEnc) == (fast_paths.pdf_name, fast_paths.pdfdoc_encoded)
    assert paragraph.getAscentDescent is fast_paths.ascent_descent


def test_shaped_words_drawn_again_take_their_operators_and_print_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Arabic topic's study cards, each word's operators written by ReportLab every
    time and written once a document: the same PDF, with most words written once."""
    topic = load_topic(ROOT / "content" / "hamstring-cramp-ar.yaml")
    written: list[str] = []

    def counted(tx: Any, text: Any) -> str:
        written.append(str(text))
        return str(original(tx, text))

    original = fast_paths._format_text
    monkeypatch.setattr(fast_paths, "_format_text", counted)
    fast_paths.install()
    kept = study_cards.export(topic, tmp_path / "kept.pdf", BuildOptions())
    with monkeypatch.context() as reportlabs:
        reportlabs.setattr(PDFTextObject, "_formatText", counted)
        at = len(written)
        each = study_cards.export(topic, tmp_path / "each.pdf", BuildOptions())
    assert kept.read_bytes() == each.read_bytes()
    assert at < (len(written) - at) * 0.6


def test_string_width_is_reportlabs_and_kept_at_most_widths_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    register_fonts()
    monkeypatch.setattr(fast_paths, "WIDTHS_KEPT", 8)
    monkeypatch.setattr(fast_paths, "_WIDTHS", {})
    texts = ["", " ", "Stretch", "na\u00efve", "\u0416\u0436", "Stretch"]
    for font in (SANS.regular, SANS.bold, "Helvetica"):
        for size in (7.5, 16, 16.0):
            for text in texts:
                width = fast_paths.string_width(text, font, size)
                assert width == fast_paths._string_width(text, font, size)
                assert len(fast_paths._WIDTHS) <= 8
    shaped = ShapedStr("ab", shapeData=[])
    fast_paths.string_width(shaped, SANS.regular, 12)
    assert not any(type(key[0]) is ShapedStr for key in fast_paths._WIDTHS)


def test_names_and_encoded_strings_are_reportlabs(monkeypatch: pytest.MonkeyPatch) -> None:
    original_name = fast_paths.pdf_name.__wrapped__
    for data in ("Type", "Page", "a b", "x#(y)", "Caf\u00e9", "", "Type"):
        assert fast_paths.pdf_name(data) == original_name(data)
    monkeypatch.setattr(fast_paths, "ENCODED_KEPT", 4)
    monkeypatch.setattr(fast_paths, "_ENCODED", {})
    for text in ("0 0 612 792", "3 0 R", "Caf\u00e9", "", "x" * 65, b"bytes", "3 0 R", "\u2022"):
        assert fast_paths.pdfdoc_encoded(text) == fast_paths._pdfdoc_encoded(text)
        assert len(fast_paths._ENCODED) <= 4
    assert "x" * 65 not in fast_paths._ENCODED
    with pytest.raises(UnicodeEncodeError):
        fast_paths._pdfdoc_encoded("\x18")
    with pytest.raises(UnicodeEncodeError):
        fast_paths.pdfdoc_encoded("\x18")


def test_ascent_descent_is_reportlabs() -> None:
    register_fonts()
    for font in (SANS.regular, SANS.bold, "Helvetica"):
        for size in (None, 7.5, 16, 16.0):
            found = fast_paths.ascent_descent(font, size)
            assert found == fast_paths.ascent_descent.__wrapped__(font, size)
