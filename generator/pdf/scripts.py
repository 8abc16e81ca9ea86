"""Which writing system each character of a text belongs to, as far as choosing a font
goes: the bundled DejaVu faces draw Latin (Vietnamese too), Greek and Cyrillic; Arabic,
Hebrew and the CJK scripts (Han, kana, Hangul and their punctuation) each need fonts of
their own (`generator.pdf.script_fonts`). Spaces, digits, punctuation and marks belong
to no script: they are drawn in the font of the run they stand in.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from enum import StrEnum


class Script(StrEnum):
    LATIN = "latin"
    """Everything the bundled DejaVu Sans draws: Latin, Greek, Cyrillic and symbols."""
    ARABIC = "arabic"
    HEBREW = "hebrew"
    CJK = "cjk"
    """Han ideographs, kana, Hangul, and the punctuation and full-width forms set with them."""


RIGHT_TO_LEFT = frozenset({Script.ARABIC, Script.HEBREW})

_RANGES: tuple[tuple[int, int, Script], ...] = (
    (0x0590, 0x05FF, Script.HEBREW),
    (0x0600, 0x06FF, Script.ARABIC),
    (0x0750, 0x077F, Script.ARABIC),
    (0x0870, 0x08FF, Script.ARABIC),
    (0x1100, 0x11FF, Script.CJK),
    (0x2E80, 0x2FDF, Script.CJK),
    (0x2FF0, 0x31FF, Script.CJK),
    (0x3200, 0x4DBF, Script.CJK),
    (0x4E00, 0x9FFF, Script.CJK),
    (0xA960, 0xA97F, Script.CJK),
    (0xAC00, 0xD7FF, Script.CJK),
    (0xF900, 0xFAFF, Script.CJK),
    (0xFB1D, 0xFB4F, Script.HEBREW),
    (0xFB50, 0xFDFF, Script.ARABIC),
    (0xFE30, 0xFE4F, Script.CJK),
    (0xFE70, 0xFEFF, Script.ARABIC),
    (0xFF00, 0xFFEF, Script.CJK),
    (0x20000, 0x3FFFF, Script.CJK),
)
_STARTS = [start for start, _, _ in _RANGES]

_NEUTRAL_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Nd", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf"})
_NEUTRAL_CATEGORIES |= {"Po", "Sm", "Sc", "Sk", "So", "Mn", "Me", "Mc", "Cf"}


def script_of(char: str) -> Script | None:
    """The script `char` is written in, or None for a character of no script (a space,
    a digit, punctuation, a combining mark), which takes the script of its run."""
    code = ord(char)
    if code < 0x0590:  # Latin, Greek, Cyrillic, Armenian: all DejaVu's
        if char.isalpha():
            return Script.LATIN
        return None if unicodedata.category(char) in _NEUTRAL_CATEGORIES else Script.LATIN
    index = bisect_right(_STARTS, code) - 1
    if index >= 0 and code <= _RANGES[index][1]:
        found = _RANGES[index][2]
        if found is not Script.CJK and unicodedata.category(char) in _NEUTRAL_CATEGORIES:
            return None  # Arabic digits and punctuation (the Arabic comma) go with their run
        return found
    return None if unicodedata.category(char) in _NEUTRAL_CATEGORIES else Script.LATIN


def scripts_in(text: str) -> set[Script]:
    """Every script `text` has a letter of (Latin for a text of digits and spaces)."""
    if text.isascii():
        return {Script.LATIN}
    found = {script for char in set(text) if (script := script_of(char)) is not None}
    return found or {Script.LATIN}


def runs(text: str, base: Script) -> list[tuple[Script, str]]:
    """`text` cut where its script changes, in order. A character of no script joins
    the run before it (the run after it at the start; `base` for a text with no
    letter)."""
    found: list[tuple[Script, str]] = []
    pending = ""  # characters of no script before the first letter
    for char in text:
        script = script_of(char)
        if script is None:
            if found:
                found[-1] = (found[-1][0], found[-1][1] + char)
            else:
                pending += char
        elif found and found[-1][0] is script:
            found[-1] = (script, found[-1][1] + char)
        else:
            found.append((script, pending + char))
            pending = ""
    if pending:
        found.append((base, pending))
    return found
