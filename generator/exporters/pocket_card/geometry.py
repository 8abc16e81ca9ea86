"""Pocket card dimensions, in points. Where pieces go on a print sheet is shared with
the study cards: `generator.pdf.imposition`."""

from __future__ import annotations

from reportlab.lib.units import inch, mm

from generator.model import CardLayout, CardSize

CARD_SIZES: dict[CardSize, tuple[float, float]] = {
    CardSize.WALLET: (3.5 * inch, 2 * inch),
    CardSize.ID1: (85.6 * mm, 54 * mm),
    CardSize.INDEX: (5 * inch, 3 * inch),
    CardSize.A7: (105 * mm, 74 * mm),
}
"""Trim size (width, height) of one side of a card, landscape."""

SIZE_NAMES: dict[CardSize, str] = {
    CardSize.WALLET: "wallet",
    CardSize.ID1: "ID-1",
    CardSize.INDEX: "index",
    CardSize.A7: "A7",
}

PANEL_PADDING = 0.125 * inch
"""Space between the trim and the text on every side of a panel."""


def unit_size(size: CardSize, layout: CardLayout) -> tuple[float, float]:
    """Size of the printed piece: one side, or both panels side by side (fold-over)."""
    width, height = CARD_SIZES[size]
    return (2 * width, height) if layout is CardLayout.FOLD_OVER else (width, height)


def sizes_by_area() -> list[CardSize]:
    """Every card size, smallest first: the order in which `auto` tries them."""
    return sorted(CARD_SIZES, key=lambda s: CARD_SIZES[s][0] * CARD_SIZES[s][1])


def larger_size(size: CardSize) -> CardSize | None:
    """The next card size up by area, to suggest when text does not fit."""
    by_area = sizes_by_area()
    index = by_area.index(size)
    return by_area[index + 1] if index + 1 < len(by_area) else None
