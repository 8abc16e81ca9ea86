"""Draw a fitted card onto a canvas. The card PDF and the print sheet both call
`draw_piece`, so there is one way a card is drawn."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfdoc import ViewerPreferencesPDFDictionary
from reportlab.pdfgen.canvas import Canvas

from generator.exporters.pocket_card_content import FONT
from generator.exporters.pocket_card_fit import Block, CardPlan, draw_blocks
from generator.exporters.pocket_card_geometry import CARD_SIZES, PANEL_PADDING, unit_size
from generator.model import CardLayout, Topic
from generator.options import BuildOptions
from generator.pdf_support import document_info, fixed_time_canvas, register_fonts

FOLD_LINE = HexColor("#8a8a8a")


def open_canvas(
    out_path: Path, topic: Topic, options: BuildOptions, subject: str, pagesize: tuple[float, float]
) -> Canvas:
    """A canvas with our metadata and fixed dates, whose initial font is DejaVu (the
    canvas default, Helvetica, would otherwise appear in every page's preamble)."""
    register_fonts()
    info = document_info(topic, subject=subject)
    canvas = fixed_time_canvas(options.build_time(topic))(
        str(out_path),
        pagesize=pagesize,
        lang=info["lang"],
        initialFontName=FONT.regular,
        initialFontSize=8,
        initialLeading=9.6,
    )
    canvas.setTitle(info["title"])
    canvas.setSubject(info["subject"])
    canvas.setAuthor(info["author"])
    canvas.setCreator(info["creator"])
    canvas.setProducer(info["producer"])
    canvas.setKeywords(info["keywords"])
    assert "DisplayDocTitle" in ViewerPreferencesPDFDictionary.validate
    canvas.setViewerPreference("DisplayDocTitle", "true" if info["displayDocTitle"] else "false")
    return canvas


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
    _draw_panel(canvas, front, height)
    canvas.saveState()
    canvas.translate(width, 0)
    _draw_panel(canvas, back, height)
    canvas.restoreState()
    canvas.saveState()
    canvas.setStrokeColor(FOLD_LINE)
    canvas.setLineWidth(0.5)
    canvas.setDash(3, 3)
    canvas.line(width, 0, width, height)
    canvas.restoreState()


def _draw_panel(canvas: Canvas, blocks: list[Block], height: float) -> None:
    draw_blocks(canvas, blocks, PANEL_PADDING, height - PANEL_PADDING)
