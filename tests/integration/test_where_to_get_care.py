"""Where to get care, what a date means, and a section shown short: read back from the
real outputs (pdfplumber and pypdf for the PDFs, the page's HTML, Anki's own import)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from generator.build import build_topic
from generator.load import load_clinic, load_topic
from generator.model import Reviewer
from generator.options import BuildOptions
from tests.conftest import CONTENT, copy_hamstring
from tests.integration.test_labels import html_text
from tests.integration.test_languages import anki_texts

CLINIC_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "clinic" / "clinic.yaml"
SPANISH = CONTENT / "hamstring-cramp-es.yaml"


def outputs(path: Path, out: Path, options: BuildOptions) -> dict[str, Path]:
    result = build_topic(path, out, options)
    assert result.ok, result.error
    return {p.name.removeprefix(path.stem): p for p in result.written}


def lines(pdf: Path) -> list[str]:
    """The lines of the first page of `pdf`."""
    with pdfplumber.open(pdf) as doc:
        return (doc.pages[0].extract_text() or "").splitlines()


def back(card: Path) -> list[str]:
    """The lines of the back panel of a fold-over card (the right half of its page)."""
    with pdfplumber.open(card) as doc:
        page = doc.pages[0]
        return (page.crop((page.width / 2, 0, page.width, page.height)).extract_text()).splitlines()


def flat(text: str) -> str:
    return " ".join(text.split())


def handout_box(pdf: Path) -> list[str]:
    """The lines of the handout from the warnings heading to the next section's (the
    box prints on page 1, before "Ease a cramp now": docs/handout-layout.md)."""
    with pdfplumber.open(pdf) as doc:
        every = [line for page in doc.pages for line in (page.extract_text() or "").splitlines()]
    start = every.index("When to get care")
    return every[start : every.index("Ease a cramp now")]


def test_without_a_clinic_lines_to_write_in_and_no_number(tmp_path):
    """The handout has a line for each route (it has the room), the card one line."""
    files = outputs(copy_hamstring(tmp_path), tmp_path / "out", BuildOptions())
    box = handout_box(files["-handout.pdf"])
    assert box[-4:] == [
        "Where to get care",
        "In an emergency: ________",
        "My clinic / phone: ________",
        "After hours: ________",
    ]
    card = back(files["-pocket-card.pdf"])
    weakness = next(n for n, line in enumerate(card) if "clear muscle weakness" in line)
    assert "My clinic / phone: ________" in card[weakness + 1]  # right under GET CARE NOW
    assert "SEE A PROVIDER" in card[weakness + 2]
    page = html_text(files["-handout.html"].read_text(encoding="utf-8"))
    assert " ".join(box[-4:]) in flat(page)
    assert "emergency" not in " ".join(back(files["-pocket-card.pdf"])).lower()
    for name in ("-handout.pdf", "-pocket-card.pdf"):  # nothing is ever built in
        text = " ".join(p.extract_text() for p in PdfReader(files[name]).pages)
        assert not re.search(r"\b911\b|\bcall\b", text, re.IGNORECASE), name


def test_with_a_clinic_every_route_it_gives_as_it_words_them(tmp_path):
    clinic = load_clinic(CLINIC_FILE)
    files = outputs(copy_hamstring(tmp_path), tmp_path / "out", BuildOptions(clinic=clinic))
    assert handout_box(files["-handout.pdf"])[-4:] == [
        "Where to get care",
        "In an emergency, call 911.",
        "Riverside Sports Medicine Clinic · Phone: +1 555 0100",
        "After hours: +1 555 0199",
    ]
    card = flat(" ".join(back(files["-pocket-card.pdf"])))
    assert (
        "Cramp with clear muscle weakness. In an emergency, call 911. Riverside Sports "
        "Medicine Clinic · Phone: +1 555 0100 After hours: +1 555 0199 SEE A PROVIDER"
    ) in card
    # a number never breaks across lines (its spaces are no-break spaces)
    assert any(line.endswith("+1 555 0100") for line in back(files["-pocket-card.pdf"]))
    page = files["-handout.html"].read_text(encoding="utf-8")
    assert '<a href="tel:+15550199" dir="ltr">+1 555 0199</a>' in page
    assert '<p class="care-urgent"><bdi>In an emergency, call 911.</bdi></p>' in page


def reviewed(original: Path, folder: Path) -> Path:
    """A copy of the topic file `original` in `folder`, with a reviewer named."""
    named = "reviewed_by:\n  name: Dr. Ana Ruiz\n  role: family physician\nauthor:"
    path = folder / original.name
    text = original.read_text(encoding="utf-8").replace("author:", named, 1)
    path.write_text(text, encoding="utf-8")
    assert load_topic(path).reviewer == Reviewer("Dr. Ana Ruiz", "family physician")
    return path


@pytest.mark.parametrize(
    ("topic", "updated", "by", "keywords"),
    [
        ("hamstring-cramp", "Version 1.2, last updated December 7, 2026", "Version 1.2, "
         "reviewed December 7, 2026 by Dr. Ana Ruiz, family physician",
         ("last updated 2026-12-07", "reviewed 2026-12-07")),
        ("hamstring-cramp-es", "Versión 1.2, actualizada por última vez el 7 de diciembre de "
         "2026", "Versión 1.2, revisada el 7 de diciembre de 2026 por Dr. Ana Ruiz, family "
         "physician", ("actualizada el 2026-12-07", "revisada el 2026-12-07")),
    ],
)  # fmt: skip
def test_a_date_says_last_updated_unless_a_reviewer_is_named(
    tmp_path, topic, updated, by, keywords
):
    """The same rule in the handout's PDF and page, the deck and the PDFs' keywords."""
    original = CONTENT / f"{topic}.yaml"
    shutil.copytree(CONTENT / "images", tmp_path / "images")
    for n, (path, said, keyword) in enumerate(
        [(original, updated, keywords[0]), (reviewed(original, tmp_path), by, keywords[1])]
    ):
        out = tmp_path / f"out-{n}"
        files = outputs(path, out, BuildOptions())
        footer = flat(" ".join(lines(files["-handout.pdf"])))
        assert said in footer
        assert said in flat(html_text(files["-handout.html"].read_text(encoding="utf-8")))
        assert any(f"{said}." in t for t in anki_texts(files[".apkg"], out))
        assert keyword in PdfReader(files["-handout.pdf"]).metadata["/Keywords"]
    assert "reviewed" not in updated and "revisada" not in updated


def test_causes_are_one_line_each_in_print_and_whole_in_the_page(hamstring, tmp_path):
    files = outputs(copy_hamstring(tmp_path), tmp_path / "out", BuildOptions())
    causes = hamstring.section("causes")
    assert causes.handout_short
    printed = flat(" ".join(p.extract_text() for p in PdfReader(files["-handout.pdf"]).pages))
    for item in causes.items:
        assert flat(item.short or "") in printed
        assert flat(item.text) not in printed
    page = files["-handout.html"].read_text(encoding="utf-8")
    details = page[page.index("<details>") : page.index("</details>")]
    assert "<summary>Read more: What causes cramps</summary>" in details
    for item in causes.items:  # every fact still reaches a reader
        assert flat(item.text) in flat(html_text(details))
        assert flat(item.short or "") in flat(html_text(page[: page.index("<details>")]))


def test_the_spanish_card_keeps_the_source_details():
    topic = load_topic(SPANISH)
    card = {i.id: i.card_text for s in topic.sections for i in s.items}
    assert "dedos del pie hacia la rodilla" in card["sit-and-stretch"]  # toes, and where to
    assert "la pierna con el calambre" in card["standing-stretch"]  # which leg
    assert "con los cuidados en casa" in card["frequent-or-severe"]
    assert "en la pierna o el pie" in card["numbness-tingling"]
