"""The content model: one health-education topic, validated and immutable.

Nothing here reads files or knows about PDFs, HTML or Anki. `generator.load`
builds these objects from a topic file and is the only place that validates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.deck_record import DeckRecord

from generator.drawing import CheckedPicture
from generator.errors import nearest_line
from generator.kinds import CardLayout as CardLayout
from generator.kinds import CardSize as CardSize
from generator.kinds import FlashcardKind as FlashcardKind
from generator.kinds import SectionKind as SectionKind
from generator.kinds import Urgency as Urgency

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Every id: lower-case letters, digits and single hyphens. Ids become file names."""
MAX_ID = 64
"""Longest id: ids become file names and Anki GUID inputs."""
CLOZE_DELETION = re.compile(r"\{\{c(\d+)::(.+?)(?:::(.*?))?\}\}", re.DOTALL)
"""One `{{cN::answer}}` or `{{cN::answer::hint}}` deletion of a cloze flashcard."""

EARLIEST_DATE = dt.date(1980, 1, 1)
LATEST_DATE = dt.date(2107, 12, 31)
"""The dates every output can carry: a zip file (an Anki deck) holds 1980 to 2107 only."""


@dataclass(frozen=True)
class Picture:
    """A PNG, JPEG or SVG picture beside an item or a section (handouts; pocket card)."""

    drawing: CheckedPicture
    """The image file (inside the topic's folder) as the picture gate checked it."""
    alt: str
    """Text alternative: says what the picture shows, read aloud in its place."""
    caption: str | None = None
    """Optional few words printed under the picture (on the card where they fit)."""
    on_card: bool = False
    """Whether the pocket card shows it too (left off, with a warning, if no room)."""

    @property
    def path(self) -> Path:
        return self.drawing.source

    @property
    def is_svg(self) -> bool:
        return self.drawing.is_vector


@dataclass(frozen=True)
class Item:
    """One entry of a section."""

    id: str
    """Stable id, unique within its section."""
    text: str
    """Full text, used in the handout."""
    short: str | None = None
    """Shorter text for the pocket card; the card uses `text` when absent."""
    on_card: bool = True
    """Whether the pocket card shows this item (every `now` warning is on the card)."""
    picture: Picture | None = None
    """A picture shown beside the item."""

    @property
    def card_text(self) -> str:
        """The text the pocket card shows."""
        return self.short if self.short is not None else self.text


@dataclass(frozen=True)
class WarningSign(Item):
    """An item of a `warnings` section: a sign that the reader needs care, and how soon."""

    urgency: Urgency = field(kw_only=True)


@dataclass(frozen=True)
class UrgencyGroup:
    """The warning signs of one urgency, in authored order."""

    urgency: Urgency
    items: tuple[WarningSign, ...]


@dataclass(frozen=True)
class Section:
    """A titled group of items: steps, a checklist, facts or warning signs."""

    id: str
    """Stable id, unique within the topic."""
    heading: str
    """Heading shown on every output."""
    kind: SectionKind
    """How the items are meant to be read."""
    items: tuple[Item, ...]
    """At least one item, in reading order: `WarningSign`s in a `warnings` section,
    plain `Item`s in any other."""
    intro: str | None = None
    """Optional sentence shown before the items in the handout."""
    on_card: bool = True
    """Whether the pocket card shows this section."""
    alternatives: bool = False
    """A `steps` section only: the items are choices (do one of them), not a sequence."""
    picture: Picture | None = None
    """A picture shown under the section's heading."""
    handout_short: bool = False
    """A `facts` section whose items all have `short`: the handouts show those, the web
    page the whole text in expandable details too."""

    @property
    def card_items(self) -> tuple[Item, ...]:
        """The items the pocket card shows (`on_card`); none if the section is off it."""
        return tuple(item for item in self.items if item.on_card) if self.on_card else ()

    def __post_init__(self) -> None:
        if self.alternatives and self.kind is not SectionKind.STEPS:
            raise TypeError(f"section {self.id!r}: only a 'steps' section has alternatives")
        warnings = self.kind is SectionKind.WARNINGS
        if any(isinstance(item, WarningSign) != warnings for item in self.items):
            raise TypeError(
                f"section {self.id!r}: a '{self.kind.value}' section holds "
                + ("only WarningSign items" if warnings else "no WarningSign items")
            )

    @property
    def urgency_groups(self) -> tuple[UrgencyGroup, ...]:
        """A warnings section's signs grouped by urgency, most urgent first, empty
        groups left out (every exporter shows these groups, in this order); () for
        any other section."""
        signs = [item for item in self.items if isinstance(item, WarningSign)]
        groups = (UrgencyGroup(u, tuple(s for s in signs if s.urgency is u)) for u in Urgency)
        return tuple(group for group in groups if group.items)


@dataclass(frozen=True)
class FlashcardImage:
    """A picture on a flashcard."""

    drawing: CheckedPicture
    """The image file (inside the topic's folder) as the picture gate checked it."""
    alt: str
    """Text alternative, read aloud in place of the image."""

    @property
    def path(self) -> Path:
        return self.drawing.source


