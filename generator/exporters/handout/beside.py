"""A picture beside the text it shows, in the handout PDF: a list item's, or a
section's own under its heading."""

from __future__ import annotations

from reportlab.platypus import Flowable

from generator.exporters.handout.styles import Styles, markup
from generator.model import Picture
from generator.pdf.pictures import figure_tag, picture_flowable
from generator.pdf.styles import table_style
from generator.pdf.tagged import TaggedParagraph, TaggedTable
from generator.pdf.tags import Tag, child
from generator.pdf.writing import from_start, start_side

PICTURE_SHARE = 0.3
"""At most this share of the text width goes to a picture beside its item."""
PICTURE_WIDTH = 6.0
"""A picture beside an item fits in this many times the body size across, and in
`Styles.picture` times down (72 x 54 pt at 12 pt, 1 x 3/4 in, as roomy as it gets)."""


def beside(
    picture: Picture, flowable: Flowable, styles: Styles, width: float, parent: Tag
) -> Flowable:
    """`picture` (with its caption under it: a figure of `parent`, the caption its
    `Caption`) where `flowable`'s lines start (its left, or its right in a right-to-left
    topic), in one row that
    never splits across pages and takes the width it is given (a list item's, the
    page's). The picture is at most about an inch wide and four lines tall, and at most
    a share of `width`: enough to see a posture at a glance, little enough that the
    text beside it keeps most of the width and the row gets no taller than its text. A
    caption ends its row with a quarter line of space, so that it reads as the name of
    the picture above it, not of the one below."""
    side = min(width * PICTURE_SHARE, styles.size * PICTURE_WIDTH)
    gap = styles.size * 0.6
    figure = figure_tag(picture, parent)
    height = styles.size * styles.picture
    drawn = picture_flowable(picture.drawing, side, height, styles.body.fontName, figure)
    cell: list[Flowable] = [drawn]
    if picture.caption:
        caption = child(figure, "Caption")
        cell.append(TaggedParagraph(markup(picture.caption), styles.footer, tag=caption))
    row = TaggedTable([from_start([cell, flowable])], colWidths=from_start([side + gap, "*"]))
    column = from_start([0, 1])[0]  # the picture's
    row.hAlign = start_side()
    row.setStyle(  # the table's own font too: ReportLab's default is an unembedded Helvetica
        table_style(
            styles.body.fontName,
            styles.size,
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), start_side()),  # a narrow picture at the start
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                (
                    "BOTTOMPADDING",
                    (column, 0),
                    (column, 0),
                    styles.size * 0.25 if picture.caption else 0,
                ),
            ],
        )
    )
    return row
