"""The loader: a valid topic loads; every kind of bad input gets its exact message."""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from generator.errors import ContentError
from generator.load import load_topic, refusals
from generator.model import FlashcardKind, SectionKind, Urgency
from tests.conftest import PNG_1X1, dump, line_of, minimal_topic


def problems(path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_topic(path)
    return [str(p) for p in info.value.problems]


def refused_pictures(path) -> list[str]:
    """What the picture gate refused: the topic loads, the outputs that draw it fail."""
    return refusals(load_topic(path))


def test_minimal_topic_loads(topic_file):
    topic = load_topic(topic_file())
    assert topic.id == "test-topic"
    assert topic.reviewed == dt.date(2026, 1, 15)
    assert [s.kind for s in topic.sections] == [SectionKind.STEPS, SectionKind.WARNINGS]
    assert topic.sections[1].items[0].urgency is Urgency.NOW
    assert [c.kind for c in topic.flashcards] == [FlashcardKind.BASIC, FlashcardKind.CLOZE]
    assert topic.sections[0].items[0].card_text == "Rest."
    assert topic.sections[1].items[0].card_text == "Get care now if your leg swells."


def test_hamstring_topic_loads(hamstring):
    assert hamstring.id == "hamstring-cramp"
    assert [s.id for s in hamstring.sections] == [
        "relief",
        "massage",
        "warmth-or-cold",
        "get-care",
        "prevention",
        "causes",
        "remember",
    ]
    assert len(hamstring.flashcards) >= 24
    studied = {c.section for c in hamstring.flashcards}
    # Every section has its flashcards but the closing summary, whose points are the
    # other sections' (their cards study them).
    assert studied == {s.id for s in hamstring.sections} - {"remember"}


def test_model_is_immutable(hamstring):
    with pytest.raises(AttributeError):
        hamstring.title = "x"  # type: ignore[misc]


def test_whitespace_is_folded(topic_file):
    data = minimal_topic(main_message="  Rest   and\n drink\twater.  ")
    assert load_topic(topic_file(data)).main_message == "Rest and drink water."


def test_markup_is_kept_as_text(topic_file):
    data = minimal_topic(title='If pain <b then stop & "rest"')
    assert load_topic(topic_file(data)).title == 'If pain <b then stop & "rest"'


def test_malformed_yaml(topic_file):
    path = topic_file("id: test-topic\ntitle: [unclosed\n")
    [message] = problems(path)
    assert message.startswith(f"{path}:3: YAML syntax error: ")
    assert message.endswith("(fix the YAML syntax near this line)")


def test_tab_indentation(topic_file):
    path = topic_file("id: test-topic\nsource:\n\ttitle: x\n")
    assert problems(path) == [
        f"{path}:3: YAML syntax error: tab character used for indentation "
        "(indent with spaces, not tabs)"
    ]


def test_empty_file(topic_file):
    path = topic_file("# nothing\n")
    assert problems(path) == [f"{path}:1: file is empty (see `health-handouts help format`)"]


def test_not_a_mapping(topic_file):
    path = topic_file("- a\n- b\n")
    assert problems(path) == [
        f"{path}:1: expected a mapping of keys, got a list (the file holds 'key: value' lines)"
    ]


def test_unknown_key_suggests_the_right_one(topic_file):
    data = minimal_topic()
    data["main_mesage"] = data.pop("main_message")
    path = topic_file(data)
    assert problems(path) == [
        f"{path}:1: main_message: missing (the file needs 'main_message')",
        f"{path}:{line_of(path, 'main_mesage:')}: main_mesage: unknown key (did you mean 'main_message'?)",
    ]


def test_missing_and_wrong_typed_fields(topic_file):
    data = minimal_topic(title=12, version=1.5, language="english", reviewed="soon")
    path = topic_file(data)
    assert problems(path) == [
        f"{path}:2: title: expected text, got a number (put the value in quotes)",
        f"{path}:3: language: 'english' is not a BCP 47 language tag "
        "(use a tag such as 'en', 'en-US' or 'es-MX')",
        f'{path}:4: version: expected text, got a number (put it in quotes: version: "1.5")',
        f"{path}:5: reviewed: 'soon' is not a date (write it as YYYY-MM-DD)",
    ]


def test_all_problems_reported_in_one_run(topic_file):
    data = minimal_topic()
    data["sections"][0]["kind"] = "step"
    data["sections"][1]["items"][0]["urgency"] = "later"
    data["flashcards"][0]["section"] = "nowhere"
    data["flashcards"][1]["cloze"] = "no deletion"
    found = problems(topic_file(data))
    assert len(found) == 4
    assert any(
        "sections[0].kind: 'step' is not allowed (did you mean 'steps'?)" in p for p in found
    )
    assert any(
        "sections[1].items[0].urgency: 'later' is not allowed (use one of: now, soon)" in p
        for p in found
    )
    assert any(
        "flashcards[0].section: no section has the id 'nowhere' (use one of: now, care)" in p
        for p in found
    )
    assert any(
        "flashcards[1].cloze: has no deletion, so Anki would make no card "
        "(mark the words to hide as {{c1::words}})" in p
        for p in found
    )


def test_duplicate_ids(topic_file):
    data = minimal_topic()
    data["sections"][1]["id"] = "now"
    data["flashcards"][1]["id"] = "q1"
    data["flashcards"][1]["section"] = "now"
    path = topic_file(data)
    found = problems(path)
    assert (
        f"{path}:{line_of(path, 'id: now', 2)}: sections[1].id: duplicate id 'now', already used by sections[0] "
        "(give every section its own id)" in found
    )
    assert (
        f"{path}:{line_of(path, 'id: q1', 2)}: flashcards[1].id: duplicate id 'q1', already used by flashcards[0] "
        "(give every flashcard its own id)" in found
    )


def test_empty_section(topic_file):
    data = minimal_topic()
    data["sections"][0]["items"] = []
    path = topic_file(data)
    assert (
        f"{path}:{line_of(path, 'items: []')}: sections[0].items: is empty (add at least one item)"
        in problems(path)
    )


def test_empty_sections_list(topic_file):
    path = topic_file(minimal_topic(sections=[]))
    assert (
        f"{path}:{line_of(path, 'sections:')}: sections: is empty (add at least one section)"
        in problems(path)
    )


def test_warning_without_urgency(topic_file):
    data = minimal_topic()
    del data["sections"][1]["items"][0]["urgency"]
    path = topic_file(data)
    assert problems(path) == [
        f"{path}:{line_of(path, 'id: swelling')}: sections[1].items[0].urgency: missing "
        "(every warning needs 'urgency: now' or 'urgency: soon')"
    ]


def test_urgency_outside_warnings(topic_file):
    data = minimal_topic()
    data["sections"][0]["items"][0]["urgency"] = "now"
    path = topic_file(data)
    assert problems(path) == [
        f"{path}:{line_of(path, 'urgency: now')}: sections[0].items[0].urgency: only items of a 'warnings' section have "
        "an urgency, this section is 'steps' (delete the key)"
    ]


def test_flashcard_missing_back(topic_file):
    data = minimal_topic()
    del data["flashcards"][0]["back"]
    path = topic_file(data)
    assert problems(path) == [
        f"{path}:{line_of(path, 'id: q1')}: flashcards[0].back: missing (every card needs a front and a back)"
    ]


def test_flashcard_both_kinds(topic_file):
    data = minimal_topic()
    data["flashcards"][0]["cloze"] = "A {{c1::b}}"
    path = topic_file(data)
    assert problems(path) == [
        f"{path}:{line_of(path, 'id: q1')}: flashcards[0]: has both 'cloze' and 'front'/'back' "
        "(a card is either a question (front and back) or a cloze)"
    ]


def test_bad_ids(topic_file):
    data = minimal_topic()
    data["sections"][0]["id"] = "Do This!"
    path = topic_file(data)
    assert problems(path) == [
        f"{path}:{line_of(path, 'Do This!')}: sections[0].id: 'Do This!' is not a valid id (use 1-64 lower-case "
        "letters, digits and single hyphens, such as 'warm-up')",
        f"{path}:{line_of(path, 'section: now')}: flashcards[0].section: no section has the "
        "id 'now' (use one of: care)",
    ]


def test_topic_id_must_match_file_name(topic_file):
    path = topic_file(minimal_topic(), name="other-name")
    assert problems(path) == [
        f"{path}:1: id: 'test-topic' does not match the file name 'other-name.yaml' "
        "(name the file test-topic.yaml, or change the id)"
    ]


def test_too_long_text(topic_file):
    path = topic_file(minimal_topic(title="x" * 121))
    assert problems(path) == [
        f"{path}:2: title: is 121 characters, longer than the 120 allowed "
        "(shorten it or split it into more items)"
    ]


def test_control_character(topic_file):
    path = topic_file("id: test-topic\ntitle: 'a bell \x07 rings'\n")
    assert problems(path) == [
        f"{path}:2: the character U+0007 is not allowed (delete it; topic files hold plain text)"
    ]


def test_private_use_character(topic_file):
    path = topic_file(minimal_topic(title="Icon \ue000 here"))
    assert problems(path) == [
        f"{path}:2: title: contains the invisible or unassigned character U+E000 (delete it)"
    ]


def test_url_must_be_web_address(topic_file):
    path = topic_file(minimal_topic(url="javascript:alert(1)"))
    assert problems(path) == [
        f"{path}:{line_of(path, 'url:')}: url: 'javascript:alert(1)' is not a web address "
        "(use a full address starting with https://)"
    ]


def test_image_outside_topic_folder(topic_file, tmp_path):
    (tmp_path.parent / "outside.png").write_bytes(b"\x89PNG")
    data = minimal_topic()
    data["flashcards"][0]["image"] = {"path": "../outside.png", "alt": "x"}
    path = topic_file(data)
    assert problems(path) == [
        f"{path}:{line_of(path, 'path:')}: flashcards[0].image.path: '../outside.png' is outside the folder of "
        f"test-topic.yaml (put the file in {tmp_path} or a folder below it, and give a "
        "relative path)"
    ]


def test_missing_image(topic_file, tmp_path):
    data = minimal_topic()
    data["flashcards"][0]["image"] = {"path": "images/none.png", "alt": "x"}
    path = topic_file(data)
    assert problems(path) == [
        f"{path}:{line_of(path, 'path:')}: flashcards[0].image.path: file 'images/none.png' not found "
        f"(looked in {tmp_path})"
    ]


def test_image_loads(topic_file, tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(PNG_1X1)
    data = minimal_topic()
    data["flashcards"][0]["image"] = {"path": "images/a.png", "alt": "A picture"}
    card = load_topic(topic_file(data)).flashcards[0]
    assert card.image is not None
    assert card.image.path == tmp_path / "images" / "a.png"
    assert card.image.alt == "A picture"


def test_pocket_card_preferences(topic_file):
    data = minimal_topic(pocket_card={"size": "id-1", "layout": "two-sided"})
    card = load_topic(topic_file(data)).card
    assert (card.size.value, card.layout.value) == ("id-1", "two-sided")


def test_unknown_card_size(topic_file):
    path = topic_file(minimal_topic(pocket_card={"size": "huge"}))
    assert problems(path) == [
        f"{path}:{line_of(path, 'size: huge')}: pocket_card.size: 'huge' is not allowed "
        "(use one of: wallet, id-1, index, a7, auto)"
    ]


@pytest.mark.parametrize(
    ("cloze", "message"),
    [
        ("Get care if it {{c0::swells}}.", "has a deletion numbered 0 (Anki numbers them from 1"),
        ("A {{c1::b {{c2::c}} d}} e.", "has a deletion inside another, or one not closed"),
        ("A {{c1::b}} and {{c2::c left open.", "has a deletion inside another, or one not closed"),
    ],
    ids=["numbered-0", "nested", "open"],
)
def test_cloze_deletions_anki_cannot_use_are_refused_with_their_line(topic_file, cloze, message):
    """Each once passed `check` and then failed the build or made a broken card."""
    data = minimal_topic()
    data["flashcards"][1]["cloze"] = cloze
    path = topic_file(data)
    [found] = problems(path)
    assert found.startswith(f"{path}:{line_of(path, 'cloze:')}: flashcards[1].cloze: {message}")


@pytest.mark.parametrize(
    ("reviewed", "message"),
    [
        ("1969-12-31", "reviewed: 1969-12-31 is outside the years 1980-2107 that an Anki deck"),
        ("2108-01-01", "reviewed: 2108-01-01 is outside the years 1980-2107 that an Anki deck"),
        ("'2026-02-30'", "reviewed: '2026-02-30' is not a real date (check the day and month)"),
    ],
)
def test_review_dates_the_outputs_cannot_hold_are_refused(topic_file, reviewed, message):
    """Once accepted by `check`, then an internal error in `build`."""
    text = dump(minimal_topic()).replace("reviewed: 2026-01-15", f"reviewed: {reviewed}")
    path = topic_file(text)
    [found] = problems(path)
    assert found.startswith(f"{path}:{line_of(path, 'reviewed:')}: {message}")


def test_a_quoted_iso_date_is_a_date(topic_file):
    text = dump(minimal_topic()).replace("reviewed: 2026-01-15", "reviewed: '2026-01-16'")
    assert load_topic(topic_file(text)).reviewed == dt.date(2026, 1, 16)


@pytest.mark.parametrize("where", ["sections", "items", "flashcards"])
def test_a_list_key_with_nothing_after_it_is_empty(topic_file, where):
    """`sections:` with no value was read as no sections, and passed."""
    data = minimal_topic()
    if where == "items":
        data["sections"][0]["items"] = None
    else:
        data[where] = None
    found = problems(topic_file(data))
    assert any(f"{'sections[0].items' if where == 'items' else where}: is empty" in p
               for p in found), found  # fmt: skip


def test_values_yaml_cannot_read_are_reported_with_every_other_problem(topic_file):
    """A duplicate key, a bad tag or an impossible date used to be the only problem
    printed; the rest of the file's problems came one run later."""
    text = dump(minimal_topic()).replace("title: Test topic", "titel: Test topic")
    text = text.replace("version: '1.0'", "version: !!bool maybe")
    text = text.replace("reviewed: 2026-01-15", "reviewed: 2026-02-30")
    path = topic_file(text)
    found = problems(path)
    assert f"{path}:{line_of(path, 'titel:')}: titel: unknown key (did you mean 'title'?)" in found
    assert (
        f"{path}:{line_of(path, 'version:')}: version: cannot read value 'maybe' (quote it as text)"
        in found
    )
    assert (
        f"{path}:{line_of(path, 'reviewed:')}: reviewed: '2026-02-30' is not a real date (check day and month)"
        in found
    )
    assert not any("version: is empty" in p or "reviewed: is empty" in p for p in found)


@pytest.mark.parametrize(("written", "number"), [("010", 8), ("0x10", 16), ("1_0", 10)])
def test_an_id_yaml_reads_as_another_number_is_refused(topic_file, written, number):
    """Such an id silently became another one, and with it the Anki note's identity."""
    text = dump(minimal_topic()).replace("- id: q1", f"- id: {written}")
    path = topic_file(text)
    assert problems(path) == [
        f"{path}:{line_of(path, f'id: {written}')}: flashcards[0].id: '{written}' is read as "
        f'the number {number} (put it in quotes: "{written}")'
    ]


def test_a_number_version_hint_quotes_it_as_written(topic_file):
    path = topic_file(dump(minimal_topic()).replace("version: '1.0'", "version: 1.10"))
    [found] = problems(path)
    assert found.endswith(
        'version: expected text, got a number (put it in quotes: version: "1.10")'
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.png", b"This is text, not a picture.", "'images/a.png' is not a PNG image inside"),
        ("a.jpg", PNG_1X1, "'images/a.jpg' is not a JPEG image inside"),
        ("a.svg", b"", "'images/a.svg' is not a SVG image inside"),
    ],
    ids=["text-as-png", "png-as-jpg", "empty-svg"],
)
def test_a_file_that_is_not_the_image_it_claims_is_refused(
    topic_file, tmp_path, name, content, message
):
    """It built, and students got a broken image in Anki."""
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / name).write_bytes(content)
    data = minimal_topic()
    data["flashcards"][0]["image"] = {"path": f"images/{name}", "alt": "A picture"}
    [found] = refused_pictures(topic_file(data))
    assert message in found


