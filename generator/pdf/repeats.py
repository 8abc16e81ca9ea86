"""Decoration that one PDF draws many times over, exactly alike (a study card's running
head on every card of its section, the crop marks at the same place on every sheet,
the calibration bar on every sheet after the first): drawn once through ReportLab, then
its operators written again, as ReportLab's own `showPage` does with the page's crop
marks. The bytes are those of drawing it again.

A drawing is repeated only when nothing but its operators came of it: no marked
content (its marked-content ids are the page's own), no picture or form (a page lists
those it uses), no link, and the canvas's state left as it found it. Otherwise, and
when the canvas's state differs from the one it was first drawn in, it is drawn again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from operator import itemgetter
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from generator.pdf.tags import recorder

UNWRITTEN = {"_currentMatrix", "_extgstate"}
"""Canvas state no operator depends on (where the drawing is placed on the page: it is
compared apart) or that is no plain value."""
_WRITTEN = itemgetter(*(name for name in Canvas.STATE_ATTRIBUTES if name not in UNWRITTEN))
"""The rest of the state ReportLab keeps, read from a canvas's attributes in one call."""


def _state(canvas: Canvas) -> tuple[Any, ...]:
    """What the operators of a drawing may depend on, or leave changed: the graphics
    state ReportLab keeps, less the placement."""
    return (
        _WRITTEN(canvas.__dict__),
        tuple(sorted(canvas._extgstate._d.items())),
        len(canvas.state_stack),
    )


def _page_lists(canvas: Canvas) -> tuple[int, ...]:
    """What a page records of what is drawn on it besides operators."""
    tags = recorder(canvas)
    marks = 0 if tags is None else len(tags.pages.get(canvas.getPageNumber() - 1, ()))
    return (
        marks,
        len(canvas._formsinuse),
        len(canvas._annotationrefs),
        len(canvas._colorsUsed),
        len(canvas._shadingUsed),
    )


class Repeats:
    """The drawings on `canvas` kept for repeating, by the caller's key: a key names one
    drawing, the same every time it is drawn."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self._drawn: dict[Hashable, tuple[tuple[Any, ...], list[str]]] = {}

    def draw(self, key: Hashable, draw: Callable[[Canvas], None]) -> None:
        """What `draw(canvas)` draws, drawn or (when it was drawn before, in the same
        state, and nothing but operators came of it) its operators written again."""
        canvas = self.canvas
        state = _state(canvas)
        kept = self._drawn.get(key)
        if kept is not None and kept[0] == state:
            canvas._code.extend(kept[1])
            return
        lists, start, placed = _page_lists(canvas), len(canvas._code), canvas._currentMatrix
        draw(canvas)
        if (_page_lists(canvas), _state(canvas), canvas._currentMatrix) == (lists, state, placed):
            self._drawn[key] = (state, canvas._code[start:])
