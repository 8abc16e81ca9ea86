"""The pocket card's two faces balanced, measured with pdfplumber on the printed card
(`tests/card_shapes.py`), and where to get care printed with each phone number whole."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from generator.exporters.pocket_card import export_card, plan_card
from generator.labels import labels_for
from generator.load import load_clinic, load_topic
from generator.model import CardLayout, CardSize
from generator.options import BuildOptions
from tests.card_shapes import CLINIC_FILE, ROOT, SMALL, card_faces, shapes
from tests.conftest import minimal_topic

SHAPES = shapes()


@pytest.mark.parametrize("name", SHAPES)
def test_neither_face_is_much_emptier_than_the_other(name, tmp_path):
    topic, options = SHAPES[name]
    measured = 0
    for size in CardSize:
        faces = card_faces(topic, tmp_path, size, **options)
        if faces is not None:
            measured += 1
            assert faces.emptier <= 0.55, (size, faces)
    assert measured, "no card size fits: nothing was measured"


def test_a_warnings_only_card_splits_its_warnings_between_the_faces(tmp_path):
    topic, _ = SHAPES["small (warnings only)"]
    wallet = card_faces(topic, tmp_path, CardSize.WALLET)
    assert wallet is not None  # the whole section on the back did not fit a wallet card
    faces = card_faces(topic, tmp_path, CardSize.ID1)
    assert faces is not None
    assert faces.body_size >= 10  # it was 8.75 pt, the front a title over 72% blank
    assert faces.front >= 0.9 and faces.back >= 0.4


def face_lines(path: Path, layout: CardLayout) -> list[str]:
    """Every line of every face of the card at `path`, each face read on its own."""
    lines = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            faces = 2 if layout is CardLayout.FOLD_OVER else 1
            step = page.width / faces
            for n in range(faces):
                face = page.crop((n * step, 0, (n + 1) * step, page.height))
                lines += (face.extract_text() or "").splitlines()
    return lines


@pytest.mark.parametrize("stem", ["hamstring-cramp", "hamstring-cramp-es", "hamstring-cramp-vi"])
@pytest.mark.parametrize("size", [CardSize.A7, CardSize.INDEX])
@pytest.mark.parametrize("layout", list(CardLayout))
def test_a_phone_number_never_breaks_across_lines(stem, size, layout, tmp_path):
    topic = load_topic(ROOT / "content" / f"{stem}.yaml")
    clinic = load_clinic(CLINIC_FILE)
    options = BuildOptions(card_size=size, card_layout=layout, clinic=clinic)
    lines = face_lines(export_card(topic, tmp_path / "card.pdf", options), layout)
    for number in (clinic.phone, clinic.after_hours):
        assert number is not None
        found = [line for line in lines if number in line]
        assert found, (number, lines)
        # the word that says what the number is stays with it ("Phone:", "After hours:")
        assert all(not line.startswith(number) for line in found), found
    if stem == "hamstring-cramp":
        assert "After hours: +1 555 0199" in lines


def face_texts(path: Path, right_to_left: bool) -> tuple[str, str]:
    """The text of the front and of the back of the fold-over card at `path` (the front
    at the right in a right-to-left topic), each face read on its own."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        half = page.width / 2
        texts = [page.crop((x, 0, x + half, page.height)).extract_text() for x in (0, half)]
    front, back = texts[::-1] if right_to_left else texts
    return front, back


def plain(text: str) -> str:
    """`text` without spaces, stops and brackets: pdfplumber reads a right-to-left
    line in its visual order, its brackets mirrored."""
    return "".join(c for c in text if c.isalnum())


