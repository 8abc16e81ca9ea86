"""The hamstring pocket card and sheet, summarised, match the reviewed golden files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden.pocket_card_golden import CARD_NAME, SHEET_NAME, build_summaries

EXPECTED = Path(__file__).resolve().parent / "expected" / "hamstring-cramp"


@pytest.mark.parametrize("name", [CARD_NAME, SHEET_NAME])
def test_hamstring_pocket_card_matches_golden(name: str) -> None:
    expected = (EXPECTED / name).read_text(encoding="utf-8")
    actual = build_summaries()[name]
    assert actual == expected, (
        f"the pocket card summary differs from {EXPECTED / name}: review the diff and run "
        "`python3 dev.py goldens` to accept it"
    )
