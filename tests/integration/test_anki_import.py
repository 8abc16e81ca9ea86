"""Import our decks into a real Anki collection (the `anki` package) and study them.

One collection per module: importing is fast, but every test here shares the same
build-import-review-rebuild story, told in order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportResponse
from anki.scheduler.v3 import CardAnswer

from generator.exporters.anki import export
from generator.load import load_topic
from generator.model import CLOZE_DELETION, FlashcardKind, Topic
from generator.options import BuildOptions
from tests.conftest import PNG_1X1, dump, minimal_topic


def expected_cards(topic: Topic) -> int:
    """One card per basic note, one per distinct deletion number of a cloze."""
    return sum(
        len({m.group(1) for m in CLOZE_DELETION.finditer(c.text)})
        if c.kind is FlashcardKind.CLOZE
        else 1
        for c in topic.flashcards
    )


def topic_data(back: str = "Rest.", reviewed: str = "2026-01-15") -> dict[str, Any]:
    cards = [
        {
            "id": "q1",
            "section": "now",
            "front": "What do you do first?",
            "back": back,
            "extra": "Then <b>stretch</b> & breathe.",
            "image": {"path": "images/leg.png", "alt": 'A leg, "straight" <resting>'},
        },
        {
            "id": "c3",
            "section": "care",
            "cloze": "Watch for {{c1::swelling}}, {{c2::skin color}} changes and {{c3::weakness}}.",
        },
        {"id": "evil", "section": "now", "front": "<script>alert(1)</script>", "back": "<b>x</b>"},
        {
            "id": "evil-cloze",
            "section": "care",
            "cloze": "A {{c1::<img src=x onerror=alert(1)>::<i>hint</i>}} and {{c2 }} stray.",
        },
    ]
    return minimal_topic(
        flashcards=cards, reviewed=reviewed, deck_name="Health::Test::Cramps", version="1.0"
    )


def write_topic(folder: Path, data: dict[str, Any]) -> Topic:
    (folder / "images").mkdir(parents=True, exist_ok=True)
    (folder / "images" / "leg.png").write_bytes(PNG_1X1)
    path = folder / "test-topic.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return load_topic(path)


def build(topic: Topic, path: Path) -> Path:
    return export(topic, path, BuildOptions())


def import_deck(col: Collection, path: Path) -> ImportResponse:
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request)


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """v1 built and imported into a fresh collection; the tests below go on from there."""
    root = tmp_path_factory.mktemp("anki")
    v1 = write_topic(root / "v1", topic_data())
    col = Collection(str(root / "collection.anki2"))
    try:
        first = import_deck(col, build(v1, root / "v1.apkg"))
        state: dict[str, Any] = {"col": col, "v1": v1, "first": first, "root": root}
        yield state
    finally:
        col.close()


def notes_in_deck(col: Collection) -> list[Any]:
    return [col.get_note(nid) for nid in col.find_notes('"deck:Health::Test::Cramps"')]


def note_with(col: Collection, needle: str) -> Any:
    (note,) = [n for n in notes_in_deck(col) if any(needle in f for f in n.fields)]
    return note


def test_fresh_import_counts_deck_and_tags(story: dict[str, Any]) -> None:
    col: Collection = story["col"]
    topic: Topic = story["v1"]
    assert len(story["first"].log.new) == len(topic.flashcards)
    notes = notes_in_deck(col)
    assert len(notes) == len(topic.flashcards)
    cards = [c for n in notes for c in n.cards()]
    assert len(cards) == expected_cards(topic) == 1 + 3 + 1 + 1
    assert {col.decks.name(c.did) for c in cards} == {"Health::Test::Cramps"}
    assert {tuple(n.tags) for n in notes} == {("test-topic::now",), ("test-topic::care",)}
    names = {n.note_type()["name"] for n in notes}
    assert names == {"Health handouts: question", "Health handouts: cloze"}


def test_fields_and_rendered_cards(story: dict[str, Any]) -> None:
    col: Collection = story["col"]
    note = note_with(col, "What do you do first?")
    assert note["Back"] == "Rest."
    assert note["Section"] == "Do this now"
    assert note["Source"] == "Source: A source, A publisher"
    assert note["Extra"] == "Then &lt;b&gt;stretch&lt;/b&gt; &amp; breathe."
    (card,) = note.cards()
    question, answer = card.question(), card.answer()
    assert "What do you do first?" in question and "Rest." not in question
    assert "Rest." in answer and "Then &lt;b&gt;stretch&lt;/b&gt; &amp; breathe." in answer
    assert "{{" not in question and "{{" not in answer
    image = re.search(r'<img src="(hh-[0-9a-f]{32}\.png)" alt="([^"]*)">', answer)
    assert image, answer
    assert image.group(2) == "A leg, &#34;straight&#34; &lt;resting&gt;"
    media = Path(col.media.dir()) / image.group(1)
    assert media.read_bytes() == PNG_1X1


def test_cloze_with_three_deletions_makes_three_cards(story: dict[str, Any]) -> None:
    note = note_with(story["col"], "swelling")
    cards = sorted(note.cards(), key=lambda c: c.ord)
    assert [c.ord for c in cards] == [0, 1, 2]
    for card, hidden in zip(cards, ["swelling", "skin color", "weakness"], strict=True):
        question, answer = card.question(), card.answer()
        assert "{{" not in question and "{{" not in answer
        assert f">{hidden}<" not in question and "[...]" in question
        assert f">{hidden}</span>" in answer


def test_text_cannot_inject_markup(story: dict[str, Any]) -> None:
    col: Collection = story["col"]
    note = note_with(col, "alert(1)&lt;/script&gt;")
    question = note.cards()[0].question()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in question
    assert "<script>alert" not in question
    assert "&lt;b&gt;x&lt;/b&gt;" in note.cards()[0].answer()
    cloze = note_with(col, "stray")
    for card in cloze.cards():
        html = card.question() + card.answer()
        assert "<img src=x" not in html and "<i>hint" not in html
        assert "{{" not in html
    assert len(cloze.cards()) == 1  # "{{c2 }}" is no deletion: its braces are entities
    assert "&lt;i&gt;hint&lt;/i&gt;" in cloze.cards()[0].question()


def test_edit_rebuild_reimport_updates_in_place_and_keeps_review(story: dict[str, Any]) -> None:
    col: Collection = story["col"]
    root: Path = story["root"]
    col.decks.select(col.decks.id_for_name("Health::Test::Cramps"))
    note = note_with(col, "What do you do first?")
    (card,) = note.cards()
    card.start_timer()
    states = col._backend.get_scheduling_states(card.id)
    col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=CardAnswer.EASY))
    card.load()
    assert card.reps == 1 and card.ivl > 0
    reviewed = (card.id, card.ivl, card.due, card.type)

    # Same text, same date: a rebuild imports as a no-op.
    again = import_deck(col, build(story["v1"], root / "v1-again.apkg"))
    assert len(again.log.new) == 0 and len(again.log.updated) == 0

    # The author fixes an answer and bumps the review date.
    v2 = write_topic(root / "v2", topic_data(back="Rest, then stretch.", reviewed="2026-02-01"))
    second = import_deck(col, build(v2, root / "v2.apkg"))
    assert len(second.log.new) == 0
    assert len(second.log.updated) == len(v2.flashcards)
    assert len(notes_in_deck(col)) == len(v2.flashcards)
    updated = note_with(col, "What do you do first?")
    assert updated.id == note.id
    assert updated["Back"] == "Rest, then stretch."
    (card_after,) = updated.cards()
    assert (card_after.id, card_after.ivl, card_after.due, card_after.type) == reviewed
    assert card_after.reps == 1
    assert col.db.scalar("select count() from revlog where cid = ?", card.id) == 1
    names = sorted(m["name"] for m in col.models.all() if m["name"].startswith("Health"))
    assert names == ["Health handouts: cloze", "Health handouts: question"]

    # Rebuilding the unchanged v2 changes nothing.
    third = import_deck(col, build(v2, root / "v2-again.apkg"))
    assert len(third.log.new) == 0 and len(third.log.updated) == 0


def test_hamstring_topic_imports_whole(tmp_path: Path, hamstring: Topic) -> None:
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        result = import_deck(col, build(hamstring, tmp_path / "h.apkg"))
        assert len(result.log.new) == len(hamstring.flashcards)
        nids = col.find_notes('"deck:Health::Hamstring cramps"')
        assert len(nids) == len(hamstring.flashcards)
        cards = [c for nid in nids for c in col.get_note(nid).cards()]
        assert len(cards) == expected_cards(hamstring)
        for card in cards:
            assert "{{" not in card.question() and "{{" not in card.answer()
        sections = {s.id for s in hamstring.sections}
        tags = {t for nid in nids for t in col.get_note(nid).tags}
        assert tags == {
            f"hamstring-cramp::{s}"
            for s in sections
            if any(c.section == s for c in hamstring.flashcards)
        }
    finally:
        col.close()


def test_two_topics_with_the_same_date_share_a_collection(tmp_path: Path, hamstring: Topic) -> None:
    """Note ids count up from the build time, so two topics reviewed on the same day
    carry clashing note ids: Anki must still keep both sets of notes."""
    same_day = dataclasses.replace(hamstring, reviewed=dt.date(2026, 1, 15))
    other = write_topic(tmp_path / "other", topic_data())
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        import_deck(col, build(same_day, tmp_path / "h.apkg"))
        import_deck(col, build(other, tmp_path / "o.apkg"))
        assert col.note_count() == len(hamstring.flashcards) + len(other.flashcards)
    finally:
        col.close()


def test_anki_markup_in_text_shows_as_written(tmp_path: Path) -> None:
    """Anki's own tags are markup too: in authored text they must not play a sound,
    speak, or render LaTeX. A '::' in the title must not make nameless subdecks."""
    tags = "[sound:evil.mp3] [anki:tts lang=en_US]hi[/anki:tts] [latex]z[/latex] [$]w[/$]"
    cards = [
        {"id": "q", "section": "now", "front": f"Play {tags} now.", "back": "Rest [1]."},
        {"id": "c", "section": "care", "cloze": "Hide {{c1::[sound:x.mp3] swelling}} here."},
    ]
    topic = write_topic(tmp_path / "t", minimal_topic(flashcards=cards, title="Cramps:: legs::"))
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        import_deck(col, build(topic, tmp_path / "t.apkg"))
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        html = "".join(c.question() + c.answer() for n in notes for c in n.cards())
        assert "[anki:play" not in html and "class=latex" not in html
        assert "&#91;sound:evil.mp3]" in html and "&#91;latex]z&#91;/latex]" in html
        assert "Rest &#91;1]." in html
        [deck] = {col.decks.name(c.did) for n in notes for c in n.cards()}
        assert deck.split("::")[0] == "Health" and deck.split("::")[1].startswith("Cramps: legs")
        assert len(deck.split("::")) == 2
    finally:
        col.close()


def test_anki_tags_in_source_image_and_every_field_never_play(tmp_path: Path) -> None:
    """Every field that reaches a card is escaped for Anki: a sound or TTS tag in the
    source, its URL, an image's alt text or the deck description plays nowhere."""
    sound, tts = "[sound:evil.mp3]", "[anki:tts lang=en_US]hi[/anki:tts]"
    data = topic_data()
    data["source"] = {
        "title": f"Title {sound}",
        "publisher": f"Publisher {tts}",
        "url": "https://example.org/[sound:x.mp3]",
    }
    data["flashcards"][0]["image"]["alt"] = f"A leg {sound} {tts}"
    data["main_message"] = f"Rest {sound}."
    topic = write_topic(tmp_path / "t", data)
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        import_deck(col, build(topic, tmp_path / "t.apkg"))
        cards = [c for nid in col.find_notes("") for c in col.get_note(nid).cards()]
        assert cards
        for card in cards:
            assert card.question_av_tags() == [] and card.answer_av_tags() == []
            html = card.question() + card.answer()
            assert "[anki:play" not in html
        html = "".join(c.answer() for c in cards)
        assert "Title &#91;sound:evil.mp3]" in html and "Publisher &#91;anki:tts" in html
        assert 'alt="A leg &#91;sound:evil.mp3]' in html
    finally:
        col.close()
