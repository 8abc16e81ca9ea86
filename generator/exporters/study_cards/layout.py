"""One side of a study card laid out at the largest text size that fits: the
topic title and section heading small at the top, then the question (front) or
the answer, picture and extra (back). Text is never set below MIN_SIZE; a side
that cannot fit is reported, never clipped.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from math import ceil

from markupsafe import escape
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from generator.exporters.study_cards.content import Run, StudyCard
from generator.labels import Labels
from generator.model import FlashcardImage
from generator.options import StudyCardSize
from generator.pdf.fonts import SANS
from generator.pdf.measuring import TALL
from generator.pdf.palette import ACCENT, GUIDE
from generator.pdf.repeats import Repeats
from generator.pdf.styles import text_style
from generator.pdf.tagged import TextParagraph as Paragraph
from generator.pdf.tags import Tag, artifact, child, marked, note_bbox

FONT = SANS
STUDY_CARD_SIZES: dict[StudyCardSize, tuple[float, float]] = {
    StudyCardSize.INDEX: (5 * inch, 3 * inch),
    StudyCardSize.A7: (105 * mm, 74 * mm),
}
"""Trim size (width, height) of a card, landscape."""
PADDING = 0.15 * inch
HEADER_SIZE = 7.5
"""The title and section line: small, as a running head."""
MAX_SIZE = 16.0
MIN_SIZE = 10.0
"""No question or answer text is smaller than this."""
STEP = 1.0
MIN_PICTURE = 0.5 * inch
"""A picture lower than this is too small to read: the text must be smaller."""
MAX_PICTURE_SHARE = 0.55
"""A picture takes at most this share of the card's height."""


@dataclass
class Side:
    """A laid-out side: `blocks` top to bottom, an optional picture after the first."""

    header: Paragraph
    blocks: list[Paragraph]
    picture: ImageReader | None = None
    picture_size: tuple[float, float] = (0.0, 0.0)
    size: float = MAX_SIZE
    alt: str | None = None
    """The picture's alternative text."""


def markup(runs: tuple[Run, ...]) -> str:
    return "".join(f"<b>{escape(r.text)}</b>" if r.stress else str(escape(r.text)) for r in runs)


def header(title: str, section: str, width: float) -> Paragraph:
    paragraph = Paragraph(f"{escape(title)} \N{MIDDLE DOT} {escape(section)}", _header_style())
    paragraph.wrap(width, TALL)
    return paragraph


@cache
def _header_style() -> ParagraphStyle:
    return text_style("study-head", FONT.regular, HEADER_SIZE, HEADER_SIZE * 1.2, textColor=ACCENT)


@cache
def _style(size: float, bold: bool) -> ParagraphStyle:
    """One style per size and weight, made once: a deck has dozens of cards."""
    font = FONT.bold if bold else FONT.regular
    return text_style("study", font, size, size * 1.25, alignment=TA_CENTER)


def _paragraph(text: str, size: float, *, bold: bool = False) -> Paragraph:
    return Paragraph(text, _style(size, bold))


def inner(card_size: tuple[float, float]) -> tuple[float, float]:
    return card_size[0] - 2 * PADDING, card_size[1] - 2 * PADDING


def body_height(head: Paragraph, card_size: tuple[float, float]) -> float:
    """Room below the running head."""
    return float(inner(card_size)[1] - head.height - HEADER_SIZE)


def fit_front(card: StudyCard, head: Paragraph, card_size: tuple[float, float]) -> Side | float:
    """The front at the largest size that fits, or by how many points it is too tall
    at MIN_SIZE."""
    width, room = inner(card_size)[0], body_height(head, card_size)
    bold = card.number is None

    def measure(size: float) -> Side | float:
        paragraph = _paragraph(markup(card.front), size, bold=bold)
        over = paragraph.wrap(width, TALL)[1] - room
        return Side(head, [paragraph], size=size) if over <= 0 else over

    font = FONT.bold if bold else FONT.regular
    return _largest_fit(measure, _first_guess([card.front_text], font, width, room))


def fit_back(
    card: StudyCard, head: Paragraph, card_size: tuple[float, float], picture: Picture | None
) -> Side | float:
    """The back (answer, picture, extra) at the largest size that fits, or by how many
    points it is too tall at MIN_SIZE."""
    width, room = inner(card_size)[0], body_height(head, card_size)
    texts = [markup(card.back)]
    plain = [card.back_text]
    if picture is not None and picture.reader is None:
        texts.append(str(escape(picture.alt_label)))
        plain.append(picture.alt_label)
    if card.extra:
        texts.append(str(escape(card.extra)))
        plain.append(card.extra)
    drawn = picture if picture is not None and picture.reader is not None else None
    # A picture needs MIN_PICTURE of height, or less when it is no taller across the
    # whole width (a wide picture) or at its natural size.
    needed = 0.0 if drawn is None else min(MIN_PICTURE, drawn.scaled(width, TALL)[1])

    def measure(size: float) -> Side | float:
        blocks = [_paragraph(text, size) for text in texts]
        used: float = sum(b.wrap(width, TALL)[1] for b in blocks) + (len(blocks) - 1) * size * 0.5
        if drawn is None:
            return Side(head, blocks, size=size) if used <= room else used - room
        free = room - used - size
        if needed > free:
            return needed - free
        shown = drawn.scaled(width, min(free, card_size[1] * MAX_PICTURE_SHARE))
        return Side(head, blocks, drawn.reader, shown, size, drawn.alt)

    return _largest_fit(measure, _first_guess(plain, FONT.regular, width, room, needed))


