"""The card fit: the body size chosen is the largest that fits, whatever the search
measured on the way."""

from __future__ import annotations

import pytest

from generator.exporters.pocket_card.content import MAX_BODY_SIZE, SIZE_STEP, card_text
from generator.exporters.pocket_card.fit import _best_split, fit_card, measure_card, panel_box
from generator.load import load_topic
from generator.model import CardLayout, CardSize, Topic
from generator.pdf.fonts import register_fonts
from tests.conftest import minimal_topic


def many_warnings() -> dict:
    """Warnings keep their 9 pt minimum while the body shrinks, so this card's text
    grows slower than its size: a search that stops where proportional growth would
    fill the panel chose 8 pt on an ID-1 card that fits 8.25 pt."""
    data = minimal_topic()
    data["sections"][0]["items"] = [
        {"id": f"s{i}", "text": "Rest your leg and stretch it.", "short": "Rest and stretch."}
        for i in range(6)
    ]
    data["sections"][1]["items"] = [
        {"id": f"w{i}", "text": "Get care now if it swells and hurts a lot.", "urgency": "now"}
        for i in range(8)
    ]
    return data


def fits(topic: Topic, size: CardSize, body_size: float) -> bool:
    width, room = panel_box(size)
    measured = measure_card(card_text(topic), body_size, width)
    return _best_split(measured, room)[1] is not None


CASES = [  # the hamstring text does not fit an ID-1 card at all (tested elsewhere)
    (which, size)
    for which in ("hamstring", "small", "many-warnings")
    for size in (CardSize.ID1, CardSize.A7, CardSize.INDEX)
    if (which, size) != ("hamstring", CardSize.ID1)
]


@pytest.mark.parametrize(("which", "size"), CASES)
def test_chosen_size_fits_and_one_step_more_does_not(hamstring, topic_file, which, size):
    register_fonts()
    topics = {"hamstring": lambda: hamstring, "small": lambda: load_topic(topic_file())}
    topics["many-warnings"] = lambda: load_topic(topic_file(many_warnings()))
    topic = topics[which]()
    plan = fit_card(card_text(topic), size, CardLayout.FOLD_OVER, topic)
    assert fits(topic, size, plan.body_size)
    assert plan.body_size == MAX_BODY_SIZE or not fits(topic, size, plan.body_size + SIZE_STEP)
