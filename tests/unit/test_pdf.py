"""Shared PDF helpers: how web addresses wrap."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from generator.pdf.fonts import SANS, register_fonts
from generator.pdf.qr_code import URL_BREAK, url_lines

URL = "https://example.org/hamstring-cramp/relief?lang=en"


@pytest.mark.parametrize("width", [60.0, 120.0, 200.0, 1000.0])
def test_a_url_wraps_after_separators_never_inside_a_word(width):
    register_fonts()
    lines = url_lines(URL, SANS.regular, 12, width)
    assert "".join(lines) == URL  # nothing added or lost
    assert all(line[-1] in "/.?&=#_-" for line in lines[:-1])
    for line in lines:  # too wide only when there is nowhere to break it
        assert stringWidth(line, SANS.regular, 12) <= width or len(URL_BREAK.split(line)) == 1


def test_short_enough_stays_whole_and_longer_breaks_at_the_last_separator_that_fits():
    register_fonts()
    assert url_lines(URL, SANS.regular, 12, 1000.0) == [URL]
    assert url_lines("https://example.org/hamstring-cramp", SANS.regular, 12, 132.0) == [
        "https://example.org/",
        "hamstring-cramp",
    ]
