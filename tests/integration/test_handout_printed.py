"""The web page printed from a browser, measured on topics of several shapes
(`tests/layout_shapes.py`) at Letter and A4 by real headless Chromium
(`tests/printed_shapes.py`): the urgent warning signs on page 1, the warnings box
whole there where it fits, "Page N of M" on every page, no page of only the footer;
at phone width every picture above its text. The numbers are in
docs/handout-layout.md."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser

from generator.exporters.handout import html as handout_html
from generator.options import BuildOptions, Paper
from tests.integration.test_handout_axe import chromium as chromium_path
from tests.layout_shapes import shapes
from tests.printed_shapes import Printed, chromium, print_page

pytestmark = pytest.mark.browser

SHAPES = shapes()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium(chromium_path()) as launched:
        yield launched


@pytest.fixture(scope="module")
def printout(browser, tmp_path_factory) -> Callable[[str, Paper], Printed]:
    """Each shape printed once on each paper, for every test that reads it."""

    @functools.cache
    def printed(shape: str, paper: Paper) -> Printed:
        topic, options = SHAPES[shape]
        return print_page(browser, topic, tmp_path_factory.mktemp("printed"), paper, **options)

    return printed


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("shape", list(SHAPES))
def test_printed_page_1_holds_the_urgent_signs_and_the_box_where_it_fits(printout, shape, paper):
    """Every sign that needs care right away prints on page 1. Where the whole box
    fits on page 1 after the main message it prints whole there; where it does not,
    the rest of it (the other signs, where to get care) is on page 2."""
    printed = printout(shape, paper)
    assert set(printed.urgent_pages) == {1}, printed.urgent_pages
    if printed.room_below_box >= 4:  # CSS px: clear of rounding at the page's foot
        assert set(printed.box_pages) == {1}, (printed.box_pages, printed.room_below_box)
    else:
        assert set(printed.box_pages) <= {1, 2}, printed.box_pages


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_printed_page_is_numbered_and_never_holds_only_the_footer(printout, shape, paper):
    printed = printout(shape, paper)
    assert printed.numbered, [page[-40:] for page in printed.pages]
    assert printed.footer_whole_on_last_page, printed.pages[-1]
    assert printed.last_page_holds_more_than_the_footer, printed.pages[-1]


@pytest.mark.parametrize("shape", ["hamstring", "Spanish with a clinic", "large print"])
@pytest.mark.parametrize(("width", "stacked"), [(390, True), (900, False)])
def test_at_phone_width_every_picture_stands_above_its_text(
    browser, shape, width, stacked, tmp_path
):
    """At 390 px a picture beside its text left a column of about 22 characters:
    there every one stands above its text, which takes the item's whole width; at
    900 px each stays beside its text."""
    topic, options = SHAPES[shape]
    built = BuildOptions(**options)  # type: ignore[arg-type]
    out = handout_html.export(topic, tmp_path / "handout.html", built)
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(out.as_uri())
        rows = page.evaluate(ROWS)
    finally:
        context.close()
    assert rows
    for row in rows:
        assert (row["text_top"] >= row["figure_foot"] - 1) is stacked, row
        assert (row["text_width"] >= row["row_width"] - 1) is stacked, row


ROWS = """() => [...document.querySelectorAll('.pictured')].map(row => {
    const figure = row.querySelector('figure').getBoundingClientRect();
    const text = row.querySelector('p').getBoundingClientRect();
    return {figure_foot: figure.bottom, text_top: text.top,
            text_width: text.width, row_width: row.getBoundingClientRect().width};
})"""
"""Where each picture and its text stand, in CSS px."""
