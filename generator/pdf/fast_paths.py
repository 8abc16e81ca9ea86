"""Some of ReportLab's helpers, called for each word drawn or each name written, done
the same way for less: what they return is theirs, value for value, so every PDF's
bytes stay as they were.

- `same_frag`, for `paragraph.sameFrag` (whether two parts of a line share one style,
  asked for each word of a paragraph of several styles): ReportLab's C version looks
  each attribute up by name and, for each one a part lacks (`cbDefn`, `lineBreak`,
  `backColor`, `nobr`: most parts lack all four), makes an `AttributeError` and
  throws it away: 4.5 microseconds a call, four times this one's.
- `split_string`, for `TTFont.splitString` (a drawn text cut into runs of one font
  subset, and each character's code in it, asked for each run of text drawn): once
  every character of a text has its code, as after its first lines, the codes are
  looked up in one pass and the text is one run of the first subset; a text with a
  character still to be given a code, or of another subset, is cut by ReportLab.
- `format_text`, for `PDFTextObject._formatText` (the operators that draw a run of
  text), for a shaped text (Arabic, Hebrew): ReportLab writes it glyph by glyph, each
  with its HarfBuzz offsets, about 12 microseconds a word. Its operators depend only on
  the text and its glyphs' positions, the font, size, leading and rise, the font subset
  selected before it, and the codes the document gave its characters (never changed
  once given), so within one document a word drawn again in the same state takes the
  operators written for it before (an Arabic topic's study cards draw 1,293 words, 60%
  of them again), and leaves the subset selected as they did.
- `string_width`, for `pdfmetrics.stringWidth` where ReportLab's paragraphs and canvas
  call it: a width depends only on the text, the font (a registered name is never
  registered again) and the size, so each is kept (at most `WIDTHS_KEPT`, then
  forgotten all at once). ReportLab's line breaker asks for the width of a space once
  for every part of the line so far, for each word of a paragraph of several styles
  (2,900 of the English study cards' 3,300 widths), through three calls to its font.
- `pdf_name` and `pdfdoc_encoded`, for `pdfdoc.PDFName` and `pdfdoc.pdfdocEnc` where
  ReportLab writes a document's objects: each key of each dictionary is made a name
  character by character, and each short string is encoded through a codec of
  ReportLab's own (Python), about 600 and 1,800 times for the study cards. A name and
  an encoded short string depend on the string alone, so each is kept (at most
  `NAMES_KEPT` and `ENCODED_KEPT`).
- `ascent_descent`, for `pdfmetrics.getAscentDescent` where ReportLab's paragraphs ask
  a font's ascent and descent at a size, for each part of each line: it looks for the
  font's own `ascent` first, which a TrueType font has not, and makes and throws away
  an `AttributeError` each time. They depend on the font and size alone: kept.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import textobject
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import paragraph

COMPARED = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")
"""What ReportLab's `sameFrag` compares, in its order."""
_MISSING = object()
_split_string = TTFont.splitString
_format_text = PDFTextObject._formatText
_FORMATTED: WeakKeyDictionary[Any, dict[tuple[Any, ...], tuple[str, Any]]] = WeakKeyDictionary()
"""By document, the operators of each shaped text drawn, and the subset left selected."""
_string_width = pdfmetrics.stringWidth
WIDTHS_KEPT = 32768
"""Widths kept at most: a few megabytes, several topics' words at their sizes."""
_WIDTHS: dict[tuple[str, str, float, str], float] = {}
NAMES_KEPT = 4096
pdf_name = lru_cache(maxsize=NAMES_KEPT)(pdfdoc.PDFName)
"""`pdfdoc.PDFName(data)`, kept."""
_pdfdoc_encoded = pdfdoc.pdfdocEnc
ENCODED_KEPT = 16384
SHORT = 64
"""The longest string kept encoded: names, numbers, references, dates."""
_ENCODED: dict[str, bytes] = {}
ascent_descent = lru_cache(maxsize=1024)(pdfmetrics.getAscentDescent)
"""`pdfmetrics.getAscentDescent(font_name, font_size)`, kept."""


