"""Anki deck exporter: one topic as an `.apkg` that updates in place when re-imported.

- Identity comes from ids, never text (`ids`): a fixed typo updates its note.
- Note mod times are the build time (the topic's review date, or SOURCE_DATE_EPOCH).
  Anki's importer updates an existing note only when the incoming one is newer, so a
  topic with a new `reviewed` date imports as an update and an unchanged one as a no-op.
- Field values are escaped HTML (`fields`); card templates are plain files
  (`notetypes`); the file is byte-identical for the same input (`package`).
- The notes are made once (`notes`) for the `.apkg` and for the CSV file Anki's
  text import reads (`csv`), so both give the same notes.
"""

from __future__ import annotations

from pathlib import Path

import genanki

from generator.exporters.anki.fields import deck_description_html
from generator.exporters.anki.ids import deck_id
from generator.exporters.anki.notes import deck_name, topic_notes
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
    for note in notes:
        deck.add_note(note)
    write_apkg(out_path, collection_bytes(deck, build_time), media, build_time)
    return out_path
