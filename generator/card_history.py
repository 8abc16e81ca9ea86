"""Flashcards whose text changed while the topic's `reviewed` date stayed put.

Anki updates a note a student already has only when the imported note is newer, and a
note's time is the topic's `reviewed` date (generator/exporters/anki). A card whose text
was fixed without moving `reviewed` forward would keep its old text in every student's
deck. So each build that writes the deck records, in the build manifest, a digest of
each flashcard's text by id and the latest `reviewed` date shipped; the next build
compares. A card flagged keeps its old digest in the record, so the warning comes back
on each build until `reviewed` moves forward.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.model import Flashcard, Topic

MANY = 3
"""More changed cards than this make one warning listing them all."""


def card_digest(card: Flashcard) -> str:
    """sha256 of the text a card's fields show (kind, question, answer, cloze, extra,
    picture's text alternative)."""
    alt = card.image.alt if card.image else None
    fields = [card.kind.value, card.front, card.back, card.text, card.extra, alt]
    return hashlib.sha256(json.dumps(fields).encode()).hexdigest()


@dataclass(frozen=True)
class CardRecord:
    """What the last deck was built from."""

    reviewed: str
    """The latest `reviewed` date a deck was built with, ISO 8601."""
    digests: dict[str, str]
    """Flashcard id -> `card_digest`."""

    @classmethod
    def parse(cls, data: Any) -> CardRecord | None:
        """The record as read from a manifest (untrusted), or None if not ours."""
        if not (isinstance(data, dict) and set(data) == {"reviewed", "digests"}):
            return None
        digests, reviewed = data["digests"], data["reviewed"]
        if not (
            isinstance(reviewed, str)
            and isinstance(digests, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in digests.items())
        ):
            return None
        try:
            dt.date.fromisoformat(reviewed)
        except ValueError:
            return None
        return cls(reviewed, digests)

    def as_json(self) -> dict[str, Any]:
        return {"reviewed": self.reviewed, "digests": self.digests}


def compare(topic: Topic, previous: CardRecord | None) -> tuple[list[int], CardRecord]:
    """The indexes of `topic`'s flashcards whose text changed since `previous` although
    `reviewed` did not move past it, and the record to keep once the deck is written."""
    now = {card.id: card_digest(card) for card in topic.flashcards}
    reviewed = topic.reviewed.isoformat()
    if previous is None:
        return [], CardRecord(reviewed, now)
    if dt.date.fromisoformat(previous.reviewed) < topic.reviewed:
        return [], CardRecord(reviewed, now)
    old = previous.digests
    changed = [i for i, c in enumerate(topic.flashcards) if old.get(c.id, now[c.id]) != now[c.id]]
    kept = {topic.flashcards[i].id: old[topic.flashcards[i].id] for i in changed}
    return changed, CardRecord(previous.reviewed, now | kept)


def changed_warnings(topic: Topic, changed: list[int], previous: CardRecord) -> list[str]:
    """One warning per changed card, or one listing them all when there are many."""
    why = (
        f"'reviewed' is {topic.reviewed}, the last deck was built with {previous.reviewed}: "
        "Anki would keep the old text in every student's deck; set 'reviewed' to the day "
        "of this review"
    )
    if len(changed) > MANY:
        names = ", ".join(f"flashcards[{i}] '{topic.flashcards[i].id}'" for i in changed)
        return [
            f"warning: {topic.where('reviewed')}: the text of {len(changed)} flashcards "
            f"changed since the last build but 'reviewed' did not move forward ({names}; "
            f"{why})"
        ]
    return [
        f"warning: {topic.where(f'flashcards[{i}]')}: text changed since the last build "
        f"but 'reviewed' did not move forward (card '{topic.flashcards[i].id}'; {why})"
        for i in changed
    ]


ANKI_OUTPUTS = ("anki", "flashcards-csv")
"""The outputs Anki imports (`Exporter.name`): the .apkg and the CSV file."""


def deck_check(
    topic: Topic, previous: CardRecord | None, to_build: Iterable[str]
) -> tuple[list[str], CardRecord]:
    """Warnings for the cards a deck about to be built (`to_build`: names of the outputs
    to make) would not update in Anki, and the record to keep if it is written."""
    changed, record = compare(topic, previous)
    if previous is None or not changed or not set(to_build) & set(ANKI_OUTPUTS):
        return [], record
    return changed_warnings(topic, changed, previous), record
