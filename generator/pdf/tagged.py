"""The flowables every PDF draws its content with, each carrying the `Tag` of what it
is: paragraphs (whose parts keep their tag across a page break), a list's marks (in
`Lbl`), figures (with their bounding box), and tables whose backgrounds and rules are
decoration. Drawn on a canvas without a recorder (a measurement), they draw exactly
as ReportLab's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from markupsafe import escape
from reportlab.platypus import Flowable, ListFlowable, Paragraph, Table, paragraph
from reportlab.platypus.flowables import BulletDrawer

from generator.pdf import plain_markup
from generator.pdf.bidi import reorder_line
from generator.pdf.styles import text_style
from generator.pdf.tags import Tag, artifact, marked, note_bbox
from generator.pdf.writing import Writing, current

WRAPPED = ("width", "height", "blPara", "_wrapWidths", "frags")
WRAPPED_IF_SET = ("_width_max", "_splitLongWordCount", "_hyphenations")
"""What ReportLab's `wrap` leaves on a paragraph: its width, height, lines, line widths
(less a bullet's) and frags, and (not in a CJK wrap) its widest line, long words split
and hyphenations."""
Wrapped = dict[str, Any]
"""Those attributes of a paragraph after a wrap at one width."""
Parsed = tuple[str, Any, Any, list[Any], dict[float, Wrapped]]
"""A paragraph's text, style, bullet and frags as ReportLab's parser left them, and
its wraps so far by width."""
_PARSED: ContextVar[dict[tuple[str, Any], Parsed] | None] = ContextVar("parsed", default=None)


@contextmanager
def parsing_once() -> Iterator[None]:
    """Within it, a paragraph of a text and style parsed before takes that parse, and
    its lines at a width it was wrapped at before: for an export that makes its
    paragraphs again for each layout it tries (the handout's fitting), and wraps a
    paragraph more than once in one (a list, a table or a kept block measures its
    parts before the frame places them). ReportLab's wrap replaces a paragraph's frags
    with new ones (marking each parsed frag's kind, the same each time), so a parse can
    be shared; its lines depend on the width alone, and are only read once made (by
    `split`, which copies what it keeps, and by drawing). Forgotten at its end."""
    token = _PARSED.set({})
    try:
        yield
    finally:
        _PARSED.reset(token)


class TextParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph set as the writing of the topic being printed (`writing.current`)
    says: each run in its script's font, shaped, in its language's direction; its
    lines broken in reading order and drawn in the order they are seen."""

    def __init__(self, text: Any, style: Any = None, *args: Any, **kw: Any) -> None:
        writing = current()
        self.writing: Writing | None = None if writing is None or writing.plain else writing
        if self.writing is not None and style is not None:
            if isinstance(text, str):
                text = self.writing.markup(text, style)
            style = self.writing.style(style)
        simple = isinstance(text, str) and not args and not kw
        kept = _PARSED.get() if simple else None
        parsed = kept.get((text, style)) if kept is not None else None
        self._wraps: dict[float, Wrapped] | None = None
        if parsed is not None:  # the same text in the same style: its parse, shared
            text, style, bullet, frags, self._wraps = parsed
            super().__init__(text, style, bullet, frags)
            return
        made = plain_markup.parts(text, style) if simple and style is not None else None
        if made is not None:  # the parts the parser would make, made without it
            super().__init__(made[0], style, None, made[1])
        else:
            super().__init__(text, style, *args, **kw)
        if kept is not None:
            self._wraps = {}
            kept[text, style] = (self.text, self.style, self.bulletText, self.frags, self._wraps)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        wraps = self._wraps
        if wraps is None or avail_width < paragraph._FUZZ:
            return super().wrap(avail_width, avail_height)  # type: ignore[no-any-return]
        done = wraps.get(avail_width)
        if done is None:
            super().wrap(avail_width, avail_height)
            made = self.__dict__
            done = {name: made[name] for name in WRAPPED}
            done.update((name, made[name]) for name in WRAPPED_IF_SET if name in made)
            wraps[avail_width] = done
        else:
            self.__dict__.update(done)
        return self.width, self.height

    def draw(self) -> None:
        writing = self.writing
        lines = getattr(self, "blPara", None)
        if writing is None or lines is None or lines.kind != 1 or not writing.reorders:
            super().draw()
            return
        self.blPara = lines.clone(
            lines=[
                line.clone(
                    words=reorder_line(line.words, writing.right_to_left, writing.font_is_rtl)
                )
                for line in lines.lines
            ]
        )
        try:
            super().draw()
        finally:
            self.blPara = lines


def draw_line(canvas: Any, x: float, y: float, text: str, font: str, size: float) -> None:
    """Draw `text` as one line in `font` at `size`, its baseline at `y`, starting at
    `x`: as `canvas.drawString` does for text DejaVu draws left to right, else set as
    the topic's writing says (script fonts, shaped, in reading order)."""
    writing = current()
    if writing is None or writing.plain or text.isascii():
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
        return
    line = TextParagraph(escape(text), text_style("line", font, size, size * 1.2))
    width = line_width(line)
    shift = ONE_LINE - width if writing.right_to_left else 0.0  # set at the room's right
    line.drawOn(canvas, x - shift, y - line.height + size)


ONE_LINE = 1e5
"""Room a paragraph measured as one line is wrapped in: wider than any line."""


def line_width(paragraph: Paragraph) -> float:
    """How wide `paragraph` prints as one line (wrapped in `ONE_LINE`), in the fonts
    of its scripts."""
    paragraph.wrap(ONE_LINE, ONE_LINE)
    return float(max(paragraph.getActualLineWidths0()))


class TaggedParagraph(TextParagraph):
    """A paragraph that is real content of `tag` (all its parts, on every page)."""

    def __init__(
        self, text: Any, style: Any = None, *args: Any, tag: Tag | None = None, **kw: Any
    ) -> None:
        super().__init__(text, style, *args, **kw)
        self.tag = tag

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        parts: list[Any] = super().split(avail_width, avail_height)
        for part in parts:
            part.tag = self.tag
        return parts

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        with marked(canvas, self.tag):
            super().drawOn(canvas, x, y, _sW)


class MarkedParagraph(TaggedParagraph):
    """A list item's paragraph with its mark (`bulletText`) hanging at its left, the
    mark tagged `label` (Lbl) and the text `tag` (LBody). ReportLab draws a paragraph's
    bullet inside the paragraph; this draws the same bullet, at the same place, as
    content of its own."""

    bulletText: Any

    def __init__(
        self, text: Any, style: Any, *args: Any, label: Tag | None = None, **kw: Any
    ) -> None:
        super().__init__(text, style, *args, **kw)
        self.label = label

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        parts = super().split(avail_width, avail_height)
        for part in parts:
            part.label = self.label if part.bulletText else None
        return parts

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        Flowable.drawOn(self, canvas, x, y, _sW)  # marked in `draw`, mark apart from text

    def draw(self) -> None:
        bullet: Any = self.bulletText
        self.bulletText = None
        try:
            if bullet:
                with marked(self.canv, self.label):
                    self.canv.saveState()
                    rtl = self.writing is not None and self.writing.right_to_left
                    paragraph._drawBullet(
                        self.canv,
                        0,
                        self._first_baseline(),
                        bullet,
                        self.style,
                        rtl=(self.width - self.style.rightIndent,) if rtl else False,
                    )
                    self.canv.restoreState()
            with marked(self.canv, self.tag):
                super().draw()
        finally:
            self.bulletText = bullet

    def _first_baseline(self) -> float:
        """Where ReportLab's `drawPara` puts the first line (and its bullet)."""
        lines = self.blPara
        first = lines if lines.kind == 0 else lines.lines[0]
        if paragraph.paraFontSizeHeightOffset:
            return float(self.height - first.fontSize)
        return float(self.height - getattr(first, "ascent", first.fontSize))


class TaggedBullet(BulletDrawer):  # type: ignore[misc]
    """A document list's number, bullet or tick box, as content of its `Lbl`."""

    tag: Tag | None = None

    def drawOn(self, indenter: Any, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        with marked(canvas, self.tag):
            super().drawOn(indenter, canvas, x, y, _sW)


class TaggedList(ListFlowable):  # type: ignore[misc]
    """ReportLab's list, its marks tagged by `labels` (one `Lbl` tag per item, in order;
    each item's flowable carries its own `LBody` tag)."""

    def __init__(self, flowables: list[Any], labels: list[Tag], **kw: Any) -> None:
        self._labels = iter(labels)
        super().__init__(flowables, **kw)

    def _makeBullet(self, value: Any, params: Any = None) -> Any:
        bullet = super()._makeBullet(value, params)
        bullet.__class__ = TaggedBullet
        bullet.tag = next(self._labels, None)
        return bullet


class Figure(Flowable):  # type: ignore[misc]
    """`inner` (a picture, a drawing, a QR code) as a figure of `tag`, whose alternative
    text a screen reader reads in its place; its bounding box is recorded as drawn."""

    def __init__(self, inner: Any, tag: Tag | None) -> None:
        super().__init__()
        self.inner = inner
        self.tag = tag
        self.hAlign = getattr(inner, "hAlign", "LEFT")
        self.width = getattr(inner, "width", 0)
        self.height = getattr(inner, "height", 0)
        self._element: Any = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(avail_width, avail_height)
        return self.width, self.height

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        with marked(canvas, self.tag) as element:
            self._element = element
            super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        note_bbox(self.canv, self._element, self.width, self.height)
        self.inner.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self) -> float:
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.inner.getSpaceAfter())


class Decoration(Figure):
    """`inner` drawn as decoration of `kind` (`tags.ARTIFACT_KINDS`): a logo beside the
    name it shows, a heading said again over the rest of its section."""

    def __init__(self, inner: Any, kind: str = "layout") -> None:
        super().__init__(inner, None)
        self.kind = kind

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        with artifact(canvas, self.kind):
            Flowable.drawOn(self, canvas, x, y, _sW)


class TaggedTable(Table):  # type: ignore[misc]
    """A table used for layout: its cells' flowables carry their own tags, and its
    backgrounds and rules are decoration."""

    def _drawBkgrnd(self) -> None:
        with artifact(self.canv):
            super()._drawBkgrnd()

    def _drawLines(self) -> None:
        with artifact(self.canv):
            super()._drawLines()
