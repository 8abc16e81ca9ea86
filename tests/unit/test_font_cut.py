"""The DejaVu faces cut to the alphabets clinics print (generator/fonts/cut/, made by
tools/cut_fonts.py): what a topic inside the cut prints with, the same bytes as the
whole faces; a topic with a character outside it prints with the whole faces."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.pdf.fonts import CUT, CUT_DIR, FONTS_DIR, PDF_FONTS
from tests.conftest import ROOT, copy_hamstring, dump, minimal_topic

fontTools = pytest.importorskip("fontTools.ttLib")


@pytest.mark.parametrize("name", PDF_FONTS)
def test_each_cut_face_keeps_every_glyph_of_the_cut_as_the_whole_face_draws_it(name):
    whole = fontTools.TTFont(FONTS_DIR / f"{name}.ttf")
    cut = fontTools.TTFont(CUT_DIR / f"{name}.ttf")
    for tag in ("name", "OS/2"):  # ReportLab copies both, as they are, into the PDF
        assert cut.reader[tag] == whole.reader[tag], tag
    inside = {code for first, last in CUT for code in range(first, last + 1)}
    whole_map, cut_map = whole.getBestCmap(), cut.getBestCmap()
    assert {code for code in whole_map if code in inside} <= set(cut_map)
    # each glyph kept reads back as the same characters (a ligature HarfBuzz makes of
    # letters of the cut, "ffi" as U+FB03, not as a private character of the cut)
    kept = set(cut.getGlyphOrder())
    assert {(code, glyph) for code, glyph in whole_map.items() if glyph in kept} == set(
        cut_map.items()
    )
    whole_glyphs, cut_glyphs = whole["glyf"], cut["glyf"]
    for code, glyph in cut_map.items():
        original = whole_map[code]
        assert cut["hmtx"][glyph] == whole["hmtx"][original], hex(code)
        drawn, drawn_whole = cut_glyphs[glyph], whole_glyphs[original]
        assert drawn.getCoordinates(cut_glyphs)[0] == drawn_whole.getCoordinates(whole_glyphs)[0], (
            hex(code)
        )
        assert getattr(drawn, "program", None) == getattr(drawn_whole, "program", None)
    for tag in ("cvt ", "fpgm", "prep"):  # hinting, which ReportLab embeds as it is
        assert cut.reader[tag] == whole.reader[tag], tag
    assert len(cut.getGlyphOrder()) < len(whole.getGlyphOrder()) / 2


BUILT = """
import hashlib, json, sys
from pathlib import Path
from reportlab.pdfbase import pdfmetrics
from generator.build import export_topic
from generator.exporters import EXPORTERS
from generator.load import load_topic
from generator.options import BuildOptions
from generator.pdf import fonts
from generator.pdf.fast_paths import _WIDTHS
from generator.pdf.script_fonts import _SHAPED
whole, out, *topics = sys.argv[1:]
if whole == "whole":
    fonts.register_fonts(whole=True)
made = {}
kept = _SHAPED._words  # the words shaped so far
for number, path in enumerate(topics):
    if fonts.outside_cut(load_topic(Path(path))) and "shaped" not in made:
        before = [len(kept), len(_WIDTHS)]
        fonts.register_fonts(whole=True)
        made["shaped"] = [before, [len(kept), len(_WIDTHS)]]
    folder = Path(out) / str(number)
    _, failed = export_topic(load_topic(Path(path)), folder, BuildOptions(), EXPORTERS)
    assert not failed, failed
    faces = {Path(pdfmetrics.getFont(name).face.filename).parent.name for name in fonts.PDF_FONTS}
    for pdf in sorted(folder.rglob("*.pdf")):
        made[f"{number}/{pdf.name}"] = [hashlib.sha256(pdf.read_bytes()).hexdigest(), *faces]
print(json.dumps(made))
"""


def built(tmp_path: Path, whole: bool, *topics: Path) -> dict[str, list[Any]]:
    """Each PDF of `topics`, built one after another in one fresh process: its SHA-256
    and the folder of the faces registered after it (`cut` or `fonts`); and, when a
    topic needs the whole faces, how many shaped words were kept before and after
    they were registered, and how many widths (`shaped`)."""
    out = tmp_path / ("whole" if whole else "default")
    args = [sys.executable, "-c", BUILT, "whole" if whole else "-", str(out), *map(str, topics)]
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    shutil.rmtree(out)
    made: dict[str, list[Any]] = json.loads(done.stdout)
    return made


def test_a_topic_inside_the_cut_prints_with_it_the_same_bytes_as_with_the_whole_faces(tmp_path):
    """Also an Arabic topic whose title has a Latin word HarfBuzz sets with a ligature
    ("ffi", which the whole faces map to U+FB03): its Latin words are shaped."""
    topics = [copy_hamstring(tmp_path / "topics")]
    for language in ("es", "vi", "ar"):
        topics.append(topics[0].with_name(f"hamstring-cramp-{language}.yaml"))
    for topic in topics[1:]:
        shutil.copy(ROOT / "content" / topic.name, topic)
    arabic = topics[-1].read_text(encoding="utf-8")
    title = next(line for line in arabic.splitlines() if line.startswith("title: "))
    topics[-1].write_text(arabic.replace(title, f"{title} office", 1), encoding="utf-8")
    for topic in topics:
        default, whole = built(tmp_path, False, topic), built(tmp_path, True, topic)
        assert {faces for _, faces in default.values()} == {"cut"}, topic.name
        assert {faces for _, faces in whole.values()} == {"fonts"}
        assert [sha for sha, _ in default.values()] == [sha for sha, _ in whole.values()]
        assert len(default) == 4, sorted(default)  # card, sheet, handout, study cards


def test_a_character_outside_the_cut_prints_with_the_whole_faces_and_they_stay(tmp_path):
    """In a batch worker: an Arabic topic (its Latin words shaped in the cut), then one
    with a character outside the cut (the whole faces registered in place of the
    cut), then the Arabic topic again: each PDF as a fresh process prints it alone."""
    arabic = copy_hamstring(tmp_path / "topics").with_name("hamstring-cramp-ar.yaml")
    shutil.copy(ROOT / "content" / arabic.name, arabic)
    data = minimal_topic()
    data["sections"][0]["items"][0]["text"] = "Measure the pipe's \N{DIAMETER SIGN} first."
    outside = tmp_path / "topics" / "test-topic.yaml"
    outside.write_text(dump(data), encoding="utf-8")
    batch = built(tmp_path, False, arabic, outside, arabic)
    before, after = batch.pop("shaped")
    assert 0 not in before and after == [0, 0], "words shaped or widths measured in the cut kept"
    assert {faces for key, (_, faces) in batch.items() if key.startswith("0/")} == {"cut"}
    assert {faces for key, (_, faces) in batch.items() if not key.startswith("0/")} == {"fonts"}
    alone = [built(tmp_path, False, arabic), built(tmp_path, False, outside)]
    assert alone[1].pop("shaped") == [[0, 0], [0, 0]], "nothing shaped before the whole faces"
    assert {faces for _, faces in alone[1].values()} == {"fonts"}
    assert len(batch) == 12
    for key, (sha, _) in batch.items():
        number, name = key.split("/")
        assert sha == alone[int(number) % 2][f"0/{name}"][0], key
