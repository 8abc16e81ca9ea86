"""The clinic handout as a printable PDF (Letter or A4).

Order: optional clinic header, title (with a QR code to the topic URL when set),
the main message set apart, then the sections in authored order (`story`), but the
warnings box, moved up to print on page 1 (`pagination`). Every page has a footer
with the source, version, review date, "Page N of M" and a line saying the handout
does not replace a provider's advice.
Body text is 12 pt (16 pt with large print), aligned where the topic's lines start
(left, or right in a right-to-left topic), in the fonts of its scripts (DejaVu, and
`pdf/script_fonts` for others), all embedded. The room around the text (pictures,
spacing, margins) is as tight as the fewest pages need (`fitting`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from io import BytesIO
from pathlib import Path

from reportlab.platypus import LayoutError

from generator.errors import ExportError
from generator.exporters.handout.content import (
    HandoutText,
    handout_text,
    page_one_warnings,
)
from generator.exporters.handout.fitting import FITS, Fit, content_pages, fewest_pages
from generator.exporters.handout.footer import Footer, numbered_canvas
from generator.exporters.handout.pagination import (
    Laid,
    Placement,
    Where,
    arranged,
    warnings_on_first_page,
)
from generator.exporters.handout.story import Story
from generator.exporters.handout.styles import (
    BODY_PT,
    FRAME_PADDING,
    LARGE_PRINT_PT,
    Styles,
    make_styles,
)
from generator.model import Topic
from generator.options import BuildOptions
from generator.pdf.document import document_info
from generator.pdf.fonts import register_fonts
from generator.pdf.measuring import measure, one_frame_document
from generator.pdf.paper import PAPER_SIZES
from generator.pdf.tagged import parsing_once
from generator.pdf.writing import printing


def export(topic: Topic, out_path: Path, options: BuildOptions) -> Path:
    """Write `topic` as a clinic handout PDF to `out_path`, set as its language writes."""
    with printing(topic, options.clinic), parsing_once():
        made = laid_out(topic, options)
        pdf, drawn = made.draw()
    if drawn != made.measured:  # `pdf.measuring` promises it never happens
        raise ExportError(
            f"{topic.location}: handout: its pages broke otherwise when drawn than when "
            "measured, which must not happen; please report it with this topic file"
        )
    out_path.write_bytes(pdf)
    return out_path


def laid_out(topic: Topic, options: BuildOptions) -> Laid:
    """The layout of `topic`'s handout its fitting keeps, measured, not yet drawn; made
    inside `printing`."""
    handout = _Handout(topic, options)
    try:
        return fewest_pages(handout.lay_out, handout.least_pages)
    except LayoutError:
        # One block is taller than a page (a very long intro and warning under one
        # heading, say). Only then may boxes split inside a block: allowed from the
        # start, ReportLab would split blocks that fit whole on the next page.
        try:
            return handout.lay_out(FITS[0], split_blocks=True)
        except LayoutError as exc:
            raise ExportError(
                f"{topic.location}: handout: a block of text does not fit on one page "
                f"even when split ({exc}); shorten the longest intro or item"
            ) from None


@dataclass(frozen=True)
class _Setting:
    """The handout at one `Fit`: its footer, frame and story."""

    fit: Fit
    footer: Footer
    bottom_margin: float
    width: float
    story: Story


class _Handout:
    """One topic's handout, laid out at the settings its fitting tries: each measured
    (`pdf.measuring`), only the one kept drawn."""

    def __init__(self, topic: Topic, options: BuildOptions) -> None:
        self.topic, self.options = topic, options
        self.fonts = register_fonts()
        self.size = LARGE_PRINT_PT if options.large_print else BODY_PT
        self.text = handout_text(topic, options.clinic)
        self.page_size = PAPER_SIZES[options.paper_for(topic)]
        self.settings: dict[tuple[Fit, bool], _Setting] = {}

    def setting(self, fit: Fit, split_blocks: bool = False) -> _Setting:
        """The handout at `fit`, made once."""
        if (fit, split_blocks) not in self.settings:
            styles = make_styles(*self.fonts, self.size, fit)
            footer, bottom_margin, width = _frame(self.text, styles, self.page_size, fit)
            story = Story(self.topic, self.text, self.options.clinic, styles, width, split_blocks)
            made = _Setting(fit, footer, bottom_margin, width, story)
            self.settings[fit, split_blocks] = made
        return self.settings[fit, split_blocks]

    def least_pages(self, fit: Fit) -> int:
        """`fitting.content_pages` of the handout at `fit`."""
        at = self.setting(fit)
        head, sections, box = at.story.parts()
        parts = [*head, *(f for part in sections for f in part), *([box[1].box] if box else [])]
        return content_pages(parts, at.width, self.page_size[1] - fit.margin - at.bottom_margin)

    def lay_out(self, fit: Fit, split_blocks: bool = False) -> Laid:
        """The handout at `fit` measured, its warnings box where `pagination` puts it."""
        at = self.setting(fit, split_blocks)
        first = page_one_warnings(self.topic)
        bottom = at.bottom_margin + FRAME_PADDING
        return warnings_on_first_page(partial(self.placed, at), first, at.width, bottom)

    def placed(self, at: _Setting, placement: Placement, trial: bool = False) -> Laid:
        """The handout `at` its setting with the warnings box at `placement`, measured;
        as a `trial`, only to the end of page 1 when the box does not end on it."""
        head, sections, box = at.story.parts()
        story, marks = arranged(head, sections, box, placement)

        def enough(pages: int) -> bool:
            return trial and box is not None and marks.after_box.page is None

        margin, bottom_margin = at.fit.margin, at.bottom_margin
        measure(story, self.page_size, margin=margin, bottom_margin=bottom_margin, enough=enough)
        area = (bottom_margin + FRAME_PADDING, self.page_size[1] - margin - FRAME_PADDING)
        return Laid(marks, marks.where(), box and box[1], area, partial(self.drawn, at, placement))

    def drawn(self, at: _Setting, placement: Placement) -> tuple[bytes, list[Where]]:
        """The PDF of the handout `at` its setting, with the warnings box at `placement`,
        and where its marks were (made anew: ReportLab spends a flowable laid out)."""
        story, marks = arranged(*at.story.parts(), placement)
        buffer, topic, margin = BytesIO(), self.topic, at.fit.margin
        doc = one_frame_document(
            buffer,
            self.page_size,
            margin=margin,
            bottom_margin=at.bottom_margin,
            **document_info(topic, "pdf.handout"),
        )
        doc.build(story, canvasmaker=numbered_canvas(self.options.build_time(topic), at.footer))
        return buffer.getvalue(), marks.where()


def _frame(
    text: HandoutText, styles: Styles, page_size: tuple[float, float], fit: Fit
) -> tuple[Footer, float, float]:
    """The footer of a page set at `fit`, the bottom margin it needs, and the width of
    the text."""
    footer = Footer(text, styles, page_size[0] - 2 * fit.margin, fit.margin)
    bottom_margin = fit.margin + footer.height + styles.size
    return footer, bottom_margin, page_size[0] - 2 * fit.margin - 2 * FRAME_PADDING
