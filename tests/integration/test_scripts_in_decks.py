"""The Arabic and Chinese test topics' deck, CSV and TSV in their real consumers: the
`.apkg` and the CSV file imported into a real Anki collection, the TSV opened by
LibreOffice Calc. An Arabic deck's cards run right to left and say their language on
their own note types, so an English deck in the same collection stays left to right."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from anki.collection import Collection

from generator.build import build_topic
from generator.exporters import EXPORTERS
from generator.exporters.anki import export
from generator.load import load_topic
from generator.options import BuildOptions
from tests.integration.scripts import TOPICS, script_topic_file
from tests.integration.test_anki_import import import_deck
from tests.integration.test_flashcard_csv import import_csv, notes_of
from tests.integration.test_spreadsheet_formulas import calc_cells, soffice

LANG = {"ar": "ar-Arab", "zh-Hans": "zh-Hans"}
"""The language each deck's cards say (and its note types are named after)."""
OPENING = {"ar": '<div lang="ar-Arab" dir="rtl">', "zh-Hans": '<div lang="zh-Hans">'}
"""How each deck's card templates open."""
STYLE = re.compile(r"<style>.*?</style>", re.S)
WANTED = [e for e in EXPORTERS if e.name in ("anki", "flashcards-csv", "flashcards-tsv")]


def built(catalogue: str, folder: Path) -> dict[str, Path]:
    """The topic's `.apkg`, CSV and TSV, by suffix."""
    result = build_topic(script_topic_file(catalogue, folder), folder / "out", BuildOptions(),
                         exporters=WANTED)  # fmt: skip
    assert result.ok, (result.error, result.failed)
    return {path.suffix.lstrip("."): path for path in result.written}


@pytest.fixture
def collection(tmp_path: Path):
    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


@pytest.mark.parametrize("catalogue", sorted(TOPICS))
def test_the_deck_imports_with_cards_in_their_language_and_direction(
    catalogue, tmp_path, collection, hamstring
):
    english = export(hamstring, tmp_path / "english.apkg", BuildOptions())
    import_deck(collection, english)
    files = built(catalogue, tmp_path)
    topic = script_topic_file(catalogue, tmp_path)
    log = import_deck(collection, files["apkg"]).log
    assert len(log.new) == 2 and not log.conflicting
    notes = [collection.get_note(nid) for nid in collection.find_notes(f"tag:{topic.stem}::*")]
    lang = LANG[catalogue]
    names = {note.note_type()["name"] for note in notes}
    assert names == {f"Health handouts: question ({lang})", f"Health handouts: cloze ({lang})"}
    for card in (card for note in notes for card in note.cards()):
        for side in (card.question(), card.answer()):
            assert OPENING[catalogue] in side, side
    question = next(n for n in notes if n.note_type()["name"].startswith("Health handouts: q"))
    assert question["Front"] in question.cards()[0].question()
    # The English deck's cards are as they were: left to right, no language of another's.
    for nid in collection.find_notes("tag:hamstring-cramp::*"):
        for card in collection.get_note(nid).cards():
            shown = STYLE.sub("", card.question() + card.answer())
            assert "lang=" not in shown and "rtl" not in shown, shown


@pytest.mark.parametrize("catalogue", sorted(TOPICS))
def test_the_csv_file_gives_the_decks_notes(catalogue, tmp_path):
    files = built(catalogue, tmp_path)
    cols = [Collection(str(tmp_path / f"{name}.anki2")) for name in ("apkg", "csv")]
    try:
        by_apkg, by_csv = cols
        import_deck(by_apkg, files["apkg"])
        import_deck(by_csv, files["apkg"])  # brings the note types, as the README says
        by_csv.remove_notes(by_csv.find_notes(""))
        log = import_csv(by_csv, files["csv"]).log
        assert not log.missing_notetype and not log.missing_deck and len(log.new) == 2
        assert notes_of(by_csv, "*") == notes_of(by_apkg, "*")
        assert len(notes_of(by_apkg, "*")) == 2
    finally:
        for col in cols:
            col.close()


@pytest.mark.parametrize("catalogue", sorted(TOPICS))
def test_the_tsv_file_opens_in_calc_as_written(catalogue, tmp_path):
    tool = soffice()
    files = built(catalogue, tmp_path)
    with files["tsv"].open(encoding="utf-8", newline="") as file:
        written = [row for row in csv.reader(file, delimiter="\t", quoting=csv.QUOTE_NONE)]
    cells = calc_cells(tool, files["tsv"], 9, tmp_path)
    assert cells == [cell for row in written for cell in row]
    topic = load_topic(script_topic_file(catalogue, tmp_path))
    assert written[0][0] == topic.flashcards[0].front and len(written) == 2
