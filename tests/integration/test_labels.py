"""Every fixed word a reader sees comes from the label catalogue.

A topic in a pseudo-language ("qps", whose labels are the English ones with every
letter turned into a Q) is built into all eight outputs. Its own text is Latin-like,
so any English word left in the PDF text, the web page or the Anki deck came from
an exporter or a template, not from the catalogue, and fails the test.
"""

from __future__ import annotations

import csv
import html.parser
import json
import re
import shutil
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from generator.build import build_topic
from generator.exporters import EXPORTERS
from generator.labels import labels_for
from generator.load import load_clinic
from generator.options import BuildOptions
from generator.pdf.fonts import UNPRINTED_LABELS
from tests.conftest import ROOT, dump

WORD = re.compile(r"[^\W\d_]{2,}")
PLACEHOLDER_OR_WORD = re.compile(r"\{[^}]*\}|[A-Za-z]+")


def pseudo(pattern: str) -> str:
    """`pattern` with every letter outside its {placeholders} turned into Q."""
    return PLACEHOLDER_OR_WORD.sub(
        lambda m: m.group() if m.group().startswith("{") else "Q" * len(m.group()), pattern
    )


LATIN_TOPIC: dict[str, Any] = {
    "id": "lorem-ipsum",
    "title": "Lorem ipsum",
    "language": "qps",
    "version": "1.0",
    "reviewed": "2026-01-15",
    "author": "Auctor",
    "url": "https://exemplum.org/lorem",
    "pocket_card": {"size": "auto"},  # QR code, clinic and emergency line: wider than wallet
    "main_message": "Dolor sit amet, consectetur adipiscing.",
    "source": {"title": "Liber", "publisher": "Editor", "url": "https://exemplum.org/liber"},
    "sections": [
        {
            "id": "gradus",
            "heading": "Gradus",
            "kind": "steps",
            "alternatives": True,
            "intro": "Primo sede.",
            "items": [{"id": "a", "text": "Sede et quiesce.", "short": "Sede."}],
        },
        {
            "id": "indicia",
            "heading": "Indicia",
            "kind": "warnings",
            "items": [
                {"id": "b", "text": "Tumor cruris.", "urgency": "now"},
                {"id": "c", "text": "Dolor saepe.", "urgency": "soon"},
            ],
        },
    ],
    "flashcards": [
        {"id": "q", "section": "gradus", "front": "Quid primo?", "back": "Sede.",
         "extra": "Quiesce.", "image": {"path": "imago.png", "alt": "Imago cruris"}},
        {"id": "z", "section": "indicia", "cloze": "Tumor {{c1::cruris}} periculosus est."},
    ],
}  # fmt: skip

CLINIC = {
    "name": "Valetudinarium",
    "phone": "+1 555 0100",
    "after_hours": "+1 555 0199",
    "emergency": "Subitum: voca 911",
    "address": "Via Fluminis 12",
    "website": "https://valetudinarium.exemplum.org",
    "logo": "signum.png",
}


