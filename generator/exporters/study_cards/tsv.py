"""Term TAB definition, one card a line, plain text: what Quizlet, RemNote, Mochi
and other flashcard apps import. The cards are the printed study cards' (a cloze
gives one line per deletion number: its sentence with a blank, and the sentence).

A tab or line break inside a text becomes a space, and leading spaces go, so a card
is always one line of two columns. A text that would start a spreadsheet formula gets
a leading `'` (OWASP's advice for CSV injection); the card then shows that apostrophe.
That includes a text that starts with a double quote: a spreadsheet reads `"=1+1"` as
a quoted cell holding the formula `=1+1` (LibreOffice Calc evaluates it; checked in
tests/integration/test_spreadsheet_formulas.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.exporters.study_cards.content import study_cards
from generator.labels import labels_for, translation_note
from generator.model import Topic
from generator.options import BuildOptions

FORMULA_START = ("=", "+", "-", "@", '"')
"""What starts a formula, or a quoted cell that may hold one (tab and CR never start a
cell here: every run of white space is one space, and none leads)."""
SPACES = re.compile(r"\s+")


def cell(text: str) -> str:
    """`text` on one line, safe from spreadsheets."""
    flat = SPACES.sub(" ", text).strip()
    return f"'{flat}" if flat.startswith(FORMULA_START) else flat


def export(topic: Topic, out_path: Path, options: BuildOptions) -> Path:
    """Write one `term<TAB>definition` line per study card to `out_path`."""
    rows = []
    labels = labels_for(topic)
    note = translation_note(topic, labels)  # a translation's: with every answer
    for card in study_cards(topic, labels):
        parts = [card.back_text, card.extra, note]
        answer = " ".join(part for part in parts if part)
        rows.append(f"{cell(card.front_text)}\t{cell(answer)}\n")
    out_path.write_text("".join(rows), encoding="utf-8", newline="")
    return out_path
