"""The fonts of the scripts DejaVu Sans does not draw: where they come from, and each
made ready for one topic's text.

Each script's fonts are Noto (SIL Open Font Licence) from an optional package, installed
by an extra only by who needs it (`pip install 'health-handouts[cjk]'`, `[rtl]`); an
English-only install and build never import anything of this module's work. The
packages carry variable fonts (CJK's default instance is Thin), which ReportLab cannot
use as they are, so for each topic the font is cut to the characters the topic prints,
then set at the regular (400) and bold (700) weights, in memory (fontTools): a few
hundred glyphs that ReportLab parses and embeds as fast as a Latin font. Nothing is
written to disk.

A shaped font (HarfBuzz joins Arabic letters and makes ligatures) draws glyphs that have
no character of their own; ReportLab gives each a private-use code, so a PDF's text
would read as nothing. `ShapedFont` writes, in the ToUnicode map of each such glyph, the
text it stands for, found by following the font's substitutions from its characters.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, makeShapedFragWord
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import paragraph

from generator.labels.tags import subtags
from generator.pdf.scripts import Script
from generator.pdf.shaped_words import ShapedWords

REGULAR, BOLD = 400, 700
DIGITS = frozenset("0123456789")
"""Kept in every cut: a handout's "Page N of M" is counted only as it is laid out, so
its numbers are in no text the cut is made from. Without them a number whose digit
no text had (the 4 of an Arabic handout's fourth page, in large print) printed as
the font's empty glyph (.notdef), which PDF/UA-1 and PDF/A-2 refuse."""


@dataclass(frozen=True)
class FontSource:
    """A script's variable font in an optional package: its name as printed in
    messages, the package, the file inside it and the extra that installs it."""

    name: str
    package: str
    file: str
    extra: str
    bold_file: str | None = None
    """The bold's own file; None: `file` is a variable font, set at the bold weight."""

    def path(self, bold: bool = False) -> Path | None:
        """The font file (of the bold), or None when its package (or, for a script
        that is shaped, HarfBuzz) is not installed."""
        if self.extra == "rtl" and importlib.util.find_spec("uharfbuzz") is None:
            return None
        spec = importlib.util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            return None
        file = self.bold_file if bold and self.bold_file else self.file
        found = Path(next(iter(spec.submodule_search_locations))) / file
        return found if found.is_file() else None

    def install(self) -> str:
        return f"pip install 'health-handouts[{self.extra}]'"


def _noto(family: str, package: str, extra: str, axes: str = "wght") -> FontSource:
    folder = family.lower().replace(" ", "")
    file = f"fonts/ofl/{folder}/{family.replace(' ', '')}[{axes}].ttf"
    return FontSource(family, package, file, extra)


ARABIC = FontSource(
    "Almarai", "fontpkg_almarai", "files/Almarai-Regular.ttf", "rtl", "files/Almarai-Bold.ttf"
)
"""Not Noto Sans Arabic: its letters are drawn as a dotless base and dots, glyphs that
stand for many letters each, so a PDF's text could not be read back (copied, searched,
spoken). Almarai (OFL, Arabic, Persian and Urdu) has one glyph for each letter's form."""
HEBREW = _noto("Noto Sans Hebrew", "justmytype_intl_rtl", "rtl", "wdth,wght")
CJK_SC = _noto("Noto Sans SC", "justmytype_intl_cjk", "cjk")
CJK_TC = _noto("Noto Sans TC", "justmytype_intl_cjk", "cjk")
CJK_JP = _noto("Noto Sans JP", "justmytype_intl_cjk", "cjk")
CJK_KR = _noto("Noto Sans KR", "justmytype_intl_cjk", "cjk")

HAN_FONTS = {"Hant": CJK_TC, "Jpan": CJK_JP, "Kore": CJK_KR}
"""The font of Han characters by the script of the topic's language (as
`labels.tags.subtags` reads the tag: `zh-TW` is Hant); Simplified Chinese otherwise."""


def source_for(script: Script, language: str) -> FontSource:
    """The font `script` is printed in, in a topic of `language`: Han characters take
    the forms their language writes them in (Simplified or Traditional Chinese,
    Japanese, Korean)."""
    if script is Script.ARABIC:
        return ARABIC
    if script is Script.HEBREW:
        return HEBREW
    return HAN_FONTS.get(subtags(language).script or "", CJK_SC)


@lru_cache(maxsize=8)
def font_characters(source: FontSource) -> frozenset[str]:
    """Every character `source`'s font has a glyph for (its package installed)."""
    from fontTools.ttLib import TTFont as FontFile

    path = source.path()
    assert path is not None, source
    with FontFile(path, lazy=True) as font:
        return frozenset(chr(code) for code in font.getBestCmap())


@dataclass(frozen=True)
class PreparedFamily:
    """The registered names of a script font's regular and bold, cut for one text."""

    regular: str
    bold: str


def _set_rise(self: Any, rise: float) -> None:
    """ReportLab's `PDFTextObject.setRise`, which looks at the operator before it even
    when there is none: so when a shaped text's first glyph is a raised mark (a shadda
    on an Arabic letter), drawing it raised an IndexError."""
    if self._code and self._code[-1].endswith(" Ts"):  # two rises in a row: the last
        self._y += self._rise
        self._code[-1] = f"{fp_str(rise)} Ts"
    else:
        self._rise = rise
        self._y -= rise
        self._code.append(f"{fp_str(rise)} Ts")


_REPORTLAB_SHAPE_WORD = paragraph.shapeFragWord
"""ReportLab's own shaper of a word, which `_shape_word` calls one font at a time."""
_SHAPED = ShapedWords(_REPORTLAB_SHAPE_WORD)


def forget_shaped_words() -> None:
    """Forget every word shaped so far (a font registered under its name changed)."""
    _SHAPED.forget()


def _shape_word(word: Any, *args: Any, **kw: Any) -> Any:
    """ReportLab's shaping of a word (its width, then (style, text) parts), one font
    at a time: ReportLab shapes a word set in two fonts (a web address with a Hebrew
    path) with the first font's glyphs for both. A word is shaped once (`ShapedWords`)."""
    shape = partial(_REPORTLAB_SHAPE_WORD, *args, **kw) if args or kw else _SHAPED
    parts = word[1:]
    fonts = {getattr(frag, "fontName", None) for frag, _ in parts}
    if len(fonts) < 2 or None in fonts or any(hasattr(frag, "cbDefn") for frag, _ in parts):
        return shape(word)
    made = makeShapedFragWord(word)([0.0])
    for frag, text in parts:
        alone = [pdfmetrics.stringWidth(text, frag.fontName, frag.fontSize), (frag, text)]
        shaped = shape(alone)
        made[0] += shaped[0]
        made.extend(shaped[1:])
    return made


@lru_cache(maxsize=16)
def prepare(source: FontSource, characters: frozenset[str]) -> PreparedFamily:
    """`source`'s fonts cut to `characters` (a variable font set at the regular and bold
    weights), registered with ReportLab (as a family, so `<b>` finds the bold), with
    ReportLab's two corrections for shaped text in place."""
    PDFTextObject.setRise = _set_rise
    paragraph.shapeFragWord = _shape_word
    path = source.path()
    assert path is not None, source
    drawn = "".join(sorted((characters | DIGITS) & font_characters(source)))
    digest = hashlib.sha256(f"{source.file}\n{drawn}".encode()).hexdigest()[:10]
    stem = source.name.replace(" ", "")
    names = []
    for weight in (REGULAR, BOLD):
        name = f"{stem}-{'Bold' if weight == BOLD else 'Regular'}-{digest}"
        if name not in pdfmetrics.getRegisteredFontNames():
            file = source.path(bold=weight == BOLD) or path
            data, texts = _instance(file, drawn, weight, name)
            pdfmetrics.registerFont(ShapedFont(name, data, texts, source.extra == "rtl"))
        names.append(name)
    regular, bold = names
    pdfmetrics.registerFontFamily(
        regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
    )
    return PreparedFamily(regular, bold)


def _instance(path: Path, text: str, weight: int, name: str) -> tuple[bytes, dict[int, str]]:
    """The font at `path` cut to the glyphs `text` needs (with every substitution its
    shaping may make) and set at `weight`: the font's bytes, and the text each glyph
    without a character of its own stands for (by glyph id)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont as FontFile
    from fontTools.varLib import instancer

    font = FontFile(path, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = [1, 2, 4, 6]
    options.hinting = False
    options.notdef_outline = True
    cutter = subset.Subsetter(options)
    cutter.populate(text=text + " ")
    cutter.subset(font)
    if "fvar" in font:
        axes = {axis.axisTag for axis in font["fvar"].axes}
        location = {"wght": weight} | ({"wdth": 100} if "wdth" in axes else {})
        font = instancer.instantiateVariableFont(font, location)
    font["name"].setName(name, 6, 3, 1, 0x409)  # its PostScript name in the PDF
    if font["OS/2"].version < 4:  # bits 7-9 mean nothing before version 4 (Almarai's 3)
        font["OS/2"].fsSelection &= ~0b1110000000
    texts = substituted_texts(font)
    out = io.BytesIO()
    font.save(out)
    order = font.getGlyphOrder()
    return out.getvalue(), {order.index(glyph): text for glyph, text in texts.items()}


def glyph_widths(data: bytes) -> list[float]:
    """Each glyph's own advance in the font `data`, in thousandths of the font size
    (as a PDF's `/Widths` gives it)."""
    from fontTools.ttLib import TTFont as FontFile

    font = FontFile(io.BytesIO(data), lazy=True)
    scale = 1000 / font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    return [metrics[glyph][0] * scale for glyph in font.getGlyphOrder()]


def substituted_texts(font: Any) -> dict[str, str]:
    """For each glyph a character maps to, or that the font's substitutions (GSUB)
    reach from such glyphs, the text it stands for: a ligature the text of its parts,
    a contextual form (an Arabic letter joined) its letter's."""
    texts: dict[str, str] = {}
    for code, glyph in sorted(font.getBestCmap().items()):
        texts.setdefault(glyph, chr(code))
    if "GSUB" not in font:
        return texts
    subtables = [
        (lookup.LookupType, table)
        for lookup in font["GSUB"].table.LookupList.Lookup
        for table in lookup.SubTable
    ]
    subtables = [
        (table.ExtensionLookupType, table.ExtSubTable) if kind == 7 else (kind, table)
        for kind, table in subtables
    ]
    while True:
        known = len(texts)
        for kind, table in subtables:
            for glyph, text in _substitutions(kind, table, texts):
                texts.setdefault(glyph, text)
        if len(texts) == known:
            return texts


def _substitutions(kind: int, table: Any, texts: dict[str, str]) -> Iterable[tuple[str, str]]:
    """(glyph, text) for each output of one GSUB subtable whose input has a text."""
    if kind == 1:  # single: one glyph for another
        yield from ((out, texts[src]) for src, out in table.mapping.items() if src in texts)
    elif kind in (2, 3):  # multiple (the first part) and alternates
        for src, outs in (table.mapping if kind == 2 else table.alternates).items():
            if src in texts:
                yield from ((out, texts[src]) for out in outs[: 1 if kind == 2 else None])
    elif kind == 4:  # ligature: several glyphs for one
        for first, ligatures in table.ligatures.items():
            for ligature in ligatures:
                parts = [first, *ligature.Component]
                if all(part in texts for part in parts):
                    yield ligature.LigGlyph, "".join(texts[part] for part in parts)


class ShapedFont(TTFont):  # type: ignore[misc]
    """A TrueType font from bytes, shaped by HarfBuzz, whose glyphs without a character
    read in the PDF as the text they stand for."""

    def __init__(
        self, name: str, data: bytes, texts: dict[int, str], right_to_left: bool = False
    ) -> None:
        super().__init__(name, io.BytesIO(data), shapable=True)
        self._widths = glyph_widths(data)
        self.right_to_left = right_to_left
        """Its glyphs are drawn right to left: a ligature's text (lam-alef) reads
        backwards in the ToUnicode map, as readers reverse the run it is drawn in."""
        self._glyph_texts = texts
        self._private: dict[int, str] = {}  # ReportLab's private-use code -> text

    def hbFont(self, fontSize: float = 10) -> Any:
        font = super().hbFont(fontSize)
        self.__dict__.pop("hbAddPrivate", None)  # ReportLab's, in place of ours below
        return font

    def hbAddPrivate(self, name: str, glyph: int, advance: float) -> int:
        """ReportLab's private-use code for a glyph without a character, noting the
        text the glyph stands for. Its width is the glyph's own, not the advance it had
        where it was first shaped (the shaping moves it; the PDF's `/Widths` must agree
        with the font program, PDF/A and PDF/UA say)."""
        assert self.hbFace is not None  # starts ReportLab's table of private codes
        code: int = self._TTFont__addPrivate(name, glyph, self._widths[glyph])
        self._private[code] = self._glyph_texts.get(glyph, "\ufffd")
        return code

    def addObjects(self, doc: Any) -> None:
        subsets = list(self.state[doc].subsets) if doc in self.state else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            base = (SUBSETN(n) + b"+" + self.face.name + self.face.subfontNameX).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base)
            if stream is not None and any(code in self._private for code in subset):
                stream.content = "\n".join(
                    self._unicode_line(line) for line in stream.content.split("\n")
                )

    def _unicode_line(self, line: str) -> str:
        """A `<code> <unicode>` line of the ToUnicode map with the text of a private-use
        code in place of the code."""
        parts = line.split(" ")
        if len(parts) == 2 and parts[1].startswith("<") and len(parts[1]) == 6:
            text = self._private.get(int(parts[1][1:-1], 16))
            if text is not None:
                text = text[::-1] if self.right_to_left else text
                return f"{parts[0]} <{text.encode('utf-16-be').hex().upper()}>"
        return line