def words_of_data(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set().union(*(words_of_data(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(words_of_data(v) for v in value))
    return set(WORD.findall(str(value)))


class VisibleText(html.parser.HTMLParser):
    """Text nodes of a page, and the attributes a reader hears or sees: alt, title,
    aria-label. Style and script bodies are not text."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._hidden += 1
        self.parts += [v or "" for k, v in attrs if k in ("alt", "title", "aria-label")]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def html_text(markup: str) -> str:
    parser = VisibleText()
    parser.feed(markup)
    return " ".join(parser.parts)


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    meta = reader.metadata or {}
    return " ".join([*(p.extract_text() for p in reader.pages), str(meta.get("/Subject"))])


def csv_text(path: Path) -> str:
    """What the CSV gives a reader: the deck, tags and fields of each note. The `#`
    file headers are Anki's syntax, the note type column names a note type by its
    fixed name (as the .apkg does) and the GUID is an id: none is a label."""
    rows = csv.reader(line for line in path.read_text().splitlines() if not line.startswith("#"))
    return html_text(" ".join(" ".join(row[1:3] + row[4:]) for row in rows))


def deck_text(path: Path, tmp_path: Path) -> str:
    with zipfile.ZipFile(path) as deck:
        (tmp_path / "collection.anki2").write_bytes(deck.read("collection.anki2"))
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        fields = [row[0] for row in db.execute("SELECT flds FROM notes")]
        decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
    texts = [f.replace("\x1f", " ") for f in fields]
    texts += [f"{d['name']} {d['desc']}" for d in decks.values() if d["name"] != "Default"]
    return html_text(" ".join(texts))


def write_catalogue(folder: Path, language: str, texts: dict[str, str]) -> None:
    """`folder/<language>.po` with `texts` (key -> translation) as Babel writes it."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    english = labels_for("en").texts
    catalogue = Catalog(locale=None)
    for key, text in texts.items():
        catalogue.add(english[key], text, context=key)
    with (folder / f"{language}.po").open("wb") as file:
        write_po(file, catalogue)


@pytest.fixture
def locales(tmp_path) -> Path:
    """A clinic's label folder, `labels/` beside the topics a test writes in
    `tmp_path`: found without an option."""
    folder = tmp_path / "labels"
    folder.mkdir()
    return folder


def result_date(topic_path: Path):
    from generator.load import load_topic

    return load_topic(topic_path).reviewed


def build_latin_topic(tmp_path: Path, *, with_clinic: bool) -> tuple[Any, Path]:
    """Build every output of LATIN_TOPIC (with CLINIC's branding, or without), its
    picture and logo in place; the result and the topic file."""
    shutil.copy(ROOT / "tests" / "fixtures" / "clinic" / "logo.png", tmp_path / "imago.png")
    shutil.copy(ROOT / "tests" / "fixtures" / "clinic" / "logo.png", tmp_path / "signum.png")
    topic_path = tmp_path / "lorem-ipsum.yaml"
    topic_path.write_text(dump(LATIN_TOPIC), encoding="utf-8")
    clinic_path = tmp_path / "clinic.yaml"
    clinic_path.write_text(dump(CLINIC), encoding="utf-8")
    options = BuildOptions(clinic=load_clinic(clinic_path) if with_clinic else None)
    result = build_topic(topic_path, tmp_path / "out", options)
    assert result.ok, result.error
    return result, topic_path


@pytest.fixture
def pseudo_language(locales) -> None:
    english = labels_for("en").texts
    write_catalogue(locales, "qps", {key: pseudo(text) for key, text in english.items()})


@pytest.mark.parametrize("with_clinic", [True, False])  # without: the card's write-in line
def test_no_output_holds_an_english_word_of_its_own(tmp_path, pseudo_language, with_clinic):
    result, topic_path = build_latin_topic(tmp_path, with_clinic=with_clinic)
    assert len(result.written) == len(EXPORTERS)
    allowed = words_of_data(LATIN_TOPIC) | words_of_data(CLINIC)
    # Dates are written out by Babel from CLDR, not by us (English for this tag).
    allowed |= set(WORD.findall(labels_for("qps").date(result_date(topic_path))))
    for path in result.written:
        if path.suffix == ".pdf":
            text = pdf_text(path)
        elif path.suffix == ".html":
            text = html_text(path.read_text(encoding="utf-8"))
        elif path.suffix == ".csv":
            text = csv_text(path)
        elif path.suffix == ".tsv":
            text = path.read_text(encoding="utf-8")
        else:
            text = deck_text(path, tmp_path)
        stray = {w for w in WORD.findall(text) if w not in allowed and set(w) != {"Q"}}
        assert not stray, f"{path.name}: words from outside the catalogue: {sorted(stray)}"
        if path.suffix != ".tsv":  # plain question and answer: no label to show
            assert "QQQ" in text, f"{path.name}: no label of the catalogue at all"


def test_the_check_itself_finds_an_english_literal(tmp_path, locales):
    """The test above must fail on a literal: put one back and see it found."""
    english = labels_for("en").texts
    texts = {key: pseudo(text) for key, text in english.items()}
    write_catalogue(locales, "qps", {**texts, "disclaimer": "Ask your provider."})
    topic_path = tmp_path / "lorem-ipsum.yaml"
    data = {**LATIN_TOPIC, "flashcards": LATIN_TOPIC["flashcards"][1:]}
    topic_path.write_text(dump(data), encoding="utf-8")
    result = build_topic(topic_path, tmp_path / "out", BuildOptions())
    assert result.ok, result.error
    page = next(p for p in result.written if p.suffix == ".html")
    stray = set(WORD.findall(html_text(page.read_text(encoding="utf-8")))) - words_of_data(data)
    assert {"Ask", "your", "provider"} <= stray


def test_every_language_falls_back_to_english():
    assert labels_for("en-GB").catalogue == "en"
    assert labels_for("xx-YY").catalogue == "en"
    assert labels_for("xx-YY").missing == tuple(labels_for("en").texts)
    assert labels_for("en-US")("page", page=1, pages=2) == "Page 1 of 2"
    assert labels_for("es-MX")("page", page=1, pages=2) == "Página 1 de 2"


def test_labels_the_glyph_check_skips_reach_no_pdf_page(tmp_path, locales):
    """`check_printed` skips the labels under `UNPRINTED_LABELS` (metadata, deck, web
    page). Mark every label with its own number and build every output: no PDF page
    may show the mark of a skipped one, or a character the fonts lack in it would
    print as an empty box."""
    english = labels_for("en").texts
    marks = {key: f"Zz{number}zZ" for number, key in enumerate(english)}
    write_catalogue(locales, "qps", {k: f"{pseudo(t)} {marks[k]}" for k, t in english.items()})
    result, _ = build_latin_topic(tmp_path, with_clinic=True)
    pdfs = [PdfReader(path) for path in result.written if path.suffix == ".pdf"]
    pages = " ".join(page.extract_text() for pdf in pdfs for page in pdf.pages)  # no metadata
    printed = {key for key, mark in marks.items() if mark in pages}
    assert {"disclaimer", "card.urgency.now", "sheet.calibration", "cloze.blank"} <= printed
    assert not {key for key in printed if key.startswith(UNPRINTED_LABELS)}
