"""Golden summary of the hamstring flashcards beyond Anki: the study card PDF (per
page: size, then the text pypdf extracts, which holds every front and back) and the
CSV and TSV files as they are (plain text already). Regenerate with
`python3 dev.py goldens`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from generator.exporters.anki.csv import export as export_csv
from generator.exporters.study_cards.pdf import export as export_pdf
from generator.exporters.study_cards.tsv import export as export_tsv
from generator.load import load_topic
from generator.options import BuildOptions
from tests.golden.pocket_card_golden import TOPIC, summarize

PDF_NAME = "flashcards-pdf.txt"
CSV_NAME = "flashcards.csv"
TSV_NAME = "flashcards.tsv"
OPTIONS = BuildOptions()


def build_summaries() -> dict[str, str]:
    topic = load_topic(TOPIC)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        return {
            PDF_NAME: summarize(export_pdf(topic, folder / "s.pdf", OPTIONS)),
            CSV_NAME: export_csv(topic, folder / "s.csv", OPTIONS).read_text(encoding="utf-8"),
            TSV_NAME: export_tsv(topic, folder / "s.tsv", OPTIONS).read_text(encoding="utf-8"),
        }


def regenerate(expected_dir: Path) -> None:
    target = expected_dir / "hamstring-cramp"
    target.mkdir(parents=True, exist_ok=True)
    for name, text in build_summaries().items():
        (target / name).write_text(text, encoding="utf-8", newline="")
