"""Printable study cards: question on the front, answer on the back, as many cards as
fit on Letter or A4, each page of fronts followed by its page of backs, placed for
long-edge duplex so every answer prints behind its question. Crop marks and the
calibration bar come from `generator.pdf.imposition`, as on the pocket card sheet.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from generator.errors import ExportError
from generator.exporters.study_cards.content import StudyCard, study_cards
from generator.exporters.study_cards.layout import (
    FONT,
    MIN_SIZE,
    STUDY_CARD_SIZES,
    Picture,
    Side,
    draw_side,
    fit_back,
    fit_front,
    header,
    inner,
    load_picture,
)
from generator.labels import Labels, labels_for, translation_note
from generator.model import FlashcardKind, Topic
from generator.options import BuildOptions
from generator.pdf.document import open_canvas
from generator.pdf.imposition import (
    FooterText,
    Placement,
    SheetGrid,
    calibration_footer,
    crop_marks,
    place_back,
    place_front,
    sheet_grid,
)
from generator.pdf.repeats import Repeats
from generator.pdf.tags import Tag
from generator.pdf.writing import printing

SIZE_NAMES = {"index": "index (5 x 3 in)", "a7": "A7"}


def export(topic: Topic, out_path: Path, options: BuildOptions) -> Path:
    """Write the topic's study cards, fronts and backs, to `out_path`, set as its
    language writes."""
    with printing(topic, options.clinic):
        return _export(topic, out_path, options)


def _export(topic: Topic, out_path: Path, options: BuildOptions) -> Path:
    labels = labels_for(topic)
    card_size = STUDY_CARD_SIZES[options.study_card_size]
    sides = lay_out(topic, study_cards(topic, labels), card_size, options, labels)
    grid = sheet_grid(options.paper_for(topic), card_size)
    footer = FooterText(
        labels("sheet.calibration"),
        labels("sheet.actual_size"),
        labels("sheet.two_sided"),
        translation_note(topic, labels),
        labels.lang_of("sheet.actual_size"),
    )
    canvas = open_canvas(
        out_path,
        topic,
        "pdf.study_cards",
        grid.page,
        build_time=options.build_time(topic),
        font=FONT.regular,
    )
    cards = [Tag("Div") for _ in sides]  # a card's question and answer, read together
    repeats = Repeats(canvas)  # running heads, crop marks and the footer: alike on every sheet
    for start in range(0, max(len(sides), 1), grid.count):
        sheet = list(zip(sides[start : start + grid.count], cards[start:], strict=False))
        places = grid.placements()[: len(sheet)]
        repeats.draw("footer", partial(_footer, grid, footer))
        for place, ((front, _), card) in zip(places, sheet, strict=True):
            draw = partial(draw_side, front, card_size, card, repeats)
            place_front(canvas, draw, place, grid)
            repeats.draw((place, False), partial(_marks, place, grid, False))
        canvas.showPage()
        for place, ((_, back), card) in zip(places, sheet, strict=True):
            draw = partial(draw_side, back, card_size, card, repeats)
            place_back(canvas, draw, place, grid)
            repeats.draw((place, True), partial(_marks, place, grid, True))
        canvas.showPage()
    canvas.save()
    return out_path


def _footer(grid: SheetGrid, footer: FooterText, canvas: Canvas) -> None:
    calibration_footer(canvas, grid, footer, FONT.regular, FONT.bold)


def _marks(place: Placement, grid: SheetGrid, mirrored: bool, canvas: Canvas) -> None:
    crop_marks(canvas, place, grid, mirrored=mirrored)


def lay_out(
    topic: Topic,
    cards: list[StudyCard],
    card_size: tuple[float, float],
    options: BuildOptions,
    labels: Labels,
) -> list[tuple[Side, Side]]:
    """Each card's front and back, fitted; every card that cannot fit is reported
    at once, by flashcard."""
    problems: list[str] = []
    sides: list[tuple[Side, Side]] = []
    pictures: dict[int, Picture | None] = {}
    heads: dict[str, Paragraph] = {}  # the running head, made and wrapped once a section
    size_name = SIZE_NAMES[options.study_card_size.value]
    for card in cards:
        if card.index not in pictures:
            pictures[card.index] = _picture(card, labels)
        if card.section not in heads:
            heads[card.section] = header(topic.title, card.section, inner(card_size)[0])
        head = heads[card.section]
        front = fit_front(card, head, card_size)
        back = fit_back(card, head, card_size, pictures[card.index])
        for name, fitted in (("question", front), ("answer", back)):
            if not isinstance(fitted, Side):
                problems.append(_too_tall(topic, card, name, fitted, size_name))
        if isinstance(front, Side) and isinstance(back, Side):
            sides.append((front, back))
    if problems:
        raise ExportError("\n".join(dict.fromkeys(problems)))
    return sides


def _too_tall(topic: Topic, card: StudyCard, side: str, over: float, size_name: str) -> str:
    flashcard = topic.flashcards[card.index]
    if flashcard.kind is FlashcardKind.CLOZE:
        key = "cloze"
    else:
        key = "front" if side == "question" else "back"
    fix = "shorten it" if side == "question" else "shorten the answer, its extra or its picture"
    return (
        f"{topic.where(f'{card.field}.{key}')}: flashcard '{card.flashcard_id}': the {side} "
        f"side is {over:.0f} pt too tall for an {size_name} study card at {MIN_SIZE:.0f} pt "
        f"({fix}, or use --study-card-size with a larger card)"
    )


def _picture(card: StudyCard, labels: Labels) -> Picture | None:
    if card.image is None:
        return None
    return load_picture(card.image, labels)
