"""Read and validate a topic's flashcards."""

from __future__ import annotations

import re
from typing import Any

from generator.deck_record import DeckRecord, record_path
from generator.load.reader import MAX_TEXT, Reader
from generator.model import (
    CLOZE_DELETION,
    Flashcard,
    FlashcardImage,
    FlashcardKind,
    Picture,
    WithdrawnCard,
)

MAX_CLOZE_NUMBER = 500
"""Far above any real card; a huge number overflowed Anki's database."""
OPEN_DELETION = re.compile(r"\{\{c\d+::")
"""Where a cloze deletion starts; one left after the whole ones are taken out is open."""
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg", ".svg"}
"""What the PDFs can draw: PNG and JPEG through ReportLab, SVG through svglib."""


class FlashcardReader(Reader):
    """Reads `flashcards:` of a topic whose sections (`section_ids`) are read."""

    section_ids: list[str]

    def flashcards(self, value: Any) -> list[Flashcard]:
        cards: list[Flashcard] = []
        seen: dict[str, str] = {}
        self.card_index: dict[str, int] = {}
        self.card_ids: set[str] = set()
        section_ids = self.section_ids
        for i, raw in enumerate(self.sequence(value, "flashcards", "flashcard")):
            field = f"flashcards[{i}]"
            data = self.mapping(
                raw,
                field,
                required=("id", "section"),
                optional=("front", "back", "cloze", "extra", "image"),
            )
            if data is None:
                continue
            card_id = self.unique_id(data.get("id"), f"{field}.id", seen, "flashcard")
            section = self.slug(data.get("section"), f"{field}.section")
            if section is not None and section_ids and section not in section_ids:
                self.problem(
                    f"{field}.section",
                    f"no section has the id {section!r}",
                    f"use one of: {', '.join(section_ids)}",
                )
                section = None
            card = self.flashcard_body(data, field, card_id, section)
            if card is not None:
                cards.append(card)
                self.card_index[card.id] = i
        self.card_ids = set(seen)  # a card with a problem elsewhere still has its id
        return cards

    def withdrawn(self, value: Any) -> list[WithdrawnCard]:
        """`withdrawn:` the flashcards taken out of the deck, none of them a live card."""
        if value is None:
            return []
        live = self.card_ids
        seen: dict[str, str] = {}
        found = []
        for i, raw in enumerate(self.sequence(value, "withdrawn", "withdrawn flashcard")):
            field = f"withdrawn[{i}]"
            data = self.mapping(raw, field, required=("id", "date", "reason"))
            if data is None:
                continue
            card_id = self.unique_id(data.get("id"), f"{field}.id", seen, "withdrawn flashcard")
            if card_id in live:
                self.problem(
                    f"{field}.id",
                    f"{card_id!r} is also a flashcard of this topic",
                    "remove the flashcard to withdraw it, or remove it from 'withdrawn' to keep it",
                )
                card_id = None
            date = self.date(data.get("date"), f"{field}.date")
            reason = self.text(data.get("reason"), f"{field}.reason", max_len=300)
            if card_id and date and reason:
                found.append(WithdrawnCard(card_id, date, reason))
        return found

    def last_deck_kept(
        self, record: DeckRecord | None, cards: list[Flashcard], withdrawn: list[WithdrawnCard]
    ) -> None:
        """Every card of the last deck built is still a flashcard or withdrawn (Anki
        never deletes a note: one left out would keep teaching), and every withdrawn
        card was in it (its note keeps its type, which only the record knows)."""
        name = record_path(self.path).name
        ids = self.card_ids | {card.id for card in withdrawn}
        for card_id in sorted(set(record.cards) - ids if record else ()):
            self.problem(
                "flashcards",
                f"card {card_id!r} was in the last deck built ({name}) and is now neither "
                "a flashcard nor withdrawn, so it would keep teaching in students' decks",
                "put it back, or withdraw it: add it to 'withdrawn' with the date and a reason",
            )
        for card in cards:
            recorded = record.cards.get(card.id) if record else None
            if recorded is not None and recorded.kind != card.kind.value:
                self.problem(
                    f"flashcards[{self.card_index[card.id]}]",
                    f"card {card.id!r} was a {recorded.kind} card in the last deck built "
                    f"({name}), and Anki never changes the type of a note a student has",
                    "give this card a new id, and withdraw the old one",
                )
        for i, gone in enumerate(withdrawn):
            if record is None or gone.id not in record.cards:
                self.problem(
                    f"withdrawn[{i}].id",
                    f"{gone.id!r} was never in a deck built from this topic ({name} has no "
                    "such card), so no student has it",
                    "remove it from 'withdrawn'",
                )

    def flashcard_body(
        self, data: dict[str, Any], field: str, card_id: str | None, section: str | None
    ) -> Flashcard | None:
        has_basic = "front" in data or "back" in data
        extra = self.text(data.get("extra"), f"{field}.extra", optional=True)
        image = self.image(data.get("image"), f"{field}.image")
        if has_basic and "cloze" in data:
            self.problem(
                field,
                "has both 'cloze' and 'front'/'back'",
                "a card is either a question (front and back) or a cloze",
            )
            return None
        if "cloze" in data:
            text = self.text(data.get("cloze"), f"{field}.cloze")
            if text is not None and not self.cloze_deletions_ok(text, f"{field}.cloze"):
                return None
            if card_id and section and text:
                return Flashcard(
                    card_id, section, FlashcardKind.CLOZE, text=text, extra=extra, image=image
                )
            return None
        if not has_basic:
            self.problem(field, "has no question", "add 'front' and 'back', or 'cloze'")
            return None
        for key in ("front", "back"):
            if key not in data:
                self.problem(f"{field}.{key}", "missing", "every card needs a front and a back")
        front = self.text(data.get("front"), f"{field}.front") if "front" in data else None
        back = self.text(data.get("back"), f"{field}.back") if "back" in data else None
        if card_id and section and front and back:
            return Flashcard(
                card_id,
                section,
                FlashcardKind.BASIC,
                front=front,
                back=back,
                extra=extra,
                image=image,
            )
        return None

    def image(self, value: Any, field: str) -> FlashcardImage | None:
        if value is None:
            return None
        data = self.mapping(value, field, required=("path", "alt"))
        if data is None:
            return None
        drawing = self.picture_file(data.get("path"), f"{field}.path", IMAGE_SUFFIXES, "an image")
        alt = self.text(data.get("alt"), f"{field}.alt", max_len=300)
        if drawing is None or alt is None:
            return None
        return FlashcardImage(drawing, alt)

    def picture(self, value: Any, field: str) -> Picture | None:
        """`image:` of a section or item: path and alt text, optional caption and
        `on_card`."""
        if value is None:
            return None
        data = self.mapping(value, field, required=("path", "alt"), optional=("caption", "on_card"))
        if data is None:
            return None
        drawing = self.picture_file(
            data.get("path"), f"{field}.path", PICTURE_SUFFIXES, "a PNG, JPEG or SVG picture"
        )
        alt = self.text(data.get("alt"), f"{field}.alt", max_len=300)
        caption = self.text(
            data.get("caption"), f"{field}.caption", optional=True, max_len=MAX_TEXT["caption"]
        )
        on_card = self.boolean(data.get("on_card"), f"{field}.on_card", False)
        if drawing is None or alt is None:
            return None
        return Picture(drawing, alt, caption, on_card)

    def cloze_deletions_ok(self, text: str, field: str) -> bool:
        """Whether `text` has at least one `{{cN::...}}` deletion, all numbered from 1,
        none inside another and none left open; each problem is recorded."""
        deletions = list(CLOZE_DELETION.finditer(text))
        problems = []
        if not deletions:
            problems.append(
                (
                    "has no deletion, so Anki would make no card",
                    "mark the words to hide as {{c1::words}}",
                )
            )
        if any(int(d.group(1)) > MAX_CLOZE_NUMBER for d in deletions):
            problems.append(
                (
                    f"has a deletion numbered above {MAX_CLOZE_NUMBER}",
                    "Anki makes one card per number: number them 1, 2, 3 ...",
                )
            )
        if any(int(d.group(1)) < 1 for d in deletions):
            problems.append(
                ("has a deletion numbered 0", "Anki numbers them from 1: {{c1::words}}")
            )
        inner = any(OPEN_DELETION.search(d.group(0), 2) for d in deletions)
        if inner or OPEN_DELETION.search(CLOZE_DELETION.sub("", text)):
            problems.append(
                (
                    "has a deletion inside another, or one not closed with '}}'",
                    "close each before the next: {{c1::words}} and {{c2::more words}}",
                )
            )
        for what, how in problems:
            self.problem(field, what, how)
        return not problems
