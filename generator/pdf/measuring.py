"""Laying a story out without drawing it: where its flowables land on which page, at
the cost of wrapping and splitting them alone.

A document that tries several layouts to choose one (the handout's fitting) measures
each with `measure` and draws only the one it keeps. ReportLab places a flowable by
its `wrap` and `split` and only then draws it, so a layout measured here breaks its
pages where the drawn one does; a flowable that must know where it landed (a page
mark) says so with `DRAWN_WHEN_MEASURED` and is drawn, on a canvas that is never
saved.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from contextlib import suppress
from io import BytesIO
from typing import IO, Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

TALL = 1e6
"""The height offered to a flowable's `wrap` when it is only measured: more than any
page or card, so that it answers the height it needs."""


def one_frame_document(
    out: IO[bytes],
    pagesize: tuple[float, float],
    *,
    margin: float,
    bottom_margin: float,
    frame: type[Frame] | None = None,
    **info: Any,
) -> BaseDocTemplate:
    """A document of pages of `pagesize` with one frame inside `margin` (and
    `bottom_margin` at the foot), as `SimpleDocTemplate` makes it, the frame a
    `LayoutFrame` (or `frame`); `info` is the document's metadata. What `measure`
    lays out and what the handout draws (the same pages)."""
    doc = BaseDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=bottom_margin,
        **info,
    )
    made = (frame or LayoutFrame)(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="normal"
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[made], pagesize=pagesize)])
    return doc


def measure(
    story: list[Flowable],
    pagesize: tuple[float, float],
    *,
    margin: float,
    bottom_margin: float,
    enough: Callable[[int], bool] | None = None,
) -> None:
    """Lay `story` out in a `one_frame_document`, drawing nothing but what asks to be
    (`DRAWN_WHEN_MEASURED`). `enough(pages)` is asked as each page ends: when it says
    the pages so far are enough, the rest is not laid out."""
    doc = one_frame_document(
        BytesIO(), pagesize, margin=margin, bottom_margin=bottom_margin, frame=_MeasuringFrame
    )

    def counting(*args: Any, **kwargs: Any) -> _UnsavedCanvas:
        return _UnsavedCanvas(*args, enough=enough, **kwargs)

    with suppress(_Enough):
        doc.build(story, canvasmaker=counting)


class LayoutFrame(Frame):  # type: ignore[misc]
    """ReportLab's frame, copied for less: a list, a table or a kept block that
    measures its parts deep-copies the document's frame each time
    (`flowables._listWrapOn`, about 100 times a handout), and a frame holds numbers,
    its id and a list of backgrounds; so the numbers and the id are shared, the rest
    copied deep, as before."""

    def __deepcopy__(self, memo: dict[int, Any]) -> LayoutFrame:
        made: LayoutFrame = copy.copy(self)
        for name, value in vars(self).items():
            if not isinstance(value, (int, float, str)):
                setattr(made, name, copy.deepcopy(value, memo))
        return made


class _MeasuringFrame(LayoutFrame):
    """A frame that places flowables as any frame does but does not draw them."""

    def add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        if getattr(flowable, "DRAWN_WHEN_MEASURED", False) or "drawOn" in vars(flowable):
            return int(super().add(flowable, canv, trySplit))
        flowable.drawOn = _not_drawn  # the frame's call to draw it, and only that one
        try:
            return int(super().add(flowable, canv, trySplit))
        finally:
            del flowable.drawOn


def _not_drawn(*args: Any, **kwargs: Any) -> None:
    """In place of a measured flowable's `drawOn`."""


class _Enough(Exception):
    """The pages laid out are all the measure was asked for."""


class _UnsavedCanvas(Canvas):  # type: ignore[misc]
    """Where a measured layout's pages are counted: nothing on it is ever written."""

    def __init__(self, *args: Any, enough: Callable[[int], bool] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enough = enough

    def showPage(self) -> None:
        if self.enough is not None and self.enough(self.getPageNumber()):
            raise _Enough
        super().showPage()

    def save(self) -> None:
        pass
