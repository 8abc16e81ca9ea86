"""A topic's pictures as flowables for every PDF: PNG and JPEG through ReportLab's
`Image`, SVG drawn as vectors through svglib.

svglib (and the lxml it parses with) is imported only when a topic has an SVG
picture: a build without one never loads it (about 35 ms of imports; see
docs/performance.md). The file is read again through `generator.files`, with the
same size limit the loader checked.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.platypus import Flowable, Image

from generator.errors import ExportError
from generator.files import MAX_IMAGE_BYTES, read_limited
from generator.model import Picture


def picture_flowable(picture: Picture, width: float, height: float, font: str) -> Flowable:
    """`picture` scaled to fit inside `width` x `height` points, its shape kept. An SVG
    drawing starts in `font` (an embedded font of ours): ReportLab would otherwise set
    its default Helvetica, a base-14 font the PDF does not embed."""
    data = read_limited(picture.path, MAX_IMAGE_BYTES)
    if not picture.is_svg:
        image = Image(io.BytesIO(data), width=width, height=height, kind="proportional")
        image.hAlign = "LEFT"
        return image
    drawing = _svg_drawing(picture, data)
    scale = min(width / drawing.width, height / drawing.height)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    drawing.hAlign = "LEFT"
    drawing.initialFontName = font
    return drawing


def _svg_drawing(picture: Picture, data: bytes) -> Any:
    from svglib.svglib import svg2rlg  # only for a topic that has an SVG picture

    try:
        root = str(picture.path.parent)  # no file outside the topic's folder is read
        drawing = svg2rlg(io.BytesIO(data), external_reference_root=root)
    except Exception as exc:  # svglib raises whatever lxml or its parser raise
        drawing, reason = None, f"{type(exc).__name__}: {exc}"
    else:
        reason = "it has no drawing in it"
    if drawing is None or not drawing.width or not drawing.height:
        raise ExportError(
            f"{picture.path}: cannot draw this SVG picture ({reason}); "
            "save it again as plain SVG with a width and height, or as PNG"
        )
    return drawing
