"""Load and validate topic and clinic files. All validation lives here.

Every problem of a file is collected in one pass and raised together as one
`ContentError`, each with file, line, field path, what is wrong and how to fix it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from generator.errors import ContentError, Problem, shorten
from generator.model import (
    EARLIEST_DATE,
    LATEST_DATE,
    CardLayout,
    CardPreferences,
    CardSize,
    Clinic,
    Flashcard,
    FlashcardImage,
    FlashcardKind,
    Item,
    Section,
    SectionKind,
    Source,
    Topic,
    Urgency,
)
from generator.yaml_source import Located, YamlProblems, read_yaml

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
CLOZE_DELETION = re.compile(r"\{\{c(\d+)::(.+?)(?:::(.*?))?\}\}", re.DOTALL)
MAX_CLOZE_NUMBER = 500
"""Far above any real card; a huge number overflowed Anki's database."""
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
OPEN_DELETION = re.compile(r"\{\{c\d+::")
"""Where a cloze deletion starts; one left after the whole ones are taken out is open."""
WEB_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}
LOGO_SUFFIXES = {".png", ".jpg", ".jpeg"}

MAX_ID = 64
"""Longest id: ids become file names and Anki GUID inputs."""
MAX_TEXT = {"title": 120, "heading": 80, "short": 120, "default": 1000}
"""Longest text, in characters, by field name."""

E = TypeVar("E")


def load_topic(path: Path) -> Topic:
    """Read, validate and return the topic in `path`; raise `ContentError` listing
    every problem found."""
    located = _read(path)
    return _TopicReader(path, located).topic()


def load_clinic(path: Path) -> Clinic:
    """Read and validate a clinic branding file (`--clinic FILE`)."""
    located = _read(path)
    reader = _Reader(path, located)
    data = reader.mapping(
        located.value, "", required=("name",), optional=("phone", "address", "website", "logo")
    )
    logo = None
    if data is not None and data.get("logo") is not None:
        logo = reader.contained_file(data["logo"], "logo", LOGO_SUFFIXES, "a PNG or JPEG")
    clinic = None
    if data is not None:
        clinic = Clinic(
            name=reader.text(data.get("name"), "name", max_len=MAX_TEXT["title"]) or "",
            phone=reader.text(data.get("phone"), "phone", optional=True, max_len=40),
            address=reader.text(data.get("address"), "address", optional=True, max_len=200),
            website=reader.url(data.get("website"), "website"),
            logo=logo,
            source_file=path,
        )
    reader.raise_if_problems()
    assert clinic is not None
    return clinic


def _read(path: Path) -> Located:
    try:
        return read_yaml(path)
    except YamlProblems as exc:
        raise ContentError(exc.problems) from None


