"""How tightly the handout PDF is set: the fewest pages its content needs at its body
size, found by laying it out, as the pocket card finds its text size.

The body size never changes and nothing is left out. What gives, within set bounds,
is the room around the text: how tall a picture beside an item may be (from 4.5 down
to 3 times the body size), the space between paragraphs, items and sections (down to
70% of the normal) and, last, the page's margins (from 0.6 to 0.5 in). The handout
is laid out at its roomiest; when its tightest setting needs fewer pages, it takes
the roomiest setting that needs no more than the tightest, so no room is taken that
saves no page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from io import BytesIO
from math import ceil

from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether

from generator.exporters.handout.pagination import FUZZ, Laid
from generator.pdf.measuring import TALL

MARGIN = 0.6 * inch
"""The page's margins as designed (0.6 in)."""
NARROW_MARGIN = 0.5 * inch
"""The narrowest margins (0.5 in, a word processor's 'narrow'), well inside what any
printer prints to."""


@dataclass(frozen=True)
class Fit:
    """One setting of the room around the text."""

    picture: float
    """A picture beside an item fits in this many times the body size down (and in
    `PICTURE_WIDTH` across: its caption keeps its width)."""
    spacing: float
    """The space before and after paragraphs, list items and headings, as a share of
    the normal."""
    margin: float = MARGIN
    """The page's margins, in points."""


FITS = (Fit(4.5, 1.0), Fit(3.75, 0.85), Fit(3.0, 0.7), Fit(3.0, 0.7, NARROW_MARGIN))
"""From the roomiest, the handout as designed, to the tightest allowed."""


def fewest_pages(lay_out: Callable[[Fit], Laid], least_pages: Callable[[Fit], int]) -> Laid:
    """The layout of the roomiest `Fit` that needs no more pages than the tightest.
    The tightest is not laid out when even its text, with no space and no page break
    left over (`least_pages`), fills as many pages as the roomiest layout has."""
    roomiest = lay_out(FITS[0])
    if roomiest.pages <= 1 or least_pages(FITS[-1]) >= roomiest.pages:
        return roomiest
    tightest = lay_out(FITS[-1])
    if tightest.pages >= roomiest.pages:
        return roomiest
    for fit in FITS[1:-1]:
        laid = lay_out(fit)
        if laid.pages <= tightest.pages:
            return laid
    return tightest


def content_pages(flowables: Sequence[Flowable], width: float, page_height: float) -> int:
    """The fewest pages of `page_height` that `flowables`, wrapped at `width`, could
    fill: their heights alone, no space between them and none lost at a page's foot.
    A lower bound: no layout of them needs fewer."""
    return max(1, ceil(stacked_height(flowables, width) / page_height - FUZZ))


def stacked_height(flowables: Sequence[Flowable], width: float) -> float:
    """The heights of `flowables` wrapped at `width`, added up (no space between)."""
    canvas = Canvas(BytesIO())  # a list wraps its items on a canvas; never saved
    return sum(_height(flowable, canvas, width) for flowable in flowables)


def _height(flowable: Flowable, canvas: Canvas, width: float) -> float:
    """`flowable`'s height at `width`; a `KeepTogether`'s its parts' (its own `wrap`
    answers a huge height to make the frame split it)."""
    if isinstance(flowable, KeepTogether):
        return sum(_height(part, canvas, width) for part in flowable._content)
    return float(flowable.wrapOn(canvas, width, TALL)[1])