def test_an_image_link_that_loops_is_a_problem_not_a_crash(topic_file, tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "loop.png").symlink_to("loop.png")
    data = minimal_topic()
    data["flashcards"][0]["image"] = {"path": "images/loop.png", "alt": "A picture"}
    [found] = problems(topic_file(data))
    assert (
        "flashcards[0].image.path: 'images/loop.png' is a link that never reaches a file" in found
    )


def test_a_huge_cloze_number_is_refused(topic_file):
    """It overflowed Anki's database: an internal error in the build."""
    data = minimal_topic()
    data["flashcards"][1]["cloze"] = "Get care if it {{c99999999999999999999::swells}}."
    [found] = problems(topic_file(data))
    assert "flashcards[1].cloze: has a deletion numbered above 500" in found


@pytest.mark.parametrize(
    "char",
    ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"],
)
def test_bidi_controls_are_refused_in_every_text(topic_file, char):
    """With an override the PDF and the HTML page would say different things."""
    data = minimal_topic(main_message=f"Take {char}2 tablets\u202c then rest.")
    data["source"] = {"title": f"A {char}source", "publisher": "A publisher"}
    path = topic_file(data)
    found = problems(path)
    assert len(found) == 2
    name = f"U+{ord(char):04X} ({unicodedata.name(char).lower()})"
    assert found[0] == (
        f"{path}:{line_of(path, 'main_message:')}: main_message: contains {name}, an "
        "invisible control that reorders the text around it: the HTML page and the deck "
        "would show another order than the PDFs (delete it)"
    )
    assert found[1].startswith(f"{path}:{line_of(path, '  title:')}: source.title: contains {name}")


