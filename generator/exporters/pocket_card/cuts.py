"""What to leave off a pocket card whose text does not fit, chosen so that the card
keeps what protects the reader, and so that leaving off exactly what is listed makes
the card fit in one round.

The order: whole optional sections first (any but a warnings section and the first
section of steps, the card's first aid: causes, prevention, facts, other steps), then
the optional items (a "see a provider" sign may leave, a "get care now" one never),
then, only when nothing else is left, the steps of the first aid. In each of these
tiers the cut taken is the smallest one as tall as what is still too much, else the
tallest (on a tie, the later one in the card), until the card fits or nothing is left.
Everything is measured at the minimum size without pictures, as `overflow_message`
measures it: once, and again only for a section an item leaves (a section left off
whole is a part taken out of the stack); what fits is checked block by block at the end.

A cut's `saved` is what the card needs less once it and the ones before it are made,
in whole points of the rounded totals, so the savings add up to the totals printed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

from generator.exporters.pocket_card.blocks import (
    Block,
    measure,
    prefix_heights,
    stack_height,
    stacked_over,
    suffix_heights,
)
from generator.exporters.pocket_card.content import CardItem, CardSection, CardText
from generator.exporters.pocket_card.fit import Runs, best_split, measure_card
from generator.exporters.pocket_card.section_runs import item_flowables
from generator.exporters.pocket_card.styles import MIN_BODY_SIZE, styles_for
from generator.model import SectionKind, Urgency, WarningSign


@dataclass(frozen=True)
class Cut:
    """One section or item to leave off the card (`on_card: false`)."""

    field: str
    """Its field path: `sections[5]` or `sections[0].items[1]`."""
    about: str
    """How the message names it: ` (causes, 'What causes cramps')` or ` (item-id)`."""
    whole_section: bool
    first_aid: bool
    """A step of the card's first aid (its first section of steps)."""
    saved: int = 0
    """Points the card needs less once this cut and the ones before it are made."""


@dataclass(frozen=True)
class CutPlan:
    """The cuts in order, what the card then needs, and whether it then fits."""

    cuts: tuple[Cut, ...]
    needs: int
    """Points the card's text needs once every cut is made (rounded up)."""
    fits: bool


def whole_points(value: float) -> int:
    """A height as the messages print it: rounded up to a whole point."""
    return math.ceil(value - 1e-6)


def room_points(room: float) -> int:
    """A panel's room as the messages print it: rounded down, so that what they say
    fits does."""
    return math.floor(room + 1e-6)


def plan_cuts(text: CardText, width: float, room: float) -> CutPlan:
    """The cuts that make `text` fit two panels of `room` (see the module's doc)."""
    state = _measured(text, width)
    heights = _own_heights(state, width)
    first_aid = _first_aid(text)
    cuts: list[Cut] = []
    while True:
        if state.fits(room):
            if _truly_fits(state.text, width, room):
                return CutPlan(tuple(cuts), whole_points(state.total), True)
            state = _measured(state.text, width)  # by blocks, in case the sums differ
        candidates = _candidates(state, room, first_aid)
        if not candidates:
            return CutPlan(tuple(cuts), whole_points(state.total), False)
        excess = _excess(state, room)
        covering = [c for c in candidates if heights[c.field] >= excess]
        tier = covering or candidates  # on a tie, the later in the card: the first steps stay
        pick = min if covering else max
        chosen = pick(reversed(tier), key=lambda c: heights[c.field])
        after = state.without(chosen.field, width)
        cuts.append(replace(chosen, saved=whole_points(state.total) - whole_points(after.total)))
        state = after


def _first_aid(text: CardText) -> int | None:
    """The `index` of the card's first section of steps, its first aid."""
    steps = [s.index for s in text.sections if s.section.kind is SectionKind.STEPS]
    return steps[0] if steps else None


@dataclass(frozen=True)
class _Part:
    """A run of blocks stacked as one: its height, and the space its first block wants
    before it and its last one after it."""

    height: float
    space_before: float
    space_after: float

    @staticmethod
    def of(blocks: list[Block]) -> _Part:
        """`blocks` (at least one) stacked as one part (`blocks.Stacked`)."""
        return _Part(stack_height(blocks), blocks[0].space_before, blocks[-1].space_after)


def _part(blocks: list[Block]) -> _Part | None:
    return _Part.of(blocks) if blocks else None


def _over(head: _Part | None, first: _Part | None, height: float) -> float:
    """`head` stacked over a stack `height` tall whose first part is `first`."""
    if head is None or first is None:
        return height
    return stacked_over([head], [first], height)


def _height(parts: Iterable[_Part | None]) -> float:
    """The height of `parts` stacked (those there are)."""
    return stack_height([part for part in parts if part is not None])


def larger_part(runs: Runs, said_again: Runs) -> float:
    """The height of the larger part of a section measured in `runs`, split between
    the two sides where it may (`fit.Measured.breaks`; the back's part under what it
    says again, `said_again`), at the split that makes it smallest: more than a panel
    holds, and the card cannot fit."""
    return _larger_part(tuple(map(_Part.of, runs)), tuple(map(_part, said_again)))


def _larger_part(parts: tuple[_Part, ...], heads: tuple[_Part | None, ...]) -> float:
    def back(k: int) -> float:
        return _height([heads[k] if k < len(parts) else None, *parts[k:]])

    return min(max(_height(parts[:k]), back(k)) for k in range(len(parts) + 1))


