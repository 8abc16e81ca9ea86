"""Read and validate a topic file into a `Topic`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.deck_record import DeckRecord, read_record, record_path
from generator.errors import ContentError
from generator.labels import catalogue_problems, label_folder_for
from generator.load.reader import MAX_TEXT, kind_of, read_located
from generator.load.sections import SectionReader
from generator.model import (
    CardLayout,
    CardPreferences,
    CardSize,
    Flashcard,
    Reviewer,
    Source,
    Topic,
    WithdrawnCard,
)

LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def load_topic(path: Path, label_folder: Path | None = None) -> Topic:
    """Read, validate and return the topic in `path`, whose labels may come from the
    catalogues in `label_folder` (default: `labels/` beside it); raise `ContentError`
    listing every problem found, those of the catalogues its language reads too."""
    located = read_located(path)
    reader = _TopicReader(path, located)
    reader.label_folder = label_folder_for(path, label_folder)
    return reader.topic()


REQUIRED = (
    "id",
    "title",
    "language",
    "version",
    "reviewed",
    "main_message",
    "source",
    "sections",
    "flashcards",
)
OPTIONAL = (
    "author",
    "url",
    "pocket_card",
    "card_message",
    "deck_name",
    "translation_of",
    "translation_reviewed_by",
    "withdrawn",
    "reviewed_by",
)


class _TopicReader(SectionReader):
    label_folder: Path | None = None

    def topic(self) -> Topic:
        data = self.mapping(self.located.value, "", required=REQUIRED, optional=OPTIONAL)
        if data is None:
            self.raise_if_problems()
        assert data is not None
        topic_id = self.topic_id(data.get("id"))
        title = self.text(data.get("title"), "title", max_len=MAX_TEXT["title"])
        language = self.language(data.get("language"))
        version = self.version(data.get("version"))
        reviewed = self.date(data.get("reviewed"), "reviewed")
        main_message = self.text(data.get("main_message"), "main_message", max_len=400)
        card_message = self.text(
            data.get("card_message"), "card_message", optional=True, max_len=MAX_TEXT["short"]
        )
        source = self.source(data.get("source"))
        sections = self.sections(data.get("sections"))
        flashcards = self.flashcards(data.get("flashcards"))
        withdrawn = self.withdrawn(data.get("withdrawn"))
        last_deck = self.last_deck(flashcards, withdrawn)
        card = self.card_preferences(data.get("pocket_card"))
        deck_name = self.deck_name(data.get("deck_name"))
        url = self.url(data.get("url"), "url")
        author = self.text(data.get("author"), "author", optional=True, max_len=120)
        translation_of, translation_reviewer = self.translation(data, topic_id)
        reviewer = self.reviewer(data.get("reviewed_by"))
        self.raise_if_problems(catalogue_problems(language, self.label_folder) if language else [])
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
            card_message=card_message,
            translation_of=translation_of,
            translation_reviewer=translation_reviewer,
            reviewer=reviewer,
            withdrawn=tuple(withdrawn),
            last_deck=last_deck,
            source_file=self.path,
            label_folder=self.label_folder,
            lines=dict(self.located.lines),
        )

    def last_deck(
        self, cards: list[Flashcard], withdrawn: list[WithdrawnCard]
    ) -> DeckRecord | None:
        """The record of the last deck built, beside the topic, checked against it."""
        try:
            record = read_record(record_path(self.path))
        except ContentError as exc:
            self.problems += exc.problems
            return None
        self.last_deck_kept(record, cards, withdrawn)
        return record

    def topic_id(self, value: Any) -> str | None:
        """The topic's id, which must also be its file's name."""
        topic_id = self.slug(value, "id")
        if topic_id is not None and self.path.stem != topic_id:
            self.problem(
                "id",
                f"{topic_id!r} does not match the file name {self.path.name!r}",
                f"name the file {topic_id}.yaml, or change the id",
            )
        return topic_id

    def translation(
        self, data: dict[str, Any], topic_id: str | None
    ) -> tuple[str | None, str | None]:
        """`translation_of` (the id of the topic translated) and who reviewed it."""
        original = None
        if data.get("translation_of") is not None:
            original = self.slug(data["translation_of"], "translation_of")
            if original is not None and original == topic_id:
                self.problem(
                    "translation_of", "names this topic itself", "name the topic it translates"
                )
        field = "translation_reviewed_by"
        reviewer = self.text(data.get(field), field, optional=True, max_len=120)
        if reviewer is not None and "translation_of" not in data:
            self.problem(field, "only a translation has a reviewer", "add translation_of")
        return original, reviewer

    def reviewer(self, value: Any) -> Reviewer | None:
        """`reviewed_by:` the name and role of the health professional who reviewed
        the content; without it the outputs say only when the topic was last updated."""
        if value is None:
            return None
        data = self.mapping(value, "reviewed_by", required=("name", "role"))
        if data is None:
            return None
        name = self.text(data.get("name"), "reviewed_by.name", max_len=120)
        role = self.text(data.get("role"), "reviewed_by.role", max_len=120)
        return Reviewer(name, role) if name and role else None

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

    def source(self, value: Any) -> Source | None:
        """`source:` title, publisher and url, each optional: a source without a
        title or publisher is written `source: {}`, never given made-up ones."""
        optional = ("title", "publisher", "url")
        data = self.mapping(value, "source", required=(), optional=optional)
        if data is None:
            return None
        title = self.text(data.get("title"), "source.title", optional=True, max_len=300)
        publisher = self.text(data.get("publisher"), "source.publisher", optional=True, max_len=300)
        url = self.url(data.get("url"), "source.url")
        return Source(title, publisher, url)

    def card_preferences(self, value: Any) -> CardPreferences:
        """`pocket_card:` a mapping of size and layout, or `false` for no pocket card."""
        if value is None or value is True:
            return CardPreferences()
        if value is False:
            return CardPreferences(enabled=False)
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
