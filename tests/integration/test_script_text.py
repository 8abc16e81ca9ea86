"""Every PDF gives back the text it prints, in the order it is read, whatever the
script (issue 24, item 8): `pdftotext` (poppler, as a reader's copy, search and
read-aloud get it) reads each paragraph of the handout, the pocket card, its print
sheet and the study cards with its letters in the topic's order: the whole hamstring
topic in Simplified Chinese and Vietnamese, and short topics in Korean, Japanese,
Traditional Chinese, Hebrew (right to left), Russian and Greek.

Arabic reads back word by word: poppler puts a right-to-left line in reading order by
reversing it glyph by glyph, so a vowel mark (drawn after its letter) comes out
before it, or apart from it; every word without a mark reads back whole and in
order, lam-alef ligatures included (docs/accessibility.md, "Arabic vowel marks").
"""

from __future__ import annotations

import subprocess
import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from generator.build import build_topic
from generator.exporters import EXPORTERS
from generator.exporters.study_cards.content import study_cards
from generator.labels import labels_for
from generator.load import load_topic
from generator.model import Topic
from generator.options import BuildOptions
from tests.conftest import dump, minimal_topic, system_tool
from tests.integration.scripts import SCRIPTS, sample_file
from tests.integration.test_tagged_pdfs import card_order, handout_order

PDFS = [e for e in EXPORTERS if e.suffix.endswith(".pdf")]
SHORT: dict[str, list[str]] = yaml.safe_load((SCRIPTS / "short-texts.yaml").read_text("utf-8"))
"""The minimal test topic's texts in Korean, Japanese, Traditional Chinese, Hebrew,
Russian and Greek, in its order (title, main message, a step, ...)."""


def short_topic(language: str, folder: Path) -> Path:
    """The minimal test topic written in `language`; its file."""
    title, message, now, rest, short, care, swells, often, front, back, cloze = SHORT[language]
    data = minimal_topic(id=f"test-{language.lower()}", title=title, language=language)
    data["main_message"] = message
    steps, warnings = data["sections"]
    steps["heading"], warnings["heading"] = now, care
    steps["items"][0] |= {"text": rest, "short": short}
    warnings["items"][0]["text"], warnings["items"][1]["text"] = swells, often
    data["flashcards"][0] |= {"front": front, "back": back}
    data["flashcards"][1]["cloze"] = cloze
    path = folder / f"{data['id']}.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Topic, Path]]:
    """Each topic (by language) and the folder of its PDFs."""
    folder = tmp_path_factory.mktemp("topics")
    paths = {c: sample_file(c, folder) for c in ("ar", "zh-Hans", "vi")}
    paths |= {language: short_topic(language, folder) for language in SHORT}
    made = {}
    for name, path in paths.items():
        result = build_topic(path, folder / "out", BuildOptions(), exporters=PDFS)
        assert result.ok, (name, result.error, result.failed)
        topic = load_topic(path)
        made[name] = (topic, folder / "out" / topic.id)
    return made


def printed(topic: Topic) -> dict[str, list[str]]:
    """The texts each PDF prints (by its file's ending), as the topic and labels say."""
    cards = study_cards(topic, labels_for(topic))
    return {
        "handout": handout_order(topic),
        "pocket-card": card_order(topic),
        "pocket-card-sheet": card_order(topic),
        "flashcards": [text for card in cards for text in (card.front_text, card.back_text)],
    }


def read_back(pdf: Path) -> str:
    pdftotext = system_tool("pdftotext", "poppler-utils", "the tests of PDF text")
    return subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def letters(text: str) -> str:
    """The letters, marks and digits of `text` in order (NFC): what a line break (a
    space between two Chinese characters) or a stop at a line's other end cannot
    change."""
    normal = unicodedata.normalize("NFC", text)
    return "".join(char for char in normal if unicodedata.category(char)[0] in "LMN")


@pytest.mark.parametrize("language", ["zh-Hans", "vi", *SHORT])
def test_every_pdf_reads_back_each_paragraph_in_order(language, built):
    topic, folder = built[language]
    for output, texts in printed(topic).items():
        read = letters(read_back(folder / f"{topic.id}-{output}.pdf"))
        assert [text for text in texts if letters(text) not in read] == [], output


def words(text: str) -> list[str]:
    """The words of `text`, each its letters, marks and digits (no punctuation, no
    direction marks poppler adds)."""
    return [word for raw in text.split() if (word := letters(raw))]


def has_mark(word: str) -> bool:
    return any(unicodedata.category(char) == "Mn" for char in word)


LAM_ALEF = ("لا", "لأ", "لإ", "لآ")
"""Lam before alef: one glyph (a ligature), whose text must read forwards."""


def test_every_arabic_word_without_a_vowel_mark_reads_back_whole_and_in_order(built):
    """Each word without a mark reads back whole; and two such words side by side
    read back side by side, in order, but where a raised mark next to a line's break
    cut the line in two for poppler (6 of 462 pairs on the handout, 8 of 940 on the
    study cards): at most 2%."""
    topic, folder = built["ar"]
    for output, texts in printed(topic).items():
        read = words(read_back(folder / f"{topic.id}-{output}.pdf"))
        plain = [word for text in texts for word in words(text) if not has_mark(word)]
        assert len(plain) > (300 if output == "handout" else 50)
        assert sum(any(pair in word for pair in LAM_ALEF) for word in plain) >= 5
        assert sorted({word for word in plain if word not in read}) == [], output
        pairs = [
            pair
            for text in texts
            for pair in pairwise(words(text))
            if not has_mark(pair[0]) and not has_mark(pair[1])
        ]
        together = set(pairwise(read))
        apart = [pair for pair in pairs if pair not in together]
        assert len(apart) <= 0.02 * len(pairs), (output, apart)
