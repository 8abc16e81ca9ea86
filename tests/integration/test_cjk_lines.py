"""Chinese lines break between any two CJK characters, never inside a Latin word, a
number, a web address or a phone number (`generator/pdf/cjk_lines.py`), read back
from the built PDFs (pdfplumber) and from paragraphs ReportLab lays out."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pdfplumber
import pytest

from generator.build import build_topic
from generator.kinds import CardSize
from generator.load import load_clinic, load_topic
from generator.options import BuildOptions
from generator.pdf.styles import text_style
from generator.pdf.tagged import TextParagraph
from generator.pdf.writing import printing
from tests.conftest import CONTENT

CHINESE = CONTENT / "hamstring-cramp-zh-hans.yaml"
CLINIC = load_clinic(Path(__file__).resolve().parent.parent / "fixtures" / "clinic" / "clinic.yaml")
NUMBERS = ("+1 555 0100", "+1 555 0199")


def pdf_lines(options: BuildOptions, out: Path, suffix: str) -> list[str]:
    result = build_topic(CHINESE, out, options)
    assert result.ok, result.error
    pdf = next(path for path in result.written if path.name.endswith(suffix))
    with pdfplumber.open(pdf) as doc:
        return [line for page in doc.pages for line in (page.extract_text() or "").splitlines()]


def assert_numbers_whole(lines: list[str]) -> None:
    """Each number is printed, and no line ends or starts inside one (the handout's
    masthead prints the clinic's number on a line of its own too)."""
    text = "\n".join(lines)
    for number in NUMBERS:
        assert number in text, (number, lines)
        parts = number.split(" ")
        for cut in range(1, len(parts)):
            assert not any(line.endswith(" ".join(parts[:cut])) for line in lines), lines
            assert not any(line.startswith(" ".join(parts[cut:])) for line in lines), lines


@pytest.mark.parametrize("size", [CardSize.A7, CardSize.INDEX])
def test_the_chinese_card_never_breaks_a_phone_number(size, tmp_path):
    """At A7 the clinic's number broke as "+1 555" / "0100"."""
    options = BuildOptions(clinic=CLINIC, card_size=size)
    assert_numbers_whole(pdf_lines(options, tmp_path, "-pocket-card.pdf"))


@pytest.mark.parametrize(
    "name",
    [
        "Riverside Sports Medicine Clinic",
        "Riverside Sports Medicine Clinic of Springfield",  # broke as "+1 555" / "0100"
        "Riverside Sports Medicine and Physiotherapy Clinic",  # as "+1" / "555 0100"
    ],
)
def test_the_chinese_large_print_handout_never_breaks_a_phone_number(name, tmp_path):
    options = BuildOptions(clinic=dataclasses.replace(CLINIC, name=name), large_print=True)
    lines = pdf_lines(options, tmp_path, "-handout.pdf")
    assert_numbers_whole(lines)


WORDS = ("https://clinic.example.org", "Riverside", "Sports", "Medicine", "2026")


def laid_out_lines(text: str, width: float) -> list[str]:
    paragraph = TextParagraph(text, text_style("body", "DejaVuSans", 10, 12))
    paragraph.wrap(width, 1e4)
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:  # one font: ReportLab's (space, [text]) lines
        return ["".join(words) for _, words in lines]
    return ["".join(word.text for word in line.words) for line in lines]


def test_a_long_chinese_paragraph_keeps_latin_words_and_numbers_whole():
    topic = load_topic(CHINESE)
    message = topic.main_message
    mixed = (
        f"{message[:14]}https://clinic.example.org{message[14:30]}Riverside Sports "
        f"Medicine{message[30:50]}2026{message[50:]}"
    )
    alone = f"{message[:20]}2026{message[20:]}"  # one font (digits join the Chinese run)
    with printing(topic):
        for text in (mixed, alone):
            for width in range(160, 400, 3):
                lines = laid_out_lines(text, width)
                assert len(lines) > 1, width
                assert "".join(lines).replace(" ", "") == text.replace(" ", "")
                for word in WORDS:
                    if word in text:
                        assert any(word in line for line in lines), (width, word, lines)
