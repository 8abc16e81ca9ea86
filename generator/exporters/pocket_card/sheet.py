"""The print sheet: as many cards as fit on Letter or A4, crop marks outside the
trim, backs mirrored for long-edge duplex, a 50 mm calibration bar.

Each piece of the card is drawn once into a Form XObject by `draw_piece` and then
placed on the sheet as many times as fit.
"""

from __future__ import annotations

from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from generator.exporters.pocket_card.content import FONT
from generator.exporters.pocket_card.draw import draw_piece, pieces
from generator.exporters.pocket_card.fit import CardPlan
from generator.exporters.pocket_card.geometry import (
    MARK_LENGTH,
    MARK_OFFSET,
    SAFE_MARGIN,
    Placement,
    SheetGrid,
)
from generator.labels import Labels
from generator.model import CardLayout
from generator.pdf.palette import INK

CALIBRATION_LENGTH = 50 * mm
NOTE_SIZE = 8.0


def draw_sheet(canvas: Canvas, plan: CardPlan, grid: SheetGrid, labels: Labels) -> None:
    """Every page of the sheet: fronts (and folds), then mirrored backs."""
    sizes = pieces(plan)
    for index, (width, height) in enumerate(sizes):
        name = f"piece{index}"
        canvas.beginForm(name, lowerx=0, lowery=0, upperx=width, uppery=height)
        draw_piece(canvas, plan, index)
        canvas.endForm()
    page_width = grid.page[0]
    for index in range(len(sizes)):
        canvas.setPageSize(grid.page)
        for place in grid.placements():
            if index == 1:
                place_back(canvas, f"piece{index}", place, grid, page_width)
            else:
                place_front(canvas, f"piece{index}", place, grid)
            crop_marks(canvas, place, grid, mirrored=index == 1)
        if index == 0:
            footer(canvas, plan, grid, labels)
        canvas.showPage()


def place_front(canvas: Canvas, form: str, place: Placement, grid: SheetGrid) -> None:
    _, height = grid.unit
    canvas.saveState()
    if place.rotated:  # turned a quarter left: (u, v) -> (x + H - v, y + u)
        canvas.translate(place.x + height, place.y)
        canvas.rotate(90)
    else:
        canvas.translate(place.x, place.y)
    canvas.doForm(form)
    canvas.restoreState()


def place_back(
    canvas: Canvas, form: str, place: Placement, grid: SheetGrid, page_width: float
) -> None:
    """The back of the card at `place`, so that after a long-edge flip it lies behind
    its front, the right way up when the card is turned over side to side."""
    width, height = grid.unit
    footprint_w = height if place.rotated else width
    x = page_width - place.x - footprint_w
    canvas.saveState()
    if place.rotated:  # (u, v) -> (x + v, y + W - u): a quarter right
        canvas.translate(x, place.y + width)
        canvas.rotate(-90)
    else:
        canvas.translate(x, place.y)
    canvas.doForm(form)
    canvas.restoreState()


def crop_marks(canvas: Canvas, place: Placement, grid: SheetGrid, *, mirrored: bool) -> None:
    """Short lines continuing each trim edge, starting MARK_OFFSET outside the card."""
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


def footer(canvas: Canvas, plan: CardPlan, grid: SheetGrid, labels: Labels) -> None:
    """The 50 mm calibration bar and how to print, cut and fold: along the bottom of
    the safe area, or reading upwards along its right edge."""
    x, y = 0.0, 6.0
    canvas.saveState()
    if grid.footer_beside:
        canvas.translate(grid.page[0] - SAFE_MARGIN, SAFE_MARGIN)
        canvas.rotate(90)
    else:
        canvas.translate(SAFE_MARGIN, SAFE_MARGIN)
    canvas.setFillColor(INK)
    canvas.setStrokeColor(INK)
    canvas.rect(x, y, CALIBRATION_LENGTH, 3, stroke=0, fill=1)
    canvas.setLineWidth(0.5)
    for tick in range(6):
        tick_x = x + tick * 10 * mm
        canvas.line(tick_x, y, tick_x, y + (7 if tick in (0, 5) else 5))
    canvas.setFont(FONT.regular, NOTE_SIZE)
    canvas.drawString(x, y + 10, labels("sheet.calibration"))
    canvas.setFont(FONT.bold, NOTE_SIZE)
    text_x = x + CALIBRATION_LENGTH + 12
    canvas.drawString(text_x, y + 10, labels("sheet.actual_size"))
    canvas.setFont(FONT.regular, NOTE_SIZE)
    fold_over = plan.layout is CardLayout.FOLD_OVER
    canvas.drawString(text_x, y, labels("sheet.fold_over" if fold_over else "sheet.two_sided"))
    canvas.restoreState()
