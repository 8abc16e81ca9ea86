"""Printed study cards, read back with pdfplumber: what each side says, and that each
back lies exactly behind its front when the sheet is flipped on the long edge."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from generator.errors import ExportError
from generator.exporters.study_cards.layout import PADDING, STUDY_CARD_SIZES
from generator.exporters.study_cards.pdf import export
from generator.load import load_topic
from generator.model import Topic
from generator.options import BuildOptions, Paper, StudyCardSize
from tests.conftest import ROOT, minimal_topic
from tests.integration.test_anki_import import write_topic

LOGO = ROOT / "tests" / "fixtures" / "clinic" / "logo.png"


def rules_on(page: Any, card_w: float) -> list[tuple[float, float, float, float]]:
    """(x0, x1, top, bottom) of each card's header rule on `page`: one per card, drawn
    across it (along its long side, upright or turned)."""
    rule = card_w - 2 * PADDING
    spans = [(ln["x0"], ln["x1"], ln["top"], ln["bottom"]) for ln in page.lines]
    return [
        tuple(round(v, 3) for v in s)  # type: ignore[misc]
        for s in spans
        if abs(max(s[1] - s[0], s[3] - s[2]) - rule) < 0.01
    ]


def cards_on(page: Any, card_w: float) -> list[tuple[float, float, str]]:
    """(left, top, text) of each upright card on `page`, found from its header rule."""
    found = []
    for x0, _x1, top, bottom in rules_on(page, card_w):
        if bottom - top < 0.01:
            left = x0 - PADDING
            box = (left, top - 30, left + card_w, min(top + 200, page.height))
            found.append((left, top, page.within_bbox(box).extract_text().replace("\n", " ")))
    return found


def many_topic(folder: Path, count: int = 9) -> Topic:
    data = minimal_topic()
    cards: list[dict[str, Any]] = [
        {"id": f"q{i}", "section": "now", "front": f"Question {i}?", "back": f"Answer {i}."}
        for i in range(count)
    ]
    cards.append({"id": "c3", "section": "care", "cloze": "Watch {{c1::A}}, {{c2::B::hint}}."})
    cards.append(
        {"id": "pic", "section": "now", "front": "Which leg?", "back": "This one.",
         "extra": "Rest it. " * 12, "image": {"path": "images/leg.png", "alt": "A leg"}}
    )  # fmt: skip
    data["flashcards"] = cards
    topic = write_topic(folder, data)
    (folder / "images" / "leg.png").write_bytes(LOGO.read_bytes())
    return topic


@pytest.mark.parametrize("size", list(StudyCardSize))
@pytest.mark.parametrize("paper", list(Paper))
def test_each_back_lies_behind_its_front(tmp_path: Path, size: StudyCardSize, paper: Paper) -> None:
    topic = many_topic(tmp_path / "t")
    path = export(topic, tmp_path / "s.pdf", BuildOptions(paper=paper, study_card_size=size))
    card_w = STUDY_CARD_SIZES[size][0]
    answers = {f"Question {i}?": f"Answer {i}." for i in range(9)}
    answers["Watch [...], B."] = "Watch A, B."
    answers["Watch A, [hint]."] = "Watch A, B."
    answers["Which leg?"] = "This one."
    seen = 0
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) % 2 == 0
        for front_page, back_page in zip(pdf.pages[::2], pdf.pages[1::2], strict=True):
            width = front_page.width
            front_rules, back_rules = rules_on(front_page, card_w), rules_on(back_page, card_w)
            mirrored = {
                (round(width - x1, 3), round(width - x0, 3), t, b) for x0, x1, t, b in front_rules
            }
            assert len(front_rules) > 0 and mirrored == set(back_rules)
            seen += len(front_rules)
            backs = {(round(x, 3), round(y, 3)): t for x, y, t in cards_on(back_page, card_w)}
            for x, y, text in cards_on(front_page, card_w):
                flipped = (round(front_page.width - x - card_w, 3), round(y, 3))
                assert flipped in backs, (text, flipped, sorted(backs))
                question = next(q for q in answers if q in text)
                assert answers[question] in backs[flipped]
                assert question not in backs[flipped] or question == answers[question]
    assert seen == 9 + 2 + 1  # the cloze makes one card per deletion number


def test_hamstring_cards_read_back(tmp_path: Path, hamstring: Topic) -> None:
    path = export(hamstring, tmp_path / "h.pdf", BuildOptions())
    with pdfplumber.open(path) as pdf:
        texts = [cards_on(page, STUDY_CARD_SIZES[StudyCardSize.INDEX][0]) for page in pdf.pages]
        sizes = {round(c["size"], 1) for page in pdf.pages for c in page.chars}
    assert sum(len(t) for t in texts[::2]) == sum(len(t) for t in texts[1::2]) == 47
    fronts = " ".join(t for page in texts[::2] for _, _, t in page)
    assert fronts.count("[...]") == 47 - sum(1 for c in hamstring.flashcards if not c.text)
    assert "Hamstring cramps \u00b7 Ease a cramp now" in fronts
    assert min(s for s in sizes if s > 8) >= 10  # the running head is 7.5 pt, the rest 10+


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    topic = many_topic(tmp_path / "t")
    first = hashlib.sha256(export(topic, tmp_path / "a.pdf", BuildOptions()).read_bytes())
    second = hashlib.sha256(export(topic, tmp_path / "b.pdf", BuildOptions()).read_bytes())
    assert first.hexdigest() == second.hexdigest()


def test_a_card_too_long_names_its_flashcard(tmp_path: Path) -> None:
    data = minimal_topic()
    data["flashcards"][0]["back"] = "Rest your leg and wait for the cramp to pass. " * 20
    data["flashcards"][0]["extra"] = "Then drink some water. " * 40
    topic = write_topic(tmp_path / "t", data)
    with pytest.raises(ExportError) as error:
        export(topic, tmp_path / "s.pdf", BuildOptions())
    message = str(error.value)
    assert message.startswith(f"{topic.source_file}:")
    assert ": flashcards[0].back: flashcard 'q1': the answer side is " in message
    assert "pt too tall for an index (5 x 3 in) study card at 10 pt" in message


def test_a_broken_picture_names_its_field(tmp_path: Path) -> None:
    data = minimal_topic()
    data["flashcards"][0]["image"] = {"path": "images/leg.png", "alt": "A leg"}
    write_topic(tmp_path / "t", data)
    (tmp_path / "t" / "images" / "leg.png").write_bytes(b"\x89PNG\r\n\x1a\nbroken")
    topic = load_topic(tmp_path / "t" / "test-topic.yaml")
    with pytest.raises(ExportError, match=r"flashcards\[0\]\.image\.path: 'images/leg.png' is a "):
        export(topic, tmp_path / "s.pdf", BuildOptions())
