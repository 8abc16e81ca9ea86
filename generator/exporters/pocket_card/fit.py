"""Fit the card's text: the largest body size at which the sections, in order, split
between the front and the back without overflowing (between two sections, or inside one
between two of its runs: `section_runs.section_flowables`), the faces as even as they come.
Nothing is ever clipped or shrunk below the minimum; text that cannot fit is an
`ExportError` naming the section.

Heights come from `Paragraph.wrap` on the panel width, and the same stacking rule
(`blocks.stack`) both measures and draws, so what was measured is what is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from generator.errors import ExportError
from generator.exporters.pocket_card.blocks import (
    Block,
    measure,
    measure_once,
    prefix_heights,
    stacked_over,
    suffix_heights,
)
from generator.exporters.pocket_card.content import (
    MAX_BODY_SIZE,
    MAX_WARNING_SIZE,
    SIZE_STEP,
    CardText,
    care_flowables,
    closing_flowables,
    title_flowables,
)
from generator.exporters.pocket_card.geometry import (
    CARD_SIZES,
    PANEL_PADDING,
    sizes_by_area,
)
from generator.exporters.pocket_card.section_runs import section_flowables
from generator.exporters.pocket_card.styles import MIN_BODY_SIZE, Styles, styles_for
from generator.model import CardLayout, CardSize, SectionKind, Topic
from generator.pdf.measuring import TALL


def panel_box(size: CardSize) -> tuple[float, float]:
    """Width and height of the text area of one panel (one side of the card)."""
    width, height = CARD_SIZES[size]
    return width - 2 * PANEL_PADDING, height - 2 * PANEL_PADDING


Runs = list[list[Block]]
"""A section measured in runs, each of which stays on one face (`section_flowables`)."""


@dataclass(frozen=True)
class Measured:
    """Every part of the card measured at one body size."""

    styles: Styles
    title: list[Block]
    runs: list[Runs]
    """Each section's blocks, in its runs."""
    closing: list[Block]
    """The QR code and a translation's note, at the end of the back."""
    said_again: list[Runs]
    """For each run of each section, what the back begins with when it begins with that
    run (`section_runs.Run.said_again`): the section's heading said again, and a
    group's label; nothing for a section's first run."""

    @cached_property
    def sections(self) -> list[list[Block]]:
        """Each section's blocks."""
        return [[b for run in runs for b in run] for runs in self.runs]

    @cached_property
    def blocks(self) -> list[Block]:
        """The sections' blocks, in order."""
        return [b for s in self.sections for b in s]

    @cached_property
    def breaks(self) -> tuple[int, ...]:
        """Where the back may begin, each as the number of the sections' blocks on the
        front: between two sections, and inside one between two of its runs."""
        breaks, count = [0], 0
        for run in (run for runs in self.runs for run in runs):
            count += len(run)
            breaks.append(count)
        return tuple(breaks)

    @cached_property
    def inside(self) -> dict[int, list[Block]]:
        """Each break inside a section (`breaks`), with what the back says again over
        its part of the section when it begins there (`said_again`)."""
        inside, count = {}, 0
        for runs, again in zip(self.runs, self.said_again, strict=True):
            for run, over in zip(runs, again, strict=True):
                if over:
                    inside[count] = over
                count += len(run)
        return inside

    def head(self, split: int) -> list[Block]:
        """What the back begins with at `split` (`breaks`): inside a section, what it
        says again (`said_again`); nothing between two sections."""
        return self.inside.get(split, [])

    def front(self, split: int) -> list[Block]:
        return self.title + self.blocks[:split]

    def back(self, split: int) -> list[Block]:
        return self.head(split) + self.blocks[split:] + self.closing


