"""What the pocket card says, as ReportLab flowables at a given font size.

Authored text is escaped into paragraph markup, so `<`, `&` and quotes print as
written; fixed words come from the label catalogue. Sizes and styles live here;
where things go is `fit.py`'s job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from markupsafe import escape
from reportlab.lib.colors import white
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from generator.exporters.pocket_card.beside import Box, CardPicture, beside
from generator.labels import CareLine, care_lines, labels_for, translation_note
from generator.model import Clinic, Item, Picture, Section, SectionKind, Topic, Urgency
from generator.pdf.fonts import SANS_CONDENSED, register_fonts
from generator.pdf.lists import hanging_list
from generator.pdf.palette import ACCENT, URGENT
from generator.pdf.qr_code import QrWithCaption, UrlText
from generator.pdf.styles import text_style

FONT = SANS_CONDENSED
MIN_BODY_SIZE = 8.0
"""Smallest body text, in points."""
MIN_WARNING_SIZE = 9.0
"""Smallest warning text (always bold), in points."""
MAX_BODY_SIZE = 12.0
MAX_WARNING_SIZE = 12.0
"""Warnings grow into the room the body text leaves, up to this size."""
SIZE_STEP = 0.25

QR_SIZE = 40.0
"""Side of the QR code in points (0.56 in): small enough for a wallet card."""

BULLETS = {SectionKind.CHECKLIST: "✓", SectionKind.FACTS: "•", SectionKind.WARNINGS: "•"}
"""Marks before items; steps are numbered instead. DejaVu has every one."""

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


def _on_card(picture: Picture | None) -> CardPicture | None:
    """`picture`, if the topic asks for it on the card, with its caption as markup (its
    box is chosen later, where the text leaves room)."""
    if picture is None or not picture.on_card:
        return None
    return CardPicture(picture, _markup(picture.caption) if picture.caption else None)


def card_text(topic: Topic, clinic: Clinic | None = None) -> CardText:
    """Render every text the card shows into paragraph markup, once."""
    labels = labels_for(topic.language)
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
        sections.append(CardSection(index, section, heading, items, groups, lead, picture))
    note = translation_note(topic, labels)
    return CardText(
        _markup(topic.title),
        _markup(topic.card_main_message),
        tuple(sections),
        topic.url,
        note and _markup(note),
        tuple(replace(line, text=_markup(line.text)) for line in care_lines(clinic, labels)),
    )


@dataclass(frozen=True)
class Styles:
    """The pocket card's paragraph styles at one body size and warning size (`styles_for`)."""

    body_size: float
    title: ParagraphStyle
    message: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    lead: ParagraphStyle
    warning: ParagraphStyle
    urgent: ParagraphStyle
    urgent_label: ParagraphStyle
    soon_label: ParagraphStyle
    note: ParagraphStyle

    @property
    def warning_size(self) -> float:
        return self.warning.fontSize  # type: ignore[no-any-return]


def styles_for(body_size: float, warning_size: float | None = None) -> Styles:
    """Every paragraph style of the card, scaled from the body size; warnings at
    `warning_size`, never below the body size or MIN_WARNING_SIZE."""
    register_fonts()
    warning_size = max(MIN_WARNING_SIZE, body_size, warning_size or 0.0)

    def style(name: str, size: float, bold: bool = False, **extra: object) -> ParagraphStyle:
        font = FONT.bold if bold else FONT.regular
        extra = {"spaceBefore": round(size * 0.12, 2), **extra}
        return text_style(name, font, size, round(size * 1.2, 2), **extra)

    return Styles(
        body_size=body_size,
        title=style("title", body_size + 3, bold=True, textColor=ACCENT),
        message=style("message", body_size, spaceBefore=body_size * 0.3),
        heading=style(
            "heading", body_size + 1, bold=True, textColor=ACCENT, spaceBefore=body_size * 0.5
        ),
        body=style("body", body_size),
        lead=style("lead", body_size, bold=True),
        warning=style("warning", warning_size, bold=True),
        urgent=style("urgent", warning_size, bold=True, textColor=URGENT),
        urgent_label=style(
            "urgent-label",
            warning_size,
            bold=True,
            textColor=white,
            backColor=URGENT,
            borderPadding=(1, 2, 1, 2),
            spaceBefore=3,
            spaceAfter=2,
        ),
        soon_label=style("soon-label", warning_size, bold=True, spaceBefore=3),
        note=style("note", MIN_BODY_SIZE, spaceBefore=4),
    )