@pytest.mark.parametrize("name", SMALL)
@pytest.mark.parametrize("size", [CardSize.WALLET, CardSize.INDEX])
def test_the_back_says_the_heading_of_the_section_it_goes_on_with(name, size, tmp_path):
    """The warnings go on from the front to the back: the back begins with their
    heading said again ("When to get care (continued)"), then the SEE A PROVIDER
    label; the front has the heading once (before, the back began with the label)."""
    topic, _ = SHAPES[name]
    options = BuildOptions(card_size=size, card_layout=CardLayout.FOLD_OVER)
    plan = plan_card(topic, options)
    assert plan.split in plan.measured.inside  # the back begins inside the warnings
    labels = labels_for(topic)
    section = topic.sections[0]
    said_again = labels("card.continued", heading=section.heading)
    path = export_card(topic, tmp_path / "card.pdf", options)
    front, back = face_texts(path, labels.direction == "rtl")
    first = back.splitlines()[0] if back.strip() else ""
    if labels.direction == "rtl":  # read in visual order: its letters, in any order
        assert sorted(plain(first)) == sorted(plain(said_again)), first
    else:
        assert plain(back).startswith(plain(said_again + labels("card.urgency.soon"))), back
    if labels.direction == "rtl":
        front = "".join(line[::-1] for line in front.splitlines())
    assert plain(said_again) not in plain(front)
    assert plain(section.heading) in plain(front)


def test_the_heading_said_again_is_a_repeat_in_the_tagged_text(tmp_path):
    """The tagged card reads the warnings' heading once, as its H2 on the front: the
    back's is a pagination artifact; the card stays PDF/UA-1 and PDF/A-2a."""
    for name in ("small (warnings only)", "small, Arabic"):
        topic, _ = SHAPES[name]
        options = BuildOptions(card_size=CardSize.INDEX, card_layout=CardLayout.FOLD_OVER)
        path = export_card(topic, tmp_path / f"{topic.language}.pdf", options)
        assert_read_once(path, [topic.sections[0].heading])


def test_signs_to_see_a_provider_split_under_their_label_said_again(topic_file, tmp_path):
    """Ten signs that need a visit soon, in one group taller than an ID-1 card's panel:
    the card did not fit while the group never split. Now it splits between its signs;
    the back begins with the section's heading said again and the group's label, so no
    sign is read without the label that says how soon; the urgent sign stays on the
    front with its label."""
    data = minimal_topic()
    data["sections"][1]["items"] += [
        {"id": f"r{n}", "text": f"See a provider if sign {n} keeps coming back.", "urgency": "soon"}
        for n in range(1, 10)
    ]
    topic = load_topic(topic_file(data))
    options = BuildOptions(card_size=CardSize.ID1, card_layout=CardLayout.FOLD_OVER)
    plan = plan_card(topic, options)
    assert len(plan.measured.head(plan.split)) == 2  # inside the group: heading and label
    front, back = face_texts(export_card(topic, tmp_path / "card.pdf", options), False)
    assert back.splitlines()[:2] == ["Get care (continued)", "SEE A PROVIDER"], back
    assert "GET CARE NOW\n• Get care now if your leg swells." in front
    assert "SEE A PROVIDER\n• See a provider if it happens often." in front
    signs = ["it happens often", *(f"sign {n} keeps" for n in range(1, 10))]
    assert all((front + back).replace("\n", " ").count(sign) == 1 for sign in signs)
    faces = card_faces(topic, tmp_path, CardSize.ID1)
    assert faces is not None and faces.emptier <= 0.05, faces
    assert_read_once(tmp_path / "card.pdf", ["Get care", "SEE A PROVIDER"])


def assert_read_once(path: Path, headings: list[str]) -> None:
    """The tagged text of the card at `path` reads each of `headings` once (what the
    back says again is a pagination artifact), and the card is PDF/UA-1 and PDF/A-2a."""
    import page

    from tests.integration.test_tagged_pdfs import PROFILES, struct_text

    read = struct_text(path)
    for heading in headings:  # an Arabic text is read back with its letters reversed
        found = [role for role, text in read if plain(heading) in (plain(text), plain(text)[::-1])]
        assert len(found) == 1 and found[0] in {"H2", "H3"}, (heading, read)
    assert not [text for _, text in read if "continued" in text]
    for profile in PROFILES:
        report = page.validate_pdf(path, profile=profile)
        assert report.is_compliant and not report.rules.failed, (path.name, profile)
