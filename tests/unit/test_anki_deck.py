"""The Anki exporter without Anki: bytes, zip entries, ids, escaping, errors."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest

from generator.errors import ExportError
from generator.exporters.anki import export
from generator.exporters.anki.fields import cloze_html
from generator.exporters.anki.ids import media_name, note_guid
from generator.load import load_topic
from generator.model import FlashcardImage, Topic
from generator.options import BuildOptions
from generator.templating import make_env
from tests.conftest import PNG_1X1, line_of, minimal_topic


def build(topic: Topic, path: Path, epoch: int | None = None) -> Path:
    return export(topic, path, BuildOptions(source_date_epoch=epoch))


def notes(path: Path, tmp_path: Path) -> list[tuple[int, str, int, str]]:
    db = tmp_path / "unzipped.anki2"
    with zipfile.ZipFile(path) as archive:
        db.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select id, guid, mod, flds from notes order by id").fetchall()
    db.unlink()
    return rows


def test_rebuild_is_byte_identical(tmp_path: Path, hamstring: Topic) -> None:
    first = build(hamstring, tmp_path / "a.apkg").read_bytes()
    second = build(hamstring, tmp_path / "b.apkg").read_bytes()
    assert first == second


def test_zip_entries_are_dated_from_the_build_time(tmp_path: Path, hamstring: Topic) -> None:
    with zipfile.ZipFile(build(hamstring, tmp_path / "a.apkg")) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == ["collection.anki2", "media"]
    assert {i.date_time for i in infos} == {(*hamstring.reviewed.timetuple()[:3], 12, 0, 0)}
    with zipfile.ZipFile(build(hamstring, tmp_path / "b.apkg", epoch=1_764_158_400)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2025, 11, 26, 12, 0, 0)}


def test_note_mod_times_and_ids_follow_the_build_time(tmp_path: Path, hamstring: Topic) -> None:
    """On a first build (no record of a last deck), every note has the build time."""
    first = dataclasses.replace(hamstring, last_deck=None)
    rows = notes(build(first, tmp_path / "a.apkg", epoch=1_764_158_400), tmp_path)
    assert {mod for _, _, mod, _ in rows} == {1_764_158_400}
    assert min(note_id for note_id, _, _, _ in rows) == 1_764_158_400_000


def test_a_note_keeps_its_time_until_its_fields_change(tmp_path: Path, hamstring: Topic) -> None:
    """After the first deck, a note's time is when its fields last changed: the same
    for an unchanged note whatever the build time, a second later for one changed
    on the same day, the build time for one changed after a later review."""
    assert hamstring.last_deck is not None
    shipped = {note_guid(hamstring.id, i): c.changed for i, c in hamstring.last_deck.cards.items()}
    today = BuildOptions().build_time(hamstring)  # the topic's `reviewed` day
    later = notes(build(hamstring, tmp_path / "a.apkg", epoch=today + 86_400 * 30), tmp_path)
    assert {guid: mod for _, guid, mod, _ in later} == shipped
    cards = list(hamstring.flashcards)
    cards[1] = dataclasses.replace(cards[1], back="Fixed the same day.")
    fixed = dataclasses.replace(hamstring, flashcards=tuple(cards))
    rows = notes(build(fixed, tmp_path / "b.apkg"), tmp_path)
    guid = note_guid(hamstring.id, cards[1].id)
    assert {mod for _, g, mod, _ in rows if g == guid} == {max(today, shipped[guid] + 1)}
    assert {g: mod for _, g, mod, _ in rows if g != guid} == {
        g: when for g, when in shipped.items() if g != guid
    }
    rows = notes(build(fixed, tmp_path / "c.apkg", epoch=today + 86_400), tmp_path)
    assert {mod for _, g, mod, _ in rows if g == guid} == {today + 86_400}


def test_no_temporary_file_is_left(tmp_path: Path, hamstring: Topic, monkeypatch) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / "out"
    out.mkdir()
    build(hamstring, out / "deck.apkg")
    assert list(scratch.iterdir()) == []
    assert [p.name for p in out.iterdir()] == ["deck.apkg"]


def test_guid_depends_on_ids_not_text(tmp_path: Path, hamstring: Topic) -> None:
    cards = list(hamstring.flashcards)
    cards[0] = dataclasses.replace(cards[0], text="Totally {{c1::new}} text.")
    edited = dataclasses.replace(hamstring, flashcards=tuple(cards))
    before = notes(build(hamstring, tmp_path / "a.apkg"), tmp_path)
    after = notes(build(edited, tmp_path / "b.apkg"), tmp_path)
    assert [g for _, g, _, _ in before] == [g for _, g, _, _ in after]
    assert before[0][3] != after[0][3]
    assert before[0][1] == note_guid(hamstring.id, hamstring.flashcards[0].id)
    assert len({g for _, g, _, _ in before}) == len(hamstring.flashcards)


def test_cloze_escapes_inside_and_outside_deletions() -> None:
    cloze = cloze_html(make_env(), "a < b {{c1::x & <y>::h<i>}} {{c2::{z}}} {c3} }}")
    assert cloze.html == (
        "a &lt; b {{c1::x &amp; &lt;y&gt;::h&lt;i&gt;}} {{c2::&#123;z}}&#125; &#123;c3&#125; &#125;&#125;"
    )
    assert cloze.numbers == (1, 2)


def test_media_names_come_from_content() -> None:
    assert media_name(b"a", ".PNG") == media_name(b"a", ".png")
    assert media_name(b"a", ".png") != media_name(b"b", ".png")
    assert media_name(b"a", ".png").endswith(".png")


def test_image_is_packed_as_media(tmp_path: Path, topic_file) -> None:
    (tmp_path / "leg.png").write_bytes(PNG_1X1)
    data = minimal_topic()
    data["flashcards"][0]["image"] = {"path": "leg.png", "alt": "A leg"}
    topic = load_topic(topic_file(data))
    with zipfile.ZipFile(build(topic, tmp_path / "a.apkg")) as archive:
        assert [i.filename for i in archive.infolist()] == ["collection.anki2", "media", "0"]
        name = media_name(PNG_1X1, ".png")
        assert json.loads(archive.read("media")) == {"0": name}
        assert archive.read("0") == PNG_1X1


def test_the_deck_packs_the_image_the_loader_checked(tmp_path: Path, topic_file) -> None:
    """The picture gate reads an image once; the deck packs those bytes, even when the
    file changed since (it once read the file again, and failed when it had gone)."""
    (tmp_path / "leg.png").write_bytes(PNG_1X1)
    data = minimal_topic()
    data["flashcards"][1]["image"] = {"path": "leg.png", "alt": "A leg"}
    topic = load_topic(topic_file(data))
    (tmp_path / "leg.png").unlink()
    with zipfile.ZipFile(build(topic, tmp_path / "a.apkg")) as archive:
        assert archive.read("0") == PNG_1X1


def test_a_refused_image_costs_the_deck_with_the_gates_message(tmp_path: Path, topic_file):
    (tmp_path / "leg.png").write_bytes(PNG_1X1[:40])  # cut off inside its pixels
    data = minimal_topic()
    data["flashcards"][1]["image"] = {"path": "leg.png", "alt": "A leg"}
    path = topic_file(data)
    with pytest.raises(ExportError) as caught:
        build(load_topic(path), tmp_path / "a.apkg")
    assert str(caught.value) == (
        f"{path}:{line_of(path, 'path: leg.png')}: flashcards[1].image.path: 'leg.png' is a "
        "damaged or incomplete PNG file (save or export it again)"
    )


def test_cloze_without_deletion_is_an_export_error(tmp_path: Path, topic_file) -> None:
    path = topic_file()
    topic = load_topic(path)
    cards = list(topic.flashcards)
    cards[1] = dataclasses.replace(cards[1], text="No deletion here.")
    broken = dataclasses.replace(topic, flashcards=tuple(cards))
    with pytest.raises(
        ExportError, match=r"flashcards\[1\]\.cloze: has no \{\{c1::\.\.\.\}\} deletion"
    ):
        build(broken, tmp_path / "a.apkg")


def test_image_field_keeps_alt_text(tmp_path: Path, topic_file) -> None:
    (tmp_path / "leg.png").write_bytes(PNG_1X1)
    data = minimal_topic()
    data["flashcards"][0]["image"] = {"path": "leg.png", "alt": 'Leg "up" & <out>'}
    topic = load_topic(topic_file(data))
    assert isinstance(topic.flashcards[0].image, FlashcardImage)
    rows = notes(build(topic, tmp_path / "a.apkg"), tmp_path)
    fields = rows[0][3].split("\x1f")
    name = media_name(PNG_1X1, ".png")
    assert fields[3] == f'<img src="{name}" alt="Leg &#34;up&#34; &amp; &lt;out&gt;">'
