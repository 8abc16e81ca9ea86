"""The TSV and CSV files opened by a real spreadsheet: LibreOffice Calc, headless, with
formula evaluation on, converts each to CSV; a cell that came out computed (`2` for
`=1+1`) was read as a formula.

Skipped when LibreOffice is missing, except under CI (env CI set), where .ci/run
installs it and a missing tool is a failure.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.build import build_topic
from generator.exporters import EXPORTERS
from generator.options import BuildOptions
from tests.conftest import minimal_topic

HOSTILE = [
    '"=1+1"',
    '"=HYPERLINK(""http://example.org"",""y"")"',
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    "  =1+1",
    "\t=1+1",
    "\r=1+1",
]
"""Texts a spreadsheet would compute: quoted, with leading white space, tab and CR."""
IMPORT = "CSV:{},34,76,1,,0,false,true,false,false,false,false,true"
"""Separator, quote, UTF-8, from line 1, ..., token 13: evaluate formulas."""
EXPORT = "csv:Text - txt - csv (StarCalc):44,34,76,1"
"""What Calc writes: each cell as it shows it, comma separated."""


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        reason = "LibreOffice (soffice) is not installed"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run it, not skip it")
        pytest.skip(reason)
    return found


def calc_cells(tool: str, path: Path, separator: int, tmp_path: Path) -> list[str]:
    """Every cell of `path` as LibreOffice Calc reads it, computed."""
    out = tmp_path / "calc"
    subprocess.run(
        [tool, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
         f"--infilter={IMPORT.format(separator)}", "--convert-to", EXPORT, "--outdir", str(out),
         str(path)],
        capture_output=True, check=True, timeout=180,
    )  # fmt: skip
    text = (out / f"{path.stem}.csv").read_text(encoding="utf-8", errors="replace")
    return [value for row in csv.reader(text.splitlines()) for value in row]


def test_no_flashcard_text_is_a_formula_in_calc(topic_file, tmp_path):
    tool = soffice()
    data = minimal_topic()
    data["flashcards"] = [
        {"id": f"q{n}", "section": "now", "front": text, "back": text}
        for n, text in enumerate(HOSTILE, 1)
    ]
    wanted = [e for e in EXPORTERS if e.name in ("flashcards-tsv", "flashcards-csv")]
    result = build_topic(topic_file(data), tmp_path / "out", BuildOptions(), exporters=wanted)
    assert result.ok, result.failed
    folder = tmp_path / "out" / "test-topic"
    for name, separator in (("test-topic-flashcards.tsv", 9), ("test-topic-flashcards.csv", 44)):
        cells = calc_cells(tool, folder / name, separator, tmp_path)
        computed = [c for c in cells if c in ("2", "y", "#NAME?", "Err:509")]
        assert computed == [], name
        assert sum("1+1" in c for c in cells) >= 2 * 7, (name, cells)
