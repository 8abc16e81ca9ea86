"""Lists of items with a mark before each: numbers, bullets or tick boxes."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph


def hanging_list(markups: list[str], marks: list[str], style: ParagraphStyle) -> list[Flowable]:
    """Compact lists (the pocket card): one paragraph per item, its mark hanging at the
    left in a column wide enough for every mark. ReportLab starts a marked first line
    at least 0.6 em after its mark; with a smaller gap, the lines below the first
    would start left of it."""
    gap = style.bulletFontSize * 0.6
    indent = max(stringWidth(m, style.bulletFontName, style.fontSize) for m in marks) + gap
    hanging = ParagraphStyle(f"{style.name}-item", parent=style, leftIndent=indent, bulletIndent=0)
    pairs = zip(markups, marks, strict=True)
    return [Paragraph(markup, hanging, bulletText=mark) for markup, mark in pairs]


def _item(content: str | Flowable, style: ParagraphStyle) -> Flowable:
    """A list item's content: paragraph markup, or a flowable made for it (a picture
    beside its text, say)."""
    return Paragraph(content, style) if isinstance(content, str) else content


def numbered_list(
    items: list[str | Flowable],
    style: ParagraphStyle,
    number_font: str,
    *,
    count: int,
    start: int = 1,
) -> Flowable:
    """Document lists (the handout): items `start`, `start` + 1, ... of a list of
    `count`, numbered in `number_font`, the numbers given room for the widest. Each
    item is paragraph markup or a flowable whose first line is at its top."""
    size = style.fontSize
    widest = stringWidth(f"{count}.", number_font, size)
    dedent = max(size * 1.6, widest + size * 0.4)
    return ListFlowable(
        [ListItem(_item(item, style)) for item in items],
        bulletType="1",
        bulletFormat="%s.",
        start=start,
        bulletFontName=number_font,
        bulletFontSize=size,
        leftIndent=dedent + size * 0.2,
        bulletDedent=dedent,
    )


def bulleted_list(items: list[str | Flowable], style: ParagraphStyle, glyph: str) -> Flowable:
    """Document lists (the handout): each item (as for `numbered_list`) after `glyph`,
    in the style's font."""
    size = style.fontSize
    return ListFlowable(
        [ListItem(_item(item, style), value=glyph) for item in items],
        bulletType="bullet",
        start=glyph,
        bulletFontName=style.fontName,
        bulletFontSize=size,
        leftIndent=size * 1.8,
        bulletDedent=size * 1.6,
    )
