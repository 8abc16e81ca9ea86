"""A paragraph's parts (ReportLab's frags) made without ReportLab's markup parser, for
the markup the study cards and most other texts carry: escaped characters, `<b>` and
`<font name="...">` (a script's font, from `writing.Writing.markup`). The parser
(`html.parser` under ReportLab's `ParaParser`) was a tenth of the study cards' time.

The parser makes one part for each piece of text between two tags or character
references, and one for each reference, each a copy of the part at the top of its
stack of open tags with its text set. So the part of each stack of open tags is
parsed once a style (from a one-letter text), and each piece of text is a copy of it:
the same parts, attribute for attribute, in the same order. Any other markup (a link,
a line break, italics, a colour, an unknown reference), a style that transforms its
text or has a bullet, and text ReportLab's parser would read as a `<para>` of its own
are left to the parser; so is a text of no piece of text.
"""

from __future__ import annotations

import re
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import known_entities

_PIECE = re.compile(
    r'[^<&]+|&#[0-9]{1,6};|&[a-zA-Z][a-zA-Z0-9]*;|</?b>|<font name="[^"<>&]*">|</font>'
)
"""A piece of text, a character reference, or a tag this module sets."""
_PARTS: WeakKeyDictionary[ParagraphStyle, dict[tuple[str, ...], Any]] = WeakKeyDictionary()
"""By style, the part the parser makes for a piece of text inside each stack of tags."""


def parts(markup: str, style: ParagraphStyle) -> tuple[str, list[Any]] | None:
    """`markup` as ReportLab's `Paragraph` keeps it (its spaces and line ends cleaned)
    and the parts its parser would make of it in `style`; None when only the parser
    can tell (markup of other kinds, a style with a bullet or a text transform)."""
    if getattr(style, "textTransform", None) or getattr(style, "bulletText", None):
        return None
    text = cleanBlockQuotedText(markup)
    made: list[Any] = []
    opened: list[str] = []
    at = 0
    for match in _PIECE.finditer(text):
        piece = match.group()
        if match.start() != at:
            return None  # a "<" or "&" of no piece this module knows
        at = match.end()
        if piece[0] == "<":
            if piece[1] != "/":
                opened.append(piece)
            elif opened and _name(opened[-1]) == piece[2:-1]:
                opened.pop()
            else:
                return None  # closing a tag that is not the last one open
            continue
        character = _character(piece) if piece[0] == "&" else piece
        if character is None:
            return None
        made.append(_part(style, tuple(opened)).clone(text=character))
    if at != len(text) or opened or not made:
        return None
    return text, made


def _name(tag: str) -> str:
    """The name of an opening tag: `b`, `font`."""
    return tag[1:-1].split(" ", 1)[0]


def _character(reference: str) -> str | None:
    """What the parser makes of a character reference (None: one it does not know)."""
    if reference[1] == "#":
        code = int(reference[2:-1])
        return chr(code) if code <= 0x10FFFF else None
    found: str | None = known_entities.get(reference[1:-1])
    return found


def _part(style: ParagraphStyle, opened: tuple[str, ...]) -> Any:
    """The part ReportLab's parser makes in `style` for a text inside the `opened`
    tags (made once)."""
    kept = _PARTS.get(style)
    if kept is None:
        kept = _PARTS[style] = {}
    found = kept.get(opened)
    if found is None:
        closing = "".join(f"</{_name(tag)}>" for tag in opened[::-1])
        (found,) = Paragraph(f"{''.join(opened)}x{closing}", style).frags
        kept[opened] = found
    return found
