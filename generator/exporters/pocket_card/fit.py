"""Fit the card's text: the largest body size at which the sections, in order, split
between the front and the back without overflowing. Nothing is ever clipped or
shrunk below the minimum; text that cannot fit is an `ExportError` naming the section.

Heights come from `Paragraph.wrap` on the panel width, and the same stacking rule
(`stack`) both measures and draws, so what was measured is what is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from generator.errors import ExportError
from generator.exporters.pocket_card.content import (
    MAX_BODY_SIZE,
    MIN_BODY_SIZE,
    SIZE_STEP,
    CardText,
    Styles,
    closing_flowables,
    section_flowables,
    styles_for,
    title_flowables,
)
from generator.exporters.pocket_card.geometry import (
    CARD_SIZES,
    PANEL_PADDING,
    SIZE_NAMES,
    larger_size,
)
from generator.model import CardLayout, CardSize, Topic

TALL = 1e6
"""Height offered to `wrap`: we measure, the panel height decides."""


@dataclass(frozen=True)
class Block:
    """A wrapped flowable and the space it wants around it."""

    flowable: Flowable
    height: float
    space_before: float
    space_after: float


def measure(flowables: Sequence[Flowable], width: float) -> list[Block]:
    blocks = []
    for flowable in flowables:
        _, height = flowable.wrap(width, TALL)
        blocks.append(Block(flowable, height, flowable.getSpaceBefore(), flowable.getSpaceAfter()))
    return blocks


def stack(blocks: Sequence[Block]) -> list[float]:
    """Distance from the panel's top to the bottom of each block. The space between
    two blocks is the larger of the first's space after and the second's before."""
    bottoms = []
    y = 0.0
    previous: Block | None = None
    for block in blocks:
        if previous is not None:
            y += max(previous.space_after, block.space_before)
        y += block.height
        bottoms.append(y)
        previous = block
    return bottoms


def stack_height(blocks: Sequence[Block]) -> float:
    bottoms = stack(blocks)
    return bottoms[-1] if bottoms else 0.0


def prefix_heights(blocks: Sequence[Block]) -> list[float]:
    """`stack_height(blocks[:k])` for every k from 0 to len(blocks), in one pass: the
    same sums in the same order as `stack`, so each is exactly what `stack` gives."""
    heights = [0.0]
    previous: Block | None = None
    for block in blocks:
        gap = max(previous.space_after, block.space_before) if previous is not None else 0.0
        heights.append(heights[-1] + gap + block.height)
        previous = block
    return heights


def suffix_heights(blocks: Sequence[Block]) -> list[float]:
    """`stack_height(blocks[k:])` for every k from 0 to len(blocks), in one backward
    pass: the stack read from its bottom, each block's spaces swapped. The sums are
    added in the other order, so each may differ from `stack`'s in the last bit."""
    upside_down = [Block(b.flowable, b.height, b.space_after, b.space_before) for b in blocks]
    return prefix_heights(upside_down[::-1])[::-1]


def draw_blocks(canvas: Canvas, blocks: Sequence[Block], x: float, top: float) -> None:
    """Draw measured blocks down from `top`, exactly where `stack` put them."""
    for block, bottom in zip(blocks, stack(blocks), strict=True):
        block.flowable.drawOn(canvas, x, top - bottom)


def panel_box(size: CardSize) -> tuple[float, float]:
    """Width and height of the text area of one panel (one side of the card)."""
    width, height = CARD_SIZES[size]
    return width - 2 * PANEL_PADDING, height - 2 * PANEL_PADDING


@dataclass(frozen=True)
class Measured:
    """Every part of the card measured at one body size."""

    styles: Styles
    title: list[Block]
    sections: list[list[Block]]
    closing: list[Block]
    """The QR code and a translation's note, at the end of the back."""

    def front(self, split: int) -> list[Block]:
        return self.title + [b for s in self.sections[:split] for b in s]

    def back(self, split: int) -> list[Block]:
        return [b for s in self.sections[split:] for b in s] + self.closing


def measure_card(text: CardText, body_size: float, width: float) -> Measured:
    styles = styles_for(body_size)
    return Measured(
        styles,
        measure(title_flowables(text, styles), width),
        [measure(section_flowables(s, styles), width) for s in text.sections],
        measure(closing_flowables(text, styles), width),
    )


@dataclass(frozen=True)
class CardPlan:
    """The fitted card: body size, which sections go on the front, the measured blocks."""

    size: CardSize
    layout: CardLayout
    body_size: float
    split: int
    """Sections before this index are on the front, the rest on the back."""
    measured: Measured

    @property
    def front(self) -> list[Block]:
        return self.measured.front(self.split)

    @property
    def back(self) -> list[Block]:
        return self.measured.back(self.split)


def split_heights(measured: Measured) -> list[tuple[float, float]]:
    """The heights of the front and the back panel for every split, 0 to the number
    of sections: one pass down the blocks and one up, so the work grows with the
    number of blocks, not with its square (2,000 sections took 9 s)."""
    front = prefix_heights(measured.front(len(measured.sections)))
    back = suffix_heights(measured.back(0))
    first = [0]  # index of each section's first block among the sections' blocks
    for blocks in measured.sections:
        first.append(first[-1] + len(blocks))
    title = len(measured.title)
    return [(front[title + start], back[start]) for start in first]


