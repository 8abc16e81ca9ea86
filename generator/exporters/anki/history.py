"""When each note last changed, so that every changed note updates in students' decks.

Anki's `.apkg` import updates a note a student has only when the imported note is
newer; its CSV import whenever the fields differ. A note's time is the build time
(the topic's `reviewed` date) on its first build; then it stays what the last deck
built gave it (`Topic.last_deck`) while the note's fields stay the same, and moves
past it, by at least a second, when they change. So both files update a note exactly
when its fields changed, whether or not `reviewed` moved, and a rebuild of the same
topic and record gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json

import genanki

from generator.deck_record import DeckRecord, RecordedCard
from generator.exporters.anki.notes import note_ids
from generator.model import CLOZE_DELETION, FlashcardKind, Topic


def note_digest(note: genanki.Note) -> str:
    """sha256 of what a student's note holds: its note type, fields and tags."""
    held = [note.model.name, list(note.fields), sorted(note.tags)]
    return hashlib.sha256(json.dumps(held, ensure_ascii=False).encode("utf-8")).hexdigest()


def deck_history(topic: Topic, notes: list[genanki.Note], deck: str, build_time: int) -> DeckRecord:
    """The record of the deck made of `notes` (from `topic_notes`): each note's time,
    and what the next build compares with."""
    last = topic.last_deck.cards if topic.last_deck else {}
    kinds = {card.id: card.kind for card in topic.flashcards}
    texts = {card.id: card.text for card in topic.flashcards}
    cards = {}
    for card_id, note in zip(note_ids(topic), notes, strict=True):
        recorded, digest = last.get(card_id), note_digest(note)
        if recorded is None:
            changed = build_time
        elif recorded.fields == digest:
            changed = recorded.changed
        else:
            changed = max(build_time, recorded.changed + 1)
        kind = kinds[card_id].value if card_id in kinds else recorded.kind if recorded else ""
        numbers = {int(m.group(1)) for m in CLOZE_DELETION.finditer(texts.get(card_id, ""))}
        if recorded is not None:
            numbers |= set(recorded.numbers)  # a student keeps a card for each number
        cloze = kind == FlashcardKind.CLOZE.value
        cards[card_id] = RecordedCard(
            kind, tuple(sorted(numbers)) if cloze else (), digest, changed
        )
    return DeckRecord(deck, cards)


def note_times(topic: Topic, notes: list[genanki.Note], record: DeckRecord) -> dict[str, int]:
    """Note GUID -> the note's time in the deck, from `deck_history`'s record."""
    return {
        note.guid: record.cards[card_id].changed
        for card_id, note in zip(note_ids(topic), notes, strict=True)
    }
