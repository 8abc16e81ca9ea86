"""What a Latin cut of the bundled DejaVu fonts would save, and whether it prints the same
bytes: cuts the four faces with fontTools into a temporary folder, times ReportLab
parsing them against the whole files, and builds a topic's PDFs once with each set.

    python benchmarks/font_cuts.py [TOPIC] [--parses N]

A measurement for docs/performance.md (issue 30, item 3), not a build step: the
package still ships and prints with the whole fonts. The cut keeps the original `name`
and `OS/2` tables, which ReportLab copies into the subset it embeds; with them the PDFs
are byte-identical as long as the topic prints no character outside the cut.
"""

from __future__ import annotations

import argparse
import filecmp
import logging
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACES = ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSansCondensed", "DejaVuSansCondensed-Bold")
CUT = (
    (0x0020, 0x024F),  # Basic Latin to Latin Extended-B
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x21FF),  # letterlike symbols, arrows
    (0x25A0, 0x27BF),  # geometric shapes, miscellaneous symbols (the labels' U+26A0), dingbats
)
"""The characters kept, as (first, last) ranges."""


def cut_fonts(source: Path, folder: Path) -> None:
    """Each face of `source` cut to CUT, written to `folder` under the same name."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables.DefaultTable import DefaultTable

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "FFTM dropped"
    options = subset.Options()
    options.hinting = True  # ReportLab copies cvt, fpgm and prep as they are
    options.glyph_names = options.notdef_outline = options.name_legacy = True
    options.name_IDs = options.name_languages = options.layout_features = ["*"]
    options.prune_unicode_ranges = options.recalc_bounds = False
    options.recalc_timestamp = options.recalc_max_context = options.canonical_order = False
    codes = [code for first, last in CUT for code in range(first, last + 1)]
    for face in FACES:
        whole = TTFont(source / f"{face}.ttf")
        font = TTFont(source / f"{face}.ttf", recalcTimestamp=False, recalcBBoxes=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codes)
        subsetter.subset(font)
        for tag in ("name", "OS/2"):  # as the whole face has them, byte for byte
            table = DefaultTable(tag)
            table.data = whole.reader[tag]
            font[tag] = table
        font.save(folder / f"{face}.ttf")


def parse_ms(folder: Path, parses: int) -> float:
    """The median CPU time of ReportLab parsing the four faces of `folder`."""
    from reportlab.pdfbase.ttfonts import TTFont

    times = []
    for _ in range(parses):
        start = time.process_time()
        for face in FACES:
            TTFont(face, str(folder / f"{face}.ttf"))
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def build_with(fonts: Path, topic: Path, out: Path) -> list[Path]:
    """The topic's PDFs built in a fresh process printing with the faces in `fonts`;
    exits with the build's message when it fails (a character outside the cut)."""
    code = (
        "import sys; from pathlib import Path; import generator.pdf.fonts as f;"
        "f.FONTS_DIR = Path(sys.argv[1]);"
        "from generator.build import export_topic; from generator.exporters import EXPORTERS;"
        "from generator.load import load_topic; from generator.options import BuildOptions;"
        "_, failed = export_topic(load_topic(Path(sys.argv[2])), Path(sys.argv[3]),"
        " BuildOptions(), EXPORTERS); sys.exit(str(failed[0].message) if failed else 0)"
    )
    args = [sys.executable, "-c", code, str(fonts), str(topic), str(out)]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"the build with {fonts.name} fonts failed:\n{done.stderr.strip()}")
    return sorted(out.rglob("*.pdf"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("topic", nargs="?", default=ROOT / "content" / "hamstring-cramp.yaml")
    parser.add_argument("--parses", type=int, default=9)
    args = parser.parse_args()
    whole = ROOT / "generator" / "fonts"
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        (folder / "cut").mkdir()
        cut_fonts(whole, folder / "cut")
        for name, fonts in (("whole", whole), ("cut", folder / "cut")):
            size = sum((fonts / f"{face}.ttf").stat().st_size for face in FACES) // 1024
            print(f"{name}: parsed in {parse_ms(fonts, args.parses):.1f} ms, {size} KB")
        copy = folder / "topic"  # the build records its deck beside the topic
        shutil.copytree(Path(args.topic).parent, copy)
        topic = copy / Path(args.topic).name
        made = [
            build_with(fonts, topic, folder / name)
            for name, fonts in (("whole-out", whole), ("cut-out", folder / "cut"))
        ]
        for a, b in zip(*made, strict=True):
            same = filecmp.cmp(a, b, shallow=False)
            print(f"{a.name}: {'the same bytes' if same else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
