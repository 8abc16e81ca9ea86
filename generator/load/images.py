"""Image files checked from their bytes: kind of file, size, format, and the pixel
size of a PNG, JPEG, GIF or WebP file read from its header, without decoding a
single pixel (a 480 KB PNG can decode to 700 MB)."""

from __future__ import annotations

import struct
from pathlib import Path

from generator.files import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, FileRefused, read_limited


def image_size(suffix: str, data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels from the header of `data`, or None when the header
    cannot be read (damaged) or the format has none (SVG: `(0, 0)`)."""
    try:
        if suffix == ".png":
            return _pair(">II", data, 16)
        if suffix in (".jpg", ".jpeg"):
            return _jpeg_size(data)
        if suffix == ".gif":
            return _pair("<HH", data, 6)
        if suffix == ".webp":
            return _webp_size(data)
    except struct.error:
        return None
    return (0, 0)


def _pair(layout: str, data: bytes, offset: int) -> tuple[int, int]:
    width, height = struct.unpack_from(layout, data, offset)
    return int(width), int(height)


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """From the first start-of-frame marker (SOF0-SOF15 but DHT, JPG and DAC)."""
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack_from(">HH", data, pos + 5)
            return int(width), int(height)
        pos += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X":
        w = int.from_bytes(data[24:27], "little") + 1
        h = int.from_bytes(data[27:30], "little") + 1
        return w, h
    if chunk == b"VP8L":
        (bits,) = struct.unpack_from("<I", data, 21)
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 ":
        w, h = struct.unpack_from("<HH", data, 26)
        return int(w) & 0x3FFF, int(h) & 0x3FFF
    return None


IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
}
"""How each kind of image file starts."""


def image_problem(path: Path, text: str) -> tuple[str, str] | None:
    """What is wrong with image file `path` (named `text` by its author) as (message,
    hint), or None. Kind of file, size, format and pixel count are checked from the
    bytes, before anything decodes the image."""
    suffix = path.suffix.lower()
    try:
        data = read_limited(path, MAX_IMAGE_BYTES)
    except FileRefused as exc:
        if "limit" in str(exc):
            return f"{text!r} {exc}", "save it smaller: a card or logo needs far fewer pixels"
        if str(exc).startswith("is "):
            return f"{text!r} {exc}", "give the path of an image file"
        return f"{text!r}: {exc}", "check its permissions"
    kind = suffix.lstrip(".").upper()
    if not _looks_like(suffix, data[:1024]):
        return (
            f"{text!r} is not a {kind} image inside",
            "save or export the image again in that format",
        )
    size = image_size(suffix, data)
    if size is None:
        return f"{text!r} is a damaged or incomplete {kind} file", "save or export it again"
    if size[0] * size[1] > MAX_IMAGE_PIXELS:
        return (
            f"{text!r} is {size[0]} x {size[1]} pixels, more than the {MAX_IMAGE_PIXELS:,} allowed",
            "scale it down: a card or logo needs far fewer pixels",
        )
    return None


def _looks_like(suffix: str, start: bytes) -> bool:
    """Whether a file's first bytes match the image format its name claims."""
    if suffix == ".webp":
        return start[:4] == b"RIFF" and start[8:12] == b"WEBP"
    if suffix == ".svg":
        return b"<svg" in start or (start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"))
    return start.startswith(IMAGE_SIGNATURES.get(suffix, (b"",)))