def title_flowables(text: CardText, styles: Styles) -> list[Flowable]:
    """The top of the front: the title and the main message."""
    return [Paragraph(text.title, styles.title), Paragraph(text.message, styles.message)]


def item_flowables(section: CardSection, styles: Styles) -> list[list[Flowable]]:
    """Each item of `section` as the card draws it (a list of one paragraph, with its
    picture beside it when it has one on the card), in `section.drawn_items` order."""
    kind = section.section.kind
    marks = [f"{n}." for n in range(1, len(section.items) + 1)]
    if kind is not SectionKind.STEPS or section.lead is not None:
        marks = [BULLETS.get(kind, "•")] * len(section.items)
    if kind is not SectionKind.WARNINGS:
        markups = [item.markup for item in section.items]
        drawn = hanging_list(markups, marks, styles.body)
    else:
        drawn = []
        for urgency, _, items in section.groups:
            style = styles.urgent if urgency is Urgency.NOW else styles.warning
            drawn += hanging_list([i.markup for i in items], ["•"] * len(items), style)
    pairs = zip(drawn, section.drawn_items, strict=True)
    return [beside([p], i.picture, styles.body) for p, i in pairs]


def section_flowables(
    section: CardSection, styles: Styles, care: list[Flowable] | None = None
) -> list[Flowable]:
    """The heading and items of one section (`care`, where to get care, under its urgent
    signs, or after them all), the section's picture on the card beside all but the
    heading."""
    flowables: list[Flowable] = []
    if section.lead is not None:
        flowables.append(Paragraph(section.lead, styles.lead))
    items = [f for one in item_flowables(section, styles) for f in one]
    if section.section.kind is not SectionKind.WARNINGS:
        flowables += items
    start = 0
    for urgency, label, group in section.groups:
        urgent = urgency is Urgency.NOW
        flowables.append(Paragraph(label, styles.urgent_label if urgent else styles.soon_label))
        flowables += items[start : start + len(group)]
        start += len(group)
        if urgent and care:  # where to go, right under the signs that say go now
            flowables, care = flowables + care, None
    flowables = beside(flowables, section.picture, styles.body)
    return [Paragraph(section.heading, styles.heading), *flowables, *(care or [])]


def care_flowables(text: CardText, styles: Styles) -> list[Flowable]:
    """Where to get care: the clinic's emergency instruction (in the urgent colour),
    then its phone and after-hours line (or the lines to write them in)."""
    lines = [(line.text, styles.urgent if line.urgent else styles.warning) for line in text.care]
    return [
        Paragraph(line, ParagraphStyle(f"{style.name}-care", parent=style, spaceBefore=3.0))
        if n == 0
        else Paragraph(line, style)
        for n, (line, style) in enumerate(lines)
    ]


def closing_flowables(text: CardText, styles: Styles) -> list[Flowable]:
    """What ends the back: where to get care when no warnings section took it, the QR
    code to the topic's page with its address beside it, and a translation's note."""
    flowables: list[Flowable] = []
    if text.care_section is None:
        flowables += care_flowables(text, styles)
    if text.url is not None:
        block = QrWithCaption(text.url, QR_SIZE, [UrlText(text.url, styles.body)], gap=4.0)
        block.spaceBefore = 4.0
        flowables.append(block)
    if text.note is not None:
        flowables.append(Paragraph(text.note, styles.note))
    return flowables