@dataclass(frozen=True)
class _State:
    """The card's text with the cuts so far, measured by parts: the title, each run of
    each section (`fit.Runs`), the closing; a section left off is its parts taken out,
    measured again never."""

    text: CardText
    title: _Part | None
    sections: tuple[tuple[_Part, ...], ...]
    closing: _Part | None
    said_again: tuple[tuple[_Part | None, ...], ...]
    """What the back says again when it begins with each run of each section
    (`fit.Measured.said_again`)."""

    @property
    def runs(self) -> list[_Part]:
        return [part for parts in self.sections for part in parts]

    @property
    def heads(self) -> list[_Part | None]:
        """What the back begins with when it begins before each run, or after them
        all: inside a section what it says again, else nothing."""
        return [head for heads in self.said_again for head in heads] + [None]

    @property
    def total(self) -> float:
        return _height([self.title, *self.runs, self.closing])

    @property
    def tallest(self) -> float:
        """The taller panel at the best-balanced split (`fit.best_split`)."""
        title = [self.title] if self.title else []
        fronts = prefix_heights([*title, *self.runs])[len(title) :]  # title and k runs
        closing = [self.closing] if self.closing else []
        backs = suffix_heights([*self.runs, *closing])[: len(self.runs) + 1]  # runs from k
        runs: list[_Part | None] = [*self.runs, None]
        backs = [_over(h, r, b) for h, r, b in zip(self.heads, runs, backs, strict=True)]
        return min(max(front, back) for front, back in zip(fronts, backs, strict=True))

    def too_tall(self, room: float) -> dict[int, float]:
        """The sections (by `index`) whose larger part, split where they may, is taller
        than one panel, with that part's height."""
        larger = map(_larger_part, self.sections, self.said_again)
        pairs = zip(self.text.sections, larger, strict=True)
        return {s.index: larger for s, larger in pairs if larger > room}

    def fits(self, room: float) -> bool:
        return self.tallest <= room

    def without(self, field: str, width: float) -> _State:
        """This card with the section or item at `field` left off."""
        text = _without(self.text, field)
        if any(s.field == field for s in self.text.sections):  # a whole section: parts out
            kept = [
                (parts, heads)
                for s, parts, heads in zip(
                    self.text.sections, self.sections, self.said_again, strict=True
                )
                if s.field != field
            ]
            sections, again = tuple(p for p, _ in kept), tuple(h for _, h in kept)
            return replace(self, text=text, sections=sections, said_again=again)
        return _measured(text, width)


def _measured(text: CardText, width: float) -> _State:
    measured = measure_card(text, MIN_BODY_SIZE, width)
    sections = tuple(tuple(_Part.of(run) for run in runs) for runs in measured.runs)
    again = tuple(tuple(map(_part, heads)) for heads in measured.said_again)
    return _State(text, _part(measured.title), sections, _part(measured.closing), again)


def _truly_fits(text: CardText, width: float, room: float) -> bool:
    """Whether `text` fits as `fit_card` measures it, block by block."""
    return best_split(measure_card(text, MIN_BODY_SIZE, width), room)[1] is not None


def _excess(state: _State, room: float) -> float:
    """How much is still too much: the overflow of the sections whose larger part is
    taller than a panel when there are any (`_State.too_tall`), else of the whole card."""
    too_tall = state.too_tall(room)
    if too_tall:
        return max(too_tall.values()) - room
    return max(state.total - 2 * room, state.tallest - room)


def _candidates(state: _State, room: float, first_aid: int | None) -> list[Cut]:
    """The cuts of the first tier that has any, in the card's order; only inside the
    sections taller than a panel while there are such."""
    too_tall = state.too_tall(room)
    sections = [s for s in state.text.sections if not too_tall or s.index in too_tall]
    whole = [
        Cut(s.field, s.about, whole_section=True, first_aid=False)
        for s in sections
        if s.section.kind is not SectionKind.WARNINGS and s.index != first_aid
    ]
    items = [_item_cut(s, i, first_aid) for s in sections for i in s.drawn_items if _optional(i)]
    for tier in (whole, [c for c in items if not c.first_aid], items):
        if tier:
            return tier
    return []


def _optional(item: CardItem) -> bool:
    return not (isinstance(item.item, WarningSign) and item.item.urgency is Urgency.NOW)


def _item_cut(section: CardSection, item: CardItem, first_aid: int | None) -> Cut:
    return Cut(item.field, f" ({item.item.id})", False, first_aid=section.index == first_aid)


def _own_heights(state: _State, width: float) -> dict[str, float]:
    """The height of each section and each item on its own, at the minimum size."""
    styles = styles_for(MIN_BODY_SIZE)
    pairs = zip(state.text.sections, state.sections, strict=True)
    heights = {section.field: stack_height(parts) for section, parts in pairs}
    for section in state.text.sections:
        drawn = zip(item_flowables(section, styles), section.drawn_items, strict=True)
        heights |= {item.field: stack_height(measure(f, width)) for f, item in drawn}
    return heights


def _without(text: CardText, field: str) -> CardText:
    """`text` without the section or item at `field`, as the card is built once that
    one is `on_card: false`: a section left with no item is left off too."""
    sections = []
    for section in text.sections:
        if section.field == field:
            continue
        if field.startswith(f"{section.field}.items["):
            kept = tuple(i for i in section.items if i.field != field)
            if not kept:
                continue
            groups = tuple(
                (u, label, tuple(i for i in group if i.field != field))
                for u, label, group in section.groups
            )
            section = replace(section, items=kept, groups=tuple(g for g in groups if g[2]))
        sections.append(section)
    return replace(text, sections=tuple(sections))
