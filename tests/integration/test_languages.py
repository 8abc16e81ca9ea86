"""Topics in other languages: the Spanish hamstring topic end to end, paper by region,
dates by locale, complete catalogues, and English fallbacks that say so."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import string
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from babel.messages.pofile import read_po
from pypdf import PdfReader

from generator.build import build_topic
from generator.exporters.pocket_card import plan_card
from generator.labels import LOCALES_DIR, TEMPLATE, catalogues, labels_for
from generator.load import load_topic
from generator.options import BuildOptions, Paper, region_of
from tests.conftest import CONTENT, dump, minimal_topic, run_cli
from tests.integration.test_labels import html_text

SPANISH = CONTENT / "hamstring-cramp-es.yaml"
UNREVIEWED = "Esta traducción aún no ha sido revisada por un profesional de la salud."


def english_fragments() -> set[str]:
    """The words of every English label, placeholders left out, except where the
    Spanish catalogue says the same (`50 mm`)."""
    with (LOCALES_DIR / "es.po").open("rb") as file:
        same = {m.context for m in read_po(file) if m.context and m.string == m.id}
    fragments = set()
    for key, text in labels_for("en").texts.items():
        if key not in same:
            literal = re.sub(r"\{[^}]*\}", "\0", text)
            fragments |= {f.strip() for f in literal.split("\0") if len(f.strip()) >= 4}
    return fragments


@pytest.fixture(scope="module")
def spanish_build(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("es")
    result = build_topic(SPANISH, out, BuildOptions())
    assert result.ok, result.error
    return {path.name.removeprefix("hamstring-cramp-es"): path for path in result.written}


def anki_texts(deck: Path, folder: Path) -> list[str]:
    """Every question and answer as real Anki renders them, and the deck's name and
    description."""
    col = Collection(str(folder / "collection.anki2"))
    try:
        request = ImportAnkiPackageRequest(
            package_path=str(deck), options=ImportAnkiPackageOptions(with_scheduling=True)
        )
        col.import_anki_package(request)
        texts = []
        for card_id in col.find_cards(""):
            card = col.get_card(card_id)
            texts += [html_text(card.question()), html_text(card.answer())]
        for deck_entry in col.decks.all_names_and_ids():
            full = col.decks.get(deck_entry.id)
            texts.append(f"{full['name']} {html_text(full.get('desc', ''))}")
        return texts
    finally:
        col.close()


def test_no_english_label_in_any_spanish_output(spanish_build, tmp_path):
    texts = {}
    for path in spanish_build.values():
        if path.suffix == ".pdf":
            texts[path.name] = " ".join(p.extract_text() for p in PdfReader(path).pages)
        elif path.suffix == ".html":
            texts[path.name] = html_text(path.read_text(encoding="utf-8"))
        elif path.suffix == ".apkg":
            texts[path.name] = " ".join(anki_texts(path, tmp_path))
        else:  # the CSV and TSV: their fields' text
            texts[path.name] = html_text(path.read_text(encoding="utf-8"))
    fragments = english_fragments()
    for name, text in texts.items():
        flat = " ".join(text.split())
        assert not [f for f in fragments if f in flat], name
        assert UNREVIEWED in flat, f"{name} does not say the translation is unreviewed"


def test_spanish_outputs_speak_spanish(spanish_build, tmp_path):
    handout = PdfReader(spanish_build["-handout.pdf"])
    footer = " ".join(handout.pages[0].extract_text().split())
    version = load_topic(SPANISH).version
    # No reviewer is named: the date is the last update's, and never called a review
    assert f"Versión {version}, actualizada por última vez el 7 de diciembre de 2026" in footer
    assert "revisada el" not in footer.replace("no ha sido revisada", "")
    assert "Página 1 de " in footer
    assert handout.trailer["/Root"]["/Lang"] == "es-US"
    page = spanish_build["-handout.html"].read_text(encoding="utf-8")
    assert '<html lang="es-US" dir="ltr">' in page
    assert 'lang="en"' not in page  # nothing fell back to English
    texts = anki_texts(spanish_build[".apkg"], tmp_path)
    assert len(spanish_build) == 8
    assert any(t.startswith("Salud::Calambres en los isquiotibiales ") for t in texts)
    updated = f"Versión {version}, actualizada por última vez el 7 de diciembre de 2026."
    assert any(updated in t for t in texts)


def test_spanish_card_fits_its_a7_card():
    plan = plan_card(load_topic(SPANISH), BuildOptions())
    assert (plan.size.value, plan.layout.value) == ("a7", "fold-over")
    # Body 9.5 pt on 2026-12-01; since issue 14 the front also carries the main message
    # and the back a write-in line: body 8 pt, warnings 11.5 pt (English: 8.5 and 12 pt).
    # Since issue 16 the card carries the stretches and the warnings only: 11.5 pt both
    # (English: 12 pt); with massage and warmth-or-cold too, warnings fell to 9 pt.
    assert plan.body_size >= 8.0
    assert plan.measured.styles.warning_size >= 11.0


def test_a_reviewed_translation_names_its_reviewer(tmp_path):
    text = SPANISH.read_text(encoding="utf-8").replace(
        "translation_of: hamstring-cramp", "translation_of: hamstring-cramp\n"
        "translation_reviewed_by: Dra. Ana Pérez"
    )  # fmt: skip
    path = tmp_path / "hamstring-cramp-es.yaml"
    path.write_text(text, encoding="utf-8")
    shutil.copytree(SPANISH.parent / "images", tmp_path / "images")  # its pictures
    result = build_topic(path, tmp_path / "out", BuildOptions())
    assert result.ok, result.error
    html = next(p for p in result.written if p.suffix == ".html").read_text(encoding="utf-8")
    assert "Traducción revisada por Dra. Ana Pérez." in html
    assert "aún no ha sido revisada" not in html


@pytest.mark.parametrize(
    ("language", "paper"),
    [
        ("en-US", Paper.LETTER),
        ("en", Paper.LETTER),  # likely region: US
        ("en-GB", Paper.A4),
        ("es-US", Paper.LETTER),
        ("es-MX", Paper.LETTER),
        ("es", Paper.A4),  # likely region: Spain
        ("es-ES", Paper.A4),
        ("fr-CA", Paper.LETTER),
        ("tl", Paper.LETTER),  # likely region: the Philippines
        ("de", Paper.A4),
    ],
)
def test_paper_follows_the_region_of_the_language(hamstring, language, paper):
    from dataclasses import replace

    topic = replace(hamstring, language=language)
    assert BuildOptions().paper_for(topic) is paper
    assert BuildOptions(paper=Paper.A4).paper_for(topic) is Paper.A4  # --paper wins


def test_region_subtags():
    assert region_of("es-419") == "419"
    assert region_of("zh-Hant-TW") == "TW"
    assert region_of("qps") is None


def test_en_gb_topic_prints_on_a4(tmp_path, topic_file):
    path = topic_file(minimal_topic(language="en-GB"))
    result = build_topic(path, tmp_path / "out", BuildOptions())
    assert result.ok, result.error
    pdf = next(p for p in result.written if p.name.endswith("-handout.pdf"))
    width, height = (float(v) for v in PdfReader(pdf).pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en-US", "November 26, 2026"),
        ("es-US", "26 de noviembre de 2026"),
        ("es-MX", "26 de noviembre de 2026"),
        ("qps", "November 26, 2026"),  # no such locale: English
    ],
)
def test_dates_are_written_for_the_locale(language, expected):
    assert labels_for(language).date(dt.date(2026, 11, 26)) == expected


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_catalogue_has_every_label_with_the_same_placeholders():
    with (LOCALES_DIR / TEMPLATE).open("rb") as file:
        template = {m.context: m.id for m in read_po(file) if m.context}
    assert len(template) >= 20
    assert catalogues()[0] == "en" and "es" in catalogues()
    for language in catalogues()[1:]:
        with (LOCALES_DIR / f"{language}.po").open("rb") as file:
            messages = {m.context: m for m in read_po(file) if m.context}
        assert set(messages) == set(template), language
        for key, message in messages.items():
            assert message.id == template[key], f"{language}: {key} translates old text"
            assert message.string and not message.fuzzy, f"{language}: {key} untranslated"
            assert placeholders(message.string) == placeholders(template[key]), key


def test_a_language_without_a_catalogue_builds_warns_and_marks_fallbacks(tmp_path, topic_file):
    path = topic_file(minimal_topic(language="de-DE"))
    checked = run_cli("check", path)
    assert checked.returncode == 0
    assert "warning: " in checked.stderr and "no label catalogue for 'de-DE'" in checked.stderr
    built = run_cli("build", path, "--out", tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert "no label catalogue for 'de-DE'" in built.stderr
    page = (tmp_path / "out" / "test-topic" / "test-topic-handout.html").read_text()
    assert '<html lang="de-DE" dir="ltr">' in page
    assert '<span lang="en">Get care right away</span>' in page
    assert '<span lang="en">This handout does not replace' in page


def test_a_catalogue_lacking_labels_names_them(tmp_path, topic_file):
    from generator.lint import label_warning
    from tests.integration.test_labels import write_catalogue

    (tmp_path / "labels").mkdir()
    write_catalogue(tmp_path / "labels", "qq", {"page": "Paqe {page} sur {pages}"})
    topic = load_topic(topic_file(minimal_topic(language="qq-FR")))
    note = label_warning(topic)
    assert note is not None and "the 'qq' label catalogue lacks" in note
    assert "urgency.now" in note and "page," not in note
    assert labels_for(topic)("page", page=1, pages=2) == "Paqe 1 sur 2"


def test_check_reports_the_spanish_reading_level():
    result = run_cli("check", SPANISH)
    assert result.returncode == 0, result.stderr
    assert re.search(r"INFLESZ \d+\.\d \(target 55 or higher\)", result.stdout)
    assert result.stderr == ""


def test_translation_fields_are_checked(topic_file):
    from generator.errors import ContentError

    with pytest.raises(ContentError, match="only a translation has a reviewer"):
        load_topic(topic_file(minimal_topic(translation_reviewed_by="Someone")))
    with pytest.raises(ContentError, match="names this topic itself"):
        load_topic(topic_file(minimal_topic(translation_of="test-topic")))
    data = dump(minimal_topic(translation_of="other-topic", language="es"))
    assert load_topic(topic_file(data)).unreviewed_translation
