"""tools/cmudict_syllables.py, which makes the package's compact CMU dictionary, on a
small dictionary of the original's shape."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

TOOL = ROOT / "tools" / "cmudict_syllables.py"
ORIGINAL = """\
'bout B AW1 T
a AH0
a(2) EY1
a's EY1 Z
aalborg AO1 L B AO0 R G # place, danish
stilton S T IH1 L T AH0 N
stilted S T IH1 L T IH0 D
hmm HH M
"""


def test_keeps_the_first_pronunciations_syllables_sorted_by_bytes(tmp_path):
    source = tmp_path / "cmudict.dict"
    source.write_text(ORIGINAL, encoding="utf-8")
    output = tmp_path / "syllables.txt"
    done = subprocess.run(
        [sys.executable, TOOL, source, output], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith(f"{output}: 7 words from {source} (sha256 ")
    assert output.read_text(encoding="utf-8") == (
        "'bout\t1\na\t1\na's\t1\naalborg\t2\nhmm\t1\nstilted\t2\nstilton\t2\n"
    )


def test_a_line_that_is_not_a_pronunciation_is_refused(tmp_path):
    source = tmp_path / "cmudict.dict"
    source.write_text("'bout B AW1 T\nlonely\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, TOOL, source, tmp_path / "out.txt"], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr == "line 2: not 'word PHONES': 'lonely'\n"
    assert not (tmp_path / "out.txt").exists()
