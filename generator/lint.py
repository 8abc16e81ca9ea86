"""Warnings about topics that are valid but probably not what the author meant.
They are printed, never fatal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from generator.deck_record import rename_warning
from generator.errors import nearest_line
from generator.labels import SOURCE_LANGUAGE, labels_for
from generator.model import Item, Picture, Section, Topic
from generator.paths import shown


def review_date_warning(topic: Topic, today: dt.date) -> str | None:
    """A `reviewed` date after today is most likely a typo: every output would say the
    topic was reviewed on a day that has not come. (It no longer keeps fixes out of
    students' decks: a changed note is always newer than the last one shipped,
    `exporters/anki/history.py`.)"""
    if topic.reviewed <= today:
        return None
    return (
        f"warning: {topic.where('reviewed')}: {topic.reviewed} is in the future; every "
        "output would say the topic was reviewed that day (use the day of the review)"
    )


def label_warning(topic: Topic) -> str | None:
    """Fixed words that will print in English in a topic of another language: the
    whole catalogue when its language has none, or the labels its catalogues lack."""
    labels = labels_for(topic)
    if not labels.missing:
        return None
    where = topic.where("language")
    if labels.catalogue == SOURCE_LANGUAGE:
        primary = topic.language.split("-", 1)[0].lower()
        folder = topic.label_folder or Path("labels")
        return (
            f"warning: {where}: no label catalogue for '{topic.language}', so the fixed "
            f"words of every output print in English (add {shown(folder / primary)}.po: "
            "docs/translating-labels.md says how)"
        )
    return (
        f"warning: {where}: the '{labels.catalogue}' label catalogue lacks "
        f"{len(labels.missing)} labels, printed in English: {', '.join(labels.missing)} "
        f"(translate them in {shown(labels.files[0])})"
    )


PLACEHOLDER = "PLACEHOLDER"
"""How every text of a new topic's skeleton starts (`generator/authoring/new.py`)."""


def authored_texts(topic: Topic) -> Iterator[tuple[str, str]]:
    """Every text an author writes, with its field path as in the topic file."""
    yield "title", topic.title
    yield "main_message", topic.main_message
    yield "source.title", topic.source.title or ""
    yield "source.publisher", topic.source.publisher or ""
    for i, section in enumerate(topic.sections):
        yield f"sections[{i}].heading", section.heading
        yield f"sections[{i}].intro", section.intro or ""
        for j, item in enumerate(section.items):
            yield f"sections[{i}].items[{j}].text", item.text
            yield f"sections[{i}].items[{j}].short", item.short or ""
    for k, card in enumerate(topic.flashcards):
        for name, text in (("front", card.front), ("back", card.back), ("cloze", card.text)):
            yield f"flashcards[{k}].{name}", text
        yield f"flashcards[{k}].extra", card.extra or ""


def placeholder_warnings(topic: Topic) -> list[str]:
    """One warning when texts still hold a placeholder of the skeleton: where the
    first is, and the lines of the others."""
    left = [path for path, text in authored_texts(topic) if PLACEHOLDER in text]
    if not left:
        return []
    lines = [str(line) for path in left if (line := nearest_line(topic.lines, path))]
    others = f"; {len(left)} texts in all, on lines {', '.join(lines)}" if len(left) > 1 else ""
    return [
        f"warning: {topic.where(left[0])}: still a {PLACEHOLDER} text of a new topic{others} "
        "(write the real text)"
    ]


def off_card_picture_warnings(topic: Topic) -> list[str]:
    """A picture asked for on the pocket card (`image.on_card: true`) whose item or
    section the card does not show: it cannot be there either."""
    if not topic.card.enabled:
        return []  # no card at all: nothing is on it
    found = []
    for i, section in enumerate(topic.sections):
        field = f"sections[{i}]"
        owners: list[tuple[str, Picture | None, Item | None]] = [(field, section.picture, None)]
        owners += [(f"{field}.items[{j}]", it.picture, it) for j, it in enumerate(section.items)]
        for owner, picture, item in owners:
            why = _why_off_card(section, item)
            if picture is not None and picture.on_card and why:
                found.append(
                    f"warning: {topic.where(f'{owner}.image.on_card')}: this picture cannot be "
                    f"on the pocket card, because {why}, or delete the image's on_card)"
                )
    return found


def _why_off_card(section: Section, item: Item | None) -> str | None:
    """Why the card does not show `item` of `section` (or the section, for None), with
    what to set to show it; None when it does."""
    if not section.on_card:
        return "its section is not (set on_card: true on the section"
    if item is not None and not item.on_card:
        return "its item is not (set on_card: true on the item"
    if not section.card_items:
        return "none of its section's items is (set on_card: true on one of them"
    return None


def topic_warnings(topic: Topic) -> list[str]:
    """Every warning about a valid topic, for `check` and `build` alike."""
    labels = labels_for(topic)
    notes = [review_date_warning(topic, dt.date.today()), label_warning(topic)]
    notes.append(rename_warning(topic, labels))
    found = [note for note in notes if note] + placeholder_warnings(topic)
    return found + off_card_picture_warnings(topic)
