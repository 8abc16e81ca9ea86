"""What the last deck built of a topic held: `<topic-id>.deck.json`, beside the topic.

Anki's importer adds and updates notes but never deletes one, never moves a card a
student has into another deck, and updates a note only when the imported one is newer.
So what a student has is whatever any deck we ever shipped put there, and a build must
know it: which flashcard ids students may have (a card left out of the topic without
being withdrawn would keep teaching in their collections), the deck's name (a new one
would split their deck), and for each note a digest of its fields and when they last
changed (a note whose fields change gets a newer time, so both the `.apkg` and the CSV
file update it).

The file is written by `build` whenever it writes the deck, and read by `check` and
`build`. It lives beside the topic and is committed with it, so a fresh clone or a CI
run knows the same last deck as the author's machine (`out/` is neither committed nor
kept between CI runs). It is JSON with sorted keys, one card a line: reproducible, and
a reviewer sees in the diff which cards changed. It is read as untrusted input.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import ContentError, Problem
from generator.files import FileRefused, read_limited
from generator.labels import Labels
from generator.model import Topic

RECORD_SUFFIX = ".deck.json"
ANKI_OUTPUTS = ("anki", "flashcards-csv")
"""The outputs Anki imports (`Exporter.name`): the .apkg and the CSV file. A build that
writes either writes the record."""
MAX_RECORD_BYTES = 4 * 1024 * 1024
KINDS = ("basic", "cloze")
ABOUT = (
    "The deck students have of {topic}, written by `health-handouts build`. Commit it "
    "with the topic: check and build read it (docs/content-format.md, Updating a topic)."
)
FIX = "restore it from version control, or delete it if no deck of this topic was ever shared"


def record_path(topic_file: Path) -> Path:
    """`content/<topic-id>.deck.json` for `content/<topic-id>.yaml`."""
    return topic_file.with_name(topic_file.stem + RECORD_SUFFIX)


@dataclass(frozen=True)
class RecordedCard:
    """One note of the last deck built."""

    kind: str
    """Its note type: 'basic' or 'cloze' (a note never changes type in Anki)."""
    numbers: tuple[int, ...]
    """A cloze note's deletion numbers, one card each in a student's collection."""
    fields: str
    """sha256 of the note's note type, fields and tags as the deck had them."""
    changed: int
    """When its fields last changed: the note's time in the deck, Unix seconds."""


@dataclass(frozen=True)
class DeckRecord:
    """The last deck built of a topic."""

    deck: str
    """The deck's name: students' cards stay in it, so it never changes by itself."""
    cards: Mapping[str, RecordedCard]
    """Flashcard id (live or withdrawn) -> its note."""

    def __hash__(self) -> int:  # a Topic, which holds one, is hashable
        return hash((self.deck, tuple(sorted(self.cards.items()))))


def record_text(record: DeckRecord, topic_file_name: str) -> str:
    """The file's text: sorted, one card a line, the same for the same record."""
    about = json.dumps(ABOUT.format(topic=topic_file_name), ensure_ascii=False)
    cards = ",\n".join(
        f"  {json.dumps(card_id)}: {json.dumps(_card_json(record.cards[card_id]))}"
        for card_id in sorted(record.cards)
    )
    deck = json.dumps(record.deck, ensure_ascii=False)
    return f'{{\n "about": {about},\n "deck": {deck},\n "cards": {{\n{cards}\n }}\n}}\n'


def _card_json(card: RecordedCard) -> dict[str, Any]:
    changed = dt.datetime.fromtimestamp(card.changed, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    data: dict[str, Any] = {"kind": card.kind, "changed": changed, "fields": card.fields}
    if card.kind == "cloze":
        data["numbers"] = list(card.numbers)
    return data


def read_record(path: Path) -> DeckRecord | None:
    """The record in `path`, or None when there is none; `ContentError` naming the file
    when it is there but not one this tool wrote."""
    if not os.path.lexists(path):
        return None
    try:
        record = _parse(json.loads(read_limited(path, MAX_RECORD_BYTES).decode("utf-8")))
    except FileRefused as exc:
        problem = Problem(path, "", f"cannot read the deck record: {exc}", None, FIX)
        raise ContentError([problem]) from None
    except (ValueError, RecursionError):
        record = None
    if record is None:
        problem = Problem(path, "", "is not a deck record that health-handouts wrote", None, FIX)
        raise ContentError([problem])
    return record


def _parse(data: Any) -> DeckRecord | None:
    if not (
        isinstance(data, dict)
        and set(data) == {"about", "deck", "cards"}
        and isinstance(data["deck"], str)
        and data["deck"].strip()
        and isinstance(data["cards"], dict)
    ):
        return None
    cards = {key: _parse_card(value) for key, value in data["cards"].items()}
    if any(card is None for card in cards.values()):
        return None
    return DeckRecord(data["deck"], {k: v for k, v in cards.items() if v is not None})


def _parse_card(value: Any) -> RecordedCard | None:
    if not (isinstance(value, dict) and value.get("kind") in KINDS):
        return None
    cloze = value["kind"] == "cloze"
    keys = {"kind", "changed", "fields"} | ({"numbers"} if cloze else set())
    if set(value) != keys:
        return None
    numbers = value.get("numbers", [])
    if not (
        isinstance(numbers, list)
        and all(isinstance(n, int) and not isinstance(n, bool) and 0 < n <= 500 for n in numbers)
        and (numbers or not cloze)
        and isinstance(value["fields"], str)
        and isinstance(value["changed"], str)
    ):
        return None
    try:
        changed = dt.datetime.strptime(value["changed"], "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return None
    seconds = int(changed.replace(tzinfo=dt.UTC).timestamp())
    return RecordedCard(value["kind"], tuple(numbers), value["fields"], seconds)


def named_deck(topic: Topic, labels: Labels) -> str:
    """The deck name the topic asks for: its `deck_name`, or the catalogue's
    (`Health::<title>`); a '::' in the title would make subdecks (or nameless ones),
    so it becomes ':'."""
    return topic.deck_name or labels("deck.name", title=re.sub(":{2,}", ":", topic.title))


def deck_name(topic: Topic, labels: Labels) -> str:
    """The deck's name: the last deck's, once there was one. Anki never moves a card a
    student has into another deck (neither from an `.apkg` nor from a CSV file), so a
    new name would leave their cards in the old deck and put new ones in a second."""
    return topic.last_deck.deck if topic.last_deck else named_deck(topic, labels)


def rename_warning(topic: Topic, labels: Labels) -> str | None:
    """What a changed title or `deck_name` does to the deck: nothing, and why."""
    wanted, kept = named_deck(topic, labels), deck_name(topic, labels)
    if wanted == kept or topic.source_file is None:
        return None
    field = "deck_name" if topic.deck_name else "title"
    name = record_path(topic.source_file).name
    return (
        f"warning: {topic.where(field)}: the deck keeps its name {kept!r}, not {wanted!r}: "
        "Anki never moves the cards students already have into another deck, so a new "
        f'name would split their deck in two (to rename it anyway, change "deck" in {name}; '
        "students who have the deck then get the new cards in a second deck)"
    )
