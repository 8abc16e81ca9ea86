#!/usr/bin/env python3
"""Make generator/fonts/cut/ from the bundled DejaVu faces: each face cut to the
alphabets clinics print with it and the symbols our labels use (`CUT`).

    python3 tools/cut_fonts.py

ReportLab reads a TrueType file whole when a font is registered (every cmap entry and
advance width): the four whole faces take 30-40 ms of every cold build. A build whose
text stays inside the cut registers the cut faces instead (`generator.pdf.fonts`),
which print the same bytes: ReportLab embeds a subset of the glyphs a document uses,
renumbered in the order it meets them, with the font's `name` and `OS/2` tables copied
as they are. So the cut keeps each glyph's outline, hinting and advance width as the
whole face has them, and its `name` and `OS/2` tables byte for byte; only the glyphs
outside the cut (and their numbers) go. tests/unit/test_font_cut.py checks the
shipped files against the whole faces. Needs fontTools (the `rtl` or `cjk` extra);
the package never runs this.

The DejaVu licence (generator/fonts/LICENSE-DejaVu.txt, Bitstream Vera's) allows
modified copies whose names say neither "Bitstream" nor "Vera": the names stay DejaVu's.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "generator" / "fonts"
sys.path.insert(0, str(ROOT))

from generator.pdf.fonts import CUT, CUT_DIR, PDF_FONTS  # noqa: E402


def cut_face(source: Path, target: Path) -> None:
    """The face `source` cut to `CUT`, written to `target`."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables.DefaultTable import DefaultTable

    whole = TTFont(source)
    first = _subset(source, [code for first, last in CUT for code in range(first, last + 1)])
    kept = set(first.getGlyphOrder())  # with what layout features make of them: ligatures
    # every character of a glyph kept: a ligature HarfBuzz forms from letters of the
    # cut (U+FB03 from "ffi") reads back as the whole face maps it, not as private use
    font = _subset(source, [code for code, glyph in whole.getBestCmap().items() if glyph in kept])
    for tag in ("name", "OS/2"):  # as the whole face has them, byte for byte
        table = DefaultTable(tag)
        table.data = whole.reader[tag]
        font[tag] = table
    font.save(target)


def _subset(source: Path, codes: list[int]) -> Any:
    """The face `source` as fontTools subsets it to `codes` (and the glyphs its layout
    features make of them), keeping what ReportLab reads as it is."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM dropped"
    options = subset.Options()
    options.hinting = True  # ReportLab copies cvt, fpgm and prep as they are
    options.glyph_names = options.notdef_outline = options.name_legacy = True
    options.name_IDs = options.name_languages = options.layout_features = ["*"]
    options.prune_unicode_ranges = options.recalc_bounds = False
    options.recalc_timestamp = options.recalc_max_context = options.canonical_order = False
    font = TTFont(source, recalcTimestamp=False, recalcBBoxes=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    return font


def main() -> None:
    CUT_DIR.mkdir(exist_ok=True)
    for name in PDF_FONTS:
        cut_face(FONTS / f"{name}.ttf", CUT_DIR / f"{name}.ttf")
        print(f"{CUT_DIR / name}.ttf: {(CUT_DIR / f'{name}.ttf').stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
