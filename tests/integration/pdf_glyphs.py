"""What a PDF draws, glyph by glyph, and what HarfBuzz makes of a text in the same
font: for the tests that text in a script is shaped and ordered as HarfBuzz shapes it.

ReportLab embeds a TrueType font as simple fonts of at most 256 codes each (`/F1+0`,
`/F1+1`, ...): a code stands for one glyph (a joined form or a ligature as much as a
character), and each of these fonts carries its own TrueType program (FontFile2) in
which ReportLab renumbered the glyphs and maps each code to its glyph (the (1, 0)
cmap). A glyph is known again in the font it came from by its outline and advance,
which ReportLab copies as they are; that font is the one registered with ReportLab
under the name the PDF gives after the subset's tag (`AAAAAA+Almarai-Regular-...`),
so a PDF built in this process can be read against the very font it was made from.
"""

from __future__ import annotations

import io
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pypdf
import uharfbuzz as hb
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont
from pypdf.generic import ContentStream
from reportlab.pdfbase import pdfmetrics

Outline = tuple[Any, ...]
"""A glyph's advance and its outline, every component drawn in."""


@dataclass(frozen=True)
class Glyph:
    """One glyph drawn: its font (the name registered with ReportLab), its outline, and
    the ids of the glyphs of that font with this outline (most often one)."""

    font: str
    outline: Outline
    ids: frozenset[int]


Line = tuple[Glyph, ...]
"""One line's glyphs, in the order the content stream draws them: left to right."""


def _outline(font: TTFont, name: str) -> Outline:
    pen = DecomposingRecordingPen(font.getGlyphSet())
    font.getGlyphSet()[name].draw(pen)
    return (font["hmtx"][name][0], *((op, tuple(args)) for op, args in pen.value))


def font_data(name: str) -> bytes:
    """The font ReportLab registered as `name`: the bytes it shapes with and cuts its
    subsets from (`TTFontFile._ttf_data`)."""
    data: bytes = pdfmetrics.getFont(name).face._ttf_data
    return data


@lru_cache(maxsize=16)
def _ids_by_outline(data: bytes) -> dict[Outline, frozenset[int]]:
    font = TTFont(io.BytesIO(data))
    found: dict[Outline, set[int]] = defaultdict(set)
    for gid, name in enumerate(font.getGlyphOrder()):
        found[_outline(font, name)].add(gid)
    return {outline: frozenset(ids) for outline, ids in found.items()}


def outlines(data: bytes, ids: list[int]) -> list[Outline]:
    """The outline of each glyph of `ids` in the font `data`."""
    by_id = {gid: outline for outline, gids in _ids_by_outline(data).items() for gid in gids}
    return [by_id[gid] for gid in ids]


def _code_glyphs(font_dict: Any) -> dict[int, Glyph]:
    """Each code of one embedded subset, as the glyph of the registered font it draws."""
    name = str(font_dict["/BaseFont"]).split("+", 1)[1]
    descriptor = font_dict["/FontDescriptor"].get_object()
    program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
    known = _ids_by_outline(font_data(name))
    glyphs = {}
    for code, glyph in program["cmap"].getcmap(1, 0).cmap.items():
        outline = _outline(program, glyph)
        glyphs[code] = Glyph(name, outline, known.get(outline, frozenset()))
    return glyphs


def _shown(operands: list[Any], op: bytes) -> bytes:
    strings = operands[0] if op == b"TJ" else [operands[-1]]
    return b"".join(s.original_bytes for s in strings if hasattr(s, "original_bytes"))


def _page_sequences(reader: pypdf.PdfReader, page: Any) -> Iterator[tuple[int, list[Line]]]:
    """(MCID, its lines) of each marked-content sequence of `page` that draws text
    (in a font embedded by ReportLab: TrueType)."""
    fonts = {name: ref.get_object() for name, ref in page["/Resources"]["/Font"].items()}
    glyphs = {name: _code_glyphs(font) for name, font in fonts.items()}
    lines: dict[int, list[list[Glyph]]] = defaultdict(list)
    mcids: list[int | None] = []
    font, new_line = "", True
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"BDC":
            properties = operands[1]
            mcids.append(properties.get("/MCID") if isinstance(properties, dict) else None)
            new_line = True
        elif op == b"BMC":
            mcids.append(None)
        elif op == b"EMC":
            mcids.pop()
        elif op == b"Tf":
            font = operands[0]
        elif op in (b"BT", b"T*", b"Tm", b"'", b'"') or (op in (b"Td", b"TD") and operands[1]):
            new_line = True
        if op in (b"Tj", b"TJ", b"'", b'"'):
            mcid = next((m for m in reversed(mcids) if m is not None), -1)
            if new_line or not lines[mcid]:
                lines[mcid].append([])
                new_line = False
            lines[mcid][-1].extend(glyphs[font][code] for code in _shown(operands, op))
    for mcid, found in lines.items():
        yield mcid, [tuple(line) for line in found if line]


def drawn_lines(pdf: Path) -> list[list[Line]]:
    """The lines of each marked-content sequence (a paragraph, a heading, a label) of
    every page of `pdf`, in the order drawn."""
    reader = pypdf.PdfReader(pdf)
    return [lines for page in reader.pages for _, lines in _page_sequences(reader, page)]


@lru_cache(maxsize=16)
def _hb_font(data: bytes) -> hb.Font:
    return hb.Font(hb.Face(hb.Blob(data)))


def shaped(data: bytes, text: str, direction: str | None = None) -> list[int]:
    """The glyph ids HarfBuzz sets `text` in with the font `data`, in the order they
    are seen (left to right), with its default features; in the direction of the
    text's script unless `direction` ("ltr", "rtl") says."""
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    if direction is not None:
        buffer.direction = direction
    hb.shape(_hb_font(data), buffer)
    return [info.codepoint for info in buffer.glyph_infos]


def draws(glyphs: Sequence[Glyph], ids: list[int]) -> bool:
    """Whether `glyphs` are the glyphs `ids`, one for one, in order."""
    return len(glyphs) == len(ids) and all(
        gid in glyph.ids for glyph, gid in zip(glyphs, ids, strict=True)
    )


def line_texts(lines: list[Line], text: str) -> list[str] | None:
    """The part of `text` on each of `lines`, if the lines draw the whole of `text`,
    in one font, each exactly as HarfBuzz shapes its part (cut between words, or
    between any two characters of a text written without spaces); else None."""
    fonts = {glyph.font for line in lines for glyph in line}
    if len(fonts) != 1:
        return None
    data = font_data(fonts.pop())
    rest, found = " ".join(text.split()), []
    anywhere = any(unicodedata.east_asian_width(char) in "WF" for char in rest)
    for line in lines:
        ends = [e for e in range(1, len(rest) + 1) if anywhere or e == len(rest) or rest[e] == " "]
        ends.sort(key=lambda end: abs(end - len(line)))
        end = next((e for e in ends if draws(line, shaped(data, rest[:e].strip()))), None)
        if end is None:
            return None
        found.append(rest[:end].strip())
        rest = rest[end:].lstrip()
    return found if not rest else None


def find_drawn(sequences: list[list[Line]], text: str) -> list[tuple[Line, str]] | None:
    """Each line drawing `text` with the part of it the line draws, from the first
    marked-content sequence of `sequences` that draws all of it as HarfBuzz shapes it;
    None if none does."""
    size = len(text)
    for lines in sequences:
        if not size * 0.7 - 2 <= sum(map(len, lines)) <= size * 1.3 + 2:
            continue
        parts = line_texts(lines, text)
        if parts is not None:
            return list(zip(lines, parts, strict=True))
    return None
