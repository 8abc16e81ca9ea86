"""Lists of items with a mark before each: numbers, bullets or tick boxes, tagged as
a reader expects: the list `L`, each item `LI` with its mark in `Lbl` and its text in
`LBody`."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, ListItem

from generator.pdf.tagged import MarkedParagraph, TaggedList, TaggedParagraph
from generator.pdf.tags import Tag, child
from generator.pdf.writing import current

ItemContent = str | Callable[[Tag], Flowable]
"""A list item's content: paragraph markup, or a maker of the flowable drawn for it (a
picture beside its text, say), given the item's `LBody` tag to put its parts under."""


def item_tags(parent: Tag | None) -> tuple[Tag, Tag]:
    """A new list item under list `parent`: the tags of its mark and of its body."""
    item = child(parent, "LI")
    return child(item, "Lbl"), child(item, "LBody")


def hanging_list(
    markups: list[str], marks: list[str], style: ParagraphStyle, tag: Tag | None = None
) -> list[Flowable]:
    """Compact lists (the pocket card): one paragraph per item, its mark hanging at the
    left in a column wide enough for every mark; items of list `tag` (a new list when
    None). ReportLab starts a marked first line at least 0.6 em after its mark; with a
    smaller gap, the lines below the first would start left of it."""
    gap = style.bulletFontSize * 0.6
    indent = max(stringWidth(m, style.bulletFontName, style.fontSize) for m in marks) + gap
    hanging = ParagraphStyle(f"{style.name}-item", parent=style, leftIndent=indent, bulletIndent=0)
    tag = tag or Tag("L")
    items = []
    for markup, mark in zip(markups, marks, strict=True):
        label, body = item_tags(tag)
        items.append(MarkedParagraph(markup, hanging, bulletText=mark, tag=body, label=label))
    return items


def _items(
    items: list[ItemContent], style: ParagraphStyle, tag: Tag | None
) -> tuple[list[ListItem], list[Tag]]:
    """The list items of `items` under list `tag`, and the tags of their marks."""
    made, labels = [], []
    for content in items:
        label, body = item_tags(tag)
        labels.append(label)
        if isinstance(content, str):
            made.append(TaggedParagraph(content, style, tag=body))
        else:
            made.append(content(body))
    return made, labels


def numbered_list(
    items: list[ItemContent],
    style: ParagraphStyle,
    number_font: str,
    *,
    count: int,
    start: int = 1,
    tag: Tag | None = None,
) -> Flowable:
    """Document lists (the handout): items `start`, `start` + 1, ... of a list of
    `count` (list `tag`, a new one when None), numbered in `number_font`, the numbers
    given room for the widest. Each item is paragraph markup or a maker of a flowable
    whose first line is at its top."""
    size = style.fontSize
    widest = stringWidth(f"{count}.", number_font, size)
    dedent = max(size * 1.6, widest + size * 0.4)
    made, labels = _items(items, style, tag or Tag("L"))
    return TaggedList(
        [ListItem(item) for item in made],
        labels,
        bulletType="1",
        bulletFormat="%s.",
        start=start,
        bulletFontName=number_font,
        bulletFontSize=size,
        **_sided(dedent + size * 0.2, dedent),
    )


def bulleted_list(
    items: list[ItemContent], style: ParagraphStyle, glyph: str, tag: Tag | None = None
) -> Flowable:
    """Document lists (the handout): each item (as for `numbered_list`) after `glyph`,
    in the style's font."""
    size = style.fontSize
    made, labels = _items(items, style, tag or Tag("L"))
    return TaggedList(
        [ListItem(item, value=glyph) for item in made],
        labels,
        bulletType="bullet",
        start=glyph,
        bulletFontName=style.fontName,
        bulletFontSize=size,
        **_sided(size * 1.8, size * 1.6),
    )


def _sided(indent: float, dedent: float) -> dict[str, object]:
    """A list's indent and where its marks hang: at the left, or at the right (ending
    as far from the edge as they start from it at the left) in right-to-left text."""
    writing = current()
    if writing is not None and writing.right_to_left:
        return {
            "rightIndent": indent,
            "bulletDedent": dedent,
            "bulletDir": "rtl",
            "bulletAlign": "right",
        }
    return {"leftIndent": indent, "bulletDedent": dedent}