SIZES = tuple(MAX_SIZE - i * STEP for i in range(int((MAX_SIZE - MIN_SIZE) / STEP) + 1))
"""The text sizes a side may take, largest first."""


def _largest_fit(measure: Callable[[float], Side | float], start: int) -> Side | float:
    """What trying each of SIZES from the largest down would give (the side at the
    first size that fits, else how far over it is at MIN_SIZE), measuring no size
    twice: from SIZES[start] up while the side fits, or down until it does. Smaller
    text never needs more room, so the sizes that fit are the ones below a line."""
    fitted = measure(SIZES[start])
    if isinstance(fitted, Side):
        for size in reversed(SIZES[:start]):
            larger = measure(size)
            if not isinstance(larger, Side):
                break
            fitted = larger
        return fitted
    for size in SIZES[start + 1 :]:
        fitted = measure(size)
        if isinstance(fitted, Side):
            break
    return fitted


def _first_guess(
    texts: list[str], font: str, width: float, room: float, picture: float = 0.0
) -> int:
    """Where the search starts: the largest of SIZES at which `texts` would fit in
    `room` (less `picture` and its gap) if their lines were full to `width`. Lines
    are rarely full, so the side fits there or one size down: two measures, not up
    to seven."""
    at_one_point = [stringWidth(text, font, 1.0) for text in texts]
    for index, size in enumerate(SIZES):
        lines = sum(max(1, ceil(w * size / width)) for w in at_one_point)
        gaps = (len(texts) - 1) * size * 0.5 + (picture + size if picture else 0.0)
        if lines * size * 1.25 + gaps <= room:
            return index
    return len(SIZES) - 1


@dataclass(frozen=True)
class Picture:
    """A flashcard's image as it prints: read by Pillow, or (SVG) its alt text."""

    reader: ImageReader | None
    alt_label: str
    """"Picture: ...", printed in place of a picture that cannot be."""
    alt: str
    width: float = 0.0
    height: float = 0.0
    """Natural size in points, at 150 dpi (a pixel image is never blown up past it)."""

    def scaled(self, max_width: float, max_height: float) -> tuple[float, float]:
        scale = min(max_width / self.width, max_height / self.height, 1.0)
        return self.width * scale, self.height * scale


def load_picture(image: FlashcardImage, labels: Labels) -> Picture:
    """`image` as it prints (checked by the picture gate); `ExportError` when the gate
    refused it."""
    label = labels("study.image", alt=image.alt)
    checked = image.drawing.usable()
    if checked.is_vector:
        return Picture(None, label, image.alt)
    reader = ImageReader(io.BytesIO(checked.data))
    return Picture(reader, label, image.alt, checked.width * 72 / 150, checked.height * 72 / 150)


def draw_side(
    side: Side,
    card_size: tuple[float, float],
    card: Tag | None,
    repeats: Repeats,
    canvas: Canvas,
) -> None:
    """Draw `side` with the card's lower-left corner at the origin: its text and
    picture as content of `card` (one element for both sides of a card), the running
    head and its rule as decoration (drawn once a section, then repeated)."""
    width, height = card_size
    repeats.draw(side.header, partial(_draw_head, side.header, width, height))
    rule_y = height - PADDING - side.header.height - HEADER_SIZE / 2
    heights = [b.height for b in side.blocks]  # wrapped to the inner width when fitted
    gap = side.size * 0.5
    total = sum(heights) + gap * (len(heights) - 1)
    if side.picture is not None:
        total += side.picture_size[1] + gap
    y = rule_y - HEADER_SIZE / 2 - (rule_y - HEADER_SIZE / 2 - PADDING - total) / 2
    for index, (block, block_h) in enumerate(zip(side.blocks, heights, strict=True)):
        y -= block_h
        with marked(canvas, child(card, "P")):
            block.drawOn(canvas, PADDING, y)
        y -= gap
        if index == 0 and side.picture is not None:
            w, h = side.picture_size
            y -= h
            with marked(canvas, child(card, "Figure", alt=side.alt)) as figure:
                canvas.saveState()
                canvas.translate((width - w) / 2, y)
                note_bbox(canvas, figure, w, h)
                canvas.drawImage(side.picture, 0, 0, w, h, mask="auto")
                canvas.restoreState()
            y -= gap


def _draw_head(head: Paragraph, width: float, height: float, canvas: Canvas) -> None:
    """The running head and its rule, as decoration, on a card `width` x `height`."""
    top = height - PADDING
    with artifact(canvas, "header"):
        head.drawOn(canvas, PADDING, top - head.height)
        rule_y = top - head.height - HEADER_SIZE / 2
        canvas.saveState()
        canvas.setStrokeColor(GUIDE)
        canvas.setLineWidth(0.5)
        canvas.line(PADDING, rule_y, width - PADDING, rule_y)
        canvas.restoreState()