def _section_runs(
    text: CardText, styles: Styles, width: float, only: Callable[[int], bool]
) -> list[tuple[Runs, Runs] | None]:
    """Each section of `text` for which `only` (its position) is true measured in its
    runs, where to get care under the section it follows, with what each run says
    again over the back (`Measured.said_again`); None for the others."""
    care = care_flowables(text, styles)
    found: list[tuple[Runs, Runs] | None] = []
    for n, section in enumerate(text.sections):
        if not only(n):
            found.append(None)
            continue
        runs = section_flowables(section, styles, care if n == text.care_section else None)
        again = measure_once([run.said_again for run in runs], width)
        found.append(([measure(run.flowables, width) for run in runs], again))
    return found


def measure_card(
    text: CardText, body_size: float, width: float, warning_size: float | None = None
) -> Measured:
    styles = styles_for(body_size, warning_size)
    sections = [r for r in _section_runs(text, styles, width, lambda _: True) if r is not None]
    return Measured(
        styles,
        measure(title_flowables(text, styles), width),
        [runs for runs, _ in sections],
        measure(closing_flowables(text, styles), width),
        [again for _, again in sections],
    )


@dataclass(frozen=True)
class CardPlan:
    """The fitted card: body size, which sections go on the front, the measured blocks."""

    size: CardSize
    layout: CardLayout
    body_size: float
    split: int
    """How many of the sections' blocks are on the front (`Measured.breaks`); the rest
    are on the back."""
    measured: Measured
    notes: tuple[str, ...] = ()
    """Warnings about the card: pictures left off for want of room (`pictures.py`)."""

    @property
    def front(self) -> list[Block]:
        return self.measured.front(self.split)

    @property
    def back(self) -> list[Block]:
        return self.measured.back(self.split)


def split_heights(measured: Measured) -> list[tuple[int, float, float]]:
    """Each place the back may begin (`Measured.breaks`) with the heights of the front
    and the back panel there (the back with what it says again of a section that goes
    on there, `Measured.head`): one pass down the blocks and one up, so the work grows
    with the number of blocks, not with its square (2,000 sections took 9 s)."""
    blocks = measured.blocks
    front = prefix_heights(measured.front(len(blocks)))
    back = suffix_heights(blocks + measured.closing)
    title = len(measured.title)
    return [
        (
            split,
            front[title + split],
            stacked_over(measured.head(split), blocks[split : split + 1], back[split]),
        )
        for split in measured.breaks
    ]


def best_split(measured: Measured, room: float) -> tuple[float, int | None]:
    """The split that fits both panels and balances them best (or None), and the
    height of the taller panel at the best-balanced split, fitting or not."""
    tallest, best = TALL, None
    for split, front, back in split_heights(measured):
        taller = max(front, back)
        if taller < tallest:
            tallest = taller
            best = split if taller <= room else None
    return tallest, best


def fit_smallest(text: CardText, layout: CardLayout, topic: Topic) -> CardPlan:
    """Card size `auto`: the smallest card on which the text fits at the minimum size,
    fitted as large as it fits there; when none does, the largest card's error."""
    sizes = sizes_by_area()
    for size in sizes:
        width, room = panel_box(size)
        if best_split(measure_card(text, MIN_BODY_SIZE, width), room)[1] is not None:
            return fit_card(text, size, layout, topic)
    return fit_card(text, sizes[-1], layout, topic)


def fit_card(text: CardText, size: CardSize, layout: CardLayout, topic: Topic) -> CardPlan:
    """The largest body size (in SIZE_STEP steps) at which the card fits.

    Height grows about in proportion to the body size, so the size at which the
    minimum's height would fill the panel is measured first: the answer is that size
    or one next to it, except where the warnings' own minimum (MIN_WARNING_SIZE) makes
    the text grow a little slower than its size; the search goes on from there.
    """
    width, room = panel_box(size)

    def attempt(step: int) -> tuple[Measured, int | None]:
        measured = measure_card(text, MIN_BODY_SIZE + step * SIZE_STEP, width)
        return measured, best_split(measured, room)[1]

    smallest = measure_card(text, MIN_BODY_SIZE, width)
    tallest, split = best_split(smallest, room)
    if split is None:
        from generator.exporters.pocket_card.advice import overflow_message

        raise ExportError(overflow_message(text, size, layout, topic))
    top = _steps_to(MAX_BODY_SIZE)
    guess = min(_steps_to(MIN_BODY_SIZE * room / tallest), top) if tallest > 0 else top
    best = largest_fitting(attempt, 1, top, guess) or (smallest, split)
    measured, split = _grow_warnings(text, *best, width, room)
    return CardPlan(size, layout, measured.styles.body_size, split, measured)


