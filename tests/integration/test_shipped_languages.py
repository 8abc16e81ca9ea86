"""The shipped catalogues, end to end: a topic in each language builds with no English
label in any output (real Anki for the deck), and says in its language that its fixed
labels are not yet reviewed: Chinese, Korean and Arabic PDFs too, in their script's
fonts ("Every script" issue), and the web page runs in the language's direction."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from generator.build import build_topic
from generator.exporters import EXPORTERS
from generator.labels import LOCALES_DIR, labels_for
from generator.labels.check import read_catalogue
from generator.labels.folders import template
from generator.options import BuildOptions
from tests.conftest import ROOT, dump
from tests.integration.test_labels import LATIN_TOPIC, html_text
from tests.integration.test_languages import anki_texts

SHIPPED = {
    "vi": "vi-VN",
    "tl": "tl",
    "ru": "ru-RU",
    "ht": "ht",
    "fr": "fr-CA",
    "pt": "pt-BR",
    "zh-Hans": "zh-CN",
    "zh-Hant": "zh-TW",
    "ko": "ko-KR",
    "ar": "ar",
}
"""Catalogue -> the tag of a topic in it: every output, PDFs included."""


def english_fragments(catalogue: str) -> set[str]:
    """The text of every English label around its placeholders (4 characters or
    more), except what the language writes the same way (French "Version", "50 mm")."""
    translated = read_catalogue(LOCALES_DIR / f"{catalogue}.po", template()).texts
    own = " ".join(text for text, _ in translated.values())
    fragments = set()
    for text, _ in template().texts.values():
        for part in re.split(r"\{[^}]*\}", text):
            if len(part.strip()) >= 4 and part.strip() not in own:
                fragments.add(part.strip())
    return fragments


def build_in(language: str, tmp_path: Path):
    shutil.copy(ROOT / "tests" / "fixtures" / "clinic" / "logo.png", tmp_path / "imago.png")
    path = tmp_path / "lorem-ipsum.yaml"
    path.write_text(dump({**LATIN_TOPIC, "language": language}), encoding="utf-8")
    return build_topic(path, tmp_path / "out", BuildOptions())


def output_text(path: Path, folder: Path) -> str:
    """What a reader of the output gets, on one line: PDF pages, the web page's text,
    the deck's cards as real Anki renders them, the CSV's and TSV's fields."""
    if path.suffix == ".pdf":  # poppler's reading, which puts right-to-left runs in order
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    elif path.suffix == ".apkg":
        text = " ".join(anki_texts(path, folder))
    else:
        text = html_text(path.read_text(encoding="utf-8"))
    return " ".join(text.split())


def letters(text: str) -> str:
    """The letters and digits of `text` in order: what a line break (a space between
    two Chinese characters), a stop read back at a right-to-left line's other end, or
    an Arabic vowel mark read before its letter (poppler reverses a right-to-left
    run glyph by glyph, and a mark is drawn after its letter) cannot change."""
    return "".join(char for char in text if unicodedata.category(char)[0] in "LN")


def said(sentence: str, text: str, suffix: str) -> bool:
    """Whether `text` says `sentence`. In a PDF, poppler reads an Arabic word with a
    vowel mark in pieces (the mark before its letter, or on a line of its own: it
    reverses the glyphs of a right-to-left run one by one), so there each word of the
    sentence without a mark must be there, in its letters."""
    if suffix != ".pdf" or not any(unicodedata.category(char) == "Mn" for char in sentence):
        return letters(sentence) in letters(text)
    words = [w for w in sentence.split() if not any(unicodedata.category(c) == "Mn" for c in w)]
    return all(letters(word) in letters(text) for word in words)


def assert_in_language(result, catalogue: str, tmp_path: Path) -> None:
    fragments = english_fragments(catalogue)
    notice = labels_for(catalogue)("labels.unreviewed")
    for path in result.written:
        text = output_text(path, tmp_path)
        assert not [f for f in fragments if f in text], path.name
        assert said(notice, text, path.suffix), (
            f"{path.name} does not say its labels are unreviewed"
        )
        if path.suffix == ".html":
            assert 'lang="en"' not in path.read_text(encoding="utf-8")  # no fallback


@pytest.mark.parametrize("catalogue", sorted(SHIPPED))
def test_every_output_speaks_the_language(catalogue, tmp_path):
    result = build_in(SHIPPED[catalogue], tmp_path)
    assert result.ok, (result.error, result.failed)
    assert len(result.written) == len(EXPORTERS)
    assert_in_language(result, catalogue, tmp_path)
    page = next(p for p in result.written if p.suffix == ".html").read_text(encoding="utf-8")
    direction = "rtl" if catalogue == "ar" else "ltr"
    assert f'<html lang="{SHIPPED[catalogue]}" dir="{direction}">' in page


@pytest.mark.parametrize(
    ("tag", "catalogue"),
    [
        ("zh", "zh-Hans"),
        ("zh-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh-Hans", "zh-Hans"),
        ("zh-Hans-HK", "zh-Hans"),  # a script written out wins over the region
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-MO", "zh-Hant"),
        ("zh-Hant", "zh-Hant"),
        ("zh-Hant-TW", "zh-Hant"),
        ("fil-PH", "tl"),
        ("es-x-private", "es"),
        ("pt-PT", "pt"),
    ],
)
def test_each_tag_finds_its_catalogue(tag, catalogue):
    assert labels_for(tag).catalogue == catalogue


def test_traditional_and_simplified_differ():
    assert labels_for("zh-TW")("disclaimer") != labels_for("zh-CN")("disclaimer")
    assert "醫" in labels_for("zh-HK")("card.urgency.now")
    assert "医" in labels_for("zh-SG")("card.urgency.now")
