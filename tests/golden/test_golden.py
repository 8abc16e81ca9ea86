"""Every output of the hamstring topic, summarised by what matters (text, page sizes,
fonts, notes), matches the reviewed golden files in tests/golden/expected/.

To accept an intended change: `python3 dev.py goldens`, then review `git diff`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from tests.golden import anki_golden, handout_golden, pocket_card_golden, study_cards_golden

EXPECTED = Path(__file__).resolve().parent / "expected" / "hamstring-cramp"
CASES = [
    (pocket_card_golden, pocket_card_golden.CARD_NAME),
    (pocket_card_golden, pocket_card_golden.SHEET_NAME),
    (handout_golden, handout_golden.PDF_NAME),
    (handout_golden, handout_golden.HTML_NAME),
    (anki_golden, anki_golden.NAME),
    (study_cards_golden, study_cards_golden.PDF_NAME),
    (study_cards_golden, study_cards_golden.CSV_NAME),
    (study_cards_golden, study_cards_golden.TSV_NAME),
]


@cache
def summaries(module: ModuleType) -> dict[str, str]:
    result: dict[str, str] = module.build_summaries()
    return result


@pytest.mark.parametrize(("module", "name"), CASES, ids=[name for _, name in CASES])
def test_matches_golden(module: ModuleType, name: str) -> None:
    expected = (EXPECTED / name).read_text(encoding="utf-8")
    assert summaries(module)[name] == expected, (
        f"{name} differs from {EXPECTED / name}: review the diff and run "
        "`python3 dev.py goldens` to accept it"
    )
