"""What an image file's bytes say before anything decodes them: its format, and the
pixel size of a PNG, JPEG, GIF or WebP file (and of every frame of a GIF) read from
its headers, without decoding a single pixel (a 480 KB PNG can decode to 700 MB)."""

from __future__ import annotations

import struct


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


def frame_sizes(suffix: str, data: bytes) -> list[tuple[int, int] | None]:
    """How far each frame of a GIF reaches (its left plus width, top plus height), read
    from every image descriptor: a GIF's screen can say 1 x 1 while one of its frames
    says 12000 x 12000. None in place of a frame: the file ends, or is damaged, there.
    Other formats: no frames beyond the picture the header gives."""
    if suffix != ".gif":
        return []
    frames: list[tuple[int, int] | None] = []
    try:
        pos = 13 + _color_table(data[10])
        while data[pos] != 0x3B:  # the trailer
            if data[pos] == 0x21:  # an extension: its label, then sub-blocks
                pos = _after_sub_blocks(data, pos + 2)
            elif data[pos] == 0x2C:  # an image descriptor
                left, top, width, height = struct.unpack_from("<HHHH", data, pos + 1)
                frames.append((left + width, top + height))
                pos = _after_sub_blocks(data, pos + 11 + _color_table(data[pos + 9]))
            else:
                return [*frames, None]
    except (IndexError, struct.error):
        return [*frames, None]
    return frames


def _color_table(packed: int) -> int:
    """The length of the colour table a GIF's packed flags byte announces."""
    return 3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0


def _after_sub_blocks(data: bytes, pos: int) -> int:
    """Where the sub-blocks starting at `pos` end (after their zero-length block)."""
    while data[pos]:
        pos += data[pos] + 1
    return pos + 1


IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
}
"""How each kind of image file starts."""


def looks_like(suffix: str, start: bytes) -> bool:
    """Whether a file's first bytes match the image format its name claims."""
    if suffix == ".webp":
        return start[:4] == b"RIFF" and start[8:12] == b"WEBP"
    if suffix == ".svg":
        return b"<svg" in start or (start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"))
    return start.startswith(IMAGE_SIGNATURES.get(suffix, (b"",)))
