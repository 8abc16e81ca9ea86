"""Pocket card PDFs: the card itself (trim size) and a print sheet of cards.

The card shows the title, the steps, the checklist (and any facts) and the warnings,
each section whose `on_card` is true, in the topic's order. They split between the
front and the back (between two sections, or inside one between its items, where the
faces come out most even: docs/card-layout.md) at the largest body size that fits (8 pt
at least; warnings 9 pt bold at least), found by measuring paragraphs, never by
shrinking or clipping.
Pictures the topic asks for go beside their items where the text leaves room
(`pictures.py`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from generator.errors import ExportError
from generator.exporters.pocket_card.content import card_text
from generator.exporters.pocket_card.draw import draw_piece, pieces
from generator.exporters.pocket_card.fit import CardPlan, fit_card, fit_smallest
from generator.exporters.pocket_card.geometry import SIZE_NAMES
from generator.exporters.pocket_card.pictures import place_pictures
from generator.exporters.pocket_card.sheet import draw_sheet
from generator.exporters.pocket_card.styles import FONT
from generator.labels import Labels, labels_for
from generator.model import CardLayout, CardSize, Clinic, Topic
from generator.options import BuildOptions
from generator.pdf.document import open_canvas
from generator.pdf.imposition import sheet_grid
from generator.pdf.writing import printing


def plan_card(topic: Topic, options: BuildOptions) -> CardPlan:
    """Check the glyphs of every text the PDFs print, then fit the card's text at the
    size and layout asked for, set as its language writes."""
    with printing(topic, options.clinic):
        size, layout = options.card_size_for(topic), options.card_layout_for(topic)
        return _plan(topic, size, layout, options.clinic, labels_for(topic))


@lru_cache(maxsize=2)
def _plan(
    topic: Topic, size: CardSize, layout: CardLayout, clinic: Clinic | None, labels: Labels
) -> CardPlan:
    # Cached: the card and its print sheet are exported one after the other from the
    # same topic, and fitting (measuring every paragraph at each candidate size) is
    # most of their cost. Topic is frozen, so an equal topic gives an equal plan, with
    # the same `labels` (a new object once a catalogue is edited).
    text = card_text(topic, clinic)
    plain = text.with_boxes({})  # readable text first: fitted without pictures
    if size is CardSize.AUTO:
        plan = fit_smallest(plain, layout, topic)
    else:
        plan = fit_card(plain, size, layout, topic)
    return place_pictures(text, plan, topic)


def card_notes(topic: Topic, options: BuildOptions) -> list[str]:
    """Warnings about the card just made: pictures left off for want of room."""
    return list(plan_card(topic, options).notes)


def export_card(topic: Topic, out_path: Path, options: BuildOptions) -> Path:
    """Write the card at trim size: two pages (front, back) or one fold-over page."""
    plan = plan_card(topic, options)
    sizes = pieces(plan)
    canvas = _open(out_path, topic, options, "pdf.card", sizes[0])
    with printing(topic, options.clinic):
        for index, size in enumerate(sizes):
            canvas.setPageSize(size)
            draw_piece(canvas, plan, index)
            canvas.showPage()
    canvas.save()
    return out_path


def export_sheet(topic: Topic, out_path: Path, options: BuildOptions) -> Path:
    """Write a sheet of cards on the topic's paper, with crop marks, ready to cut."""
    plan = plan_card(topic, options)
    paper = options.paper_for(topic)
    grid = sheet_grid(paper, pieces(plan)[0])
    if grid.count == 0:
        raise ExportError(
            f"{topic.where('pocket_card')}: the {SIZE_NAMES[plan.size]} {plan.layout.value} "
            f"card does not fit on {paper.value} paper inside the 0.25 in margin "
            "(use --card-layout two-sided or a smaller --card-size)"
        )
    canvas = _open(out_path, topic, options, "pdf.sheet", grid.page)
    with printing(topic, options.clinic):
        draw_sheet(canvas, plan, grid, labels_for(topic))
    canvas.save()
    return out_path


def _open(
    out_path: Path, topic: Topic, options: BuildOptions, subject: str, size: tuple[float, float]
) -> Canvas:
    return open_canvas(
        out_path, topic, subject, size, build_time=options.build_time(topic), font=FONT.regular
    )
