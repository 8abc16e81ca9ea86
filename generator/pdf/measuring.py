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

from io import BytesIO
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate


def measure(
    story: list[Flowable],
    pagesize: tuple[float, float],
    *,
    margin: float,
    bottom_margin: float,
) -> None:
    """Lay `story` out on pages of `pagesize` with one frame inside `margin` (and
    `bottom_margin` at the foot), as `SimpleDocTemplate` does, drawing nothing but what
    asks to be (`DRAWN_WHEN_MEASURED`)."""
    doc = BaseDocTemplate(
        BytesIO(),
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=bottom_margin,
    )
    frame = _MeasuringFrame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="normal")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=pagesize)])
    doc.build(story, canvasmaker=_UnsavedCanvas)


class _MeasuringFrame(Frame):  # type: ignore[misc]
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


class _UnsavedCanvas(Canvas):  # type: ignore[misc]
    """Where a measured layout's pages are counted: nothing on it is ever written."""

    def save(self) -> None:
        pass
