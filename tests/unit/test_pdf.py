"""Shared PDF helpers: how web addresses wrap, the XMP metadata."""

from __future__ import annotations

from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from generator.pdf.archival import xmp_packet
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


def test_the_xmp_metadata_keeps_a_title_with_markup_characters_as_written():
    """The XMP packet is escaped by `archival` itself (not `xml.sax.saxutils`, whose
    import brings the HTTP client): the title reads back as written."""
    title = 'Cramp & spasm: <b>"stop"</b> > rest'
    info = SimpleNamespace(
        title=title, author="A & B", subject="s", keywords="k", creator="c", producer="p"
    )
    packet = xmp_packet(info, 0.0, "en")
    body = packet[packet.index("<x:xmpmeta") : packet.index("<?xpacket end")]
    root = ElementTree.fromstring(body)
    dc = "{http://purl.org/dc/elements/1.1/}"
    rdf = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
    assert root.find(f".//{dc}title/{rdf}Alt/{rdf}li").text == title
    assert root.find(f".//{dc}creator/{rdf}Seq/{rdf}li").text == "A & B"
