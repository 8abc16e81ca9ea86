"""Draw a fitted card onto a canvas. The card PDF and the print sheet both call
`draw_piece`, so there is one way a card is drawn."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from generator.exporters.pocket_card.blocks import Block, draw_blocks
from generator.exporters.pocket_card.fit import CardPlan
from generator.exporters.pocket_card.geometry import CARD_SIZES, PANEL_PADDING, unit_size
from generator.model import CardLayout
from generator.pdf.palette import GUIDE
from generator.pdf.tags import artifact
from generator.pdf.writing import from_start


def pieces(plan: CardPlan) -> list[tuple[float, float]]:
    """Size of each printed piece, in page order: one (fold-over) or two (two-sided)."""
    unit = unit_size(plan.size, plan.layout)
    return [unit] if plan.layout is CardLayout.FOLD_OVER else [unit, unit]


def draw_piece(canvas: Canvas, plan: CardPlan, index: int) -> None:
    """Draw piece `index` of the card with its lower-left corner at the origin."""
    front, back = plan.front, plan.back
    width, height = CARD_SIZES[plan.size]
    if plan.layout is CardLayout.TWO_SIDED:
        _draw_panel(canvas, front if index == 0 else back, height)
        return
    # The front where a reader starts (at the right in a right-to-left topic), drawn
    # first: the drawing order is the tagged reading order.
    front_x, back_x = from_start([0.0, width])
    for blocks, x in ((front, front_x), (back, back_x)):
        canvas.saveState()
        canvas.translate(x, 0)
        _draw_panel(canvas, blocks, height)
        canvas.restoreState()
    with artifact(canvas):  # the fold
        canvas.saveState()
        canvas.setStrokeColor(GUIDE)
        canvas.setLineWidth(0.5)
        canvas.setDash(3, 3)
        canvas.line(width, 0, width, height)
        canvas.restoreState()


def _draw_panel(canvas: Canvas, blocks: list[Block], height: float) -> None:
    draw_blocks(canvas, blocks, PANEL_PADDING, height - PANEL_PADDING)
