"""What the pocket card says, as ReportLab flowables at a given font size.

Authored text is escaped into paragraph markup, so `<`, `&` and quotes print as
written; fixed words come from the label catalogue. Sizes and styles live here;
where things go is `fit.py`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from markupsafe import escape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from generator.exporters.pocket_card.beside import Box, CardPicture
from generator.exporters.pocket_card.styles import Styles
from generator.labels import CareLine, care_lines, labels_for, translation_note
from generator.model import Clinic, Item, Picture, Section, SectionKind, Topic, Urgency
from generator.pdf.qr_code import QrWithCaption, UrlText, qr_tag
from generator.pdf.scripts import RIGHT_TO_LEFT, scripts_in
from generator.pdf.tagged import TaggedParagraph
from generator.pdf.tags import Tag, child

MAX_BODY_SIZE = 12.0
MAX_WARNING_SIZE = 12.0
"""Warnings grow into the room the body text leaves, up to this size."""
SIZE_STEP = 0.25

QR_SIZE = 40.0
"""Side of the QR code in points (0.56 in): small enough for a wallet card."""

BULLETS = {SectionKind.CHECKLIST: "✓", SectionKind.FACTS: "•", SectionKind.WARNINGS: "•"}
"""Marks before items; steps are numbered instead. DejaVu has every one."""

SHORT_LINE = 32
"""A line of where to get care this long or shorter ("After hours: +1 555 0199") is
kept on one line: the narrowest panel holds it at 12 pt."""
NO_BREAK = "\N{NO-BREAK SPACE}"
_BEFORE_NUMBER = re.compile(f" (?=[^ ]*{NO_BREAK})")
"""The space before a phone number (whose own spaces are no-break spaces already)."""

URGENCY_LABELS = {Urgency.NOW: "card.urgency.now", Urgency.SOON: "card.urgency.soon"}
"""The label over each group of warnings: words and a symbol, so colour is never the
only cue."""


@dataclass(frozen=True)
class CardItem:
    """One item the card shows."""

    field: str
    """Its field path, for messages (`sections[1].items[2]`)."""
    item: Item
    markup: str
    """Paragraph markup of its card text."""
    picture: CardPicture | None = None
    """Its picture, when the topic asks for it on the card (`image.on_card`)."""


@dataclass(frozen=True)
class CardSection:
    """One section of the card, its text already turned into paragraph markup."""

    index: int
    """Position in `topic.sections`, for messages (`sections[i]`)."""
    section: Section
    heading: str
    items: tuple[CardItem, ...]
    """The items on the card (a warnings section's, in its urgency groups)."""
    groups: tuple[tuple[Urgency, str, tuple[CardItem, ...]], ...] = ()
    """A warnings section's urgency groups (`Section.urgency_groups`): each urgency,
    the markup of its label and its items on the card."""
    lead: str | None = None
    """Markup of the words before items that are alternatives ("Do one of these:")."""
    picture: CardPicture | None = None
    """The section's picture, when the topic asks for it on the card."""
    langs: Mapping[str, str] = field(default_factory=dict)
    """The language of each label this section prints that is not the topic's (an
    English fallback), by label key: tagged PDFs mark it."""
    continued: str = ""
    """Markup of its heading said again at the top of the back, when the section goes
    on there from the front ("When to get care (continued)", label `card.continued`)."""

    @property
    def field(self) -> str:
        return f"sections[{self.index}]"

    @property
    def drawn_items(self) -> list[CardItem]:
        """The items in the order the card draws them: a warnings section's in its
        urgency groups."""
        return [item for _, _, group in self.groups for item in group] or list(self.items)

    def pictures(self) -> list[tuple[str, CardPicture]]:
        """Its pictures asked for on the card, with their field paths, in reading order."""
        found = [(f"{self.field}.image", self.picture)] if self.picture else []
        return found + [(f"{i.field}.image", i.picture) for i in self.drawn_items if i.picture]

    def with_boxes(self, boxes: Mapping[str, Box]) -> CardSection:
        """This section with each picture's box from `boxes` (by field path), or none."""

        def boxed(picture: CardPicture | None, field: str) -> CardPicture | None:
            box = boxes.get(f"{field}.image")
            return picture if picture is None or picture.box == box else replace(picture, box=box)

        def kept(item: CardItem) -> CardItem:
            picture = boxed(item.picture, item.field)
            return item if picture is item.picture else replace(item, picture=picture)

        groups = tuple((u, label, tuple(map(kept, items))) for u, label, items in self.groups)
        items, picture = tuple(map(kept, self.items)), boxed(self.picture, self.field)
        return replace(self, items=items, groups=groups, picture=picture)

    @property
    def about(self) -> str:
        return f" ({self.section.id}, '{self.section.heading}')"


@dataclass(frozen=True)
class CardText:
    """What the pocket card says, as markup, before it is laid out (`card_text`)."""

    title: str
    message: str
    """Markup of the main message (or the shorter `card_message`), under the title."""
    sections: tuple[CardSection, ...]
    url: str | None
    """The topic URL, when the card carries a QR code."""
    note: str | None = None
    """Markup of the translation note of a translated topic (`translation_note`)."""
    care: tuple[CareLine, ...] = ()
    """Where to get care, as markup (`care_lines`): the clinic's emergency instruction,
    phone and after-hours line, or lines to write them in. Printed under the urgent
    signs of the last warnings section, or at the end of the back."""
    qr_alt: str | None = None
    """What a screen reader says for the QR code (plain text, with its address)."""

    @property
    def pictures(self) -> list[tuple[str, CardPicture]]:
        """Every picture the topic asks for on the card, with its field path
        (`sections[0].items[1].image`), in reading order."""
        return [found for section in self.sections for found in section.pictures()]

    def with_boxes(self, boxes: Mapping[str, Box]) -> CardText:
        """This text with the pictures of the field paths in `boxes` drawn in those
        boxes, and no other picture drawn."""
        return replace(self, sections=tuple(s.with_boxes(boxes) for s in self.sections))

    @property
    def care_section(self) -> int | None:
        """Position in `sections` of the warnings section the care lines follow."""
        warnings = [
            n for n, s in enumerate(self.sections) if s.section.kind is SectionKind.WARNINGS
        ]
        return warnings[-1] if warnings else None


def _markup(value: str) -> str:
    return str(escape(value)).strip()  # paragraph markup: authored text, escaped


def _kept_whole(line: str) -> str:
    """A line of where to get care as the card prints it: a short one (SHORT_LINE) on
    one line; in a longer one, each phone number with the word before it ("Phone:").
    Not in a line of a right-to-left script: its words are put in visual order one by
    one (`pdf.bidi`), and a number joined to a word of the other direction would be
    reversed with it."""
    if scripts_in(line) & RIGHT_TO_LEFT:
        return line
    if len(line) <= SHORT_LINE:
        return line.replace(" ", NO_BREAK)
    return _BEFORE_NUMBER.sub(NO_BREAK, line)


def _on_card(picture: Picture | None) -> CardPicture | None:
    """`picture`, if the topic asks for it on the card, with its caption as markup (its
    box is chosen later, where the text leaves room)."""
    if picture is None or not picture.on_card:
        return None
    return CardPicture(picture, _markup(picture.caption) if picture.caption else None)


def card_text(topic: Topic, clinic: Clinic | None = None) -> CardText:
    """Render every text the card shows into paragraph markup, once."""
    labels = labels_for(topic)
    sections = []
    for index, section in enumerate(topic.sections):
        field = f"sections[{index}]"
        on_card = section.card_items
        if not on_card:
            continue
        shown = {
            item.id: CardItem(
                f"{field}.items[{n}]", item, _markup(item.card_text), _on_card(item.picture)
            )
            for n, item in enumerate(section.items)
            if item in on_card
        }
        groups = tuple(
            (
                group.urgency,
                _markup(labels(URGENCY_LABELS[group.urgency])),
                tuple(shown[item.id] for item in group.items if item.id in shown),
            )
            for group in section.urgency_groups
        )
        groups = tuple(group for group in groups if group[2])
        lead = _markup(labels("alternatives.lead")) if section.alternatives else None
        heading = _markup(section.heading)
        picture = _on_card(section.picture)
        items = tuple(shown.values())
        keys = [URGENCY_LABELS[group[0]] for group in groups] + ["alternatives.lead"]
        langs = {key: lang for key in keys if (lang := labels.lang_of(key))}
        continued = _markup(labels("card.continued", heading=section.heading))
        sections.append(
            CardSection(index, section, heading, items, groups, lead, picture, langs, continued)
        )
    note = translation_note(topic, labels)
    return CardText(
        _markup(topic.title),
        _markup(topic.card_main_message),
        tuple(sections),
        topic.url,
        note and _markup(note),
        tuple(
            replace(
                line,
                text=_markup(_kept_whole(line.text)),
                lang=line.key and labels.lang_of(line.key),
            )
            for line in care_lines(clinic, labels)
        ),
        labels("pdf.qr_code", url=topic.url) if topic.url else None,
    )


def title_flowables(text: CardText, styles: Styles) -> list[Flowable]:
    """The top of the front: the title (`H1`) and the main message."""
    return [
        TaggedParagraph(text.title, styles.title, tag=Tag("H1")),
        TaggedParagraph(text.message, styles.message, tag=Tag("P")),
    ]


def care_flowables(text: CardText, styles: Styles) -> list[Flowable]:
    """Where to get care: the clinic's emergency instruction (in the urgent colour),
    then its phone and after-hours line (or the lines to write them in)."""
    lines = [
        (line.text, styles.urgent if line.urgent else styles.warning, line.lang)
        for line in text.care
    ]
    return [
        TaggedParagraph(
            line,
            ParagraphStyle(f"{style.name}-care", parent=style, spaceBefore=3.0)
            if n == 0
            else style,
            tag=Tag("P", lang=lang),
        )
        for n, (line, style, lang) in enumerate(lines)
    ]


def closing_flowables(text: CardText, styles: Styles) -> list[Flowable]:
    """What ends the back: where to get care when no warnings section took it, the QR
    code to the topic's page with its address beside it, and a translation's note."""
    flowables: list[Flowable] = []
    if text.care_section is None:
        flowables += care_flowables(text, styles)
    if text.url is not None:
        group = Tag("Div")
        code = qr_tag(group, text.qr_alt or text.url)
        caption = [UrlText(text.url, styles.body, child(group, "P"))]
        block = QrWithCaption(text.url, QR_SIZE, caption, gap=4.0, tag=code)
        block.spaceBefore = 4.0
        flowables.append(block)
    if text.note is not None:
        flowables.append(TaggedParagraph(text.note, styles.note, tag=Tag("P")))
    return flowables