class _Reader:
    """Checks values of one file and collects the problems it finds."""

    def __init__(self, path: Path, located: Located) -> None:
        self.path = path
        self.located = located
        self.problems: list[Problem] = list(located.problems)  # values YAML could not read

    def problem(self, field: str, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.path, field, message, self.located.line(field), hint))

    def raise_if_problems(self) -> None:
        if self.problems:
            self.problems.sort(key=lambda p: p.line or 0)
            raise ContentError(self.problems)

    def mapping(
        self,
        value: Any,
        field: str,
        *,
        required: Iterable[str],
        optional: Iterable[str] = (),
    ) -> dict[str, Any] | None:
        """`value` as a mapping with exactly the allowed keys, or None (problem noted)."""
        what = field or "the file"
        if value is None and self._reported(field):
            return None
        if not isinstance(value, dict):
            self.problem(
                field,
                f"expected a mapping of keys, got {_kind(value)}",
                f"{what} holds 'key: value' lines",
            )
            return None
        allowed = [*required, *optional]
        for key in value:
            if key not in allowed:
                close = _closest(key, allowed)
                hint = f"did you mean '{close}'?" if close else f"allowed: {', '.join(allowed)}"
                self.problem(_join(field, key), "unknown key", hint)
        for key in required:
            if key not in value:
                self.problem(_join(field, key), "missing", f"{what} needs '{key}'")
        return value

    def sequence(self, value: Any, field: str, what: str) -> list[Any]:
        """A required, non-empty list (a key with nothing after it is empty too)."""
        if value is None:
            self.empty(field, f"add at least one {what}")
            return []
        if not isinstance(value, list):
            self.problem(
                field,
                f"expected a list, got {_kind(value)}",
                f"write each {what} on its own line starting with '- '",
            )
            return []
        if not value:
            self.problem(field, "is empty", f"add at least one {what}")
        return value

    def text(
        self,
        value: Any,
        field: str,
        *,
        optional: bool = False,
        max_len: int = MAX_TEXT["default"],
    ) -> str | None:
        """Plain text with whitespace folded to single spaces."""
        if value is None:
            if not optional:
                self.empty(field, "write the text")
            return None
        if isinstance(value, bool | int | float | dt.date):
            # YAML read `yes`, `1.0` or `2026-01-01` as a non-text value: keep the
            # author's intent but tell them to quote it.
            self.problem(field, f"expected text, got {_kind(value)}", "put the value in quotes")
            return None
        if not isinstance(value, str):
            self.problem(field, f"expected text, got {_kind(value)}", "write plain text")
            return None
        folded = " ".join(value.split())
        if not folded:
            if not optional:
                self.problem(field, "is empty", "write the text or delete the key")
            return None
        for char in folded:
            if unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"}:
                self.problem(
                    field,
                    f"contains the invisible or unassigned character U+{ord(char):04X}",
                    "delete it",
                )
                return None
        if len(folded) > max_len:
            self.problem(
                field,
                f"is {len(folded)} characters, longer than the {max_len} allowed",
                "shorten it or split it into more items",
            )
            return None
        return folded

    def _reported(self, field: str) -> bool:
        return any(p.field == field for p in self.problems)

    def empty(self, field: str, hint: str) -> None:
        """Note that a required value is empty, unless it was already noted as missing."""
        if not self._reported(field):
            self.problem(field, "is empty", hint)

    def slug(self, value: Any, field: str) -> str | None:
        if value is None:
            self.empty(field, "write an id such as 'warm-up'")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.problem(
                field,
                f"expected an id, got {_kind(value)}",
                "use lower-case letters, digits and hyphens",
            )
            return None
        slug = str(value)
        written = self.located.raw.get(field, slug)
        if written != slug:  # 010 is octal 8 and 0x10 is 16 to YAML: never what was meant
            self.problem(
                field,
                f"{shorten(written)!r} is read as the number {value}",
                f'put it in quotes: "{shorten(written)}"',
            )
            return None
        if not SLUG.fullmatch(slug) or len(slug) > MAX_ID:
            self.problem(
                field,
                f"{slug[:80]!r} is not a valid id",
                f"use 1-{MAX_ID} lower-case letters, digits and single hyphens, such as 'warm-up'",
            )
            return None
        return slug

    def choice(self, value: Any, field: str, enum: type[E], default: E | None = None) -> E | None:
        if value is None:
            if default is None:
                self.empty(field, f"use one of: {', '.join(e.value for e in enum)}")  # type: ignore[attr-defined]
            return default
        options = [e.value for e in enum]  # type: ignore[attr-defined]
        if value not in options:
            close = _closest(str(value), options)
            hint = f"did you mean '{close}'?" if close else f"use one of: {', '.join(options)}"
            self.problem(field, f"{str(value)[:80]!r} is not allowed", hint)
            return default
        return enum(value)  # type: ignore[call-arg]

    def boolean(self, value: Any, field: str, default: bool) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(
                field, f"expected true or false, got {_kind(value)}", "write true or false"
            )
            return default
        return value

    def url(self, value: Any, field: str) -> str | None:
        text = self.text(value, field, optional=True, max_len=500)
        if text is not None and not WEB_URL.fullmatch(text):
            self.problem(
                field,
                f"{text[:80]!r} is not a web address",
                "use a full address starting with https://",
            )
            return None
        return text

    def contained_file(self, value: Any, field: str, suffixes: set[str], what: str) -> Path | None:
        """A file named relative to this file's folder, refused if it lies outside it."""
        text = self.text(value, field, max_len=300)
        if text is None:
            return None
        base = self.path.parent.resolve()
        candidate = Path(text)
        try:
            resolved = (base / candidate).resolve()
        except (OSError, RuntimeError):  # RuntimeError: a link that leads back to itself
            self.problem(field, f"{text!r} is a link that never reaches a file", "fix the link")
            return None
        if candidate.is_absolute() or not resolved.is_relative_to(base):
            self.problem(
                field,
                f"{text!r} is outside the folder of {self.path.name}",
                f"put the file in {base} or a folder below it, and give a relative path",
            )
            return None
        if resolved.suffix.lower() not in suffixes:
            self.problem(
                field, f"{text!r} is not {what}", f"use one of: {', '.join(sorted(suffixes))}"
            )
            return None
        if not resolved.is_file():
            self.problem(field, f"file {text!r} not found", f"looked in {base}")
            return None
        try:
            with resolved.open("rb") as file:
                start = file.read(1024)
        except OSError as exc:
            self.problem(field, f"cannot read {text!r} ({exc.strerror})", "check its permissions")
            return None
        if not _looks_like(resolved.suffix.lower(), start):
            self.problem(
                field,
                f"{text!r} is not a {resolved.suffix.lstrip('.').upper()} image inside",
                "save or export the image again in that format",
            )
            return None
        return resolved


IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
}
"""How each kind of image file starts."""


def _looks_like(suffix: str, start: bytes) -> bool:
    """Whether a file's first bytes match the image format its name claims."""
    if suffix == ".webp":
        return start[:4] == b"RIFF" and start[8:12] == b"WEBP"
    if suffix == ".svg":
        return b"<svg" in start or (start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"))
    return start.startswith(IMAGE_SIGNATURES.get(suffix, (b"",)))


class _TopicReader(_Reader):
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
                f"expected text, got {_kind(value)}",
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
            if item_id and text:
                items.append(Item(item_id, text, short, urgency))
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


def _join(parent: str, key: str) -> str:
    return f"{parent}.{key}" if parent else key


def _kind(value: Any) -> str:
    names: dict[type, str] = {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        dt.date: "a date",
        dt.datetime: "a date",
        type(None): "nothing",
    }
    return names.get(type(value), type(value).__name__)


def _closest(word: str, options: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.7)
    return matches[0] if matches else None