def largest_fitting(
    attempt: Callable[[int], tuple[Measured, int | None]], low: int, high: int, guess: int
) -> tuple[Measured, int] | None:
    """What `attempt` measured at the largest step from `low` to `high` at which the
    card fits (its split not None), or None when it fits at none. Fitting goes down as
    the step goes up (bigger text is never shorter), so it is a search: `guess` first,
    then steps away from it on the side the answer is (1, 1, 2, 4, ... further) until
    one fits and the next does not or the other way round, then halves of what is
    left. Any order finds the same step; a guess at the answer or next to it makes it
    two or three measurements."""
    found: tuple[Measured, int] | None = None
    step, direction, moves = min(max(guess, low), high), 0, 0
    while low <= high:
        measured, split = attempt(step)
        way = -1 if split is None else 1
        if split is None:
            high = step - 1
        else:
            found, low = (measured, split), step + 1
        if direction in (0, way):  # not past the answer yet: go on the same way
            direction, moves = way, moves + 1
            step = min(max(step + way * 2 ** max(0, moves - 2), low), high)
        else:  # the answer lies between two steps measured
            direction, step = 2, (low + high) // 2
    return found


def _grow_warnings(
    text: CardText, measured: Measured, split: int, width: float, room: float
) -> tuple[Measured, int]:
    """Give the room the body text leaves to the warnings: the largest warning size
    (in SIZE_STEP steps, up to MAX_WARNING_SIZE) at which the card still fits. When
    the body text is at its largest, the card has room to spare, and the largest
    warning size is tried first; else the body text filled the card, and the search
    starts in the middle."""
    base = measured.styles.warning_size
    high = math.floor((MAX_WARNING_SIZE - base) / SIZE_STEP + 1e-9)

    def attempt(step: int) -> tuple[Measured, int | None]:
        bigger = _with_warnings_at(text, measured, width, base + step * SIZE_STEP)
        return bigger, best_split(bigger, room)[1]

    roomy = measured.styles.body_size >= MAX_BODY_SIZE
    grown = largest_fitting(attempt, 1, high, high if roomy else (1 + high) // 2)
    return grown or (measured, split)


def _with_warnings_at(
    text: CardText, measured: Measured, width: float, warning_size: float
) -> Measured:
    """`measured` with its warnings (and where to get care, which is set like them)
    measured again at `warning_size`; every other block is the same at any warning
    size, so it is kept as measured."""
    styles = styles_for(measured.styles.body_size, warning_size)
    redone = _section_runs(
        text,
        styles,
        width,
        lambda n: text.sections[n].section.kind is SectionKind.WARNINGS or n == text.care_section,
    )
    old = zip(measured.runs, measured.said_again, strict=True)
    sections = [new or kept for new, kept in zip(redone, old, strict=True)]
    closing = measured.closing
    if text.care_section is None:  # where to get care ends the back
        closing = measure(closing_flowables(text, styles), width)
    runs, again = [r for r, _ in sections], [a for _, a in sections]
    return Measured(styles, measured.title, runs, closing, again)


def _steps_to(body_size: float) -> int:
    """Whole SIZE_STEPs from MIN_BODY_SIZE up to `body_size` (rounded down)."""
    return math.floor((body_size - MIN_BODY_SIZE) / SIZE_STEP + 1e-9)
