"""The pocket card's two faces balanced, measured with pdfplumber on the printed card
(`tests/card_shapes.py`), and where to get care printed with each phone number whole."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from generator.exporters.pocket_card import export_card
from generator.load import load_clinic, load_topic
from generator.model import CardLayout, CardSize
from generator.options import BuildOptions
from tests.card_shapes import CLINIC_FILE, ROOT, card_faces, shapes

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
