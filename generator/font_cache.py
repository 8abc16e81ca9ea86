"""Parsed TrueType fonts kept on disk, so that a new process need not parse them again.

ReportLab parses a whole TrueType file in pure Python each time a process registers
it: about 8 ms for each DejaVu font, 35 ms of a one-topic build for the four. Reading
a parsed font back takes 3-4 ms (docs/performance.md).

An entry is found, as Python finds its own .pyc files, by the font file's name, size
and modification time, together with the versions of ReportLab, Python and this
format; writing a new entry for a font removes its older ones. Any entry that cannot
be read back whole is ignored and the font parsed again: the cache only saves time.

Entries are pickles, read back by an unpickler that makes nothing but ReportLab's font
classes, so a file planted in the cache cannot run code. A parsed font holds one
function, ReportLab's scale from font units to thousandths of an em; it is stored as
a `Scale`, only after checking that the two give the same results.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import stat
import sys
import tempfile
import time
import types
import weakref
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import reportlab
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTFont

from generator.interrupts import held_interrupt
from generator.user_cache import cache_folder

FORMAT = 2
"""Changes when what is stored changes, so that old entries are not read."""

MAGIC = b"health-handouts font cache\n"
"""Starts each entry, followed by the CRC-32 of the pickle after it."""

MAX_ENTRY_BYTES = 8_000_000
"""Larger than any entry we write (about 1 MB for a DejaVu font)."""

RL_SETTINGS = ("ttfAsciiReadable", "allowTTFSubsetting", "unShapedFontGlob")
"""ReportLab settings (rl_config) that a parsed TTFont keeps: each can change the PDFs."""

ALLOWED_CLASSES = {
    ("reportlab.pdfbase.ttfonts", "TTFont"),
    ("reportlab.pdfbase.ttfonts", "TTFontFace"),
    ("reportlab.pdfbase.ttfonts", "TTEncoding"),
    ("reportlab.pdfbase.ttfonts", "TTFNameBytes"),
    ("weakref", "WeakKeyDictionary"),
    (__name__, "Scale"),
}
"""Everything a cached font is made of, beyond plain numbers, strings and containers."""

PROBES = (0, 1, -1, 7, 1000, 2048, 0.5, -123.25, 1e-3)
"""Values a function in a parsed font must scale exactly as `Scale` does."""


@dataclass(frozen=True)
class Scale:
    """x -> x * factor, or x unchanged when factor is None: ReportLab's conversion from
    font units to thousandths of an em, in a form that can be stored."""

    factor: float | None

    def __call__(self, value: float) -> float:
        return value if self.factor is None else value * self.factor

    @classmethod
    def for_units_per_em(cls, units_per_em: int) -> Scale:
        return cls(None if units_per_em == 1000 else 1000 / units_per_em)


class NotStorable(Exception):
    """The font holds something the cache could not give back exactly."""


def load_font(name: str, path: Path) -> TTFont:
    """ReportLab's `TTFont(name, path)`: from the cache when it holds this very file
    parsed by this ReportLab and Python, else parsed, and stored for the next process."""
    folder = cache_folder("fonts")
    try:
        entry = None if folder is None else folder / entry_name(name, path)
    except OSError:  # no such font file: let ReportLab say so
        entry = None
    font = None if entry is None else read_entry(entry, name)
    if font is None:
        with held_interrupt():  # TTFont's bare except would make Ctrl-C a TTFError
            font = TTFont(name, str(path))
        if entry is not None:
            write_entry(entry, font)
    return font


def entry_name(name: str, path: Path) -> str:
    """`<font name>.<setting>.<file>.pickle`. The setting part: this format, ReportLab
    and its settings that a parsed font keeps, Python, and the font's folder; entries
    that differ only in the file part replace one another. The file part: the font
    file's size, times and inode, which a changed font cannot all keep."""
    settings = [getattr(rl_config, key, None) for key in RL_SETTINGS]
    setting = (FORMAT, reportlab.Version, sys.version, str(path.parent.resolve()), settings)
    status = path.stat()
    file = (path.name, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
    return f"{name}.{_digest(setting)}.{_digest(file)}.pickle"


def _digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode(), digest_size=10).hexdigest()


