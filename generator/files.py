"""Reading input files that may be anything: a named pipe, a device, a folder, a link to
/dev/zero, a file that grows while it is read. Every input we read (topic and clinic
files, images, logos, and the inputs a manifest names) is read through here."""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

from generator.errors import GeneratorError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
"""Flashcard images and clinic logos larger than this are refused (a card image
is tens of KB; every image is packed into the deck a phone downloads)."""
MAX_IMAGE_PIXELS = 40_000_000
"""Images with more pixels than this (about 8000 x 5000) are refused before they are
decoded: a 480 KB PNG can hold 13000 x 13000 pixels, 700 MB once decoded."""
MAX_HASHED_BYTES = 16 * 1024 * 1024
"""No input of a build may be larger than this (see the limits above and
`yaml_source.MAX_FILE_BYTES`), so hashing one reads no more."""


class FileRefused(GeneratorError):
    """An input that is not a regular file, or too large, or cannot be read; the
    message says what it is, to follow the file's name: "is a folder"."""


def file_kind(mode: int) -> str | None:
    """What a file of `mode` is, in words, or None for a regular file."""
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a pipe (FIFO)"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in kinds if test(mode)), "not a regular file")


def read_limited(path: Path, limit: int, start: int | None = None) -> bytes:
    """The content of `path` (its first `start` bytes if given), which must be a regular
    file of at most `limit` bytes. Never blocks on a pipe, never reads more than
    `limit + 1` bytes, whatever the file claims to be or becomes while read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileRefused(_unreadable(exc)) from None
    info = os.fstat(fd)
    kind = file_kind(info.st_mode)
    if kind is not None or info.st_size > limit:
        os.close(fd)
        raise FileRefused(
            f"is {kind}, not a regular file" if kind else too_large(info.st_size, limit)
        )
    with os.fdopen(fd, "rb") as file:
        try:
            data = file.read(limit + 1 if start is None else min(start, limit + 1))
        except OSError as exc:
            raise FileRefused(_unreadable(exc)) from None
    if len(data) > limit:  # it grew after fstat
        raise FileRefused(f"is larger than the {size_text(limit)} limit")
    return data


class NotUtf8(GeneratorError):
    """Bytes that are not UTF-8 text: where the first bad byte is, for the reader's
    own message."""

    def __init__(self, line: int, byte: int) -> None:
        super().__init__(f"line {line}: the byte 0x{byte:02X} is not UTF-8 text")
        self.line = line
        self.byte = byte


def read_text(path: Path, limit: int) -> str:
    """The text of `path` (`read_limited`): UTF-8, a byte-order mark dropped, and
    normalised to NFC, so that a text saved decomposed (NFD, as some editors and
    macOS file names write it: "e" then a combining accent) is the same characters as
    one saved composed, and every output is the same bytes. Every text a reader sees
    (topics, clinic files, label catalogues) is read through here. Raises
    `FileRefused` or `NotUtf8`."""
    data = read_limited(path, limit)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotUtf8(data[: exc.start].count(b"\n") + 1, data[exc.start]) from None
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def too_large(size: int, limit: int) -> str:
    return f"is {size / 1_048_576:.1f} MiB, larger than the {size_text(limit)} limit"


def size_text(size: int) -> str:
    """A limit of whole MiB, in words."""
    return f"{size // 1_048_576} MiB"


def _unreadable(exc: OSError) -> str:
    return f"cannot read file: {exc.strerror or exc}"
