"""The hamstring clinic handout (PDF and HTML), summarised, matches the reviewed goldens."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden.handout_golden import HTML_NAME, PDF_NAME, build_summaries

EXPECTED = Path(__file__).resolve().parent / "expected" / "hamstring-cramp"


@pytest.mark.parametrize("name", [PDF_NAME, HTML_NAME])
def test_hamstring_handout_matches_golden(name: str) -> None:
    expected = (EXPECTED / name).read_text(encoding="utf-8")
    actual = build_summaries()[name]
    assert actual == expected, (
        f"the handout summary differs from {EXPECTED / name}: review the diff and run "
        "`python3 dev.py goldens` to accept it"
    )
