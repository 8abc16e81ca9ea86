"""The picture gate for pixel images (PNG, JPEG, GIF, WebP): every frame's size read
from the headers before anything decodes a pixel, then one full decode by Pillow with
the limits set, then the EXIF orientation applied. What comes out is what every output
embeds; a library's exception never leaves here (it becomes `Refused`)."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from generator.files import MAX_IMAGE_PIXELS
from generator.load.images import frame_sizes, image_size

MAX_ASPECT = 20
"""A picture at most this many times as wide as tall (or as tall as wide): a thinner
one prints as a line, whatever size it is given."""
ORIENTATION = 0x0112
"""The EXIF tag of how a camera held the picture (1: upright)."""
KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WebP"}
MIMES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WebP": "image/webp"}


class Refused(Exception):
    """Why the gate refuses a picture: `message` follows the file's name, `hint`
    says what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.digest = ""
        """The SHA-256 of the file refused, once read."""


@dataclass(frozen=True)
class Raster:
    """A pixel image as it passed the gate."""

    data: bytes
    mime: str
    width: int
    height: int


def check_raster(suffix: str, data: bytes) -> Raster:
    """`data` (of a file named with `suffix`) decoded, bounded and turned upright;
    `Refused` says what is wrong."""
    kind = KINDS[suffix]
    size = image_size(suffix, data)
    if size is None:
        raise Refused(f"is a damaged or incomplete {kind} file", "save or export it again")
    bound_size(*size)
    for frame in frame_sizes(suffix, data):
        if frame is None:
            raise Refused(f"is a damaged or incomplete {kind} file", "save or export it again")
        if frame[0] > size[0] or frame[1] > size[1]:
            raise Refused(
                f"has a frame of {frame[0]} x {frame[1]} pixels, larger than the "
                f"{size[0]} x {size[1]} picture it belongs to",
                "save or export it again as a still picture",
            )
    return _decoded(kind, data)


def bound_size(width: int, height: int) -> None:
    """`Refused` unless `width` x `height` pixels is a size the outputs can print."""
    if width <= 0 or height <= 0:
        raise Refused(f"has no pixels ({width} x {height})", "save or export it again")
    if width * height > MAX_IMAGE_PIXELS:
        raise Refused(
            f"is {width} x {height} pixels, more than the {MAX_IMAGE_PIXELS:,} allowed",
            "scale it down: a card or logo needs far fewer pixels",
        )
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise Refused(
            f"is {width} x {height} pixels, more than {MAX_ASPECT} times as long as it "
            "is wide: it would print as a line",
            "crop it closer to what it shows",
        )


def _decoded(kind: str, data: bytes) -> Raster:
    """Pillow decodes the first frame in full (every pixel the PDFs print), with its
    pixel limit set to ours; its errors and warnings become `Refused`."""
    from PIL import Image, ImageOps

    damaged = Refused(f"is a damaged or incomplete {kind} file", "save or export it again")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a DecompressionBombWarning, or any other
            limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, MAX_IMAGE_PIXELS
            try:
                image = Image.open(io.BytesIO(data), formats=[kind.upper()])
                image.load()
                orientation = image.getexif().get(ORIENTATION, 1)
                upright = ImageOps.exif_transpose(image) if orientation != 1 else image
            finally:
                Image.MAX_IMAGE_PIXELS = limit
    except ValueError as exc:  # Pillow: "Decompressed Data Too Large" (a text chunk)
        if "too large" in str(exc).lower():
            raise Refused(
                f"is a {kind} file with text inside it that unpacks to megabytes",
                "save or export it again without its metadata",
            ) from None
        raise damaged from None
    except Exception:  # Pillow raises OSError, SyntaxError, EOFError, zlib errors...
        raise damaged from None
    bound_size(*upright.size)
    if upright is image:
        return Raster(data, MIMES[kind], *image.size)
    return Raster(_encoded(upright, kind), MIMES[kind], *upright.size)


def _encoded(image: object, kind: str) -> bytes:
    """`image` (a Pillow image turned upright) saved again in its own format, without
    the orientation that turned it: the same bytes for the same picture."""
    from PIL import Image

    assert isinstance(image, Image.Image)
    out = io.BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=95, optimize=True)
    elif kind == "WebP":
        image.save(out, "WEBP", lossless=True)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()
