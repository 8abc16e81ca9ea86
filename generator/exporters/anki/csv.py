"""The deck as a CSV file that Anki's own import reads with nothing to choose.

Anki reads the `#` lines at the top as file headers (rslib
`import_export/text/csv/metadata.rs`): comma separated, fields are HTML, and the
columns for note type, deck, tags and GUID. The fields are the `.apkg`'s own
(`notes.topic_notes`), so an import gives the same notes, with the same GUIDs:
re-importing a rebuilt file updates them ("if matches: update current").

Anki's CSV import cannot create note types: the collection must already have
"Health handouts: question" and "Health handouts: cloze", which any health-handouts
`.apkg` brings (README, "Flashcards in other apps"). Pictures travel only in the
`.apkg`: the Image field names a media file the CSV cannot carry.

Every field is quoted, so a comma, quote or line break never ends a row, and no row
starts with `#` (Anki would skip it as a comment). No field starts a spreadsheet
formula: the fields are `formula_safe`, the note type and tag columns start with a
letter or digit, a deck name that would start one is refused. The GUID is the one
exception: it must stay exactly as Anki knows it (docs/robustness.md).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.deck_record import deck_name
from generator.errors import ExportError
from generator.exporters.anki.fields import FORMULA_START
from generator.exporters.anki.notes import topic_notes
from generator.labels import labels_for
from generator.model import Topic
from generator.options import BuildOptions
from generator.templating import shared_env

HEADERS = (
    "#separator:Comma",
    "#html:true",
    "#notetype column:1",
    "#deck column:2",
    "#tags column:3",
    "#guid column:4",
    "#if matches:update current",
)
"""Anki's file headers: its import then asks nothing."""


def export(topic: Topic, out_path: Path, options: BuildOptions) -> Path:
    """Write `topic`'s notes as a CSV file for Anki's import to `out_path`."""
    labels = labels_for(topic)
    deck = deck_name(topic, labels)
    if deck[:1] in FORMULA_START:
        field = "deck_name" if topic.deck_name else "title"
        raise ExportError(
            f"{topic.where(field)}: the deck name {deck!r} starts with {deck[0]!r}, which a "
            "spreadsheet opening the CSV file would run as a formula (start it with a letter)"
        )
    notes, _ = topic_notes(topic, shared_env(), labels)
    text = io.StringIO()
    text.write("".join(f"{line}\n" for line in HEADERS))
    writer = csv.writer(text, quoting=csv.QUOTE_ALL, lineterminator="\n")
    for note in notes:
        writer.writerow([note.model.name, deck, " ".join(note.tags), note.guid, *note.fields])
    out_path.write_text(text.getvalue(), encoding="utf-8", newline="")
    return out_path
