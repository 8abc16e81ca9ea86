"""The handout PDF's footer on every page, with "Page N of M"."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from generator.exporters.handout.content import HandoutText
from generator.exporters.handout.styles import Styles, markup
from generator.labels.tags import full_stop
from generator.pdf.document import TaggedCanvas, fixed_time_canvas
from generator.pdf.palette import ACCENT
from generator.pdf.tagged import TaggedParagraph, TextParagraph, line_width
from generator.pdf.tags import Tag, artifact
from generator.pdf.writing import start_side


class Footer:
    """Source, version and review date across the page; below them the disclaimer,
    with "Page N of M" at the right of its last line. The same on every page, so a
    reader hears it once: on the last page, after the sections, as text (`P`); on
    the others, and the page numbers everywhere, it is a running footer (artifact)."""

    def __init__(self, text: HandoutText, styles: Styles, width: float, margin: float) -> None:
        self.text = text
        self.styles = styles
        self.width = width
        self.margin = margin
        self.page_width = _width(text.page(999, 999), styles)
        about = markup(text.source)
        if text.source_url:  # printed, for those who type it (linked in the HTML page)
            about += f" ({markup(text.source_url)})"
        stop, gap = full_stop(text.labels.language)
        about += f"{stop}{gap}{markup(text.version)}{stop}"
        if text.translation:
            about += f"{gap}{markup(text.translation)}"
        disclaimer_lang = text.labels.lang_of("disclaimer")
        self.source = TaggedParagraph(about, styles.footer, tag=Tag("P"))
        self.disclaimer = TaggedParagraph(
            markup(text.disclaimer), styles.footer, tag=Tag("P", lang=disclaimer_lang)
        )
        self.source_height = self.source.wrap(width, 10_000)[1]
        self.disclaimer_height = self.disclaimer.wrap(
            width - self.page_width - styles.size, 10_000
        )[1]
        self.height = self.source_height + self.disclaimer_height

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        margin = self.margin
        rule = margin + self.height + self.styles.size * 0.5
        with artifact(canvas):
            canvas.setStrokeColor(ACCENT)
            canvas.setLineWidth(0.75)
            canvas.line(margin, rule, margin + self.width, rule)
        # the page number at the end of the disclaimer's line: at the right, or at the
        # left in a right-to-left topic
        number_x, disclaimer_x = margin + self.width - self.page_width, margin
        if start_side() == "RIGHT":
            number_x, disclaimer_x = margin, margin + self.page_width + self.styles.size
        with artifact(canvas, "footer") if page < pages else nullcontext():
            self.source.drawOn(canvas, margin, margin + self.disclaimer_height)
            self.disclaimer.drawOn(canvas, disclaimer_x, margin)
        number = TaggedParagraph(markup(self.text.page(page, pages)), self.styles.footer_right)
        number.wrap(self.page_width, 10_000)
        with artifact(canvas, "footer"):
            number.drawOn(canvas, number_x, margin)
        canvas.restoreState()


def _width(text: str, styles: Styles) -> float:
    """How wide `text` prints in the footer, in the fonts of its scripts."""
    if text.isascii():
        return float(stringWidth(text, styles.footer.fontName, styles.size))
    return line_width(TextParagraph(markup(text), styles.footer))


def numbered_canvas(build_time: int, footer: Footer) -> Callable[..., Canvas]:
    """A canvas factory that holds pages until the end, so each footer can say
    "Page N of M", with the fixed PDF dates of `fixed_time_canvas`."""

    class NumberedCanvas(TaggedCanvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = footer.styles.body.fontName
            kwargs["initialFontSize"] = footer.styles.size
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            pages = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                footer.draw(self, number, pages)
                super().showPage()
            super().save()

    return fixed_time_canvas(build_time, base=NumberedCanvas)
