"""What to do when the card's text does not fit: one message naming the parts that
overflow (the title, the QR code, a section taller than a panel) and the items to
drop or shorten, largest first, with their heights.

Every number is measured at the minimum size and does not depend on which panel a
section would land on: the text's total height against the room of both panels.
Pictures are never counted: one goes on the card only in room the text leaves
(`pictures.py`), so leaving it off never makes the text fit, and no item's height here
is its picture's.
"""

from __future__ import annotations

import math
from dataclasses import replace

from generator.exporters.pocket_card.content import (
    CardItem,
    CardSection,
    CardText,
    item_flowables,
)
from generator.exporters.pocket_card.fit import (
    Measured,
    best_split,
    measure,
    measure_card,
    panel_box,
    stack_height,
)
from generator.exporters.pocket_card.geometry import SIZE_NAMES, larger_size
from generator.exporters.pocket_card.styles import MIN_BODY_SIZE, styles_for
from generator.model import CardLayout, CardSize, Topic, Urgency, WarningSign

NAMED_ITEMS = 4
"""How many items the message names, largest first."""


def overflow_message(text: CardText, size: CardSize, layout: CardLayout, topic: Topic) -> str:
    """The `ExportError` message of a card whose text does not fit `size` at the minimum."""
    text = text.with_boxes({})  # measured without pictures: they only take the room left
    width, room = panel_box(size)
    measured = measure_card(text, MIN_BODY_SIZE, width)
    total = stack_height([*measured.front(len(measured.sections)), *measured.closing])
    tallest = best_split(measured, room)[0]
    over = max(total - 2 * room, tallest - room)
    side = "panels" if layout is CardLayout.FOLD_OVER else "sides"
    name = SIZE_NAMES[size]
    head = (
        f"{topic.where('pocket_card')}: the card's text is about {_pt(over)} pt too tall for "
        f"the {name} card at the {MIN_BODY_SIZE:g} pt minimum: it needs {_pt(total)} pt, and "
        f"the two {side} hold 2 x {_pt(room)} pt"
    )
    larger = _larger_size_that_fits(text, size)
    head += f" (or use --card-size {larger.value}: the text fits it)" if larger else ""
    lines = [head, *_parts_too_tall(text, measured, room, width, topic)]
    too_tall = [
        s for s, b in zip(text.sections, measured.sections, strict=True) if stack_height(b) > room
    ]  # only cuts inside a section taller than a panel help then
    named = _items_to_cut(too_tall or list(text.sections), measured.styles.body_size, width, topic)
    if named:
        lines.append("  items to drop or shorten, largest first:")
        lines += named
    return "\n".join(lines)


def _pt(value: float) -> int:
    return math.ceil(value - 1e-6)


def _parts_too_tall(
    text: CardText, measured: Measured, room: float, width: float, topic: Topic
) -> list[str]:
    """The title, a section or the QR code, when it is what cannot fit."""
    found = []
    title = stack_height(measured.title)
    if title > room / 2:  # the front always starts with them
        found.append(
            f"  {topic.where('title')}: the title and message take {_pt(title)} pt of the "
            f"front's {_pt(room)} pt: shorten the title, or give a shorter card_message"
        )
    for section, blocks in zip(text.sections, measured.sections, strict=True):
        height = stack_height(blocks)
        if height > room:
            found.append(
                f"  {topic.where(section.field)}{section.about}: needs {_pt(height)} pt, more "
                f"than one side holds ({_pt(room)} pt), and a section is never split"
            )
    if text.url is not None:
        without = measure_card(replace(text, url=None), MIN_BODY_SIZE, width)
        if best_split(without, room)[1] is not None:
            qr = stack_height(measured.closing) - stack_height(without.closing)
            found.append(
                f"  {topic.where('url')}: the QR code needs {_pt(qr)} pt at the end of the "
                "back, and the card fits without it: make room for it there"
            )
    return found


def _items_to_cut(
    sections: list[CardSection], body_size: float, width: float, topic: Topic
) -> list[str]:
    """The largest items the card shows, each with its height and what would help."""
    styles = styles_for(body_size)
    line = styles.body.leading
    sized: list[tuple[float, CardItem]] = []
    for section in sections:
        drawn = item_flowables(section, styles)
        pairs = zip(drawn, section.drawn_items, strict=True)
        sized += [(stack_height(measure(flowables, width)), item) for flowables, item in pairs]
    advice = [(height, item, _advice(item, height, line)) for height, item in sized]
    useful = [entry for entry in advice if entry[2]]
    useful.sort(key=lambda entry: -entry[0])
    named = [
        f"  {topic.where(item.field)} ({item.item.id}): {_pt(height)} pt: {hint}"
        for height, item, hint in useful[:NAMED_ITEMS]
    ]
    if len(useful) > NAMED_ITEMS:
        rest = useful[NAMED_ITEMS:]
        named.append(f"  and {len(rest)} more, {_pt(rest[0][0])} pt or less each")
    return named


def _advice(item: CardItem, height: float, line: float) -> str | None:
    """What would make room: shorten a text of more than one line, leave out any item
    but a `now` warning; None when neither would."""
    urgent = isinstance(item.item, WarningSign) and item.item.urgency is Urgency.NOW
    several_lines = height > line * 1.5
    shorten = (
        "shorten its short text"
        if item.item.short is not None
        else "give it a shorter 'short' text"
    )
    if urgent:
        return f"{shorten} (a 'now' warning stays on the card)" if several_lines else None
    drop = "leave it off the card with on_card: false"
    return f"{shorten}, or {drop}" if several_lines else drop


def _larger_size_that_fits(text: CardText, size: CardSize) -> CardSize | None:
    """The next larger card size on which the text fits at the minimum, if any."""
    larger = larger_size(size)
    while larger is not None:
        width, room = panel_box(larger)
        if best_split(measure_card(text, MIN_BODY_SIZE, width), room)[1] is not None:
            return larger
        larger = larger_size(larger)
    return None
