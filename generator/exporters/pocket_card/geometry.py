"""Pocket card dimensions and where cards go on a print sheet. Pure arithmetic, in points."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import inch, mm

from generator.model import CardLayout, CardSize
from generator.options import Paper
from generator.pdf.paper import PAPER_SIZES

CARD_SIZES: dict[CardSize, tuple[float, float]] = {
    CardSize.WALLET: (3.5 * inch, 2 * inch),
    CardSize.ID1: (85.6 * mm, 54 * mm),
    CardSize.INDEX: (5 * inch, 3 * inch),
    CardSize.A7: (105 * mm, 74 * mm),
}
"""Trim size (width, height) of one side of a card, landscape."""

SIZE_NAMES: dict[CardSize, str] = {
    CardSize.WALLET: "wallet",
    CardSize.ID1: "ID-1",
    CardSize.INDEX: "index",
    CardSize.A7: "A7",
}

PANEL_PADDING = 0.125 * inch
"""Space between the trim and the text on every side of a panel."""
SAFE_MARGIN = 0.25 * inch
"""Nothing is printed closer than this to the paper's edge."""
MARK_OFFSET = 3.0
"""Gap between the trim and the start of a crop mark."""
MARK_LENGTH = 9.0
MARK_REACH = MARK_OFFSET + MARK_LENGTH
"""How far crop marks reach out from the trim."""
GUTTER = 2 * MARK_REACH
"""Space between neighbouring cards on the sheet: both cards' marks fit in it."""
FOOTER_HEIGHT = 40.0
"""Room in the sheet's safe area for the calibration bar and notes: a band along the
bottom, or, when only that fits more cards, along the right edge."""


def unit_size(size: CardSize, layout: CardLayout) -> tuple[float, float]:
    """Size of the printed piece: one side, or both panels side by side (fold-over)."""
    width, height = CARD_SIZES[size]
    return (2 * width, height) if layout is CardLayout.FOLD_OVER else (width, height)


def larger_size(size: CardSize) -> CardSize | None:
    """The next card size up by area, to suggest when text does not fit."""
    by_area = sorted(CARD_SIZES, key=lambda s: CARD_SIZES[s][0] * CARD_SIZES[s][1])
    index = by_area.index(size)
    return by_area[index + 1] if index + 1 < len(by_area) else None


@dataclass(frozen=True)
class Placement:
    """One card on the sheet: its lower-left corner on the page and whether it is
    turned 90 degrees (then it takes height x width of the page)."""

    x: float
    y: float
    rotated: bool


@dataclass(frozen=True)
class SheetGrid:
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
