"""The hamstring deck, summarised, matches the reviewed golden file."""

from __future__ import annotations

from pathlib import Path

from tests.golden.anki_golden import NAME, build_summary

EXPECTED = Path(__file__).resolve().parent / "expected" / "hamstring-cramp" / NAME


def test_hamstring_deck_matches_golden() -> None:
    expected = EXPECTED.read_text(encoding="utf-8")
    actual = build_summary()
    assert actual == expected, (
        f"the Anki deck summary differs from {EXPECTED}: review the diff and run "
        "`python3 dev.py goldens` to accept it"
    )
