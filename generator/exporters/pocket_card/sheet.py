"""The print sheet: as many cards as fit on Letter or A4, crop marks outside the
trim, backs mirrored for long-edge duplex, a 50 mm calibration bar (the imposition
is `generator.pdf.imposition`, shared with the study cards).

Each piece of the card is drawn once into a Form XObject by `draw_piece` and then
placed on the sheet as many times as fit. A reader hears the card once: the first
placement of each piece is drawn as tagged text (the same drawing, not through the
form), the others, the crop marks and the calibration bar are artifacts; the printing
instructions beside the bar are text, read first.
"""

from __future__ import annotations

from functools import partial

from reportlab.pdfgen.canvas import Canvas

from generator.exporters.pocket_card.draw import draw_piece, pieces
from generator.exporters.pocket_card.fit import CardPlan
from generator.exporters.pocket_card.styles import FONT
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
from generator.pdf.tags import artifact


def draw_sheet(canvas: Canvas, plan: CardPlan, grid: SheetGrid, labels: Labels) -> None:
    """Every page of the sheet: fronts (and folds), then mirrored backs."""
    sizes = pieces(plan)
    for index, (width, height) in enumerate(sizes):
        name = f"piece{index}"
        canvas.beginForm(name, lowerx=0, lowery=0, upperx=width, uppery=height)
        with artifact(canvas, "page"):  # every use of the form is a repeat
            draw_piece(canvas, plan, index)
        canvas.endForm()
    for index in range(len(sizes)):
        canvas.setPageSize(grid.page)
        if index == 0:
            calibration_footer(canvas, grid, footer_text(plan, labels), FONT.regular, FONT.bold)
        place = place_back if index == 1 else place_front
        for number, spot in enumerate(grid.placements()):
            if number == 0:  # read once, in the tags
                place(canvas, partial(_draw, plan, index), spot, grid)
            else:
                with artifact(canvas, "page"):
                    place(canvas, partial(_do_form, f"piece{index}"), spot, grid)
            crop_marks(canvas, spot, grid, mirrored=index == 1)
        canvas.showPage()


def _draw(plan: CardPlan, index: int, canvas: Canvas) -> None:
    draw_piece(canvas, plan, index)


def _do_form(name: str, canvas: Canvas) -> None:
    canvas.doForm(name)


def footer_text(plan: CardPlan, labels: Labels) -> FooterText:
    fold_over = plan.layout is CardLayout.FOLD_OVER
    return FooterText(
        labels("sheet.calibration"),
        labels("sheet.actual_size"),
        labels("sheet.fold_over" if fold_over else "sheet.two_sided"),
        lang=labels.lang_of("sheet.actual_size"),
    )
