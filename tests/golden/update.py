"""Rewrite the golden files from content/: `python3 dev.py goldens`.

Review the diff (`git diff tests/golden/expected`) before you commit it: a golden
changes only when an output really should change.
"""

from __future__ import annotations

import importlib
from pathlib import Path

EXPECTED = Path(__file__).resolve().parent / "expected"
MODULES = (
    "tests.golden.pocket_card_golden",
    "tests.golden.handout_golden",
    "tests.golden.anki_golden",
    "tests.golden.study_cards_golden",
)


def main() -> None:
    for name in MODULES:
        importlib.import_module(name).regenerate(EXPECTED)
        print(f"regenerated {name.rsplit('.', 1)[-1]}")
    print(f"review with: git diff {EXPECTED.relative_to(Path.cwd())}")


if __name__ == "__main__":
    main()