@pytest.mark.parametrize("char", ["\u200e", "\u200f", "\u061c"])
def test_direction_marks_are_named(topic_file, char):
    path = topic_file(minimal_topic(title=f"Cramp{char} care"))
    name = unicodedata.name(char).lower()
    assert problems(path) == [
        f"{path}:2: title: contains U+{ord(char):04X} ({name}), an invisible direction "
        "mark: the PDFs order words by their letters and would not follow it, the HTML "
        "page and the deck would (delete it)"
    ]


def test_bidi_control_in_clinic_file(tmp_path):
    from generator.load import load_clinic

    path = tmp_path / "clinic.yaml"
    path.write_text("name: Riverside\naddress: '12 \u202eRiver Road'\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_clinic(path)
    assert str(info.value).startswith(
        f"{path}:2: address: contains U+202E (right-to-left override)"
    )


def test_url_host_that_idna_cannot_encode(topic_file):
    path = topic_file(minimal_topic(url="https://" + "ü" * 64 + ".org/"))
    [found] = problems(path)
    assert found.startswith(f"{path}:{line_of(path, 'url:')}: url: the host ")
    assert found.endswith("is not a valid domain name (check the spelling of the web address)")


def png_header(width: int, height: int) -> bytes:
    """The start of a PNG of `width` x `height` pixels: enough for any header reader."""
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", 13)
        + b"IHDR"
        + ihdr
        + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    )


