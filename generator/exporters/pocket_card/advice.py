"""What to do when the card's text does not fit: one message naming the parts that
overflow (the title, the QR code, a section taller than a panel) and what to leave
off, in the order `cuts.py` chooses (whole optional sections first, never a 'now'
warning, the first aid last and with a warning), each with what it saves; leaving
off what it lists makes the card fit in one round. Its numbers add up: the savings
are differences of the rounded totals, and a panel holds its room rounded down.

Every number is measured at the minimum size and does not depend on which panel a
section would land on: the text's total height against the room of both panels.
Pictures are never counted: one goes on the card only in room the text leaves
(`pictures.py`), so leaving it off never makes the text fit, and no item's height here
is its picture's.
"""

from __future__ import annotations

from dataclasses import replace

from generator.exporters.pocket_card.blocks import stack_height
from generator.exporters.pocket_card.content import CardText
from generator.exporters.pocket_card.cuts import (
    CutPlan,
    larger_part,
    plan_cuts,
    room_points,
    whole_points,
)
from generator.exporters.pocket_card.fit import (
    Measured,
    best_split,
    measure_card,
    panel_box,
)
from generator.exporters.pocket_card.geometry import SIZE_NAMES, larger_size
from generator.exporters.pocket_card.styles import MIN_BODY_SIZE
from generator.model import CardLayout, CardSize, Topic

SPLITS = (
    "a section splits between the sides only between its items (a warnings section "
    "keeps its urgent signs together, one with a picture does not split)"
)


def overflow_message(text: CardText, size: CardSize, layout: CardLayout, topic: Topic) -> str:
    """The `ExportError` message of a card whose text does not fit `size` at the minimum."""
    text = text.with_boxes({})  # measured without pictures: they only take the room left
    width, room = panel_box(size)
    measured = measure_card(text, MIN_BODY_SIZE, width)
    total = whole_points(stack_height([*measured.front(len(measured.blocks)), *measured.closing]))
    tallest, held = whole_points(best_split(measured, room)[0]), room_points(room)
    side = "panels" if layout is CardLayout.FOLD_OVER else "sides"
    head = (
        f"{topic.where('pocket_card')}: the card's text is about "
        f"{max(total - 2 * held, tallest - held)} pt too tall for the {SIZE_NAMES[size]} card "
        f"at the {MIN_BODY_SIZE:g} pt minimum: it needs {total} pt, and the two {side} hold "
        f"2 x {held} pt"
    )
    if tallest - held > total - 2 * held:
        head += f"; {SPLITS}, so the fuller of them needs {tallest} pt"
    larger = _larger_size_that_fits(text, size)
    head += f" (or use --card-size {larger.value}: the text fits it)" if larger else ""
    lines = [head, *_parts_too_tall(text, measured, room, width, topic)]
    return "\n".join([*lines, *_cuts(plan_cuts(text, width, room), topic, side)])


def _cuts(plan: CutPlan, topic: Topic, side: str) -> list[str]:
    """The lines that list what to leave off, and what the card is then."""
    if not plan.cuts:
        return []
    then = "fits" if plan.fits else "still does not fit"
    lines = [
        f"  leave these off the card with on_card: false, in this order (the card then "
        f"needs {plan.needs} pt and {then}):"
    ]
    for cut in plan.cuts:
        what = "the whole section, " if cut.whole_section else ""
        aid = ", a first-aid step" if cut.first_aid else ""
        lines.append(f"  {topic.where(cut.field)}{cut.about}: {what}{cut.saved} pt less{aid}")
    steps = [cut for cut in plan.cuts if cut.first_aid]
    if steps:
        lines.append(
            f"  warning: {len(steps)} of these are steps of the card's first aid (its first "
            "section of steps): left off, the card no longer says all of what to do first; "
            "give them shorter 'short' texts, or use a larger card"
        )
    if not plan.fits:
        lines.append(
            f"  what is left does not fit the two {side}: shorten the 'now' warnings' short "
            "texts, the title or the card_message, or use a larger card"
        )
    return lines


def _parts_too_tall(
    text: CardText, measured: Measured, room: float, width: float, topic: Topic
) -> list[str]:
    """The title, a section or the QR code, when it is what cannot fit."""
    found = []
    held = room_points(room)
    title = whole_points(stack_height(measured.title))
    if title > room / 2:  # the front always starts with them
        found.append(
            f"  {topic.where('title')}: the title and message take {title} pt of the "
            f"front's {held} pt: shorten the title, or give a shorter card_message"
        )
    sections = zip(text.sections, measured.runs, measured.said_again, strict=True)
    for section, runs, said_again in sections:
        larger = larger_part(runs, said_again)
        if larger > room:
            found.append(
                f"  {topic.where(section.field)}{section.about}: needs "
                f"{whole_points(larger)} pt on one side, more than it holds ({held} pt), "
                f"and {SPLITS}"
            )
    if text.url is not None:
        without = measure_card(replace(text, url=None), MIN_BODY_SIZE, width)
        if best_split(without, room)[1] is not None:
            qr = whole_points(stack_height(measured.closing) - stack_height(without.closing))
            found.append(
                f"  {topic.where('url')}: the QR code needs {qr} pt at the end of the "
                "back, and the card fits without it: make room for it there"
            )
    return found


def _larger_size_that_fits(text: CardText, size: CardSize) -> CardSize | None:
    """The next larger card size on which the text fits at the minimum, if any."""
    larger = larger_size(size)
    while larger is not None:
        width, room = panel_box(larger)
        if best_split(measure_card(text, MIN_BODY_SIZE, width), room)[1] is not None:
            return larger
        larger = larger_size(larger)
    return None
