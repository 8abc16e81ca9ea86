"""What the pocket card says, as ReportLab flowables at a given font size.

Text goes through the `pocket_card/` templates (autoescaped), so authored `<`, `&`
and quotes print as written. Sizes and styles live here; where things go is
`pocket_card_fit.py`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape
from reportlab.lib.colors import HexColor, white
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from generator.model import Section, SectionKind, Topic, Urgency
from generator.pdf_support import SANS_CONDENSED, QrCode, UrlText, register_fonts

FONT = SANS_CONDENSED
MIN_BODY_SIZE = 8.0
"""Smallest body text, in points."""
MIN_WARNING_SIZE = 9.0
"""Smallest warning text (always bold), in points."""
MAX_BODY_SIZE = 12.0
SIZE_STEP = 0.25

INK = HexColor("#1a1a1a")
ACCENT = HexColor("#0b4f6c")
URGENT = HexColor("#a4161a")
QR_SIZE = 40.0
"""Side of the QR code in points (0.56 in): small enough for a wallet card."""

BULLETS = {SectionKind.CHECKLIST: "✓", SectionKind.FACTS: "•", SectionKind.WARNINGS: "•"}
"""Marks before items; steps are numbered instead. DejaVu has every one."""

URGENCY_LABELS = {Urgency.NOW: "⚠ GET CARE NOW", Urgency.SOON: "SEE A PROVIDER"}
"""The label over a group of warnings (paragraph markup): words and a symbol, so colour
is never the only cue. The card's own words, like the handout's (handout_content)."""


@dataclass(frozen=True)
class WarningGroup:
    urgency: Urgency
    label: str
    """Paragraph markup of the group's label."""
    items: tuple[str, ...]


@dataclass(frozen=True)
class CardSection:
    """One section of the card, its text already turned into paragraph markup."""

    index: int
    """Position in `topic.sections`, for messages (`sections[i]`)."""
    section: Section
    heading: str
    items: tuple[str, ...]
    warning_groups: tuple[WarningGroup, ...] = ()

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


def card_text(topic: Topic) -> CardText:
    """Render every text the card shows into paragraph markup, once."""

    def text(value: str) -> str:
        return str(escape(value)).strip()  # paragraph markup: authored text, escaped

    sections = []
    for index, section in enumerate(topic.sections):
        if not section.on_card:
            continue
        items = tuple(text(item.card_text) for item in section.items)
        groups: tuple[WarningGroup, ...] = ()
        if section.kind is SectionKind.WARNINGS:
            groups = tuple(
                WarningGroup(
                    urgency,
                    URGENCY_LABELS[urgency],
                    tuple(
                        markup
                        for item, markup in zip(section.items, items, strict=True)
                        if (item.urgency or Urgency.SOON) is urgency
                    ),
                )
                for urgency in Urgency
            )
            groups = tuple(g for g in groups if g.items)
        sections.append(CardSection(index, section, text(section.heading), items, groups))
    return CardText(text(topic.title), tuple(sections), topic.url)


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

    @property
    def warning_size(self) -> float:
        return self.warning.fontSize  # type: ignore[no-any-return]


def styles_for(body_size: float) -> Styles:
    """Every paragraph style of the card, scaled from the body size. Every style names
    its font and bullet font: ReportLab's defaults are the base-14 Helvetica."""
    register_fonts()
    warning_size = max(MIN_WARNING_SIZE, body_size)

    def style(name: str, size: float, bold: bool = False, **extra: object) -> ParagraphStyle:
        font = FONT.bold if bold else FONT.regular
        base: dict[str, object] = {
            "fontName": font,
            "bulletFontName": font,
            "fontSize": size,
            "bulletFontSize": size,
            "leading": round(size * 1.2, 2),
            "textColor": INK,
            "spaceBefore": round(size * 0.12, 2),
        }
        base.update(extra)
        return ParagraphStyle(name, **base)

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
    )


def _list_items(items: tuple[str, ...], marks: list[str], style: ParagraphStyle) -> list[Flowable]:
    """Paragraphs with a hanging mark (number or symbol) wide enough for every mark.
    ReportLab starts a bulleted first line at least 0.6 em after its mark; with a
    smaller gap the lines below the first would start left of it."""
    gap = style.bulletFontSize * 0.6
    indent = max(stringWidth(m, style.bulletFontName, style.fontSize) for m in marks) + gap
    hanging = ParagraphStyle(f"{style.name}-item", parent=style, leftIndent=indent, bulletIndent=0)
    pairs = zip(items, marks, strict=True)
    return [Paragraph(markup, hanging, bulletText=mark) for markup, mark in pairs]


def title_flowables(text: CardText, styles: Styles) -> list[Flowable]:
    return [Paragraph(text.title, styles.title)]


def section_flowables(section: CardSection, styles: Styles) -> list[Flowable]:
    """The heading and items of one section."""
    flowables: list[Flowable] = [Paragraph(section.heading, styles.heading)]
    kind = section.section.kind
    if kind is SectionKind.STEPS:
        marks = [f"{n}." for n in range(1, len(section.items) + 1)]
        return flowables + _list_items(section.items, marks, styles.body)
    if kind is not SectionKind.WARNINGS:
        marks = [BULLETS[kind]] * len(section.items)
        return flowables + _list_items(section.items, marks, styles.body)
    for group in section.warning_groups:
        urgent = group.urgency is Urgency.NOW
        flowables.append(
            Paragraph(group.label, styles.urgent_label if urgent else styles.soon_label)
        )
        item_style = styles.urgent if urgent else styles.warning
        flowables += _list_items(group.items, [BULLETS[kind]] * len(group.items), item_style)
    return flowables


class QrBlock(Flowable):  # type: ignore[misc]
    """The QR code at the right, the URL in words at its left."""

    def __init__(self, url: str, caption: Flowable, size: float = QR_SIZE) -> None:
        super().__init__()
        self.url = url
        self.caption = caption
        self.size = size
        self.spaceBefore = 4.0
        self._caption_height = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        gap = 4.0
        _, self._caption_height = self.caption.wrap(avail_width - self.size - gap, avail_height)
        self.width = avail_width
        self.height = max(self.size, self._caption_height)
        return self.width, self.height

    def draw(self) -> None:
        QrCode(self.url, self.size).drawOn(
            self.canv, self.width - self.size, self.height - self.size
        )
        self.caption.drawOn(self.canv, 0, self.height - self._caption_height)


def qr_flowables(text: CardText, styles: Styles) -> list[Flowable]:
    if text.url is None:
        return []
    return [QrBlock(text.url, UrlText(text.url, styles.body))]
