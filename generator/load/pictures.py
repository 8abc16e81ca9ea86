"""The one gate every picture passes (section and item pictures, flashcard images, the
clinic logo): read once through `generator.files`, its format checked against its
name, then decoded, bounded and normalised by `raster.py` or `vector.py`. Exporters
receive only the `CheckedPicture` that comes out, never the file.

A picture the gate refuses does not stop the topic loading: it becomes a refused
`CheckedPicture` carrying the located message, and only the outputs that would draw
it fail with that message (`CheckedPicture.usable`).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.drawing import CheckedPicture
from generator.files import MAX_IMAGE_BYTES, FileRefused, read_limited
from generator.load.images import looks_like
from generator.load.raster import KINDS, MIMES, Refused, check_raster
from generator.load.vector import check_svg
from generator.model import Topic

SVG_MIME = "image/svg+xml"


def mime_of(path: Path) -> str:
    suffix = path.suffix.lower()
    return SVG_MIME if suffix == ".svg" else MIMES[KINDS[suffix]]


def check_picture(path: Path) -> CheckedPicture:
    """The picture at `path` (a PNG, JPEG, GIF, WebP or SVG file, by its suffix),
    checked; `Refused` says what is wrong, to follow the name its author gave it."""
    try:
        data = read_limited(path, MAX_IMAGE_BYTES)
    except FileRefused as exc:
        raise _unread(str(exc)) from None
    digest = hashlib.sha256(data).hexdigest()
    try:
        return _checked(path, data, digest)
    except Refused as exc:
        exc.digest = digest
        raise


def _checked(path: Path, data: bytes, digest: str) -> CheckedPicture:
    suffix = path.suffix.lower()
    if not looks_like(suffix, data[:1024]):
        kind = "SVG" if suffix == ".svg" else KINDS[suffix]
        raise Refused(f"is not a {kind} image inside", "save or export it again in that format")
    if suffix == ".svg":
        width, height, shapes = _checked_svg(digest, data)
        return CheckedPicture(path, SVG_MIME, data, width, height, shapes, digest)
    raster = check_raster(suffix, data)
    return CheckedPicture(path, raster.mime, raster.data, raster.width, raster.height, None, digest)


@lru_cache(maxsize=16)
def _checked_svg(digest: str, data: bytes) -> tuple[float, float, Any]:
    """`check_svg` of `data` (whose SHA-256 is `digest`, the key), once per process for
    the same bytes: pictures the topics of a folder share, a clinic's logo, the topic
    the preview rebuilds. Its shapes are only ever drawn from copies (`pdf/pictures`);
    a refusal is not kept (it is raised again)."""
    return check_svg(data)


def _unread(reason: str) -> Refused:
    if "limit" in reason:
        return Refused(reason, "save it smaller: a card or logo needs far fewer pixels")
    if reason.startswith("is "):
        return Refused(reason, "give the path of an image file")
    return Refused(f": {reason}", "check its permissions")


def refused(path: Path, message: str, digest: str) -> CheckedPicture:
    """The picture at `path` as the gate refused it, with the located `message`."""
    return CheckedPicture(path, mime_of(path), digest=digest, refused=message)


def refusals(topic: Topic) -> list[str]:
    """The gate's message for each picture of `topic` it refused, in the file's order:
    what `check` reports, and what stops each output that draws one."""
    drawings = [picture.drawing for picture in topic.pictures]
    drawings += [card.image.drawing for card in topic.flashcards if card.image]
    return list(dict.fromkeys(d.refused for d in drawings if d.refused is not None))
