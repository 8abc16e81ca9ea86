"""Golden summary of the hamstring pocket card and its print sheet: what a reader
sees, not the bytes.

Per page: size in points, then the text pypdf extracts; for the sheet, the count of
cards per page instead of the repeated text. The fonts of each file are listed with
whether they are embedded. Regenerate with `python3 dev.py goldens`.
Built as the topic asks (A7 fold-over for hamstring cramps).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from generator.exporters.pocket_card import export_card, export_sheet
from generator.load import load_topic
from generator.options import BuildOptions

ROOT = Path(__file__).resolve().parent.parent.parent
TOPIC = ROOT / "content" / "hamstring-cramp.yaml"
CARD_NAME = "pocket-card.txt"
SHEET_NAME = "pocket-card-sheet.txt"
OPTIONS = BuildOptions()


def fonts(reader: PdfReader) -> list[str]:
    """Every font the file uses (pages and forms), with `embedded` or `NOT embedded`."""
    found: set[str] = set()

    def visit(resources: DictionaryObject) -> None:
        for font in resources.get("/Font", DictionaryObject()).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            found.add(f"{font['/BaseFont']} {'embedded' if embedded else 'NOT embedded'}")
        for xobject in resources.get("/XObject", DictionaryObject()).values():
            inner = xobject.get_object().get("/Resources")
            if inner is not None:
                visit(inner.get_object())

    for page in reader.pages:
        visit(page["/Resources"].get_object())
    return sorted(found)


def _page_size(page: object) -> str:
    box = page.mediabox  # type: ignore[attr-defined]
    return f"{float(box.width):.2f} x {float(box.height):.2f} pt"


def summarize(path: Path) -> str:
    reader = PdfReader(path)
    meta = reader.metadata or {}
    lines = [f"title: {meta.get('/Title')}", f"subject: {meta.get('/Subject')}"]
    lines += [f"font: {f}" for f in fonts(reader)]
    for number, page in enumerate(reader.pages, start=1):
        lines.append(f"--- page {number}: {_page_size(page)}")
        lines += [line.rstrip() for line in page.extract_text().splitlines() if line.strip()]
    return "\n".join(lines) + "\n"


def summarize_sheet(path: Path, title: str) -> str:
    reader = PdfReader(path)
    lines = [f"font: {f}" for f in fonts(reader)]
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        lines.append(f"--- page {number}: {_page_size(page)}")
        shown = sum(line.strip() == title for line in text.splitlines())  # not in the message
        lines.append(f"cards (title shown): {shown}")
        lines += [line for line in text.splitlines() if "100%" in line or "50 mm" in line]
    return "\n".join(lines) + "\n"


def build_summaries() -> dict[str, str]:
    topic = load_topic(TOPIC)
    with tempfile.TemporaryDirectory() as scratch:
        card = export_card(topic, Path(scratch) / "card.pdf", OPTIONS)
        sheet = export_sheet(topic, Path(scratch) / "sheet.pdf", OPTIONS)
        return {CARD_NAME: summarize(card), SHEET_NAME: summarize_sheet(sheet, topic.title)}


def regenerate(expected_dir: Path) -> None:
    target = expected_dir / "hamstring-cramp"
    target.mkdir(parents=True, exist_ok=True)
    for name, text in build_summaries().items():
        (target / name).write_text(text, encoding="utf-8")