def _best_split(measured: Measured, room: float) -> tuple[float, int | None]:
    """The split that fits both panels and balances them best (or None), and the
    height of the taller panel at the best-balanced split, fitting or not."""
    tallest, best = TALL, None
    for split, (front, back) in enumerate(split_heights(measured)):
        taller = max(front, back)
        if taller < tallest:
            tallest = taller
            best = split if taller <= room else None
    return tallest, best


def fit_card(text: CardText, size: CardSize, layout: CardLayout, topic: Topic) -> CardPlan:
    """The largest body size (in SIZE_STEP steps) at which the card fits.

    Height grows about in proportion to the body size, so the size at which the
    minimum's height would fill the panel is where the search first stops; a few
    measurements do. Only about: warnings never go below MIN_WARNING_SIZE, so text can
    grow a little slower than its size. When the answer reaches that stop, the search
    goes on above it, so the step above the answer has always been measured.
    """
    width, room = panel_box(size)

    def attempt(step: int) -> tuple[Measured, int | None]:
        measured = measure_card(text, MIN_BODY_SIZE + step * SIZE_STEP, width)
        return measured, _best_split(measured, room)[1]

    smallest = measure_card(text, MIN_BODY_SIZE, width)
    tallest, split = _best_split(smallest, room)
    if split is None:
        raise ExportError(_overflow_message(smallest, room, size, layout, text, topic))
    top = _steps_to(MAX_BODY_SIZE)
    stop = min(_steps_to(MIN_BODY_SIZE * room / tallest), top) if tallest > 0 else top
    best, best_step, low, high = (smallest, split), 0, 1, stop
    while True:
        while low <= high:  # binary search: the largest step that still fits
            middle = (low + high) // 2
            measured, fitting = attempt(middle)
            if fitting is None:
                high = middle - 1
            else:
                best, best_step, low = (measured, fitting), middle, middle + 1
        if best_step < stop or stop == top:
            break  # the step above the answer was measured and does not fit
        low, high = stop + 1, top  # fits at the stop: search the unmeasured steps above
        stop = top
    measured, split = best
    return CardPlan(size, layout, measured.styles.body_size, split, measured)


def _steps_to(body_size: float) -> int:
    """Whole SIZE_STEPs from MIN_BODY_SIZE up to `body_size` (rounded down)."""
    return math.floor((body_size - MIN_BODY_SIZE) / SIZE_STEP + 1e-9)


def _overflow_message(
    measured: Measured,
    room: float,
    size: CardSize,
    layout: CardLayout,
    text: CardText,
    topic: Topic,
) -> str:
    """Name the section that crosses the bottom of each overflowing panel, at the
    split that overflows least."""

    overflows = [(max(f - room, 0.0), max(b - room, 0.0)) for f, b in split_heights(measured)]
    split = min(range(len(overflows)), key=lambda s: (sum(overflows[s]), s))
    side = "panel" if layout is CardLayout.FOLD_OVER else "side"
    larger = _larger_size_that_fits(text, size)
    hint = "shorten the short texts, move items off the card with on_card: false"
    hint += f", or use --card-size {larger.value}" if larger else ""
    lines = []
    for face, over in zip(("front", "back"), overflows[split], strict=True):
        if over <= 0:
            continue
        field, about = _crossing(measured, split, face, room, text)
        lines.append(
            f"{topic.where(field)}{about}: {math.ceil(over - 1e-6)} pt too tall for the "
            f"{SIZE_NAMES[size]} card {face} {side} at the {MIN_BODY_SIZE:g} pt minimum "
            f"({hint})"
        )
    return "\n".join(lines)


def _larger_size_that_fits(text: CardText, size: CardSize) -> CardSize | None:
    """The next larger card size on which the text fits at the minimum, if any."""
    larger = larger_size(size)
    while larger is not None:
        width, room = panel_box(larger)
        if _best_split(measure_card(text, MIN_BODY_SIZE, width), room)[1] is not None:
            return larger
        larger = larger_size(larger)
    return None


def _crossing(
    measured: Measured, split: int, face: str, room: float, text: CardText
) -> tuple[str, str]:
    """What crosses the bottom of the panel, a section, the title or the QR code: its
    field path and a few words about it."""
    sections = [
        ((s.field, s.about), b) for s, b in zip(text.sections, measured.sections, strict=True)
    ]
    parts: list[tuple[tuple[str, str], list[Block]]]
    if face == "front":
        parts = [(("title", ""), measured.title), *sections[:split]]
    else:
        closing = ("url", " (QR code)") if text.url else ("translation_of", " (translation note)")
        parts = [*sections[split:], (closing, measured.closing)]
    bottoms = stack([b for _, part in parts for b in part])  # once: linear, not square
    end = 0
    for named, part in parts:
        end += len(part)
        if part and bottoms[end - 1] > room:
            return named
    return parts[-1][0]
