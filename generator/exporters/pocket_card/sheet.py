"""The print sheet: as many cards as fit on Letter or A4, crop marks outside the
trim, backs mirrored for long-edge duplex, a 50 mm calibration bar (the imposition
is `generator.pdf.imposition`, shared with the study cards).

Each piece of the card is drawn once into a Form XObject by `draw_piece` and then
placed on the sheet as many times as fit.
"""

from __future__ import annotations

from functools import partial

from reportlab.pdfgen.canvas import Canvas

from generator.exporters.pocket_card.content import FONT
from generator.exporters.pocket_card.draw import draw_piece, pieces
from generator.exporters.pocket_card.fit import CardPlan
from generator.labels import Labels
from generator.model import CardLayout
from generator.pdf.imposition import (
    FooterText,
    SheetGrid,
    calibration_footer,
    crop_marks,
    place_back,
    place_front,
)


def draw_sheet(canvas: Canvas, plan: CardPlan, grid: SheetGrid, labels: Labels) -> None:
    """Every page of the sheet: fronts (and folds), then mirrored backs."""
    sizes = pieces(plan)
    for index, (width, height) in enumerate(sizes):
        name = f"piece{index}"
        canvas.beginForm(name, lowerx=0, lowery=0, upperx=width, uppery=height)
        draw_piece(canvas, plan, index)
        canvas.endForm()
    for index in range(len(sizes)):
        canvas.setPageSize(grid.page)
        draw = partial(_do_form, f"piece{index}")
        for place in grid.placements():
            if index == 1:
                place_back(canvas, draw, place, grid)
            else:
                place_front(canvas, draw, place, grid)
            crop_marks(canvas, place, grid, mirrored=index == 1)
        if index == 0:
            calibration_footer(canvas, grid, footer_text(plan, labels), FONT.regular, FONT.bold)
        canvas.showPage()


def _do_form(name: str, canvas: Canvas) -> None:
    canvas.doForm(name)


def footer_text(plan: CardPlan, labels: Labels) -> FooterText:
    fold_over = plan.layout is CardLayout.FOLD_OVER
    return FooterText(
        labels("sheet.calibration"),
        labels("sheet.actual_size"),
        labels("sheet.fold_over" if fold_over else "sheet.two_sided"),
    )