def image_problem(topic_file, tmp_path, make, name="a.png") -> str:
    """What is wrong with the flashcard image `make` writes: a problem of the topic
    file (a path outside its folder), or what the picture gate refused."""
    make(tmp_path / name)
    data = minimal_topic()
    data["flashcards"][0]["image"] = {"path": name, "alt": "x"}
    path = topic_file(data)
    try:
        [found] = refused_pictures(path)
    except ContentError as exc:
        [found] = [str(p) for p in exc.problems]
    prefix = f"{path}:{line_of(path, 'path:')}: flashcards[0].image.path: "
    assert found.startswith(prefix)
    return found[len(prefix) :]


def test_image_that_is_not_a_file_says_what_it_is(topic_file, tmp_path):
    """A FIFO or a folder was reported as 'not found'."""
    hint = "(give the path of an image file)"
    assert image_problem(topic_file, tmp_path, os.mkfifo) == (
        f"'a.png' is a pipe (FIFO), not a regular file {hint}"
    )
    assert image_problem(topic_file, tmp_path, Path.mkdir, "b.png") == (
        f"'b.png' is a folder, not a regular file {hint}"
    )
    link = image_problem(topic_file, tmp_path, lambda p: p.symlink_to("/dev/zero"), "c.png")
    assert link.startswith("'c.png' is outside the folder")


