"""The tagged structure holds in every script (issue 24, item 8): every PDF of the
hamstring topic in Arabic, Simplified Chinese and Vietnamese (pocket card, print
sheet, handout, study cards), as the topics ask and with a clinic in large print on
A4, passes PDF/UA-1 and PDF/A-2a (`page-validation`), and poppler's
`pdfinfo -struct-text` reads each in the topic's order.

poppler gives an element's text in the order its glyphs are drawn, and a
right-to-left line is drawn as it is seen, its last letter leftmost: an Arabic
element reads back with each of its lines reversed (docs/accessibility.md, "Limits").
So an Arabic element is known here by its letters, in any order; the order of the
elements is what this tests, the order of the glyphs in a line is
`test_shaped_glyphs.py`'s.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.exporters.study_cards.content import study_cards
from generator.labels import labels_for
from generator.load import load_topic
from tests.integration.scripts import SAMPLES, sample_file
from tests.integration.test_tagged_pdfs import (
    VARIANTS,
    assert_in_order,
    build,
    card_order,
    failures,
    handout_order,
    printed_sections,
    squeezed,
    struct_text,
)


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("samples")
    return {catalogue: sample_file(catalogue, folder) for catalogue in SAMPLES}


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["default", "clinic-large-print-a4"])
def test_every_pdf_in_every_script_passes_pdf_ua_1_and_pdf_a_2a(variant, samples, tmp_path):
    pdfs = build(list(samples.values()), tmp_path, *VARIANTS[variant])
    assert len(pdfs) == 4 * len(SAMPLES)
    assert failures(pdfs) == {}


def same_letters(text: str) -> str:
    """The letters and digits of `text`, in code point order."""
    return "".join(sorted(char for char in text if unicodedata.category(char)[0] in "LN"))


def assert_in_sequence(
    read: list[tuple[str, str]], expected: list[str], key: Callable[[str], Any]
) -> None:
    """Each expected text is the whole text of an element after the previous one's
    (a text may be read more than once: a cloze's two cards end the same way)."""
    texts = [key(text) for _, text in read]
    position = 0
    for text in expected:
        wanted = key(text)
        assert wanted in texts[position:], f"missing or out of order: {text!r}"
        position = texts.index(wanted, position) + 1


@pytest.mark.parametrize("catalogue", SAMPLES)
def test_every_pdf_in_every_script_reads_in_the_topics_order(catalogue, samples, tmp_path):
    build([samples[catalogue]], tmp_path)
    topic = load_topic(samples[catalogue])
    key = same_letters if catalogue == "ar" else squeezed
    pdf = tmp_path / topic.id / topic.id
    handout = struct_text(pdf.with_name(f"{topic.id}-handout.pdf"))
    assert handout[0] == ("H1", topic.title) or catalogue == "ar"
    printed = printed_sections(pdf.with_name(f"{topic.id}-handout.pdf"), topic)
    assert_in_order(handout, handout_order(topic, printed), key)
    assert {"H1", "H2", "H3", "P", "Lbl", "LBody"} <= {role for role, _ in handout}
    card = card_order(topic)
    assert_in_order(struct_text(pdf.with_name(f"{topic.id}-pocket-card.pdf")), card, key)
    sheet = struct_text(pdf.with_name(f"{topic.id}-pocket-card-sheet.pdf"))
    assert_in_order(sheet, [labels_for(topic)("sheet.actual_size"), *card], key)
    sides = [
        side for c in study_cards(topic, labels_for(topic)) for side in (c.front_text, c.back_text)
    ]
    flashcards = struct_text(pdf.with_name(f"{topic.id}-flashcards.pdf"))
    assert_in_sequence(flashcards, sides, key)
