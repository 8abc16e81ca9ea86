"""Which of the pictures a topic asks for (`image.on_card`) go on its card, and how
large.

Readable text first. The card is fitted without its pictures; then each picture, in
reading order, goes on only if the card still fits with it at the same body and
warning sizes: at its full size if there is room, else a little smaller, down to the
smallest size a posture can be made out at. A picture never makes the text smaller,
never moves a warning off the card and never makes a card fail: one that has no room
is left off, and the build warns, naming its field. An earlier picture wins the room
over a later one.

A picture's full size follows the text and the card: it fits in 7.5 x 5 body sizes
(1.25 x 0.83 in at 12 pt) and in a third of a panel's width and height (a wallet
card's pictures are smaller than an index card's at the same text size).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

from generator.exporters.pocket_card.beside import Box
from generator.exporters.pocket_card.content import CardText
from generator.exporters.pocket_card.fit import (
    CardPlan,
    Measured,
    best_split,
    measure_card,
    panel_box,
)
from generator.exporters.pocket_card.geometry import SIZE_NAMES
from generator.model import Topic

PICTURE_WIDTH = 7.5
PICTURE_HEIGHT = 5.0
"""A picture at full size fits in this many body sizes across and down..."""
PANEL_SHARE = 1 / 3
"""...and in this share of the panel's width and height."""
SMALLEST = 7.2
"""The smallest picture fits in this many points times (PICTURE_WIDTH, PICTURE_HEIGHT):
54 x 36 pt, 3/4 x 1/2 in. Smaller, a posture is hard to make out at arm's length."""
SHRINK_STEP = 1.0
"""Each smaller size tried is this many points less (of the 7.2 to 12 scale)."""


def picture_boxes(body_size: float, panel: Box) -> list[Box]:
    """The boxes a picture may take on a card set at `body_size` whose panel's text
    area is `panel`: the full size first, then smaller ones, the smallest last."""
    width, height = panel
    scale = min(
        body_size, width * PANEL_SHARE / PICTURE_WIDTH, height * PANEL_SHARE / PICTURE_HEIGHT
    )
    scales = [scale]
    while scales[-1] - SHRINK_STEP >= SMALLEST:
        scales.append(scales[-1] - SHRINK_STEP)
    if scales[-1] > SMALLEST:
        scales.append(SMALLEST)
    return [(s * PICTURE_WIDTH, s * PICTURE_HEIGHT) for s in scales]


class Trial(NamedTuple):
    """The card measured with a picture at one size."""

    measured: Measured
    tallest: float
    """The taller panel at the best-balanced split, fitting or not."""
    split: int | None
    """The split that fits, or None."""


def place_pictures(text: CardText, plan: CardPlan, topic: Topic) -> CardPlan:
    """`plan` (fitted to `text` without pictures) with every picture of `text` that
    has room at its sizes, each as large as fits, and a note for each one left off."""
    if not text.pictures:
        return plan
    width, room = panel_box(plan.size)
    body, warning = plan.body_size, plan.measured.styles.warning_size
    boxes = picture_boxes(body, (width, room))
    kept: dict[str, Box] = {}
    notes = list(plan.notes)
    for field, _ in text.pictures:

        def attempt(index: int, field: str = field) -> Trial:
            boxed = text.with_boxes({**kept, field: boxes[index]})
            measured = measure_card(boxed, body, width, warning)
            return Trial(measured, *best_split(measured, room))

        index, trial = _largest_fitting(attempt, len(boxes))
        if trial.split is None:
            notes.append(_left_off(topic, field, plan, trial.tallest - room))
        else:
            kept[field] = boxes[index]
            plan = replace(plan, split=trial.split, measured=trial.measured)
    return replace(plan, notes=tuple(notes))


def _largest_fitting(attempt: Callable[[int], Trial], count: int) -> tuple[int, Trial]:
    """The first of `count` boxes, largest first, at which the card fits, and its
    trial; the smallest's trial when none fits. Tried: the largest, then the smallest,
    then a binary search between them. It assumes a smaller picture needs no more room
    than a larger one; a caption that wraps onto one more line in a narrower box can
    break that, and then a picture may be drawn smaller than it could be, or left off
    (never a card that does not fit: every size kept was measured to fit)."""
    first = attempt(0)
    if first.split is not None or count == 1:
        return 0, first
    low, high = 1, count - 1
    tried = {high: attempt(high)}
    if tried[high].split is None:
        return high, tried[high]
    while low < high:  # boxes[high] fits
        middle = (low + high) // 2
        tried[middle] = attempt(middle)
        if tried[middle].split is None:
            low = middle + 1
        else:
            high = middle
    return high, tried[high]


def _left_off(topic: Topic, field: str, plan: CardPlan, over: float) -> str:
    return (
        f"warning: {topic.where(field)}: picture not on the {SIZE_NAMES[plan.size]} card: "
        f"no room at {plan.body_size:g} pt, even at its smallest size (it needs about "
        f"{math.ceil(over - 1e-6)} pt more); the text keeps its size and the picture gives "
        "way (make room on the card, or set on_card: false on the image to leave it off "
        "without this warning)"
    )