def test_image_file_size_limit(topic_file, tmp_path):
    def big(path: Path) -> None:
        with path.open("wb") as handle:
            handle.write(png_header(10, 10))
            handle.truncate(300 * 1024 * 1024)  # sparse: cheap to make

    assert image_problem(topic_file, tmp_path, big) == (
        "'a.png' is 300.0 MiB, larger than the 10 MiB limit "
        "(save it smaller: a card or logo needs far fewer pixels)"
    )


@pytest.mark.parametrize(("width", "height"), [(20000, 20000), (13000, 13000), (40001, 1000)])
def test_image_pixel_limit_checked_before_decoding(topic_file, tmp_path, width, height):
    def header(path: Path) -> None:
        path.write_bytes(png_header(width, height) + b"\0" * 100)

    assert image_problem(topic_file, tmp_path, header) == (
        f"'a.png' is {width} x {height} pixels, more than the 40,000,000 allowed "
        "(scale it down: a card or logo needs far fewer pixels)"
    )


def test_jpeg_pixel_limit(topic_file, tmp_path):
    import struct

    def jpeg(path: Path) -> None:
        sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 9000, 9000, 1) + b"\x01\x11\x00"
        path.write_bytes(b"\xff\xd8\xff\xe0" + struct.pack(">H", 4) + b"JF" + sof)

    assert image_problem(topic_file, tmp_path, jpeg, "a.jpg").startswith(
        "'a.jpg' is 9000 x 9000 pixels, more than the 40,000,000 allowed"
    )


