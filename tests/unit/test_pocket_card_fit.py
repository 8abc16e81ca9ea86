"""The card fit: the body size chosen is the largest that fits, whatever the search
measured on the way."""

from __future__ import annotations

import random
from typing import Any

import pytest

from generator.errors import ExportError
from generator.exporters.pocket_card import blocks, cuts, fit
from generator.exporters.pocket_card.blocks import Block, stack_height
from generator.exporters.pocket_card.content import (
    MAX_BODY_SIZE,
    SIZE_STEP,
    card_text,
)
from generator.exporters.pocket_card.fit import (
    Measured,
    best_split,
    fit_card,
    measure_card,
    panel_box,
    split_heights,
)
from generator.exporters.pocket_card.styles import styles_for
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
    return best_split(measured, room)[1] is not None


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


def test_the_search_finds_the_largest_fitting_step_from_any_guess():
    """Against the answer counted out, for every range, answer and guess: the same
    step, and two or three measurements when the guess is the answer or next to it."""
    for low, high in [(1, 1), (1, 2), (1, 16), (3, 9)]:
        for answer in range(low - 1, high + 1):  # low - 1: it fits at none
            for guess in range(low - 2, high + 3):
                measured: list[int] = []

                def attempt(step: int, answer: int = answer, log: list[int] = measured):
                    log.append(step)
                    return step, (0 if step <= answer else None)

                found = fit.largest_fitting(attempt, low, high, guess)
                assert (found[0] if found else low - 1) == answer, (low, high, answer, guess)
                assert len(set(measured)) == len(measured)  # nothing measured twice
                if low <= guess <= high and abs(guess - answer) <= 1:
                    most = 2 + max(0, answer - guess)
                    assert len(measured) <= most, (low, high, answer, guess, measured)


def test_the_hamstring_card_is_fitted_in_two_measurements(hamstring, monkeypatch):
    """At the minimum size (for the estimate) and at the estimate, the largest size,
    where it fits: the search that halved the range from the minimum measured it six
    times (the minimum, then five steps)."""
    register_fonts()
    calls: list[float] = []
    real = fit.measure_card

    def counted(text, body_size, *args, **kwargs):
        calls.append(body_size)
        return real(text, body_size, *args, **kwargs)

    monkeypatch.setattr(fit, "measure_card", counted)
    plan = fit_card(card_text(hamstring), CardSize.A7, CardLayout.FOLD_OVER, hamstring)
    assert plan.body_size == MAX_BODY_SIZE
    assert calls == [8.0, MAX_BODY_SIZE]


# --- the work grows with the text, not with its square (issue 13, item 10) --------


def random_blocks(rng: random.Random, count: int) -> list[Block]:
    return [
        Block(None, rng.uniform(0, 40), rng.choice([0, 1.2, 2.5, 4]), rng.choice([0, 0.96, 3]))
        for _ in range(count)
    ]


def random_measured(rng: random.Random) -> tuple[list[list[list[Any]]], Measured]:
    """Random runs of random blocks (up to 12 sections), measured as a card's are, each
    run but a section's first with what the back says again over it."""
    runs = [
        [random_blocks(rng, rng.randint(1, 3)) for _ in range(rng.randint(1, 3))]
        for _ in range(rng.randint(0, 12))
    ]
    title = random_blocks(rng, 1)
    closing = random_blocks(rng, rng.randint(0, 2))
    again = [[[], *(random_blocks(rng, rng.randint(1, 2)) for _ in r[1:])] for r in runs]
    return runs, Measured(styles_for(8.0), title, runs, closing, again)


def test_split_heights_are_the_stack_heights_of_every_split():
    """The one-pass heights against their definition, `stack_height` of the front and
    the back of each split, on random blocks: the front's are the same sums in the same
    order (equal to the bit), the back's are added bottom up (equal to 1e-9 pt)."""
    rng = random.Random(13)
    for _ in range(200):
        runs, measured = random_measured(rng)
        heights = split_heights(measured)
        assert len(heights) == sum(map(len, runs)) + 1  # before each run, and after all
        for split, front, back in heights:
            assert front == stack_height(measured.front(split))
            assert back == pytest.approx(stack_height(measured.back(split)), rel=0, abs=1e-9)


def test_cut_planning_stacks_sections_as_whole_parts_as_the_blocks_stack():
    """`cuts.py` measures a card by parts (title, each run of each section, closing) so that leaving
    a section off needs no measuring again: the total and the taller panel at the best
    split are those of the blocks, on random blocks, to 1e-9 pt."""
    rng = random.Random(31)
    for _ in range(200):
        runs, measured = random_measured(rng)
        parts = tuple(tuple(map(cuts._Part.of, section)) for section in runs)
        heads = tuple(tuple(map(cuts._part, a)) for a in measured.said_again)
        title, closing = cuts._part(measured.title), cuts._part(measured.closing)
        state = cuts._State(None, title, parts, closing, heads)
        total = stack_height([*measured.front(len(measured.blocks)), *measured.closing])
        assert state.total == pytest.approx(total, rel=0, abs=1e-9)
        assert state.tallest == pytest.approx(best_split(measured, 0)[0], rel=0, abs=1e-9)


class CountedBlock(Block):
    """A `Block` that counts how often any code reads a block's height."""

    reads = 0

    def __getattribute__(self, name: str) -> Any:
        if name == "height":
            CountedBlock.reads += 1
        return super().__getattribute__(name)


def height_reads(topic_file, monkeypatch, sections: int) -> int:
    """How many block heights fitting a card of `sections` sections reads (it does
    not fit a wallet card: the message names the section that overflows)."""
    data = minimal_topic()
    data["sections"] = [
        {"id": f"s{i}", "heading": f"Part {i}", "kind": "steps", "items": [{"id": "a", "text": "Rest."}]}
        for i in range(sections)
    ]  # fmt: skip
    data["flashcards"] = [{"id": "q", "section": "s0", "front": "What?", "back": "Rest."}]
    topic = load_topic(topic_file(data))
    monkeypatch.setattr(blocks, "Block", CountedBlock)
    CountedBlock.reads = 0
    with pytest.raises(ExportError, match="too tall for the wallet"):
        fit_card(card_text(topic), CardSize.WALLET, CardLayout.FOLD_OVER, topic)
    return CountedBlock.reads


def test_fitting_work_grows_linearly_with_the_sections(topic_file, monkeypatch):
    """Ten times the sections, about ten times the work: counted, never timed (a split
    search that stacked every split anew read 100 times as many heights)."""
    register_fonts()
    few = height_reads(topic_file, monkeypatch, 30)
    many = height_reads(topic_file, monkeypatch, 300)
    assert few > 0
    assert many < 15 * few, f"{few} height reads for 30 sections, {many} for 300"
