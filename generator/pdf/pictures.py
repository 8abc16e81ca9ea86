"""A topic's pictures as flowables for every PDF: PNG and JPEG through ReportLab's
`Image`, SVG drawn as vectors through svglib.

svglib (and the lxml it parses with) is imported only when a topic has an SVG
picture: a build without one never loads it (about 35 ms of imports; see
docs/performance.md). The file is read again through `generator.files`, with the
same size limit the loader checked.
"""

from __future__ import annotations

import copy
import hashlib
import io
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, Image

from generator.errors import ExportError
from generator.files import MAX_IMAGE_BYTES, read_limited
from generator.model import Picture
from generator.pdf.tagged import Figure
from generator.pdf.tags import Tag


def picture_flowable(
    picture: Picture, width: float, height: float, font: str, tag: Tag | None = None
) -> Flowable:
    """`picture` scaled to fit inside `width` x `height` points, its shape kept, as the
    figure of `tag` (`figure_tag`). An SVG drawing starts in `font` (an embedded font of
    ours): ReportLab would otherwise set its default Helvetica, a base-14 font the PDF
    does not embed."""
    return Figure(_drawn(picture, width, height, font), tag)


def figure_tag(picture: Picture, parent: Tag | None) -> Tag:
    """The figure of `picture` under `parent`: its alternative text is the picture's."""
    return Tag("Figure", parent, alt=picture.alt)


def _drawn(picture: Picture, width: float, height: float, font: str) -> Flowable:
    data = read_limited(picture.path, MAX_IMAGE_BYTES)
    if not picture.is_svg:
        image = Image(io.BytesIO(data), width=width, height=height, kind="proportional")
        image.hAlign = "LEFT"
        return image
    drawing = copy.copy(_svg_drawing(picture.path, data))  # its own size, shared shapes
    scale = min(width / drawing.width, height / drawing.height)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    drawing.hAlign = "LEFT"
    drawing.initialFontName = font
    return drawing


KEPT_DRAWINGS = 16
_drawings: dict[tuple[Path, bytes], Any] = {}
"""Parsed SVG drawings by file and SHA-256 of its bytes, for `_svg_drawing`."""


def _svg_drawing(path: Path, data: bytes) -> Any:
    """The drawing of SVG `data` (read from `path`), parsed once a process for the
    same bytes: the same picture on the card and the handout, a drawing every topic of
    a batch shares, a topic saved again in the preview server. Callers scale a copy;
    the shapes inside are only read when drawn. A drawing that refers to anything
    (`href`: another file it draws) is parsed every time: the key is only its own
    bytes. (A build does not count those other files as its inputs either: changing
    only them does not make an unchanged topic rebuild.)"""
    if b"href" in data:
        return _parse_svg(path, data)
    key = (path, hashlib.sha256(data).digest())
    if key not in _drawings:
        if len(_drawings) >= KEPT_DRAWINGS:
            _drawings.clear()
        _drawings[key] = _parse_svg(path, data)
    return _drawings[key]


def _parse_svg(path: Path, data: bytes) -> Any:
    from svglib.svglib import svg2rlg  # only for a topic that has an SVG picture

    try:
        root = str(path.parent)  # no file outside the topic's folder is read
        drawing = svg2rlg(io.BytesIO(data), external_reference_root=root)
    except Exception as exc:  # svglib raises whatever lxml or its parser raise
        drawing, reason = None, f"{type(exc).__name__}: {exc}"
    else:
        reason = "it has no drawing in it"
    if drawing is None or not drawing.width or not drawing.height:
        raise ExportError(
            f"{path}: cannot draw this SVG picture ({reason}); "
            "save it again as plain SVG with a width and height, or as PNG"
        )
    return drawing
