"""QR codes drawn as filled rectangles (no font, nothing to embed), with a caption:
the address in words, wrapped only after its separators."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import escape
from reportlab.lib.colors import black
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from generator.pdf.tagged import Figure
from generator.pdf.tags import Tag, child, link, marked
from generator.qr import QUIET_ZONE, ascii_url, dark_runs, qr_modules

SMALLEST_SIDE = 0.75 * 72
"""The least side a printed QR code takes, quiet zone included (3/4 in, 19 mm): a
little less than the 2 cm often given as the least a phone camera scans at arm's
length, more than the pocket card's 40 pt, which is read close up."""


class QrCode(Flowable):  # type: ignore[misc]
    """A square QR code for `url`, `size` points wide including its quiet zone, drawn
    as filled rectangles in the current fill colour: no font, nothing to embed."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url = url
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        modules = qr_modules(self.url)
        unit = self.width / (len(modules) + 2 * QUIET_ZONE)
        top = self.height - QUIET_ZONE * unit
        self.canv.saveState()
        self.canv.setFillColor(black)
        for row, col, length in dark_runs(modules):
            x = (QUIET_ZONE + col) * unit
            self.canv.rect(x, top - (row + 1) * unit, length * unit, unit, stroke=0, fill=1)
        self.canv.restoreState()


def _linkable(url: str) -> bool:
    """A web address a reader's click can open (a clinic may write `example.org`)."""
    try:
        ascii_url(url)
    except ValueError:
        return False
    return url.lower().startswith(("https://", "http://"))


URL_BREAK = re.compile(r"(?<=[/.?&=#_-])(?=.)")
"""Where a web address may wrap: after a slash, dot or other separator."""


def url_lines(url: str, font: str, size: float, width: float) -> list[str]:
    """`url` cut into lines no wider than `width` where it can be, each ending at a
    separator, so that no line breaks inside a word of the address."""
    lines, line = [], ""
    for piece in URL_BREAK.split(url):
        if line and stringWidth(line + piece, font, size) > width:
            lines.append(line)
            line = piece
        else:
            line += piece
    return [*lines, line]


class UrlText(Flowable):  # type: ignore[misc]
    """A web address in `style`, wrapped at separators to whatever width it is given
    (a plain paragraph would cut 'hamstring' in two)."""

    def __init__(self, url: str, style: ParagraphStyle, tag: Tag | None = None) -> None:
        super().__init__()
        self.url = url
        self.style = style
        self.tag = child(tag, "Link") if tag is not None and _linkable(url) else tag
        self._paragraph = Paragraph(escape(url), style)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        lines = url_lines(self.url, self.style.fontName, self.style.fontSize, avail_width)
        markup = "<br/>".join(escape(line) for line in lines)
        self._paragraph = Paragraph(markup, self.style)
        width, height = self._paragraph.wrap(avail_width, avail_height)
        self.width, self.height = width, height
        return width, height

    def draw(self) -> None:
        """The address, and over it a link to it (in a tagged PDF: a `Link` element of
        the text and its annotation, inside the element given)."""
        with marked(self.canv, self.tag) as element:
            self._paragraph.drawOn(self.canv, 0, 0)
        if self.tag is not None and self.tag.role == "Link":
            link(self.canv, element, ascii_url(self.url), self.width, self.height)

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)


class QrWithCaption(Flowable):  # type: ignore[misc]
    """A QR code of side `side` at the left and `caption` (flowables, top to bottom)
    beside it, `gap` points away, the two centred on each other. The code is the
    figure of `tag` (`qr_tag`)."""

    def __init__(
        self,
        url: str,
        side: float,
        caption: Sequence[Flowable],
        *,
        gap: float,
        tag: Tag | None = None,
    ) -> None:
        super().__init__()
        self.code = Figure(QrCode(url, side), tag)
        self.side = side
        self.caption = list(caption)
        self.gap = gap
        self._heights: list[float] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        text_width = avail_width - self.side - self.gap
        self._heights = [f.wrap(text_width, avail_height)[1] for f in self.caption]
        self.width = avail_width
        self.height = max(self.side, sum(self._heights))
        return self.width, self.height

    def draw(self) -> None:
        self.code.drawOn(self.canv, 0, (self.height - self.side) / 2)
        y = (self.height + sum(self._heights)) / 2
        for flowable, height in zip(self.caption, self._heights, strict=True):
            y -= height
            flowable.drawOn(self.canv, self.side + self.gap, y)


def qr_tag(parent: Tag | None, alt: str) -> Tag:
    """The figure of a QR code under `parent`; `alt` (from the label catalogue) says
    what it is and gives its address."""
    return Tag("Figure", parent, alt=alt)
