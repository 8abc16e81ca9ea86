"""Characters no text a reader sees may hold: the one check of topic texts, clinic
texts and labels alike (`generator/load/reader.py`, `generator/labels/check.py`)."""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
"""Embeddings, overrides and isolates: browsers and Anki reorder the text around them
by the Unicode bidirectional algorithm; the PDFs order the words of a line by their
own letters (`generator/pdf/bidi.py`), so they would say something different from the
HTML page and the deck."""
DIRECTION_MARKS = {"\u200e", "\u200f", "\u061c"}
"""Left-to-right, right-to-left and Arabic letter marks: invisible, and read by
browsers and Anki but not by the PDFs' ordering of words, for the same reason."""


def character_problem(text: str) -> str | None:
    """What is wrong with the first invisible control, format, surrogate, private-use
    or unassigned character of `text` (to be deleted), or None."""
    # Printable text (most of it) has none of the characters looked for below.
    for char in "" if text.isprintable() else text:
        if char in BIDI_CONTROLS or char in DIRECTION_MARKS:
            return _direction_message(char)
        if unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"}:
            return f"contains the invisible or unassigned character U+{ord(char):04X}"
    return None


def _direction_message(char: str) -> str:
    name = unicodedata.name(char).lower()
    if char in DIRECTION_MARKS:
        return (
            f"contains U+{ord(char):04X} ({name}), an invisible direction mark: the PDFs "
            "order words by their letters and would not follow it, the HTML page and the "
            "deck would"
        )
    return (
        f"contains U+{ord(char):04X} ({name}), an invisible control that reorders the "
        "text around it: the HTML page and the deck would show another order than the PDFs"
    )
