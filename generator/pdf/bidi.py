"""Right-to-left text in a line, in the order a reader sees it.

ReportLab breaks a paragraph into lines in reading (logical) order, and HarfBuzz has
already set each word's glyphs in the order they are seen (an Arabic word's last
letter leftmost). What is left is the order of the words on each line: the Unicode
bidirectional algorithm's rules (UAX #9: weak types W1-W7, neutrals N1-N2, implicit
levels I1-I2, reversal L2, mirroring L4), applied to whole words - each word is one
run of one direction, as shaping made it; a number's or Latin word's edge brackets and
stops are parts of their own, so they can take the sentence's direction. ReportLab's
own bidi works only for a paragraph of one style, and our paragraphs mix fonts (a
Latin name in Arabic text) and bold.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

STRONG_RTL = frozenset({"R", "AL"})
NUMBER = frozenset({"EN", "AN"})


@lru_cache(maxsize=4096)
def word_direction(text: str, private_is_rtl: bool) -> str:
    """'R' for a word with a right-to-left letter, 'L' with a left-to-right one, 'N' a
    number, '' a neutral (punctuation). A private-use character is a glyph shaping
    made, of its font's direction. Kept for the words met most recently: a topic's
    words come back on many lines."""
    kinds = set()
    for char in text:
        if "\ue000" <= char <= "\uf8ff":
            kinds.add("R" if private_is_rtl else "L")
        else:
            kinds.add(unicodedata.bidirectional(char))
    if kinds & STRONG_RTL:
        return "R"
    if "L" in kinds:
        return "L"
    return "N" if kinds & NUMBER else ""


def levels(directions: Sequence[str], right_to_left: bool) -> list[int]:
    """The embedding level of each word of a line whose words have `directions`
    ('R', 'L', 'N' number, '' neutral), in a paragraph of the given base direction."""
    base = 1 if right_to_left else 0
    resolved = list(directions)
    previous = "R" if right_to_left else "L"
    for i, kind in enumerate(resolved):  # W7: a number after a left-to-right letter is one
        if kind == "N" and previous == "L":
            resolved[i] = "L"
        elif kind in ("R", "L"):
            previous = kind
    for i, kind in enumerate(resolved):  # N1, N2: neutrals between the same direction
        if kind == "":
            before = next((k for k in reversed(resolved[:i]) if k), "R" if base else "L")
            after = next((k for k in resolved[i + 1 :] if k), "R" if base else "L")
            before, after = ("R" if k == "N" else k for k in (before, after))
            resolved[i] = before if before == after else ("R" if base else "L")
    found = []
    for kind in resolved:  # I1, I2
        if base == 0:
            found.append({"L": 0, "R": 1, "N": 2}[kind])
        else:
            found.append({"L": 2, "R": 1, "N": 2}[kind])
    return found


def visual_order(word_levels: Sequence[int]) -> list[int]:
    """L2: the indexes of the words in the order they are seen, left to right."""
    order = list(range(len(word_levels)))
    odd = [level for level in word_levels if level % 2]
    if not odd:
        return order  # nothing right to left: numbers after letters are left to right
    for level in range(max(word_levels), min(odd) - 1, -1):
        i = 0
        while i < len(order):
            if word_levels[order[i]] >= level:
                j = i
                while j < len(order) and word_levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


def reorder_line(
    words: list[Any], right_to_left: bool, font_is_rtl: Callable[[str], bool]
) -> list[Any]:
    """A ReportLab line's fragments (each a style and a text of words with spaces
    between) remade one per word, in visual order, spaces between them. A word that
    is not right to left has its leading and trailing brackets and stops resolved on
    their own (UAX #9 N1-N2), and a bracket that then runs right to left is drawn
    mirrored (L4): "(10 دقائق)" keeps its brackets facing each other."""
    pieces: list[tuple[Any, Any, bool]] = []  # (fragment, a word or a part, space after)
    kinds: list[str] = []  # each piece's direction (`word_direction`)
    if any(getattr(f, "text", None) is None or getattr(f, "cbDefn", None) for f in words):
        return words  # a picture or a link in the line: left as ReportLab made it
    for at, frag in enumerate(words):
        text = frag.text
        rtl_font = font_is_rtl(frag.fontName)
        # a fragment's last word ends a word only where a space follows it
        joined = at + 1 < len(words) and not str(text).endswith(" ")
        joined = joined and not str(words[at + 1].text).startswith(" ")
        start = 0
        for plain in str(text).split(" "):  # each word, and where it ends
            i = start + len(plain)
            if plain:
                word = text[start:i]
                kind = word_direction(plain, rtl_font)
                parts = [word] if kind == "R" else _edges(word)
                last = len(parts) - 1
                spaced = i < len(text) or not joined
                pieces += [(frag, part, n == last and spaced) for n, part in enumerate(parts)]
                split = len(parts) > 1
                kinds += [word_direction(str(p), rtl_font) for p in parts] if split else [kind]
            start = i + 1
    if not pieces:
        return words
    word_levels = levels(kinds, right_to_left)
    order = visual_order(word_levels)
    made = []
    for place, index in enumerate(order):
        frag, text, _ = pieces[index]
        if not kinds[index] and word_levels[index] % 2:
            text = _mirrored(text)
        following = order[place + 1] if place + 1 < len(order) else None
        spaced = following is not None and _spaced(pieces, index, following)
        made.append(frag.clone(text=text + " " if spaced else text))
    return made


_EDGE = re.compile(r"^([(\[{«]*)(.*?)([)\]}».,;:!?]*)$", re.DOTALL)
_MIRROR = str.maketrans("()[]{}«»", ")(][}{»«")


def _edges(word: Any) -> list[Any]:
    """`word` cut into its leading brackets, its core and its trailing brackets and
    stops (the parts that are there), when it has a core."""
    match = _EDGE.match(str(word))
    if match is None or not match[2] or (not match[1] and not match[3]):
        return [word]
    cuts = [len(match[1]), len(match[1]) + len(match[2])]
    return [part for part in (word[: cuts[0]], word[cuts[0] : cuts[1]], word[cuts[1] :]) if part]


def _mirrored(text: Any) -> Any:
    """`text` with each bracket facing the other way (the same string type: a shaped
    text keeps its glyph positions, a bracket's mirror being as wide)."""
    turned = str(text).translate(_MIRROR)
    if turned == str(text):
        return text
    data = getattr(text, "__shapeData__", None)
    return type(text)(turned, shapeData=data) if data is not None else turned


def _spaced(pieces: list[tuple[Any, Any, bool]], a: int, b: int) -> bool:
    """Whether a space goes between two pieces seen side by side: the one written
    between them, for two pieces next to each other in reading order, else one."""
    first = min(a, b)
    return pieces[first][2] if abs(a - b) == 1 else True
