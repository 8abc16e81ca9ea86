"""Card sizes, sheet grids and the stacking rule the fit search measures with."""

from __future__ import annotations

from reportlab.platypus import Spacer

from generator.exporters.pocket_card.blocks import measure, stack
from generator.exporters.pocket_card.geometry import CARD_SIZES, larger_size, unit_size
from generator.model import CardLayout, CardSize
from generator.options import Paper
from generator.pdf.imposition import FOOTER_HEIGHT, GUTTER, MARK_REACH, SAFE_MARGIN, sheet_grid


def test_fold_over_is_two_cards_wide():
    assert unit_size(CardSize.WALLET, CardLayout.FOLD_OVER) == (504.0, 144.0)
    assert unit_size(CardSize.WALLET, CardLayout.TWO_SIDED) == (252.0, 144.0)


def test_larger_sizes_go_by_area():
    assert larger_size(CardSize.WALLET) is CardSize.ID1
    assert larger_size(CardSize.ID1) is CardSize.A7
    assert larger_size(CardSize.A7) is CardSize.INDEX
    assert larger_size(CardSize.INDEX) is None


def test_wallet_cards_on_letter():
    grid = sheet_grid(Paper.LETTER, (252.0, 144.0))
    assert (grid.columns, grid.rows, grid.rotated) == (2, 4, False)


def test_grid_turns_cards_when_more_fit():
    grid = sheet_grid(Paper.LETTER, unit_size(CardSize.A7, CardLayout.FOLD_OVER))
    assert (grid.columns, grid.rows, grid.rotated) == (2, 1, True)


def test_every_placement_and_its_marks_stay_inside_the_safe_margin():
    for paper in Paper:
        for size in CARD_SIZES:  # every size with dimensions (`auto` picks one)
            for layout in CardLayout:
                grid = sheet_grid(paper, unit_size(size, layout))
                page_w, page_h = grid.page
                w, h = grid.footprint
                assert grid.count >= 1, (paper, size, layout)
                beside = FOOTER_HEIGHT if grid.footer_beside else 0.0
                below = 0.0 if grid.footer_beside else FOOTER_HEIGHT
                for place in grid.placements():  # clear of the margin and the footer band
                    assert place.x - MARK_REACH >= SAFE_MARGIN - 1e-6
                    assert place.x + w + MARK_REACH <= page_w - SAFE_MARGIN - beside + 1e-6
                    assert place.y + h + MARK_REACH <= page_h - SAFE_MARGIN + 1e-6
                    assert place.y - MARK_REACH >= SAFE_MARGIN + below - 1e-6
                    back_x = page_w - place.x - w  # the mirrored back, on a page with no footer
                    assert back_x - MARK_REACH >= SAFE_MARGIN - 1e-6


def test_neighbouring_cards_are_a_gutter_apart():
    grid = sheet_grid(Paper.LETTER, (252.0, 144.0))
    first, second = grid.placements()[:2]
    assert second.x - (first.x + 252.0) == GUTTER


def test_stack_uses_the_larger_of_the_two_spaces():
    a, b = Spacer(10, 20), Spacer(10, 30)
    a.spaceAfter, b.spaceBefore = 4, 6
    assert stack(measure([a, b], 100)) == [20, 56]
