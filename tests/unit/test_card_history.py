"""A flashcard whose text changed while `reviewed` stayed put is warned about: Anki
would keep the old text in every student's deck. Whole builds, the manifest between."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build import build_topic
from generator.incremental import MANIFEST_NAME, Manifest
from generator.options import BuildOptions
from tests.conftest import minimal_topic

OPTIONS = BuildOptions()


def build(path: Path, out: Path, only: tuple[str, ...] = ("anki",)) -> list[str]:
    """Build the deck of `path` and return the build's warnings."""
    from generator.exporters import EXPORTERS

    exporters = [e for e in EXPORTERS if e.name in only]
    result = build_topic(path, out, OPTIONS, exporters=exporters)
    assert result.error is None, result.error
    return [w for w in result.warnings if "flashcard" in w]


def with_cards(back: str = "Rest.", cloze: str = "swells", reviewed: str = "2026-01-15"):
    data = minimal_topic(reviewed=reviewed)
    data["flashcards"][0]["back"] = back
    data["flashcards"][1]["cloze"] = f"Get care now if your leg {{{{c1::{cloze}}}}}."
    return data


def test_changed_back_with_the_same_reviewed_date_is_warned(tmp_path, topic_file):
    out = tmp_path / "out"
    path = topic_file(with_cards())
    assert build(path, out) == []
    topic_file(with_cards(back="Rest and stretch."))
    warnings = build(path, out)
    assert len(warnings) == 1
    assert warnings[0].startswith(
        f"warning: {path}:29: flashcards[0]: text changed since the last build but "
        "'reviewed' did not move forward (card 'q1'; 'reviewed' is 2026-01-15, the last "
        "deck was built with 2026-01-15: Anki would keep the old text"
    )
    # the warning stays until reviewed moves forward, even when nothing else changes
    topic_file(with_cards(back="Rest and stretch.", cloze="swells up"))
    warnings = build(path, out)
    assert [w.split(": ")[2] for w in warnings] == ["flashcards[0]", "flashcards[1]"]
    topic_file(with_cards(back="Rest and stretch.", cloze="swells up", reviewed="2026-02-01"))
    assert build(path, out) == []
    topic_file(with_cards(back="Rest.", cloze="swells up", reviewed="2026-02-01"))
    assert len(build(path, out)) == 1  # compared with what the 2026-02-01 deck had


def test_moving_reviewed_forward_gives_no_warning(tmp_path, topic_file):
    out = tmp_path / "out"
    path = topic_file(with_cards())
    build(path, out)
    topic_file(with_cards(back="Rest and stretch.", reviewed="2026-01-16"))
    assert build(path, out) == []


def test_many_changed_cards_make_one_warning(tmp_path, topic_file):
    out = tmp_path / "out"
    data = minimal_topic()
    data["flashcards"] = [
        {"id": f"q{i}", "section": "now", "front": f"Question {i}?", "back": "Rest."}
        for i in range(6)
    ]
    path = topic_file(data)
    build(path, out)
    for card in data["flashcards"][1:]:
        card["back"] = "Rest your leg."
    topic_file(data)
    warnings = build(path, out)
    assert len(warnings) == 1
    assert ": reviewed: the text of 5 flashcards changed since the last build" in warnings[0]
    assert "flashcards[1] 'q1', flashcards[2] 'q2'" in warnings[0]


def test_a_build_without_the_deck_keeps_the_deck_record(tmp_path, topic_file):
    """The record is what the last deck had: a handout-only build neither warns nor
    forgets it."""
    out = tmp_path / "out"
    path = topic_file(with_cards())
    build(path, out)
    topic_file(with_cards(back="Rest and stretch."))
    assert build(path, out, only=("handout-html",)) == []
    assert len(build(path, out)) == 1


def test_first_build_new_and_removed_cards_give_no_warning(tmp_path, topic_file):
    out = tmp_path / "out"
    data = with_cards()
    path = topic_file(data)
    assert build(path, out) == []
    data["flashcards"].append({"id": "q2", "section": "now", "front": "Why?", "back": "It helps."})
    data["flashcards"].pop(0)
    topic_file(data)
    assert build(path, out) == []


@pytest.mark.parametrize(
    "cards",
    [
        [],
        {"reviewed": "2026-01-15"},
        {"reviewed": "someday", "digests": {}},
        {"reviewed": 20260115, "digests": {}},
        {"reviewed": "2026-01-15", "digests": {"q1": 5}},
        {"reviewed": "2026-01-15", "digests": [], "extra": 1},
    ],
)
def test_a_manifest_with_a_bad_card_record_is_not_trusted(tmp_path, topic_file, cards):
    out = tmp_path / "out"
    path = topic_file(with_cards())
    build(path, out)
    manifest = out / "test-topic" / MANIFEST_NAME
    data = json.loads(manifest.read_text())
    assert set(data["cards"]) == {"reviewed", "digests"}
    data["cards"] = cards
    manifest.write_text(json.dumps(data))
    assert Manifest.read(out / "test-topic") is None
    topic_file(with_cards(back="Rest and stretch."))
    assert build(path, out) == []  # nothing to compare with: rebuilt, no warning
    assert Manifest.read(out / "test-topic") is not None
