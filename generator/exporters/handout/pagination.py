"""Where the handout PDF's warnings box goes: on page 1, so that whoever reads only the
front page (or is handed only page 1) sees the signs that need care right away.

The rule: the box stays where the author put it when it prints whole on page 1 there;
else it moves up, to the latest place between sections (but never after where the
author put it) where it still prints whole on page 1; when it fits whole nowhere on
page 1, to the latest place where at least its urgent group ("Get care right away")
fits, and the rest of the box follows (continued on page 2, between two signs). When
even that fits nowhere, it starts right after the main message. The sections keep
their order around it. A box that already prints whole on page 1 is never moved.

The pages are found by laying the handout out, not by estimate: one layout in the
authored order, and, when the box must move, one more with the box where that layout
says it fits (checked again on the layout itself). `PageMark`s, flowables that take
no room, record where the frame reached them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Spacer

from generator.pdf.measuring import TALL

FUZZ = 1e-3
"""ReportLab's own tolerance for text that reaches the foot of a frame."""


class PageMark(Flowable):  # type: ignore[misc]
    """Takes no room and draws nothing: remembers the page (from 1) and the height on
    it (from the page's foot) at which the frame reached it."""

    _ZEROSIZE = True  # placed even where the frame has no room left
    DRAWN_WHEN_MEASURED = True  # `pdf.measuring`: where it lands is what it is for

    def __init__(self) -> None:
        super().__init__()
        self.page: int | None = None
        self.y = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        self.page, self.y = canvas.getPageNumber(), y


@dataclass(frozen=True)
class Placement:
    """Where the warnings box goes: before the topic's section at index `before` (its
    own index where the author put it), kept whole or only its urgent group."""

    before: int
    whole: bool = True


@dataclass(frozen=True)
class WarningsBox:
    """The warnings section drawn as its box, `space` below what precedes it; its
    first `urgent_rows` rows are the urgent group (0: it has none)."""

    box: Flowable
    space: float
    urgent_rows: int

    def flowables(self, whole: bool) -> list[Flowable]:
        return [Spacer(0, self.space), KeepTogether([self.box]) if whole else self.box]

    def need(self, width: float, whole: bool) -> float | None:
        """The height it needs below a place between sections, whole or up to the end
        of its urgent group; None for the urgent group of a box that has none."""
        self.box.wrap(width, TALL)
        heights: list[float] = self.box._rowHeights
        if whole:
            return self.space + sum(heights)
        return self.space + sum(heights[: self.urgent_rows]) if self.urgent_rows else None


Where = tuple[int | None, float]
"""Where a mark was reached: its page (None: never) and its height on it."""


@dataclass(frozen=True)
class Marks:
    """The marks of one story: one before each section (by the section's index in
    the topic; the warnings section's is before its box), one after the box and one
    at the end; and one after each block of the story (each flowable it is made of),
    in its order: where each block ends."""

    before: list[PageMark]
    after_box: PageMark
    end: PageMark
    blocks: list[PageMark] = field(default_factory=list)

    def where(self) -> list[Where]:
        """The page and height of every mark: before each section, after the box, at
        the end, then after each block."""
        marks = [*self.before, self.after_box, self.end, *self.blocks]
        return [(mark.page, round(mark.y, 3)) for mark in marks]


@dataclass(frozen=True)
class Laid:
    """One layout of the handout, measured (`pdf.measuring`): its marks, the warnings
    box in it, and how to draw it (the PDF, and where its marks were when drawn)."""

    marks: Marks
    measured: list[Where]
    """`marks.where()`, as measured."""
    box: WarningsBox | None
    area: tuple[float, float]
    """The heights of the foot and of the top of a page's text."""
    draw: Callable[[], tuple[bytes, list[Where]]]

    @property
    def pages(self) -> int:
        return self.marks.end.page or 0


def arranged(
    head: list[Flowable],
    sections: list[list[Flowable]],
    box: tuple[int, WarningsBox] | None,
    placement: Placement,
) -> tuple[list[Flowable], Marks]:
    """The story: `head`, then the sections in order, with the warnings `box` (the
    section's index and its box; its entry in `sections` is unused) moved before
    section `placement.before`; and the marks in it."""
    marks = Marks([PageMark() for _ in sections], PageMark(), PageMark())
    story = list(head)
    order = list(range(len(sections)))
    if box is not None:
        order.remove(box[0])
        order.insert(placement.before, box[0])
    for number in order:
        story.append(marks.before[number])
        if box is not None and number == box[0]:
            story += [*box[1].flowables(placement.whole), marks.after_box]
        else:
            story += sections[number]
    woven: list[Flowable] = []
    for flowable in story:
        woven.append(flowable)
        if not isinstance(flowable, PageMark):
            marks.blocks.append(PageMark())
            woven.append(marks.blocks[-1])
    return [*woven, marks.end], marks


def warnings_on_first_page(
    lay_out: Callable[[Placement, bool], Laid], warnings: int | None, width: float, bottom: float
) -> Laid:
    """The layout `lay_out` makes with the box of section `warnings` (None: no box) where
    the module's rule puts it. `width` is the frame's text width, `bottom` the height
    of its foot on the page. `lay_out(placement, True)` is a trial: it may stop at the
    end of page 1 when the box does not end there (then another layout follows)."""
    authored = lay_out(Placement(warnings or 0), True)
    if warnings is None or authored.box is None or authored.marks.after_box.page == 1:
        return authored
    for whole in (True, False):
        need = authored.box.need(width, whole)
        if need is None:
            continue
        places = [
            place
            for place, mark in enumerate(authored.marks.before[: warnings + 1])
            if mark.page == 1 and mark.y - need >= bottom - FUZZ
        ]
        for place in reversed(places[-2:]):  # the latest place, or the one above it
            laid = lay_out(Placement(place, whole), False)
            start = laid.marks.before[warnings]
            if whole and laid.marks.after_box.page == 1:
                return laid
            if not whole and start.page == 1 and start.y - need >= bottom - FUZZ:
                return laid  # the box splits between rows, after as many as fit
    return lay_out(Placement(0, whole=False), False)
