"""Anki deck exporter: one topic as an `.apkg` that updates in place when re-imported.

- Identity comes from ids, never text (`ids`): a fixed typo updates its note.
- A note's time is when its fields last changed (`history`, from the record of the
  last deck beside the topic): Anki's importer updates an existing note only when the
  incoming one is newer, so a changed note imports as an update, an unchanged one as
  a no-op. The deck keeps the last deck's name (`deck_record.deck_name`).
- Field values are escaped HTML (`fields`); card templates are plain files
  (`notetypes`); the file is byte-identical for the same input (`package`).
- The notes are made once (`notes`) for the `.apkg` and for the CSV file Anki's
  text import reads (`csv`), so both give the same notes.
"""

from __future__ import annotations

from pathlib import Path

import genanki

from generator.deck_record import DeckRecord, deck_name
from generator.exporters.anki.fields import deck_description_html
from generator.exporters.anki.history import deck_history, note_times
from generator.exporters.anki.ids import deck_id
from generator.exporters.anki.notes import topic_notes
from generator.exporters.anki.package import collection_bytes, write_apkg
from generator.labels import labels_for
from generator.model import Topic
from generator.options import BuildOptions
from generator.templating import shared_env


def export(topic: Topic, out_path: Path, options: BuildOptions) -> Path:
    """Write `topic`'s flashcards as an Anki package to `out_path`."""
    env = shared_env()
    labels = labels_for(topic)
    build_time = options.build_time(topic)
    description = deck_description_html(env, topic, labels)
    deck = genanki.Deck(deck_id(topic.id), deck_name(topic, labels), description)
    notes, media = topic_notes(topic, env, labels)
    record = deck_history(topic, notes, deck.name, build_time)
    for note in notes:
        deck.add_note(note)
    times = note_times(topic, notes, record)
    write_apkg(out_path, collection_bytes(deck, build_time, times), media, build_time)
    return out_path


def next_record(topic: Topic, options: BuildOptions) -> DeckRecord:
    """The record of the deck `export` writes (and the CSV file holds), for `build` to
    keep beside the topic."""
    labels = labels_for(topic)
    notes, _ = topic_notes(topic, shared_env(), labels)
    return deck_history(topic, notes, deck_name(topic, labels), options.build_time(topic))
