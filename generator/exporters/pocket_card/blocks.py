"""A panel's blocks: flowables wrapped to the panel's width, and the one rule that
stacks them down the panel, which both measures (`fit.py`, `cuts.py`) and draws
(`draw.py`), so what was measured is what is drawn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from generator.pdf.measuring import TALL


@dataclass(frozen=True)
class Block:
    """A wrapped flowable and the space it wants around it."""

    flowable: Flowable
    height: float
    space_before: float
    space_after: float


class Stacked(Protocol):
    """What stacking needs of a block, or of a run of blocks measured as one
    (`cuts.py`): its height and the space it wants before and after it."""

    @property
    def height(self) -> float: ...
    @property
    def space_before(self) -> float: ...
    @property
    def space_after(self) -> float: ...


def measure(flowables: Sequence[Flowable], width: float) -> list[Block]:
    blocks = []
    for flowable in flowables:
        _, height = flowable.wrap(width, TALL)
        blocks.append(Block(flowable, height, flowable.getSpaceBefore(), flowable.getSpaceAfter()))
    return blocks


def measure_once(groups: Sequence[Sequence[Flowable]], width: float) -> list[list[Block]]:
    """Each of `groups` measured, a flowable found in several of them once."""
    seen: dict[int, Block] = {}
    for flowable in (f for group in groups for f in group):
        if id(flowable) not in seen:
            seen[id(flowable)] = measure([flowable], width)[0]
    return [[seen[id(f)] for f in group] for group in groups]


def stack(blocks: Sequence[Stacked]) -> list[float]:
    """Distance from the panel's top to the bottom of each block. The space between
    two blocks is the larger of the first's space after and the second's before."""
    bottoms = []
    y = 0.0
    previous: Stacked | None = None
    for block in blocks:
        if previous is not None:
            y += max(previous.space_after, block.space_before)
        y += block.height
        bottoms.append(y)
        previous = block
    return bottoms


def stack_height(blocks: Sequence[Stacked]) -> float:
    bottoms = stack(blocks)
    return bottoms[-1] if bottoms else 0.0


def prefix_heights(blocks: Sequence[Stacked]) -> list[float]:
    """`stack_height(blocks[:k])` for every k from 0 to len(blocks), in one pass: the
    same sums in the same order as `stack`, so each is exactly what `stack` gives."""
    heights = [0.0]
    previous: Stacked | None = None
    for block in blocks:
        gap = max(previous.space_after, block.space_before) if previous is not None else 0.0
        heights.append(heights[-1] + gap + block.height)
        previous = block
    return heights


def suffix_heights(blocks: Sequence[Stacked]) -> list[float]:
    """`stack_height(blocks[k:])` for every k from 0 to len(blocks), in one backward
    pass: the stack read from its bottom, each block's spaces swapped. The sums are
    added in the other order, so each may differ from `stack`'s in the last bit."""
    heights = [0.0]
    below: Stacked | None = None
    for block in reversed(blocks):
        gap = max(block.space_after, below.space_before) if below is not None else 0.0
        heights.append(heights[-1] + gap + block.height)
        below = block
    return heights[::-1]


def stacked_over(head: Sequence[Stacked], below: Sequence[Stacked], height: float) -> float:
    """The height of `head` stacked over a stack `height` tall whose blocks begin with
    `below` (its first block, if any): `stack_height` of the two stacked as one."""
    if not head:
        return height
    if not below:
        return stack_height(head)
    return stack_height(head) + max(head[-1].space_after, below[0].space_before) + height


def draw_blocks(canvas: Canvas, blocks: Sequence[Block], x: float, top: float) -> None:
    """Draw measured blocks down from `top`, exactly where `stack` put them."""
    for block, bottom in zip(blocks, stack(blocks), strict=True):
        block.flowable.drawOn(canvas, x, top - bottom)
