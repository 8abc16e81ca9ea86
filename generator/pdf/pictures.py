"""A checked picture (`generator.drawing.CheckedPicture`, from the picture gate in
`generator/load/pictures.py`) as a flowable for every PDF: a raster through ReportLab's
`Image` from the checked bytes, an SVG as a scaled copy of the shapes the gate parsed
and checked, each a tagged `Figure` with the topic's alternative text. Nothing here
reads a file or parses a picture again."""

from __future__ import annotations

import copy
import io

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, Image

from generator.drawing import CheckedPicture
from generator.model import Picture
from generator.pdf.tagged import Figure
from generator.pdf.tags import Tag
from generator.pdf.writing import start_side


def picture_flowable(
    picture: CheckedPicture, width: float, height: float, font: str, tag: Tag | None = None
) -> Flowable:
    """`picture` scaled to fit inside `width` x `height` points, its shape kept, as the
    figure of `tag` (`figure_tag`). `ExportError` when the gate refused it. An SVG
    drawing starts in `font` (an embedded font of ours): ReportLab would otherwise set
    its default Helvetica, a base-14 font the PDF does not embed (the gate refuses SVG
    text, so no glyph is set in it)."""
    return Figure(_drawn(picture, width, height, font), tag)


def figure_tag(picture: Picture, parent: Tag | None) -> Tag:
    """The figure of `picture` under `parent`: its alternative text is the picture's."""
    return Tag("Figure", parent, alt=picture.alt)


def _drawn(picture: CheckedPicture, width: float, height: float, font: str) -> Flowable:
    checked = picture.usable()
    if not checked.is_vector:
        image = Image(io.BytesIO(checked.data), width=width, height=height, kind="proportional")
        image.hAlign = start_side()
        return image
    assert isinstance(checked.shapes, Drawing)
    drawing = copy.copy(checked.shapes)  # its own size, shared shapes
    scale = min(width / drawing.width, height / drawing.height)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    drawing.hAlign = start_side()
    drawing.initialFontName = font
    return drawing
