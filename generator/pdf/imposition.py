"""Print sheets of cut-out cards, shared by every PDF that has them: where pieces go
on Letter or A4, crop marks outside the trim, backs placed for long-edge duplex, and
the 50 mm calibration bar. Pure placement: what a piece shows is drawn by the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import black
from reportlab.lib.units import inch, mm
from reportlab.pdfgen.canvas import Canvas

from generator.options import Paper
from generator.pdf.palette import INK
from generator.pdf.paper import PAPER_SIZES
from generator.pdf.tagged import draw_line
from generator.pdf.tags import Tag, artifact, marked

SAFE_MARGIN = 0.25 * inch
"""Nothing is printed closer than this to the paper's edge."""
MARK_OFFSET = 3.0
"""Gap between the trim and the start of a crop mark."""
MARK_LENGTH = 9.0
MARK_REACH = MARK_OFFSET + MARK_LENGTH
"""How far crop marks reach out from the trim."""
GUTTER = 2 * MARK_REACH
"""Space between neighbouring pieces on the sheet: both pieces' marks fit in it."""
FOOTER_HEIGHT = 40.0
"""Room in the sheet's safe area for the calibration bar and notes: a band along the
bottom, or, when only that fits more pieces, along the right edge."""
CALIBRATION_LENGTH = 50 * mm
NOTE_SIZE = 8.0

Draw = Callable[[Canvas], None]
"""Draws one piece with its lower-left corner at the origin, unrotated."""


@dataclass(frozen=True)
class Placement:
    """One piece on the sheet: its lower-left corner on the page and whether it is
    turned 90 degrees (then it takes height x width of the page)."""

    x: float
    y: float
    rotated: bool


@dataclass(frozen=True)
class SheetGrid:
    """How pieces of one size sit on a sheet: columns, rows, turned or not, and where the
    footer goes (`sheet_grid`)."""

    page: tuple[float, float]
    unit: tuple[float, float]
    """Unrotated size of the piece placed."""
    columns: int
    rows: int
    rotated: bool
    footer_beside: bool = False
    """The footer runs up the right edge instead of along the bottom."""

    @property
    def count(self) -> int:
        return self.columns * self.rows

    @property
    def footprint(self) -> tuple[float, float]:
        """Size on the page of one placed piece."""
        width, height = self.unit
        return (height, width) if self.rotated else (width, height)

    def placements(self) -> list[Placement]:
        """Front placements, row by row from the top, the grid centred across the
        width the footer leaves."""
        page_w, page_h = self.page
        w, h = self.footprint
        grid_w = self.columns * w + (self.columns - 1) * GUTTER
        left = (page_w - (FOOTER_HEIGHT if self.footer_beside else 0) - grid_w) / 2
        top = page_h - SAFE_MARGIN - MARK_REACH
        return [
            Placement(left + c * (w + GUTTER), top - h - r * (h + GUTTER), self.rotated)
            for r in range(self.rows)
            for c in range(self.columns)
        ]


