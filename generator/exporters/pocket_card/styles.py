"""The pocket card's paragraph styles, scaled from one body size."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import white
from reportlab.lib.styles import ParagraphStyle

from generator.pdf.fonts import SANS_CONDENSED, register_fonts
from generator.pdf.palette import ACCENT, URGENT
from generator.pdf.styles import text_style

FONT = SANS_CONDENSED
MIN_BODY_SIZE = 8.0
"""Smallest body text, in points."""
MIN_WARNING_SIZE = 9.0
"""Smallest warning text (always bold), in points."""


@dataclass(frozen=True)
class Styles:
    """The pocket card's paragraph styles at one body size and warning size (`styles_for`)."""

    body_size: float
    title: ParagraphStyle
    message: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    lead: ParagraphStyle
    warning: ParagraphStyle
    urgent: ParagraphStyle
    urgent_label: ParagraphStyle
    soon_label: ParagraphStyle
    note: ParagraphStyle

    @property
    def warning_size(self) -> float:
        return self.warning.fontSize  # type: ignore[no-any-return]


def styles_for(body_size: float, warning_size: float | None = None) -> Styles:
    """Every paragraph style of the card, scaled from the body size; warnings at
    `warning_size`, never below the body size or MIN_WARNING_SIZE."""
    register_fonts()
    warning_size = max(MIN_WARNING_SIZE, body_size, warning_size or 0.0)

    def style(name: str, size: float, bold: bool = False, **extra: object) -> ParagraphStyle:
        font = FONT.bold if bold else FONT.regular
        extra = {"spaceBefore": round(size * 0.12, 2), **extra}
        return text_style(name, font, size, round(size * 1.2, 2), **extra)

    return Styles(
        body_size=body_size,
        title=style("title", body_size + 3, bold=True, textColor=ACCENT),
        message=style("message", body_size, spaceBefore=body_size * 0.3),
        heading=style(
            "heading", body_size + 1, bold=True, textColor=ACCENT, spaceBefore=body_size * 0.5
        ),
        body=style("body", body_size),
        lead=style("lead", body_size, bold=True),
        warning=style("warning", warning_size, bold=True),
        urgent=style("urgent", warning_size, bold=True, textColor=URGENT),
        urgent_label=style(
            "urgent-label",
            warning_size,
            bold=True,
            textColor=white,
            backColor=URGENT,
            borderPadding=(1, 2, 1, 2),
            spaceBefore=3,
            spaceAfter=2,
        ),
        soon_label=style("soon-label", warning_size, bold=True, spaceBefore=3),
        note=style("note", MIN_BODY_SIZE, spaceBefore=4),
    )
