"""Anki deck exporter: one topic as an `.apkg` that updates in place when re-imported.

- Identity comes from ids, never text (`ids`): a fixed typo updates its note.
- Note mod times are the build time (the topic's review date, or SOURCE_DATE_EPOCH).
  Anki's importer updates an existing note only when the incoming one is newer, so a
  topic with a new `reviewed` date imports as an update and an unchanged one as a no-op.
- Field values are escaped HTML (`fields`); card templates are plain files
  (`notetypes`); the file is byte-identical for the same input (`package`).
"""

from __future__ import annotations

import re
from pathlib import Path

import genanki
import jinja2

from generator.errors import ExportError
from generator.exporters.anki.fields import (
    cloze_html,
    deck_description_html,
    extra_html,
    image_html,
    source_html,
    text_html,
)
from generator.exporters.anki.ids import deck_id, media_name, note_guid
from generator.exporters.anki.notetypes import NoteTypes, note_types
from generator.exporters.anki.package import collection_bytes, write_apkg
from generator.files import MAX_IMAGE_BYTES, FileRefused, read_limited
from generator.labels import Labels, labels_for
from generator.model import Flashcard, FlashcardKind, Topic
from generator.options import BuildOptions
from generator.templating import shared_env


def deck_name(topic: Topic, labels: Labels) -> str:
    """The topic's `deck_name`, or the catalogue's (`Health::<title>`); a '::' in the
    title would make subdecks (or nameless ones), so it becomes ':'."""
    return topic.deck_name or labels("deck.name", title=re.sub(":{2,}", ":", topic.title))


def section_tag(topic: Topic, card: Flashcard) -> str:
    """Hierarchical tag `<topic-id>::<section-id>`."""
    return f"{topic.id}::{card.section}"


def export(topic: Topic, out_path: Path, options: BuildOptions) -> Path:
    """Write `topic`'s flashcards as an Anki package to `out_path`."""
    env = shared_env()
    labels = labels_for(topic.language)
    build_time = options.build_time(topic)
    types = note_types(env)
    description = deck_description_html(env, topic, labels)
    deck = genanki.Deck(deck_id(topic.id), deck_name(topic, labels), description)
    media: dict[str, bytes] = {}
    source = source_html(env, topic.source, labels)
    headings = {s.id: text_html(env, s.heading) for s in topic.sections}
    for index, card in enumerate(topic.flashcards):
        field = f"flashcards[{index}]"
        image = _image_field(topic, card, field, env, media)
        deck.add_note(_note(topic, card, field, env, types, image, headings[card.section], source))
    write_apkg(out_path, collection_bytes(deck, build_time), media, build_time)
    return out_path


def _note(
    topic: Topic,
    card: Flashcard,
    field: str,
    env: jinja2.Environment,
    types: NoteTypes,
    image: str,
    section: str,
    source: str,
) -> genanki.Note:
    extra = extra_html(env, card)
    if card.kind is FlashcardKind.CLOZE:
        cloze = cloze_html(env, card.text)
        if not cloze.numbers or min(cloze.numbers) < 1:
            raise ExportError(
                f"{topic.where(f'{field}.cloze')}: has no {{{{c1::...}}}} deletion, "
                "so Anki would make no card (mark the words to hide as {{c1::words}})"
            )
        model, fields = types.cloze, [cloze.html, extra, image, section, source]
    else:
        front, back = text_html(env, card.front), text_html(env, card.back)
        model, fields = types.basic, [front, back, extra, image, section, source]
    return genanki.Note(
        model=model,
        fields=fields,
        tags=[section_tag(topic, card)],
        guid=note_guid(topic.id, card.id),
    )


def _image_field(
    topic: Topic, card: Flashcard, field: str, env: jinja2.Environment, media: dict[str, bytes]
) -> str:
    """The Image field's HTML, adding the file to `media`; "" when the card has none."""
    if card.image is None:
        return ""
    try:
        content = read_limited(card.image.path, MAX_IMAGE_BYTES)
    except FileRefused as exc:  # it was checked when loaded: changed since
        raise ExportError(
            f"{topic.where(f'{field}.image.path')}: cannot read {card.image.path} "
            f"({exc}; put the image back or remove it from the card)"
        ) from None
    name = media_name(content, card.image.path.suffix)
    media[name] = content
    return image_html(env, name, card.image.alt)