@dataclass(frozen=True)
class Flashcard:
    """One flashcard of the deck: a question and answer, or a sentence with cloze deletions."""

    id: str
    """Stable id, unique within the topic. Anki note identity derives from it."""
    section: str
    """Id of the section this card studies."""
    kind: FlashcardKind
    front: str = ""
    """Question (basic cards)."""
    back: str = ""
    """Answer (basic cards)."""
    text: str = ""
    """Sentence with {{c1::...}} deletions (cloze cards)."""
    extra: str | None = None
    """Optional text shown on the answer side."""
    image: FlashcardImage | None = None


@dataclass(frozen=True)
class WithdrawnCard:
    """A flashcard taken out of the topic: its note stays, its text replaced by a notice."""

    id: str
    """The flashcard's id, as it was in the deck."""
    date: dt.date
    reason: str
    """Why it was withdrawn, in plain words in the topic's language."""


@dataclass(frozen=True)
class Source:
    """Where the content comes from."""

    title: str | None = None
    """Title of the source article or guideline; None when it has none."""
    publisher: str | None = None
    """Person or organisation responsible for the source; None when none is named.
    With neither, the outputs say the topic is adapted from a source article that
    names no title or publisher (never a made-up one)."""
    url: str | None = None


@dataclass(frozen=True)
class Reviewer:
    """The health professional who reviewed a topic: a name, a role ("family physician")."""

    name: str
    role: str


@dataclass(frozen=True)
class CardPreferences:
    """The topic author's choice of pocket card; the CLI may override it."""

    size: CardSize = CardSize.WALLET
    layout: CardLayout = CardLayout.FOLD_OVER
    enabled: bool = True
    """False when the topic has no pocket card (`pocket_card: false`)."""


@dataclass(frozen=True)
class Topic:
    """One health-education topic: the single input of every exporter."""

    id: str
    """Stable slug, such as `hamstring-cramp`; output files are named after it."""
    title: str
    language: str
    """BCP 47 language tag, such as `en-US`."""
    version: str
    reviewed: dt.date
    """Day of the last update: "last updated" in the outputs, "reviewed" with `reviewer`."""
    main_message: str
    """The one thing the reader should remember."""
    source: Source
    sections: tuple[Section, ...]
    flashcards: tuple[Flashcard, ...]
    url: str | None = None
    """Where the topic lives online; printed as a QR code when set."""
    author: str | None = None
    """Who wrote this adaptation (shown in document metadata)."""
    deck_name: str | None = None
    """Anki deck name; defaults to `Health::<title>`."""
    card: CardPreferences = CardPreferences()
    card_message: str | None = None
    """A shorter main message for the front of the pocket card."""
    translation_of: str | None = None
    """Id of the topic this one translates; its outputs then say who reviewed the
    translation, or that no health professional has yet."""
    translation_reviewer: str | None = None
    """Who reviewed the translation (a translation only)."""
    withdrawn: tuple[WithdrawnCard, ...] = ()
    last_deck: DeckRecord | None = None
    """What the last deck built held (`<topic-id>.deck.json`), None before the first."""
    reviewer: Reviewer | None = None
    """The health professional who reviewed this version's content, if one did."""
    source_file: Path | None = None
    """File the topic was loaded from, for messages."""
    label_folder: Path | None = None
    """The folder of a clinic's own label catalogues this topic's labels may come from:
    `--labels DIR`, else `labels/` beside its file, which need not exist (set by the
    loader); None: the shipped catalogues only."""
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    """Line in `source_file` of each field path (`sections[1].items[0].text`), so
    that problems found while exporting can name it like those found while loading."""

    @property
    def pictures(self) -> tuple[Picture, ...]:
        """Every picture of the sections and items, in reading order."""
        found: list[Picture | None] = []
        for section in self.sections:
            found += [section.picture, *(item.picture for item in section.items)]
        return tuple(picture for picture in found if picture is not None)

    def section(self, section_id: str) -> Section:
        """The section with `section_id`."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def sections_of(self, kind: SectionKind) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.kind is kind)

    @property
    def card_main_message(self) -> str:
        """The message the front of the pocket card carries."""
        return self.card_message if self.card_message is not None else self.main_message

    @property
    def unreviewed_translation(self) -> bool:
        """A translation that no health professional has reviewed yet."""
        return self.translation_of is not None and self.translation_reviewer is None

    @property
    def location(self) -> str:
        """How messages name this topic: its file, or its id."""
        return str(self.source_file) if self.source_file else self.id

    def where(self, field_path: str) -> str:
        """`file:line: field` of `field_path` (or of its nearest parent with a line)."""
        line = nearest_line(self.lines, field_path)
        return f"{self.location}:{line}: {field_path}" if line else f"{self.location}: {field_path}"


@dataclass(frozen=True)
class Clinic:
    """Branding printed on clinic handouts (`--clinic FILE`)."""

    name: str
    phone: str | None = None
    emergency: str | None = None
    """The clinic's own words for an emergency, such as "Emergency: call 911", printed as
    written (the generator never writes a number or an instruction of its own)."""
    after_hours: str | None = None
    """The number to call when the clinic is closed: an after-hours or nurse line."""
    address: str | None = None
    website: str | None = None
    logo: CheckedPicture | None = None
    """A PNG or JPEG logo inside the clinic file's folder, as the picture gate checked it."""
    source_file: Path | None = None
    """File the branding was loaded from."""
