"""What the pocket card says, as ReportLab flowables at a given font size.

Authored text is escaped into paragraph markup, so `<`, `&` and quotes print as
written; fixed words come from the label catalogue. Sizes and styles live here;
where things go is `fit.py`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape
from reportlab.lib.colors import white
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from generator.labels import labels_for, translation_note
from generator.model import Section, SectionKind, Topic, Urgency
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
SIZE_STEP = 0.25

QR_SIZE = 40.0
"""Side of the QR code in points (0.56 in): small enough for a wallet card."""

BULLETS = {SectionKind.CHECKLIST: "✓", SectionKind.FACTS: "•", SectionKind.WARNINGS: "•"}
"""Marks before items; steps are numbered instead. DejaVu has every one."""

URGENCY_LABELS = {Urgency.NOW: "card.urgency.now", Urgency.SOON: "card.urgency.soon"}
"""The label over each group of warnings: words and a symbol, so colour is never the
only cue."""


@dataclass(frozen=True)
class CardSection:
    """One section of the card, its text already turned into paragraph markup."""

    index: int
    """Position in `topic.sections`, for messages (`sections[i]`)."""
    section: Section
    heading: str
    items: tuple[str, ...]
    """Paragraph markup of each item (a warnings section's, in its urgency groups)."""
    groups: tuple[tuple[Urgency, str, tuple[str, ...]], ...] = ()
    """A warnings section's urgency groups (`Section.urgency_groups`): each urgency,
    the markup of its label and of its items."""

    @property
    def field(self) -> str:
        return f"sections[{self.index}]"

    @property
    def about(self) -> str:
        return f" ({self.section.id}, '{self.section.heading}')"


@dataclass(frozen=True)
class CardText:
    title: str
    sections: tuple[CardSection, ...]
    url: str | None
    """The topic URL, when the card carries a QR code."""
    note: str | None = None
    """Markup of the translation note of a translated topic (`translation_note`)."""


def _markup(value: str) -> str:
    return str(escape(value)).strip()  # paragraph markup: authored text, escaped


def card_text(topic: Topic) -> CardText:
    """Render every text the card shows into paragraph markup, once."""
    labels = labels_for(topic.language)
    sections = []
    for index, section in enumerate(topic.sections):
        if not section.on_card:
            continue
        groups = tuple(
            (
                group.urgency,
                _markup(labels(URGENCY_LABELS[group.urgency])),
                tuple(_markup(item.card_text) for item in group.items),
            )
            for group in section.urgency_groups
        )
        items = tuple(_markup(item.card_text) for item in section.items)
        sections.append(CardSection(index, section, _markup(section.heading), items, groups))
    note = translation_note(topic, labels)
    return CardText(_markup(topic.title), tuple(sections), topic.url, note and _markup(note))


@dataclass(frozen=True)
class Styles:
    body_size: float
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    warning: ParagraphStyle
    urgent: ParagraphStyle
    urgent_label: ParagraphStyle
    soon_label: ParagraphStyle
    note: ParagraphStyle

    @property
    def warning_size(self) -> float:
        return self.warning.fontSize  # type: ignore[no-any-return]


def styles_for(body_size: float) -> Styles:
    """Every paragraph style of the card, scaled from the body size."""
    register_fonts()
    warning_size = max(MIN_WARNING_SIZE, body_size)

    def style(name: str, size: float, bold: bool = False, **extra: object) -> ParagraphStyle:
        font = FONT.bold if bold else FONT.regular
        extra = {"spaceBefore": round(size * 0.12, 2), **extra}
        return text_style(name, font, size, round(size * 1.2, 2), **extra)

    return Styles(
        body_size=body_size,
        title=style("title", body_size + 3, bold=True, textColor=ACCENT),
        heading=style(
            "heading", body_size + 1, bold=True, textColor=ACCENT, spaceBefore=body_size * 0.5
        ),
        body=style("body", body_size),
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
    return [Paragraph(text.title, styles.title)]


def section_flowables(section: CardSection, styles: Styles) -> list[Flowable]:
    """The heading and items of one section."""
    flowables: list[Flowable] = [Paragraph(section.heading, styles.heading)]
    kind = section.section.kind
    if kind is SectionKind.STEPS:
        marks = [f"{n}." for n in range(1, len(section.items) + 1)]
        return flowables + hanging_list(list(section.items), marks, styles.body)
    if kind is not SectionKind.WARNINGS:
        marks = [BULLETS[kind]] * len(section.items)
        return flowables + hanging_list(list(section.items), marks, styles.body)
    for urgency, label, items in section.groups:
        urgent = urgency is Urgency.NOW
        flowables.append(Paragraph(label, styles.urgent_label if urgent else styles.soon_label))
        item_style = styles.urgent if urgent else styles.warning
        flowables += hanging_list(list(items), [BULLETS[kind]] * len(items), item_style)
    return flowables


def closing_flowables(text: CardText, styles: Styles) -> list[Flowable]:
    """What ends the back: the QR code to the topic's page with its address beside it,
    and a translation's note."""
    flowables: list[Flowable] = []
    if text.url is not None:
        block = QrWithCaption(text.url, QR_SIZE, [UrlText(text.url, styles.body)], gap=4.0)
        block.spaceBefore = 4.0
        flowables.append(block)
    if text.note is not None:
        flowables.append(Paragraph(text.note, styles.note))
    return flowables
