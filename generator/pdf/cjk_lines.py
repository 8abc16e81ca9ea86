"""Where the lines of Chinese and Japanese text break: between any two CJK characters
(never before closing punctuation nor after opening punctuation), but never inside a
run of other characters (a Latin word, a number, a web address) nor at a no-break
space (a phone number's).

ReportLab's CJK wrap (`wordWrap="CJK"`, `paragraph.cjkFragSplit` for a paragraph of
several fonts, `textsplit.wordSplit` for one of a single font) fills each line
character by character; when the character that overflows is not CJK it looks back
for a space (any of Unicode's, the no-break space too) or a CJK character, but only
over half the line, else cuts where the line is full: "+1 555" / "0100", a Latin
word or "2026" cut in two. `install` puts `fragment_lines` and `word_lines` in their
place, which break as UAX #14 does for these scripts: a run of letters, digits and
their punctuation (its alphabetic and numeric classes) is whole, unless it is longer
than a line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph
from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

CANNOT_START = frozenset(
    ALL_CANNOT_START + "\uff0c\uff01\uff1f\uff1a\uff1b\uff5d\u3009\u300b\u3017\u3019\u301b"
    "\u2019\u201d\u2026\u2025"
)
"""Characters a line never starts with: ReportLab's list (closing brackets, stops,
small kana) and the full-width comma, colon, semicolon, marks, brackets and closing
quotes it lacks (JIS X 4051's classes)."""
CANNOT_END = frozenset(ALL_CANNOT_END + "\u300a\u3016\u3018\u301a\uff08\uff3b\uff5b(")
"""Characters a line never ends with: ReportLab's list (opening brackets and quotes,
currency signs) and the opening brackets it lacks."""
NO_BREAK_SPACES = frozenset("\N{NO-BREAK SPACE}\N{FIGURE SPACE}\N{NARROW NO-BREAK SPACE}")
CJK_FROM = 0x2E80
"""The first CJK character (radicals; then punctuation, kana, ideographs, Hangul and
the full-width forms): a character before it is of a script that writes words."""


def _breaking_space(char: str) -> bool:
    return char.isspace() and char not in NO_BREAK_SPACES


def _cjk(char: str) -> bool:
    """A character a line may break before and after (an empty one: an image's)."""
    return len(char) != 1 or ord(char) >= CJK_FROM


def may_break_before(text: Sequence[str], k: int) -> bool:
    """Whether a line may end before `text[k]`: not inside a run of characters that
    are not CJK (unless after a space that breaks), nor before a space or closing
    punctuation (those hang in the margin), nor after opening punctuation."""
    before, char = text[k - 1], text[k]
    if char in CANNOT_START or _breaking_space(char) or before in CANNOT_END:
        return False
    return _cjk(before) or _cjk(char) or _breaking_space(before)


def line_end(text: Sequence[str], start: int, over: int) -> int:
    """Where the line from `start` ends when `text[over]` is the first character that
    does not fit: at the last break the line holds, or after `over` itself when it is
    a space or closing punctuation (hung in the margin); cut at `over` when the line
    has no break (a web address longer than the line)."""
    hangs = text[over] in CANNOT_START or _breaking_space(text[over])
    first = over + 1 if hangs else over
    for k in range(first, start, -1):
        if k == len(text) or may_break_before(text, k):
            return k
    return over + 1 if hangs or over == start else over


def _lines(
    text: Sequence[str],
    width: Callable[[int, float], float],
    max_widths: Sequence[float],
    hard: Callable[[int], bool],
) -> list[tuple[int, int, float, float, bool]]:
    """Each line of `text` (characters `width(i, line width)` wide, `hard(i)`: a line
    ends after it) as (start, end, width used, line width, ended by a hard break)."""
    lines: list[tuple[int, int, float, float, bool]] = []
    start = i = 0
    used = 0.0
    while i < len(text):
        room = max_widths[min(len(lines), len(max_widths) - 1)]
        used += width(i, room)
        if hard(i) or (used > room + _FUZZ and used > 0):
            end = i + 1 if hard(i) else line_end(text, start, i)
            drawn = sum(width(j, room) for j in range(start, end))
            lines.append((start, end, drawn, room, hard(i)))
            start = i = end
            used = 0.0
        else:
            i += 1
    if start < len(text):
        room = max_widths[min(len(lines), len(max_widths) - 1)]
        lines.append((start, len(text), used, room, False))
    return lines


def fragment_lines(
    frags: Sequence[Any], maxWidths: Sequence[float], calcBounds: bool, encoding: str = "utf8"
) -> Any:
    """ReportLab's `cjkFragSplit`: the lines of a paragraph of several fragments."""
    chars = [
        cjkU(char, frag, encoding)
        for frag in frags
        for char in (frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text)
        or [""]
    ]

    def width(i: int, room: float) -> float:
        w = chars[i].width
        if hasattr(w, "normalizedValue"):  # a percentage of the line (an image's)
            w._normalizer = room
            return float(w.normalizedValue(room))
        return float(w)

    return ParaLines(
        kind=1,
        lines=[
            makeCJKParaLine(chars[start:end], room, used, room - used, hard, calcBounds)
            for start, end, used, room, hard in _lines(
                chars, width, maxWidths, lambda i: hasattr(chars[i].frag, "lineBreak")
            )
        ],
    )


def word_lines(
    word: str, maxWidths: float | Sequence[float], fontName: str, fontSize: float, *_: Any
) -> list[list[Any]]:
    """ReportLab's `wordSplit`: the lines of a paragraph in one font, each as (space
    left, its text without the spaces at its ends)."""
    rooms = [maxWidths] if isinstance(maxWidths, (int, float)) else list(maxWidths)
    widths = [stringWidth(char, fontName, fontSize) for char in word]
    lines = []
    for start, end, _used, room, _hard in _lines(
        word, lambda i, _: widths[i], rooms, lambda _: False
    ):
        text = word[start:end].strip()
        lines.append([room - stringWidth(text, fontName, fontSize), text])
    return lines


def install() -> None:
    """Break CJK paragraphs' lines as this module does (ReportLab's other wraps are
    left as they are)."""
    paragraph.cjkFragSplit = fragment_lines
    paragraph.wordSplit = word_lines