def same_frag(f: Any, g: Any) -> bool:
    """Whether parts `f` and `g` of a line can be drawn as one: neither is a picture
    (`cbDefn`) nor a line break, and each attribute of `COMPARED` is missing from both
    or the same in both (as `_rl_accel.sameFrag` has it: the same object, or equal)."""
    if (
        hasattr(f, "cbDefn")
        or hasattr(g, "cbDefn")
        or hasattr(f, "lineBreak")
        or hasattr(g, "lineBreak")
    ):
        return False
    for name in COMPARED:
        a, b = getattr(f, name, _MISSING), getattr(g, name, _MISSING)
        if a is not b and (a is _MISSING or b is _MISSING or a != b):
            return False
    return True


def split_string(font: TTFont, text: Any, doc: Any, encoding: str = "utf-8") -> Any:
    """`font.splitString(text, doc)`: [(subset, codes)], one run when every character
    already has its code in the first subset (no-break spaces, which ReportLab draws
    as spaces, and characters the font lacks go to ReportLab's own)."""
    state = font.state.get(doc)
    if state is not None and isinstance(text, str) and text and "\xa0" not in text:
        try:
            codes = bytes(map(state.assignments.__getitem__, map(ord, text)))
        except (KeyError, ValueError):  # a character without its code yet, or past 255
            pass
        else:
            return [(0, codes)]
    return _split_string(font, text, doc, encoding)


def format_text(tx: PDFTextObject, text: Any) -> str:
    """`tx._formatText(text)`: for a shaped text drawn before in this document in the
    same state, the operators it gave then."""
    glyphs = getattr(text, "__shapeData__", None)
    if glyphs is None:
        return str(_format_text(tx, text))
    doc = tx._canvas._doc
    key: tuple[Any, ...] = (tx._fontname, tx._fontsize, tx._leading, tx._rise, tx._curSubset)
    key += (str(text), *glyphs)
    formatted = _FORMATTED.get(doc)
    if formatted is None:
        formatted = _FORMATTED[doc] = {}
    found = formatted.get(key)
    if found is not None:
        tx._curSubset = found[1]
        return found[0]
    rise, made = tx._rise, str(_format_text(tx, text))
    if tx._rise == rise:  # as ReportLab leaves it: the rise put back
        formatted[key] = (made, tx._curSubset)
    return made


def string_width(text: Any, font_name: str, font_size: float, encoding: str = "utf8") -> float:
    """`pdfmetrics.stringWidth(text, font_name, font_size)`, kept for a plain text (a
    shaped one, `ShapedStr`, is measured each time)."""
    if type(text) is not str:
        measured: float = _string_width(text, font_name, font_size, encoding)
        return measured
    key = (text, font_name, font_size, encoding)
    width = _WIDTHS.get(key)
    if width is None:
        if len(_WIDTHS) >= WIDTHS_KEPT:
            _WIDTHS.clear()
        width = _WIDTHS[key] = _string_width(text, font_name, font_size, encoding)
    return width


def pdfdoc_encoded(text: Any) -> Any:
    """`pdfdoc.pdfdocEnc(text)`: `text` in ReportLab's PDFDocEncoding, kept for a short
    plain string (bytes and anything else go through as before)."""
    if type(text) is not str or len(text) > SHORT:
        return _pdfdoc_encoded(text)
    found = _ENCODED.get(text)
    if found is None:
        if len(_ENCODED) >= ENCODED_KEPT:
            _ENCODED.clear()
        found = _ENCODED[text] = _pdfdoc_encoded(text)
    return found


def forget_fonts() -> None:
    """Forget every width and ascent kept: a font registered under its name changed
    (`fonts.register_fonts`)."""
    _WIDTHS.clear()
    ascent_descent.cache_clear()


@cache
def install() -> None:
    """Put them all in ReportLab's place (once a process)."""
    paragraph.sameFrag = same_frag
    TTFont.splitString = split_string
    PDFTextObject._formatText = format_text
    paragraph.stringWidth = pdfmetrics.stringWidth = string_width
    textobject.pdfmetrics_stringWidth = string_width
    pdfdoc.PDFName = pdf_name
    pdfdoc.pdfdocEnc = pdfdoc_encoded
    paragraph.getAscentDescent = ascent_descent
