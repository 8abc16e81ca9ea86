"""The handout PDF's page geometry and paragraph styles."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from generator.exporters.handout.fitting import FITS, Fit
from generator.pdf.fonts import FontFamily
from generator.pdf.palette import ACCENT, URGENT
from generator.pdf.styles import text_style

BODY_PT = 12.0
LARGE_PRINT_PT = 16.0
LEADING = 1.25
"""Line height as a multiple of the font size."""
FRAME_PADDING = 6.0
"""ReportLab's padding inside the page frame: the story is this much narrower than the
space between the margins."""


@dataclass(frozen=True)
class Styles:
    """The handout PDF's paragraph styles at one body size (`make_styles`)."""

    body: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    warning_heading: ParagraphStyle
    box_intro: ParagraphStyle
    message: ParagraphStyle
    label: ParagraphStyle
    care_urgent: ParagraphStyle
    """The clinic's emergency instruction, where the warnings say where to get care."""
    clinic_name: ParagraphStyle
    footer: ParagraphStyle
    footer_right: ParagraphStyle
    size: float
    picture: float
    """A picture beside an item fits in this many times `size` down (`Fit.picture`)."""


def make_styles(
    fonts: FontFamily, footer_fonts: FontFamily, size: float, fit: Fit = FITS[0]
) -> Styles:
    """The styles at body `size`, their spaces and pictures as tight as `fit` says."""
    space = size * fit.spacing
    body = text_style(
        "body",
        fonts.regular,
        size,
        size * LEADING,
        alignment=TA_LEFT,
        spaceShrinkage=0,  # ragged right with even word spaces: never squeeze a line
        spaceAfter=space * 0.35,
    )
    bold = ParagraphStyle("bold", parent=body, fontName=fonts.bold)
    heading = ParagraphStyle(
        "heading",
        parent=bold,
        fontSize=size * 1.3,
        leading=size * 1.6,
        textColor=ACCENT,
        spaceBefore=space * 0.7,
        spaceAfter=space * 0.3,
    )
    footer = ParagraphStyle(
        "footer", parent=body, fontName=footer_fonts.regular, leading=size * 1.2, spaceAfter=0
    )
    return Styles(
        body=body,
        title=ParagraphStyle(
            "title", parent=bold, fontSize=size * 1.9, leading=size * 2.2, textColor=ACCENT
        ),
        heading=heading,
        # first in its box, right above the label's space before
        warning_heading=ParagraphStyle(
            "warning-heading", parent=heading, textColor=URGENT, spaceBefore=0, spaceAfter=0
        ),
        # in the warnings box the label's space before separates the intro from the list
        box_intro=ParagraphStyle("box-intro", parent=body, spaceAfter=0),
        message=ParagraphStyle("message", parent=bold, spaceAfter=0),
        label=ParagraphStyle(
            "label", parent=bold, textColor=URGENT, spaceBefore=space * 0.5, spaceAfter=0
        ),
        care_urgent=ParagraphStyle("care-urgent", parent=bold),
        clinic_name=ParagraphStyle("clinic", parent=bold, fontSize=size * 1.15, leading=size * 1.4),
        footer=footer,
        footer_right=ParagraphStyle("footer-right", parent=footer, alignment=TA_RIGHT),
        size=size,
        picture=fit.picture,
    )


def markup(text: str) -> str:
    """Authored text as ReportLab paragraph markup: `<`, `&` and quotes print as written."""
    return str(escape(text))