def read_entry(entry: Path, name: str) -> TTFont | None:
    """The font stored in `entry`, or None if there is none or it is not whole: not a
    regular file of a sane size, or its checksum does not match."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        with os.fdopen(os.open(entry, flags | getattr(os, "O_BINARY", 0)), "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_ENTRY_BYTES:
                return None
            data = file.read()
    except OSError:  # none yet, a link, unreadable
        return None
    header, payload = data[: len(MAGIC) + 4], data[len(MAGIC) + 4 :]
    if header != MAGIC + zlib.crc32(payload).to_bytes(4, "big"):
        return None
    try:
        font = FontUnpickler(io.BytesIO(payload)).load()
    except Exception:  # written by something else: can fail in any way
        return None
    return font if isinstance(font, TTFont) and font.fontName == name else None


def write_entry(entry: Path, font: TTFont) -> None:
    """Store `font` in `entry` (whole, or not at all), then remove the entries it
    replaces. A font that cannot be stored exactly, or a folder that cannot be
    written, is left alone: the next process parses the font again."""
    folder = entry.parent
    if not os.access(folder, os.W_OK):
        return  # read-only: do not pay for pickling
    buffer = io.BytesIO()
    try:
        FontPickler(buffer, Scale.for_units_per_em(font.face.unitsPerEm)).dump(font)
    except (NotStorable, pickle.PicklingError, TypeError, AttributeError):
        return
    payload = buffer.getvalue()
    with held_interrupt():  # no temporary left behind by Ctrl-C
        try:
            # A new file of a random name, never through a link (O_EXCL), mode 0600.
            handle, name = tempfile.mkstemp(dir=folder, prefix=f".{entry.name}.", suffix=".tmp")
        except OSError:
            return
        temporary = Path(name)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload)
            temporary.replace(entry)
        except OSError:
            temporary.unlink(missing_ok=True)
            return
    _remove_replaced(entry)


def _remove_replaced(entry: Path) -> None:
    """Remove the entries `entry` replaces (same font and setting part, another file
    part) and temporaries left by processes killed over an hour ago."""
    name, setting, _, _ = entry.name.rsplit(".", 3)
    now = time.time()
    for other in entry.parent.iterdir():
        with contextlib.suppress(OSError):  # someone else's, or gone: leave it
            if other.name.endswith(".tmp"):
                if now - other.lstat().st_mtime > 3600:
                    other.unlink()
            elif other != entry and other.name.startswith(f"{name}.{setting}."):
                other.unlink()


class FontPickler(pickle.Pickler):
    """Pickles a freshly parsed `TTFont`, its scale function as `scale`."""

    def __init__(self, file: IO[bytes], scale: Scale) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.scale = scale

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, types.FunctionType):
            if not self._scales_alike(obj):
                raise NotStorable(f"{obj.__qualname__} is not the font's scale")
            return Scale, (self.scale.factor,)
        if isinstance(obj, weakref.WeakKeyDictionary):
            if len(obj):  # per-document state: a used font is never stored
                raise NotStorable("the font has been used in a document")
            return weakref.WeakKeyDictionary, ()
        return NotImplemented

    def _scales_alike(self, function: types.FunctionType) -> bool:
        try:
            results = [(function(x), self.scale(x)) for x in PROBES]
        except Exception:  # some other function: not ours to store
            return False
        return all(type(a) is type(b) and a == b for a, b in results)


class FontUnpickler(pickle.Unpickler):
    """Makes nothing but the classes a cached font is made of."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED_CLASSES:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a cached font")
        return super().find_class(module, name)
