"""The record of the last deck beside a topic: its file, and what check refuses by it."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.build import keep_deck_record
from generator.deck_record import DeckRecord, RecordedCard, read_record, record_path, record_text
from generator.errors import ContentError
from generator.exporters.anki import next_record
from generator.load import load_topic
from generator.options import BuildOptions
from tests.conftest import HAMSTRING, line_of, minimal_topic, run_cli

WITHDRAWN = {"id": "q1", "date": "2026-02-03", "reason": "Newer advice replaces it."}


def problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_topic(path)
    return [str(p) for p in info.value.problems]


@pytest.fixture
def shipped(topic_file: Callable[..., Path]) -> Callable[[dict[str, Any]], Path]:
    """Build the deck record of the minimal topic (as `build` does), then save `data`."""

    def save(data: dict[str, Any]) -> Path:
        path = topic_file(minimal_topic())
        keep_deck_record(path, load_topic(path), BuildOptions())
        return topic_file(data)

    return save


def test_the_record_is_sorted_one_card_a_line_and_reads_back(tmp_path: Path) -> None:
    record = DeckRecord(
        "Salud::Calambres",
        {
            "z-last": RecordedCard("basic", (), "ab" * 32, 1_768_478_400),
            "a-first": RecordedCard("cloze", (1, 3), "cd" * 32, 1_768_478_401),
        },
    )
    text = record_text(record, "t.yaml")
    lines = text.splitlines()
    assert lines[2] == ' "deck": "Salud::Calambres",'
    assert lines[4].startswith('  "a-first": {"kind": "cloze", "changed": "2026-01-15T12:00:01Z"')
    assert lines[5].startswith('  "z-last": {"kind": "basic"') and len(lines) == 8
    path = tmp_path / "t.deck.json"
    path.write_text(text, encoding="utf-8")
    assert read_record(path) == record
    assert json.loads(text)["cards"]["a-first"]["numbers"] == [1, 3]


@pytest.mark.parametrize("path", [HAMSTRING, HAMSTRING.with_name("hamstring-cramp-es.yaml")])
def test_the_committed_records_are_what_a_build_writes(path: Path) -> None:
    """Each committed record is current: building the topic as it is would not change it."""
    topic = load_topic(path)
    text = record_path(path).read_text(encoding="utf-8")
    assert record_text(next_record(topic, BuildOptions()), path.name) == text
    assert topic.last_deck is not None and set(topic.last_deck.cards) == {
        card.id for card in topic.flashcards
    }


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[]",
        '{"deck": "x", "cards": {}}',
        "{" * 100_000,
        '{"about": 1, "deck": "", "cards": {}}',
    ],
)
def test_a_broken_record_names_its_file_and_the_way_out(
    topic_file: Callable[..., Path], text: str
) -> None:
    path = topic_file()
    record_path(path).write_text(text, encoding="utf-8")
    assert problems(path) == [
        f"{record_path(path)}: is not a deck record that health-handouts wrote (restore it "
        "from version control, or delete it if no deck of this topic was ever shared)"
    ]


def test_a_card_of_the_last_deck_left_out_is_an_error(
    shipped: Callable[[dict[str, Any]], Path],
) -> None:
    data = minimal_topic()
    data["flashcards"] = data["flashcards"][1:]
    path = shipped(data)
    assert problems(path) == [
        f"{path}:{line_of(path, 'flashcards:')}: flashcards: card 'q1' was in the last deck "
        "built (test-topic.deck.json) and is now neither a flashcard nor withdrawn, so it "
        "would keep teaching in students' decks (put it back, or withdraw it: add it to "
        "'withdrawn' with the date and a reason)"
    ]
    data["withdrawn"] = [WITHDRAWN]
    topic = load_topic(shipped(data))
    assert [(w.id, w.date.isoformat(), w.reason) for w in topic.withdrawn] == [
        ("q1", "2026-02-03", "Newer advice replaces it.")
    ]


def test_withdrawn_cards_are_checked(shipped: Callable[[dict[str, Any]], Path]) -> None:
    data = minimal_topic()
    data["withdrawn"] = [
        WITHDRAWN,
        {"id": "never", "date": "2026-02-31", "reason": "x"},
        {"id": "never", "date": "2026-02-03"},
    ]
    path = shipped(data)
    first = line_of(path, "- id: q1", 2)
    assert problems(path) == [
        f"{path}:{first}: withdrawn[0].id: 'q1' is also a flashcard of this topic (remove the "
        "flashcard to withdraw it, or remove it from 'withdrawn' to keep it)",
        f"{path}:{first + 4}: withdrawn[1].date: '2026-02-31' is not a real date (check the day "
        "and month)",
        f"{path}:{first + 6}: withdrawn[2].reason: missing (withdrawn[2] needs 'reason')",
        f"{path}:{first + 6}: withdrawn[2].id: duplicate id 'never', already used by "
        "withdrawn[1] (give every withdrawn flashcard its own id)",
    ]


def test_withdrawing_a_card_no_deck_had_is_an_error(topic_file: Callable[..., Path]) -> None:
    data = minimal_topic()
    data["withdrawn"] = [dict(WITHDRAWN, id="gone")]
    path = topic_file(data)
    assert problems(path) == [
        f"{path}:{line_of(path, '- id: gone')}: withdrawn[0].id: 'gone' was never in a deck "
        "built from this topic (test-topic.deck.json has no such card), so no student has it "
        "(remove it from 'withdrawn')"
    ]


def test_a_card_cannot_change_its_kind(shipped: Callable[[dict[str, Any]], Path]) -> None:
    data = copy.deepcopy(minimal_topic())
    data["flashcards"][0] = {"id": "q1", "section": "now", "cloze": "Do {{c1::this}}."}
    path = shipped(data)
    assert problems(path) == [
        f"{path}:{line_of(path, '- id: q1')}: flashcards[0]: card 'q1' was a basic card in the "
        "last deck built (test-topic.deck.json), and Anki never changes the type of a note a "
        "student has (give this card a new id, and withdraw the old one)"
    ]


def test_check_says_how_a_rename_behaves(shipped: Callable[[dict[str, Any]], Path]) -> None:
    path = shipped(minimal_topic(title="Leg cramps"))
    result = run_cli("check", path)
    assert result.returncode == 0, result.stderr
    assert (
        f"warning: {path}:{line_of(path, 'title:')}: title: the deck keeps its name "
        "'Health::Test topic', not 'Health::Leg cramps': Anki never moves the cards students "
        "already have into another deck, so a new name would split their deck in two (to "
        'rename it anyway, change "deck" in test-topic.deck.json; students who have the deck '
        "then get the new cards in a second deck)"
    ) in result.stderr


def test_a_card_with_a_problem_is_not_also_called_left_out(
    shipped: Callable[[dict[str, Any]], Path],
) -> None:
    data = minimal_topic()
    del data["flashcards"][0]["back"]
    path = shipped(data)
    assert problems(path) == [
        f"{path}:{line_of(path, '- id: q1')}: flashcards[0].back: missing (every card needs a "
        "front and a back)"
    ]
