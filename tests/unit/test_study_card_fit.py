"""Fitting a study card: the running head made once a section, and each side set at
the largest size that fits with no size measured twice (a warm topic's study cards
were half its time)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from generator.exporters.study_cards import layout
from generator.exporters.study_cards.content import Run, StudyCard, study_cards
from generator.exporters.study_cards.layout import (
    MAX_SIZE,
    SIZES,
    STEP,
    STUDY_CARD_SIZES,
    TALL,
    Side,
    body_height,
    fit_front,
    header,
    inner,
)
from generator.exporters.study_cards.pdf import lay_out
from generator.labels import labels_for
from generator.options import BuildOptions, StudyCardSize
from generator.pdf.fonts import register_fonts
from tests.integration.test_study_cards import many_topic

TEXT = "Stretch the muscle gently and slowly until the cramp lets go of your leg"


def test_the_running_head_is_made_once_a_section(tmp_path: Path) -> None:
    topic = many_topic(tmp_path / "t")
    labels = labels_for(topic.language)
    cards = study_cards(topic, labels)
    card_size = STUDY_CARD_SIZES[StudyCardSize.INDEX]
    register_fonts()
    sides = lay_out(topic, cards, card_size, BuildOptions(), labels)
    heads: dict[str, set[int]] = {}
    for card, (front, back) in zip(cards, sides, strict=True):
        heads.setdefault(card.section, set()).update({id(front.header), id(back.header)})
    assert len(heads) == 2  # the "now" and "care" sections
    assert all(len(made) == 1 for made in heads.values())


def _front(words: int) -> StudyCard:
    words_of = TEXT.split()
    text = " ".join(words_of[i % len(words_of)] for i in range(words)) + "?"
    return StudyCard(0, "q", "Now", (Run(text),), (Run("Yes."),), None, None)


@pytest.mark.parametrize("size", list(StudyCardSize))
def test_a_side_takes_the_largest_size_that_fits_measuring_no_size_twice(
    monkeypatch: pytest.MonkeyPatch, size: StudyCardSize
) -> None:
    register_fonts()
    card_size = STUDY_CARD_SIZES[size]
    head = header("A topic", "Now", inner(card_size)[0])
    width, room = inner(card_size)[0], body_height(head, card_size)
    measured: list[float] = []
    made = layout._paragraph

    def counted(text: str, size: float, *, bold: bool = False) -> Paragraph:
        measured.append(size)
        return made(text, size, bold=bold)

    monkeypatch.setattr(layout, "_paragraph", counted)
    seen_sizes = set()
    for words in range(1, 90, 2):
        measured.clear()
        fitted = fit_front(_front(words), head, card_size)
        assert len(measured) == len(set(measured)), measured
        assert len(measured) <= 3, (words, measured)
        fits = [
            s
            for s in SIZES
            if made(layout.markup(_front(words).front), s, bold=True).wrap(width, TALL)[1] <= room
        ]
        if not fits:
            assert not isinstance(fitted, Side)
            continue
        assert isinstance(fitted, Side)
        assert fitted.size == max(fits)
        assert fitted.size + STEP not in fits
        seen_sizes.add(fitted.size)
        if fitted.size == MAX_SIZE:
            assert measured == [MAX_SIZE]  # fits at once: measured once
    assert len(seen_sizes) >= 5  # the texts ran through most sizes