def test_clinic_logo_limits(tmp_path):
    from generator.load import load_clinic

    (tmp_path / "logo.png").write_bytes(png_header(20000, 20000))
    os.mkfifo(tmp_path / "pipe.png")
    for logo, what in [("logo.png", "is 20000 x 20000 pixels"), ("pipe.png", "is a pipe")]:
        (tmp_path / "clinic.yaml").write_text(f"name: X\nlogo: {logo}\n", encoding="utf-8")
        clinic = load_clinic(tmp_path / "clinic.yaml")
        assert clinic.logo is not None and clinic.logo.refused is not None
        assert clinic.logo.refused.startswith(
            f"{tmp_path / 'clinic.yaml'}:2: logo: '{logo}' {what}"
        )


# --- pictures on sections and items (issue 16) --------------------------------------

SVG_DRAWING = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10" width="20" height="10">'
    b'<line x1="1" y1="9" x2="19" y2="9" stroke="#000"/></svg>'
)
PICTURE_PLACES = {
    "section": ("sections[0].image", lambda data: data["sections"][0]),
    "item": ("sections[0].items[0].image", lambda data: data["sections"][0]["items"][0]),
}


def pictured_topic(topic_file, place: str, image: dict[str, Any]) -> Path:
    data = minimal_topic()
    PICTURE_PLACES[place][1](data)["image"] = image
    return topic_file(data)


@pytest.mark.parametrize("place", list(PICTURE_PLACES))
def test_a_picture_needs_its_alt_text(topic_file, tmp_path, place):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.svg").write_bytes(SVG_DRAWING)
    path = pictured_topic(topic_file, place, {"path": "images/a.svg"})
    field = PICTURE_PLACES[place][0]
    assert problems(path) == [
        f"{path}:{line_of(path, 'image:')}: {field}.alt: missing ({field} needs 'alt')"
    ]


@pytest.mark.parametrize("place", list(PICTURE_PLACES))
def test_a_picture_of_a_kind_the_pdfs_cannot_draw_is_refused(topic_file, tmp_path, place):
    """GIF and WebP are fine for Anki (a flashcard's image), not for the PDFs."""
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.gif").write_bytes(b"GIF89a")
    path = pictured_topic(topic_file, place, {"path": "images/a.gif", "alt": "A step."})
    field = PICTURE_PLACES[place][0]
    assert problems(path) == [
        f"{path}:{line_of(path, 'path:')}: {field}.path: 'images/a.gif' is not a PNG, JPEG or "
        "SVG picture (use one of: .jpeg, .jpg, .png, .svg)"
    ]


@pytest.mark.parametrize("place", list(PICTURE_PLACES))
def test_a_picture_outside_the_topic_folder_is_refused(topic_file, tmp_path, place):
    (tmp_path.parent / "outside.svg").write_bytes(SVG_DRAWING)
    path = pictured_topic(topic_file, place, {"path": "../outside.svg", "alt": "A step."})
    field = PICTURE_PLACES[place][0]
    assert problems(path) == [
        f"{path}:{line_of(path, 'path:')}: {field}.path: '../outside.svg' is outside the "
        f"folder of test-topic.yaml (put the file in {tmp_path} or a folder below it, and "
        "give a relative path)"
    ]


