"""The handout's layout measured on topics of several shapes (`tests/layout_shapes.py`),
at Letter and A4: the page each one's first urgent warning prints on, how full its last
page is, what follows a heading at a page's foot. The table of these numbers, before
and after, is in docs/handout-layout.md."""

from __future__ import annotations

import pytest

from generator.exporters.handout.styles import BODY_PT, LARGE_PRINT_PT, LEADING
from generator.options import Paper
from tests.layout_shapes import build_and_measure, page_ends, pdf_shapes

SHAPES = pdf_shapes()
PAGES = [(s, p) for s in SHAPES for p in Paper]


@pytest.fixture(scope="module", params=PAGES, ids=str)
def layout(request, tmp_path_factory):
    shape, paper = request.param
    topic, options = SHAPES[shape]
    return build_and_measure(topic, tmp_path_factory.mktemp("layout"), paper, **options)[1]


def test_the_first_urgent_warning_prints_on_page_1(layout):
    assert layout.urgent_page == 1, layout
    assert all(0 < fill <= 1.01 for fill in layout.fills), layout


def test_the_last_page_holds_at_least_a_quarter_page(layout):
    """Or its content is pulled back: the hamstring handout on A4 had a third page
    19% full, the short topic on Letter a second one 13%, large print 9-21%."""
    assert layout.pages == 1 or layout.fills[-1] >= 0.25, layout


def test_a_heading_at_a_page_foot_has_two_lines_under_it(layout):
    """Large print on Letter ended page 4 with a heading over one line of its section."""
    assert all(lines == -1 or lines >= 2 for lines in layout.under_last_heading), layout


@pytest.mark.parametrize("paper", [Paper.A4])
def test_the_hamstring_handout_is_one_sheet(paper, tmp_path):
    """Two pages at 12 pt with every fact (three before). On Letter, even at its
    tightest fit, it needs about a sixth of a third page (docs/handout-layout.md)."""
    topic, options = SHAPES["hamstring"]
    _, layout = build_and_measure(topic, tmp_path, paper, **options)
    assert layout.pages == 2, layout


@pytest.mark.parametrize(("shape", "paper"), PAGES, ids=str)
def test_no_page_but_the_last_is_under_85_percent_unless_the_next_block_could_not_fit(
    shape, paper, tmp_path
):
    """Its fill read back from the PDF; the room left under the page's last block and
    the height of the block the next page begins with (a heading kept with its first
    items, a short section, a picture's row, the warnings box), from the layout the
    PDF is drawn from. That block needs its space before too: at most a line."""
    topic, options = SHAPES[shape]
    _, layout = build_and_measure(topic, tmp_path, paper, **options)
    ends = {end.page: end for end in page_ends(topic, paper, **options)}
    assert sorted(ends) == list(range(1, layout.pages)), ends
    line = (LARGE_PRINT_PT if options.get("large_print") else BODY_PT) * LEADING
    for page, fill in enumerate(layout.fills[:-1], start=1):
        end = ends[page]
        if fill < 0.85:
            assert end.next_block is not None and end.next_block + line > end.room, (
                f"page {page} is {fill:.0%} full, but {end.room:.0f} pt were left for a "
                f"block of {end.next_block} pt"
            )
