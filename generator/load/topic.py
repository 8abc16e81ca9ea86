"""Read and validate a topic file into a `Topic`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from generator.errors import shorten
from generator.load.reader import MAX_TEXT, Reader, kind_of, read_located
from generator.model import (
    CLOZE_DELETION,
    EARLIEST_DATE,
    LATEST_DATE,
    CardLayout,
    CardPreferences,
    CardSize,
    Flashcard,
    FlashcardImage,
    FlashcardKind,
    Item,
    Section,
    SectionKind,
    Source,
    Topic,
    Urgency,
    WarningSign,
)

LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
MAX_CLOZE_NUMBER = 500
"""Far above any real card; a huge number overflowed Anki's database."""
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
OPEN_DELETION = re.compile(r"\{\{c\d+::")
"""Where a cloze deletion starts; one left after the whole ones are taken out is open."""
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}


def load_topic(path: Path) -> Topic:
    """Read, validate and return the topic in `path`; raise `ContentError` listing
    every problem found."""
    located = read_located(path)
    return _TopicReader(path, located).topic()


class _TopicReader(Reader):
    def topic(self) -> Topic:
        data = self.mapping(
            self.located.value,
            "",
            required=(
                "id",
                "title",
                "language",
                "version",
                "reviewed",
                "main_message",
                "source",
                "sections",
                "flashcards",
            ),
            optional=("author", "url", "pocket_card", "deck_name"),
        )
        if data is None:
            self.raise_if_problems()
        assert data is not None
        topic_id = self.slug(data.get("id"), "id")
        if topic_id is not None and self.path.stem != topic_id:
            self.problem(
                "id",
                f"{topic_id!r} does not match the file name {self.path.name!r}",
                f"name the file {topic_id}.yaml, or change the id",
            )
        title = self.text(data.get("title"), "title", max_len=MAX_TEXT["title"])
        language = self.language(data.get("language"))
        version = self.version(data.get("version"))
        reviewed = self.date(data.get("reviewed"), "reviewed")
        main_message = self.text(data.get("main_message"), "main_message", max_len=400)
        source = self.source(data.get("source"))
        sections = self.sections(data.get("sections"))
        flashcards = self.flashcards(data.get("flashcards"))
        card = self.card_preferences(data.get("pocket_card"))
        deck_name = self.deck_name(data.get("deck_name"))
        url = self.url(data.get("url"), "url")
        author = self.text(data.get("author"), "author", optional=True, max_len=120)
        self.raise_if_problems()
        assert topic_id and title and language and version and reviewed and main_message
        assert source is not None
        return Topic(
            id=topic_id,
            title=title,
            language=language,
            version=version,
            reviewed=reviewed,
            main_message=main_message,
            source=source,
            sections=tuple(sections),
            flashcards=tuple(flashcards),
            url=url,
            author=author,
            deck_name=deck_name,
            card=card,
            source_file=self.path,
            lines=dict(self.located.lines),
        )

    def language(self, value: Any) -> str | None:
        text = self.text(value, "language", max_len=35)
        if text is not None and not LANGUAGE_TAG.fullmatch(text):
            self.problem(
                "language",
                f"{text!r} is not a BCP 47 language tag",
                "use a tag such as 'en', 'en-US' or 'es-MX'",
            )
            return None
        return text

    def version(self, value: Any) -> str | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            written = self.located.raw.get("version", str(value))  # 1.10, not 1.1
            self.problem(
                "version",
                f"expected text, got {kind_of(value)}",
                f'put it in quotes: version: "{written}"',
            )
            return None
        return self.text(value, "version", max_len=40)

    def date(self, value: Any, field: str) -> dt.date | None:
        if value is None:
            self.empty(field, "write it as YYYY-MM-DD")
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        elif isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                self.problem(field, f"{value!r} is not a real date", "check the day and month")
                return None
        if not isinstance(value, dt.date):
            self.problem(field, f"{shorten(str(value))!r} is not a date", "write it as YYYY-MM-DD")
            return None
        if not EARLIEST_DATE <= value <= LATEST_DATE:
            self.problem(
                field,
                f"{value.isoformat()} is outside the years "
                f"{EARLIEST_DATE.year}-{LATEST_DATE.year} that an Anki deck can hold",
                "check the year",
            )
            return None
        return value

    def source(self, value: Any) -> Source | None:
        data = self.mapping(value, "source", required=("title", "publisher"), optional=("url",))
        if data is None:
            return None
        title = self.text(data.get("title"), "source.title", max_len=300)
        publisher = self.text(data.get("publisher"), "source.publisher", max_len=300)
        url = self.url(data.get("url"), "source.url")
        return Source(title or "", publisher or "", url)

    def card_preferences(self, value: Any) -> CardPreferences:
        if value is None:
            return CardPreferences()
        data = self.mapping(value, "pocket_card", required=(), optional=("size", "layout"))
        if data is None:
            return CardPreferences()
        default = CardPreferences()
        size = self.choice(data.get("size"), "pocket_card.size", CardSize, default.size)
        layout = self.choice(data.get("layout"), "pocket_card.layout", CardLayout, default.layout)
        assert size is not None and layout is not None
        return CardPreferences(size, layout)

    def deck_name(self, value: Any) -> str | None:
        name = self.text(value, "deck_name", optional=True, max_len=200)
        if name is not None and any(not part.strip() for part in name.split("::")):
            self.problem(
                "deck_name",
                f"{name!r} has an empty part between '::'",
                "name every level, such as 'Health::Cramps'",
            )
            return None
        return name

    def sections(self, value: Any) -> list[Section]:
        sections: list[Section] = []
        seen: dict[str, str] = {}
        self.section_ids: list[str] = []
        for i, raw in enumerate(self.sequence(value, "sections", "section")):
            field = f"sections[{i}]"
            data = self.mapping(
                raw,
                field,
                required=("id", "heading", "kind", "items"),
                optional=("intro", "on_card"),
            )
            if data is None:
                continue
            section_id = self.unique_id(data.get("id"), f"{field}.id", seen, "section")
            if section_id is not None:
                self.section_ids.append(section_id)
            heading = self.text(
                data.get("heading"), f"{field}.heading", max_len=MAX_TEXT["heading"]
            )
            kind = self.choice(data.get("kind"), f"{field}.kind", SectionKind)
            intro = self.text(data.get("intro"), f"{field}.intro", optional=True)
            on_card = self.boolean(data.get("on_card"), f"{field}.on_card", True)
            items = self.items(data.get("items"), field, kind)
            if section_id and heading and kind and items:
                sections.append(Section(section_id, heading, kind, tuple(items), intro, on_card))
        return sections

    def items(self, value: Any, section_field: str, kind: SectionKind | None) -> list[Item]:
        items: list[Item] = []
        seen: dict[str, str] = {}
        for i, raw in enumerate(self.sequence(value, f"{section_field}.items", "item")):
            field = f"{section_field}.items[{i}]"
            data = self.mapping(raw, field, required=("id", "text"), optional=("short", "urgency"))
            if data is None:
                continue
            item_id = self.unique_id(data.get("id"), f"{field}.id", seen, "item in this section")
            text = self.text(data.get("text"), f"{field}.text")
            short = self.text(
                data.get("short"), f"{field}.short", optional=True, max_len=MAX_TEXT["short"]
            )
            urgency = None
            if kind is SectionKind.WARNINGS:
                if "urgency" not in data:
                    self.problem(
                        f"{field}.urgency",
                        "missing",
                        "every warning needs 'urgency: now' or 'urgency: soon'",
                    )
                urgency = self.choice(data.get("urgency"), f"{field}.urgency", Urgency)
            elif "urgency" in data and kind is not None:
                self.problem(
                    f"{field}.urgency",
                    f"only items of a 'warnings' section have an "
                    f"urgency, this section is '{kind.value}'",
                    "delete the key",
                )
            if item_id and text and kind is SectionKind.WARNINGS:
                if urgency is not None:
                    items.append(WarningSign(item_id, text, short, urgency=urgency))
            elif item_id and text:
                items.append(Item(item_id, text, short))
        return items

    def flashcards(self, value: Any) -> list[Flashcard]:
        cards: list[Flashcard] = []
        seen: dict[str, str] = {}
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
        return cards

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
        path = self.contained_file(data.get("path"), f"{field}.path", IMAGE_SUFFIXES, "an image")
        alt = self.text(data.get("alt"), f"{field}.alt", max_len=300)
        if path is None or alt is None:
            return None
        return FlashcardImage(path, alt)

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

    def unique_id(self, value: Any, field: str, seen: dict[str, str], what: str) -> str | None:
        """A valid id not already in `seen` (id -> the field that has it), or None
        after recording the problem; `what` names the thing that needs its own id."""
        found = self.slug(value, field)
        if found is None:
            return None
        if found in seen:
            self.problem(
                field,
                f"duplicate id {found!r}, already used by {seen[found]}",
                f"give every {what} its own id",
            )
        else:
            seen[found] = field.rsplit(".", 1)[0]
        return found
