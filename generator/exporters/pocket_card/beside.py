"""A picture on the card, beside the text it illustrates: the text at the left, the
picture (with its caption under it) in a column at the panel's right edge, tops
aligned. The text wraps in the width the picture leaves, and the whole is as tall as
the taller of the two, so the card's list marks stay in line and nothing overlaps.
Which pictures go on the card, and how large, is `pictures.py`'s choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from generator.model import Picture
from generator.pdf.pictures import figure_tag, picture_flowable
from generator.pdf.tagged import TaggedParagraph
from generator.pdf.tags import Tag, child
from generator.pdf.writing import start_side

Box = tuple[float, float]
"""Width and height, in points, that a picture is scaled to fit, its shape kept."""
GAP = 0.5
"""Space between the text and the picture, in body sizes."""
MIN_CAPTION_SIZE = 8.0


@dataclass(frozen=True)
class CardPicture:
    """A picture the topic asks for on the card."""

    picture: Picture
    caption: str | None
    """Markup of its caption."""
    box: Box | None = None
    """The box it is drawn in, once `pictures.py` found room for it; None: not drawn."""


def beside(
    text: list[Flowable], picture: CardPicture | None, style: ParagraphStyle, parent: Tag | None
) -> list[Flowable]:
    """`text` with `picture` beside it, in one flowable, when the picture has a box;
    else `text`. `style` is the body's: the caption is two points smaller, 8 at least.
    The picture is a figure of `parent` (the element of what it illustrates)."""
    if picture is None or picture.box is None:
        return text
    body_size = float(style.fontSize)
    width, height = picture.box
    figure = figure_tag(picture.picture, parent)
    drawn = picture_flowable(picture.picture.drawing, width, height, style.fontName, figure)
    column: list[Flowable] = [drawn]
    column_width, _ = drawn.wrap(width, height)
    if picture.caption is not None:
        size = max(body_size - 2, MIN_CAPTION_SIZE)
        small = ParagraphStyle(
            f"{style.name}-caption",
            parent=style,
            fontSize=size,
            leading=round(size * 1.2, 2),
            alignment=TA_CENTER,
            spaceBefore=2.0,
        )
        column.append(TaggedParagraph(picture.caption, small, tag=child(figure, "Caption")))
        column_width = width  # the whole box: a caption under a narrow picture wraps less
    return [Beside(text, column, column_width, body_size * GAP)]


class Beside(Flowable):  # type: ignore[misc]
    """`text` (flowables stacked as the card stacks them) at the left and `column`
    (a picture and its caption, each centred in `column_width`) at the right edge;
    the other way round in a right-to-left topic."""

    def __init__(
        self, text: Sequence[Flowable], column: Sequence[Flowable], column_width: float, gap: float
    ) -> None:
        super().__init__()
        self.text = list(text)
        self.column = list(column)
        self.column_width = column_width
        self.gap = gap
        self._placed: list[tuple[Flowable, float, float]] = []
        self._taller = False

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        left, text_height = _stacked(self.text, avail_width - self.column_width - self.gap)
        right, column_height = _stacked(self.column, self.column_width)
        self.width, self.height = avail_width, max(text_height, column_height)
        self._taller = column_height > text_height
        text_x, column_x = 0.0, avail_width - self.column_width
        if start_side() == "RIGHT":  # right to left: the text where lines start
            text_x, column_x = self.column_width + self.gap, 0.0
        self._placed = [(f, text_x, bottom) for f, _, bottom in left] + [
            (f, column_x + (self.column_width - width) / 2, bottom) for f, width, bottom in right
        ]
        return self.width, self.height

    def draw(self) -> None:
        for flowable, x, bottom in self._placed:
            flowable.drawOn(self.canv, x, self.height - bottom)

    def getSpaceBefore(self) -> float:
        return float(self.text[0].getSpaceBefore())

    def getSpaceAfter(self) -> float:
        """The text's space after, or the gap when the picture ends lower: what
        follows keeps clear of it."""
        after = float(self.text[-1].getSpaceAfter())
        return max(after, self.gap) if self._taller else after


def _stacked(
    flowables: Sequence[Flowable], width: float
) -> tuple[list[tuple[Flowable, float, float]], float]:
    """Each of `flowables` wrapped to `width`, with its width and the distance from the
    top to its bottom, stacked by the card's rule (`blocks.stack`: between two, the larger
    of the first's space after and the second's before); and the total height."""
    placed, y = [], 0.0
    for n, flowable in enumerate(flowables):
        drawn_width, height = flowable.wrap(width, 1e6)
        if n:
            y += max(flowables[n - 1].getSpaceAfter(), flowable.getSpaceBefore())
        y += height
        placed.append((flowable, drawn_width, y))
    return placed, y
