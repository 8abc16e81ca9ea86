"""The CSV file in real Anki, and the TSV file's shape.

A user without our note types first imports any health-handouts `.apkg` (the
README says so); the test does the same with another topic's deck, then imports
the CSV with the options Anki reads from the file's own headers, and compares
every note with those of the topic's `.apkg` imported into a fresh collection.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from anki.collection import Collection, ImportCsvRequest

from generator.exporters.anki import export as export_apkg
from generator.exporters.anki.csv import export as export_csv
from generator.exporters.anki.fields import formula_safe
from generator.exporters.anki.ids import note_guid
from generator.exporters.study_cards.content import deletion_numbers
from generator.exporters.study_cards.tsv import export as export_tsv
from generator.model import FlashcardKind, Topic
from generator.options import BuildOptions
from tests.conftest import minimal_topic
from tests.integration.test_anki_import import import_deck, topic_data, write_topic

GUID_PREFIX_ID = next(
    f"q{n}" for n in range(100_000) if note_guid("test-topic", f"q{n}")[0] in "=+-@"
)
"""A flashcard id whose GUID starts with a formula character (found, not assumed)."""


def awkward_topic(folder: Path) -> Topic:
    data = topic_data()
    data["flashcards"] += [
        {"id": "formula", "section": "now", "front": "=1+1", "back": "@home, +2 or -3"},
        {"id": "rows", "section": "now", "front": 'A, "quoted"\nline', "back": "tab\there,\r\nok"},
        {"id": "hash", "section": "now", "front": "# not a comment", "back": "x"},
        {"id": GUID_PREFIX_ID, "section": "now", "front": "Odd GUID?", "back": "Kept."},
    ]
    return write_topic(folder, data)


def notes_of(col: Collection, deck: str) -> dict[str, tuple[Any, ...]]:
    result = {}
    for nid in col.find_notes(f'"deck:{deck}"'):
        note = col.get_note(nid)
        decks = {col.decks.name(card.did) for card in note.cards()}
        result[note.guid] = (note.note_type()["name"], list(note.fields), note.tags, decks)
    return result


def import_csv(col: Collection, path: Path) -> Any:
    metadata = col.get_csv_metadata(str(path), None)
    return col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata))


@pytest.fixture
def two_collections(tmp_path: Path) -> Any:
    cols = [Collection(str(tmp_path / f"{name}.anki2")) for name in ("apkg", "csv")]
    yield cols
    for col in cols:
        col.close()


def test_csv_import_gives_the_apkg_notes(
    tmp_path: Path, two_collections: Any, hamstring: Topic
) -> None:
    by_apkg, by_csv = two_collections
    topic = awkward_topic(tmp_path / "t")
    import_deck(by_apkg, export_apkg(topic, tmp_path / "t.apkg", BuildOptions()))
    import_deck(by_csv, export_apkg(hamstring, tmp_path / "other.apkg", BuildOptions()))
    log = import_csv(by_csv, export_csv(topic, tmp_path / "t.csv", BuildOptions())).log
    assert not log.missing_notetype and not log.missing_deck and not log.empty_first_field
    assert len(log.new) == len(topic.flashcards)
    expected = notes_of(by_apkg, "Health::Test::Cramps")
    assert len(expected) == len(topic.flashcards)
    assert notes_of(by_csv, "Health::Test::Cramps") == expected
    assert note_guid("test-topic", GUID_PREFIX_ID) in expected
    formula = expected[note_guid("test-topic", "formula")]
    assert formula[1][:2] == ["&#61;1+1", "&#64;home, +2 or -3"]
    # Importing it again updates in place: nothing new.
    again = import_csv(by_csv, tmp_path / "t.csv").log
    assert len(again.new) == 0 and by_csv.note_count() == len(expected) + len(hamstring.flashcards)


def test_csv_rows_are_whole_and_start_no_formula(tmp_path: Path) -> None:
    topic = awkward_topic(tmp_path / "t")
    text = export_csv(topic, tmp_path / "t.csv", BuildOptions()).read_text(encoding="utf-8")
    body = [line for line in text.split("\n") if not line.startswith("#")]
    rows = list(csv.reader("\n".join(body).splitlines(keepends=True)))
    assert len(rows) == len(topic.flashcards)
    guid_column = 3
    for row in rows:
        assert row[0].startswith("Health handouts: ")
        for index, value in enumerate(row):
            if index != guid_column:
                assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), row
    assert formula_safe("-3") == "&#45;3" and formula_safe("3-") == "3-"


def test_csv_refuses_a_deck_name_that_is_a_formula(tmp_path: Path) -> None:
    topic = write_topic(tmp_path / "t", minimal_topic(deck_name="=HYPERLINK(1)"))
    with pytest.raises(Exception, match=r"deck_name: the deck name '=HYPERLINK\(1\)' starts"):
        export_csv(topic, tmp_path / "t.csv", BuildOptions())


def test_tsv_has_one_line_of_two_columns_per_card(tmp_path: Path, hamstring: Topic) -> None:
    lines = export_tsv(hamstring, tmp_path / "h.tsv", BuildOptions()).read_text().splitlines()
    expected = sum(
        len(deletion_numbers(c.text)) if c.kind is FlashcardKind.CLOZE else 1
        for c in hamstring.flashcards
    )
    assert len(lines) == expected == 47
    assert all(line.count("\t") == 1 for line in lines)
    cloze = [line for line in lines if line.startswith("Losing fluid")]
    assert [line.split("\t")[0].count("[...]") for line in cloze] == [1, 1, 1]
    assert cloze[0].split("\t")[1].startswith("Losing fluid and minerals such as sodium, potassium")


def test_tsv_escapes_tabs_newlines_and_formulas(tmp_path: Path) -> None:
    topic = awkward_topic(tmp_path / "t")
    lines = export_tsv(topic, tmp_path / "t.tsv", BuildOptions()).read_text().split("\n")
    assert lines[-1] == "" and all(line.count("\t") == 1 for line in lines[:-1])
    assert "'=1+1\t'@home, +2 or -3" in lines
    assert 'A, "quoted" line\ttab here, ok' in lines
