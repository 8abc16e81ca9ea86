"""Stable Anki identities, derived from ids and never from text.

Anki recognises a note by its GUID, a note type by its id and a deck by its id.
Deriving all three from the topic id, the flashcard id and the note type's name
and schema version means that fixing a typo in a card updates that note in
place, with its review history, instead of adding a duplicate.
"""

from __future__ import annotations

import hashlib

import genanki

ID_LOW = 1 << 30
ID_SPAN = 1 << 30
"""Model and deck ids fall in [2**30, 2**31), the range genanki's README suggests."""


def _stable_int(*parts: str) -> int:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return ID_LOW + int.from_bytes(digest[:8], "big") % ID_SPAN


def model_id(name: str, schema_version: int) -> int:
    """Id of a note type. Bump `schema_version` when its fields or card templates
    change shape, so Anki gets a new note type instead of a conflicting one."""
    return _stable_int("health-handouts", "model", name, str(schema_version))


def deck_id(topic_id: str) -> int:
    return _stable_int("health-handouts", "deck", topic_id)


def note_guid(topic_id: str, flashcard_id: str) -> str:
    """The note's GUID: the same for the same topic and flashcard ids, whatever the text."""
    return str(genanki.guid_for("health-handouts", topic_id, flashcard_id))


def media_name(content: bytes, suffix: str) -> str:
    """A media file name from the file's content: equal files share a name, and two
    different files (from any topic) never do."""
    return f"hh-{hashlib.sha256(content).hexdigest()[:32]}{suffix.lower()}"