def _fit(length: float, room: float) -> int:
    """How many pieces of `length`, GUTTER apart with marks outside, fit in `room`."""
    return max(0, int((room - 2 * MARK_REACH + GUTTER) // (length + GUTTER)))


def sheet_grid(paper: Paper, unit: tuple[float, float]) -> SheetGrid:
    """The grid that fits most pieces inside the safe margin: upright with the footer
    below, unless turning the pieces or moving the footer beside them fits more."""
    page = PAPER_SIZES[paper]
    width, height = unit
    grids = []
    for beside in (False, True):
        room_w = page[0] - 2 * SAFE_MARGIN - (FOOTER_HEIGHT if beside else 0)
        room_h = page[1] - 2 * SAFE_MARGIN - (0 if beside else FOOTER_HEIGHT)
        for turned in (False, True):
            across, down = (height, width) if turned else (width, height)
            grids.append(
                SheetGrid(page, unit, _fit(across, room_w), _fit(down, room_h), turned, beside)
            )
    return max(grids, key=lambda grid: grid.count)  # the first of the best: fewest changes


def place_front(canvas: Canvas, draw: Draw, place: Placement, grid: SheetGrid) -> None:
    _, height = grid.unit
    canvas.saveState()
    if place.rotated:  # turned a quarter left: (u, v) -> (x + H - v, y + u)
        canvas.translate(place.x + height, place.y)
        canvas.rotate(90)
    else:
        canvas.translate(place.x, place.y)
    draw(canvas)
    canvas.restoreState()


def place_back(canvas: Canvas, draw: Draw, place: Placement, grid: SheetGrid) -> None:
    """The back of the piece at `place`, so that after a long-edge flip it lies behind
    its front, the right way up when the card is turned over side to side."""
    width, height = grid.unit
    footprint_w = height if place.rotated else width
    x = grid.page[0] - place.x - footprint_w
    canvas.saveState()
    if place.rotated:  # (u, v) -> (x + v, y + W - u): a quarter right
        canvas.translate(x, place.y + width)
        canvas.rotate(-90)
    else:
        canvas.translate(x, place.y)
    draw(canvas)
    canvas.restoreState()


def crop_marks(canvas: Canvas, place: Placement, grid: SheetGrid, *, mirrored: bool) -> None:
    """Short lines continuing each trim edge, starting MARK_OFFSET outside the piece
    (marks of the printed page: artifacts)."""
    with artifact(canvas, "page"):
        _crop_marks(canvas, place, grid, mirrored=mirrored)


def _crop_marks(canvas: Canvas, place: Placement, grid: SheetGrid, *, mirrored: bool) -> None:
    width, height = grid.footprint
    x = grid.page[0] - place.x - width if mirrored else place.x
    y = place.y
    canvas.saveState()
    canvas.setStrokeColor(black)
    canvas.setLineWidth(0.25)
    near, far = MARK_OFFSET, MARK_OFFSET + MARK_LENGTH
    for edge_x in (x, x + width):
        canvas.line(edge_x, y - near, edge_x, y - far)
        canvas.line(edge_x, y + height + near, edge_x, y + height + far)
    for edge_y in (y, y + height):
        canvas.line(x - near, edge_y, x - far, edge_y)
        canvas.line(x + width + near, edge_y, x + width + far, edge_y)
    canvas.restoreState()


@dataclass(frozen=True)
class FooterText:
    """The words beside the calibration bar, from the label catalogue."""

    calibration: str
    """Under the bar: its length."""
    actual_size: str
    """In bold: print at 100%."""
    how_to: str
    """How to print and cut."""
    note: str | None = None
    """A line above the others, such as a translation's note."""
    lang: str | None = None
    """The language of the three labels when it is not the document's (a fallback)."""


def calibration_footer(
    canvas: Canvas, grid: SheetGrid, text: FooterText, font: str, bold: str
) -> None:
    """The 50 mm calibration bar and how to print and cut: along the bottom of the
    safe area, or reading upwards along its right edge. The bar is an artifact; the
    words are text (`P`) the first time they are drawn in a document, then repeats
    (artifacts), so a reader hears them once: draw the first before the pieces."""
    x, y = 0.0, 6.0
    canvas.saveState()
    if grid.footer_beside:
        canvas.translate(grid.page[0] - SAFE_MARGIN, SAFE_MARGIN)
        canvas.rotate(90)
    else:
        canvas.translate(SAFE_MARGIN, SAFE_MARGIN)
    canvas.setFillColor(INK)
    canvas.setStrokeColor(INK)
    with artifact(canvas, "page"):
        canvas.rect(x, y, CALIBRATION_LENGTH, 3, stroke=0, fill=1)
        canvas.setLineWidth(0.5)
        for tick in range(6):
            tick_x = x + tick * 10 * mm
            canvas.line(tick_x, y, tick_x, y + (7 if tick in (0, 5) else 5))
    first = canvas.getPageNumber() == 1
    text_x = x + CALIBRATION_LENGTH + 12
    lines = [
        (x, y + 10, font, text.calibration, text.lang),
        (text_x, y + 10, bold, text.actual_size, text.lang),
        (text_x, y, font, text.how_to, text.lang),
    ]
    if text.note:
        lines.append((text_x, y + 20, font, text.note, None))
    for line_x, line_y, line_font, words, lang in lines:
        with marked(canvas, Tag("P", lang=lang)) if first else artifact(canvas, "page"):
            draw_line(canvas, line_x, line_y, words, line_font, NOTE_SIZE)
    canvas.restoreState()
