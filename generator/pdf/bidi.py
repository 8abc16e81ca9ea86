"""Right-to-left text in a line, in the order a reader sees it.

ReportLab breaks a paragraph into lines in reading (logical) order, and HarfBuzz has
already set each word's glyphs in the order they are seen (an Arabic word's last
letter leftmost). What is left is the order of the words on each line: the Unicode
bidirectional algorithm's rules (UAX #9: weak types W1-W7, neutrals N1-N2, implicit
levels I1-I2, reversal L2), applied to whole words - each word is one run of one
direction, as shaping made it. ReportLab's own bidi works only for a paragraph of one
style, and our paragraphs mix fonts (a Latin name in Arabic text) and bold.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

STRONG_RTL = frozenset({"R", "AL"})
NUMBER = frozenset({"EN", "AN"})


def word_direction(text: str, private_is_rtl: bool) -> str:
    """'R' for a word with a right-to-left letter, 'L' with a left-to-right one, 'N' a
    number, '' a neutral (punctuation). A private-use character is a glyph shaping
    made, of its font's direction."""
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
    between) remade one per word, in visual order, spaces between them."""
    pieces: list[tuple[Any, Any]] = []  # (fragment, one word of its text)
    for frag in words:
        text = getattr(frag, "text", None)
        if text is None or getattr(frag, "cbDefn", None) is not None:
            return words  # a picture or a link in the line: left as ReportLab made it
        start = 0
        for i, char in enumerate(f"{text} "):
            if char == " ":
                if i > start:
                    pieces.append((frag, text[start:i]))
                start = i + 1
    if not pieces:
        return words
    kinds = [word_direction(str(text), font_is_rtl(frag.fontName)) for frag, text in pieces]
    order = visual_order(levels(kinds, right_to_left))
    made = []
    for place, index in enumerate(order):
        frag, text = pieces[index]
        made.append(frag.clone(text=text if place == len(order) - 1 else text + " "))
    return made
