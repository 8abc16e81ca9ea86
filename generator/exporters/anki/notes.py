"""The topic's flashcards as Anki notes, made once for the `.apkg` and the CSV file.

A withdrawn flashcard stays a note with its GUID and note type (Anki never deletes a
note, and skips one whose type changed), every field emptied but one notice in the
topic's language, tagged `WITHDRAWN_TAG`. A cloze note keeps one deletion for all the
numbers it ever had (`{{c1,2,3::notice::notice}}`), so each card a student has shows
the notice instead of the withdrawn text or an error.
"""

from __future__ import annotations

import genanki
import jinja2

from generator.errors import ExportError
from generator.exporters.anki.fields import (
    cloze_html,
    extra_html,
    formula_safe,
    image_html,
    source_html,
    text_html,
)
from generator.exporters.anki.ids import media_name, note_guid
from generator.exporters.anki.notetypes import NoteTypes, note_types
from generator.labels import Labels
from generator.model import Flashcard, FlashcardKind, Topic, WithdrawnCard

WITHDRAWN_TAG = "health-handouts::withdrawn"
"""The tag of every withdrawn card: `tag:health-handouts::withdrawn` finds them all."""


def section_tag(topic: Topic, card: Flashcard) -> str:
    """Hierarchical tag `<topic-id>::<section-id>`."""
    return f"{topic.id}::{card.section}"


def topic_notes(
    topic: Topic, env: jinja2.Environment, labels: Labels
) -> tuple[list[genanki.Note], dict[str, bytes]]:
    """The notes of `topic`'s flashcards, in order, and their media files by name."""
    types = note_types(env, topic.language)
    media: dict[str, bytes] = {}
    source = source_html(env, topic, labels)
    headings = {s.id: text_html(env, s.heading) for s in topic.sections}
    notes = []
    for index, card in enumerate(topic.flashcards):
        field = f"flashcards[{index}]"
        image = _image_field(card, env, media)
        notes.append(_note(topic, card, field, env, types, image, headings[card.section], source))
    notes += [_withdrawn_note(topic, card, env, types, labels) for card in topic.withdrawn]
    return notes, media


def note_ids(topic: Topic) -> list[str]:
    """The flashcard id of each note `topic_notes` makes, in its order."""
    return [card.id for card in topic.flashcards] + [card.id for card in topic.withdrawn]


def _withdrawn_note(
    topic: Topic, card: WithdrawnCard, env: jinja2.Environment, types: NoteTypes, labels: Labels
) -> genanki.Note:
    recorded = topic.last_deck.cards.get(card.id) if topic.last_deck else None
    if recorded is None:  # the loader refuses it; a Topic made in code may not
        raise ExportError(f"{topic.location}: withdrawn card {card.id!r} was in no deck built")
    reason = card.reason.rstrip(" .")
    notice = text_html(env, labels("deck.withdrawn", date=labels.date(card.date), reason=reason))
    if recorded.kind == FlashcardKind.CLOZE.value:
        numbers = ",".join(str(n) for n in recorded.numbers)
        shown = notice.replace("::", ":&#58;")  # '::' would end the deletion's text
        model, fields = types.cloze, [f"{{{{c{numbers}::{shown}::{shown}}}}}", "", "", "", ""]
    else:
        model, fields = types.basic, [notice, "", "", "", "", ""]
    return genanki.Note(
        model=model,
        fields=[formula_safe(value) for value in fields],
        tags=[WITHDRAWN_TAG],
        guid=note_guid(topic.id, card.id),
    )


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
        fields=[formula_safe(value) for value in fields],
        tags=[section_tag(topic, card)],
        guid=note_guid(topic.id, card.id),
    )


def _image_field(card: Flashcard, env: jinja2.Environment, media: dict[str, bytes]) -> str:
    """The Image field's HTML, adding the checked picture to `media`; "" when the card
    has none; `ExportError` when the picture gate refused it."""
    if card.image is None:
        return ""
    content = card.image.drawing.usable().data
    name = media_name(content, card.image.path.suffix)
    media[name] = content
    return image_html(env, name, card.image.alt)