@pytest.mark.parametrize("place", list(PICTURE_PLACES))
def test_an_svg_picture_loads_with_caption_and_on_card(topic_file, tmp_path, place):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.svg").write_bytes(SVG_DRAWING)
    image = {"path": "images/a.svg", "alt": "A line.", "caption": "Step 1", "on_card": True}
    topic = load_topic(pictured_topic(topic_file, place, image))
    section = topic.sections[0]
    picture = section.picture if place == "section" else section.items[0].picture
    assert picture is not None and picture.path == tmp_path / "images" / "a.svg"
    assert (picture.alt, picture.caption, picture.on_card) == ("A line.", "Step 1", True)
    assert (picture.drawing.width, picture.drawing.height) == (15, 7.5)  # 20 x 10 px in pt
    assert picture.is_svg
    assert topic.pictures == (picture,)
    plain = load_topic(pictured_topic(topic_file, place, {"path": "images/a.svg", "alt": "A."}))
    assert plain.pictures[0].caption is None and plain.pictures[0].on_card is False


def test_a_caption_is_a_few_words(topic_file, tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.svg").write_bytes(SVG_DRAWING)
    caption = "A caption that says far more than the few words a picture's name needs"
    image = {"path": "images/a.svg", "alt": "A line.", "caption": caption}
    path = pictured_topic(topic_file, "item", image)
    assert problems(path) == [
        f"{path}:{line_of(path, 'caption:')}: sections[0].items[0].image.caption: is "
        f"{len(caption)} characters, longer than the 60 allowed (shorten it or split it "
        "into more items)"
    ]


def test_reviewed_by_names_a_reviewer_and_a_role(topic_file):
    from generator.model import Reviewer

    reviewer = {"name": "Dr. Ana Ruiz", "role": "family physician"}
    topic = load_topic(topic_file(minimal_topic(reviewed_by=reviewer)))
    assert topic.reviewer == Reviewer("Dr. Ana Ruiz", "family physician")
    assert load_topic(topic_file()).reviewer is None
    path = topic_file(minimal_topic(reviewed_by={"name": "Dr. Ana Ruiz"}))
    assert problems(path) == [
        f"{path}:{line_of(path, 'reviewed_by:')}: reviewed_by.role: missing "
        "(reviewed_by needs 'role')"
    ]


def facts_topic(**section: Any) -> dict[str, Any]:
    facts = {
        "id": "why",
        "heading": "Why it happens",
        "kind": "facts",
        "items": [
            {"id": "tired", "text": "Tired muscles upset the nerve signals.", "short": "Tired."},
            {"id": "fluid", "text": "Losing fluid upsets the balance around the muscle."},
        ],
        **section,
    }
    data = minimal_topic()
    data["sections"].append(facts)
    return data


def test_a_facts_section_can_be_shown_short(topic_file):
    data = facts_topic()
    data["sections"][2]["items"][1]["short"] = "Losing fluid."
    data["sections"][2]["handout"] = "short"
    topic = load_topic(topic_file(data))
    assert topic.sections[2].handout_short
    assert not topic.sections[0].handout_short  # `handout: full` is the default


def test_a_short_section_needs_every_short_text_and_only_facts_are_shown_short(topic_file):
    path = topic_file(facts_topic(handout="short"))
    assert problems(path) == [
        f"{path}:{line_of(path, 'id: fluid')}: sections[2].items[1].short: missing (the "
        "section has 'handout: short', which prints each item's short text) (add a "
        "one-line 'short' text, or delete 'handout: short')"
    ]
    data = minimal_topic()
    data["sections"][0]["handout"] = "short"
    path = topic_file(data)
    assert problems(path) == [
        f"{path}:{line_of(path, 'handout:')}: sections[0].handout: only a 'facts' section "
        "is shown short, this section is 'steps' (delete the key: steps and warnings are "
        "always shown whole)"
    ]
    path = topic_file(facts_topic(handout="brief"))
    assert problems(path) == [
        f"{path}:{line_of(path, 'handout:')}: sections[2].handout: 'brief' is not allowed "
        "(use one of: full, short)"
    ]


def test_a_clinic_gives_its_after_hours_line(tmp_path):
    from generator.load import load_clinic

    path = tmp_path / "clinic.yaml"
    path.write_text("name: A clinic\nafter_hours: +1 555 0199\n", encoding="utf-8")
    assert load_clinic(path).after_hours == "+1 555 0199"
