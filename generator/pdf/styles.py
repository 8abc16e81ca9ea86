"""Paragraph styles: every one names its fonts (ReportLab's defaults are the base-14
Helvetica, which would not be embedded) and our ink."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from generator.pdf.palette import INK


def text_style(name: str, font: str, size: float, leading: float, **extra: Any) -> ParagraphStyle:
    """A style in `font` at `size` points, its bullets in the same font and size, in
    INK unless `extra` says otherwise; `extra` may name a `parent` to start from."""
    base: dict[str, Any] = {
        "fontName": font,
        "bulletFontName": font,
        "fontSize": size,
        "bulletFontSize": size,
        "leading": leading,
        "textColor": INK,
    }
    base.update(extra)
    return ParagraphStyle(name, **base)


def table_style(font: str, size: float, commands: list[tuple[Any, ...]]) -> TableStyle:
    """`commands` plus our font: a Table otherwise sets Helvetica, a base-14 font that
    would not be embedded, even when no cell draws text with it."""
    return TableStyle([("FONT", (0, 0), (-1, -1), font, size), *commands])
