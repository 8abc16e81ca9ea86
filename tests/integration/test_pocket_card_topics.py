"""The pocket card for topics of other shapes than hamstring (issue 14): only urgent
warnings, alternatives, a clinic, a card message, items off the card, size auto, and
a topic that fits no card. Each card is read back with pypdf or pdfplumber."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from generator.errors import ContentError, ExportError
from generator.exporters.handout.html import export as export_html
from generator.exporters.handout.pdf import export as export_handout_pdf
from generator.exporters.pocket_card import export_card, plan_card
from generator.load import load_clinic, load_topic
from generator.model import CardLayout, CardSize, Topic
from generator.options import BuildOptions
from tests.conftest import HAMSTRING, dump, line_of, minimal_topic


def card_text(topic: Topic, tmp_path: Path, options: BuildOptions | None = None) -> list[str]:
    """The text of each page of the topic's card, whitespace made single spaces."""
    path = export_card(topic, tmp_path / "card.pdf", options or BuildOptions())
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def only_now_warnings() -> dict[str, Any]:
    """Heat illness as a clinic might write it: every warning is urgent."""
    data = minimal_topic(id="heat-illness", title="Heat illness")
    data["sections"][1]["items"] = [
        {"id": f"sign{n}", "text": text, "urgency": "now"}
        for n, text in enumerate(["Confusion or fainting.", "Hot, dry skin.", "No sweat."])
    ]
    data["flashcards"][1] = {"id": "c1", "section": "care", "cloze": "Get care for {{c1::a}}."}
    return data


def with_alternatives() -> dict[str, Any]:
    data = minimal_topic(id="choices")
    data["sections"][0]["alternatives"] = True
    data["sections"][0]["items"] = [
        {"id": "sit", "text": "Sit and stretch the leg."},
        {"id": "stand", "text": "Stand and stretch the leg."},
    ]
    return data


def test_a_topic_with_only_now_warnings(topic_file, tmp_path):
    topic = load_topic(topic_file(only_now_warnings(), name="heat-illness"))
    text = " ".join(card_text(topic, tmp_path))
    for item in topic.sections[1].items:
        assert item.text in text
    assert "GET CARE NOW" in text
    assert "SEE A PROVIDER" not in text


def test_a_now_warning_cannot_be_left_off_the_card(topic_file):
    data = minimal_topic()
    data["sections"][1]["items"][0]["on_card"] = False
    path = topic_file(data)
    with pytest.raises(ContentError) as error:
        load_topic(path)
    assert str(error.value) == (
        f"{path}:{line_of(path, 'on_card: false')}: sections[1].items[0].on_card: would leave "
        "the 'now' warning 'swelling' off the pocket card, and every 'now' warning is on the "
        "card (shorten a warning with 'short' instead; on_card: false is for 'soon' items)"
    )


def test_a_warnings_section_with_now_signs_cannot_be_left_off_the_card(topic_file):
    data = only_now_warnings()
    data["sections"][1]["on_card"] = False
    path = topic_file(data, name="heat-illness")
    with pytest.raises(ContentError) as error:
        load_topic(path)
    assert str(error.value).startswith(
        f"{path}:{line_of(path, 'on_card: false')}: sections[1].on_card: would leave the "
        "'now' warnings 'sign0', 'sign1', 'sign2' off the pocket card"
    )


def test_soon_warnings_and_other_items_leave_the_card_only_when_told(topic_file, tmp_path):
    data = minimal_topic()
    data["sections"][0]["items"].append({"id": "ice", "text": "Put ice on it.", "on_card": False})
    everything = card_text(load_topic(topic_file(data)), tmp_path)
    data["sections"][1]["items"][1]["on_card"] = False
    without_soon = " ".join(card_text(load_topic(topic_file(data)), tmp_path))
    assert "See a provider if it happens often." in " ".join(everything)
    assert "Put ice on it." not in " ".join(everything)
    assert "See a provider if it happens often." not in without_soon
    assert "SEE A PROVIDER" not in without_soon  # an emptied group loses its label too
    assert "Get care now if your leg swells." in without_soon


def test_alternatives_are_choices_on_the_card_and_both_handouts(topic_file, tmp_path):
    topic = load_topic(topic_file(with_alternatives(), name="choices"))
    text = " ".join(card_text(topic, tmp_path))
    assert "Do this now Do one of these: • Sit and stretch the leg. • Stand and stretch" in text
    assert "1." not in text
    handout = export_handout_pdf(topic, tmp_path / "handout.pdf", BuildOptions())
    handout_text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(handout).pages)
    assert "Do one of these: • Sit and stretch the leg. • Stand and stretch" in handout_text
    assert "1. Sit" not in handout_text
    html = export_html(topic, tmp_path / "handout.html", BuildOptions()).read_text()
    assert '<p class="alternatives">Do one of these:</p>\n    <ul>\n      <li>Sit and' in html
    assert "<ol>" not in html


def test_alternatives_only_on_steps_sections(topic_file):
    data = minimal_topic()
    data["sections"][1]["alternatives"] = True
    path = topic_file(data)
    with pytest.raises(ContentError) as error:
        load_topic(path)
    assert str(error.value) == (
        f"{path}:{line_of(path, 'alternatives: true')}: sections[1].alternatives: only a "
        "'steps' section has alternatives, this section is 'warnings' (delete the key)"
    )


def write_clinic(tmp_path: Path, **fields: str) -> Path:
    path = tmp_path / "clinic.yaml"
    path.write_text(dump(fields), encoding="utf-8")
    return path


def test_clinic_name_phone_and_emergency_line_are_on_the_card(topic_file, tmp_path):
    topic = load_topic(topic_file(only_now_warnings(), name="heat-illness"))
    clinic = load_clinic(
        write_clinic(
            tmp_path, name="Riverside Clinic", phone="+1 555 0100", emergency="Emergency: call 911"
        )
    )
    for layout in CardLayout:
        options = BuildOptions(card_layout=layout, clinic=clinic)
        back = card_text(topic, tmp_path, options)[-1]
        assert "Confusion or fainting. • Hot, dry skin. • No sweat. Emergency: call 911 " in back
        assert "Emergency: call 911 Riverside Clinic · Phone: +1 555 0100" in back
        assert "My clinic" not in back


def test_without_a_clinic_the_card_has_a_line_to_write_one_in(topic_file, tmp_path):
    text = " ".join(card_text(load_topic(topic_file()), tmp_path))
    assert "My clinic / phone: ________" in text
    # a clinic without a phone gets a blank for it, never a number of ours
    clinic = load_clinic(write_clinic(tmp_path, name="Riverside Clinic"))
    text = " ".join(card_text(load_topic(topic_file()), tmp_path, BuildOptions(clinic=clinic)))
    assert "Riverside Clinic · Phone: ________" in text


def test_clinic_emergency_line_is_checked_like_other_clinic_texts(tmp_path):
    path = write_clinic(tmp_path, name="Riverside Clinic", emergency="Call " * 40)
    with pytest.raises(ContentError) as error:
        load_clinic(path)
    assert str(error.value).startswith(f"{path}:2: emergency: ")


def test_front_carries_the_main_message_or_the_card_message(topic_file, tmp_path):
    front = card_text(load_topic(topic_file()), tmp_path)[0]
    assert front.startswith("Test topic Rest and drink water. Do this now")
    data = minimal_topic(card_message="Rest first.")
    front = card_text(load_topic(topic_file(data)), tmp_path)[0]
    assert front.startswith("Test topic Rest first. Do this now")
    assert "drink water" not in front


def test_size_auto_picks_the_smallest_card_that_fits(hamstring, hamstring_full_card, topic_file):
    small = load_topic(topic_file(minimal_topic(pocket_card={"size": "auto"})))
    assert plan_card(small, BuildOptions()).size is CardSize.WALLET
    auto = BuildOptions(card_size=CardSize.AUTO)
    assert plan_card(hamstring_full_card, auto).size is CardSize.A7
    assert plan_card(hamstring, auto).size is CardSize.ID1  # stretches and warnings only


def test_warnings_take_the_room_the_body_leaves(hamstring, tmp_path):
    """The hamstring card's back was 40% empty with warnings at the body size. Today's
    hamstring card has no such room (massage and warmth-or-cold follow the warnings on
    its back), so the card here has the shape it had when this was found: the
    stretches, the massage and the whole prevention checklist before the warnings
    (which now share the back with the end of the checklist)."""
    by_id = {section.id: section for section in hamstring.sections}
    prevention = by_id["prevention"]
    by_id["prevention"] = replace(
        prevention,
        on_card=True,
        items=tuple(replace(item, on_card=True) for item in prevention.items),
    )
    by_id["massage"] = replace(by_id["massage"], on_card=True)
    order = ["relief", "massage", "prevention", "get-care"]
    topic = replace(hamstring, sections=tuple(by_id[i] for i in order))
    path = export_card(topic, tmp_path / "card.pdf", BuildOptions(card_size=CardSize.A7))
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        chars = page.chars
        body = min(c["size"] for c in chars)
        warning = max(c["size"] for c in chars if c["text"] == "C" and "Bold" in c["fontname"])
        back = [c for c in chars if c["x0"] > page.width / 2]
        lowest = max(c["bottom"] for c in back)
    # 8 pt, warnings 10.5 or more, while a section never split; now the checklist's end
    # shares the back with the warnings, and the body takes the room (warnings at its size);
    # 9.5 pt until the back began with the checklist's heading said again, 9.25 pt since
    assert body >= 9.25 - 1e-6
    assert warning >= body
    assert warning <= 12
    assert lowest > page.height * 0.75  # the back is filled, not left half empty


def long_topic() -> dict[str, Any]:
    """Six sections and eight warnings, like a heat-illness topic: fits no card."""
    data = minimal_topic(id="long-topic")
    text = "Move to a cool place, loosen tight clothes and sip cool water slowly."
    data["sections"] = [
        {
            "id": f"part{n}",
            "heading": f"Part {n}",
            "kind": "checklist",
            "items": [{"id": f"i{k}", "text": text} for k in range(5)],
        }
        for n in range(5)
    ]
    data["sections"].append(
        {
            "id": "care",
            "heading": "Get care",
            "kind": "warnings",
            "items": [{"id": f"w{k}", "text": text, "urgency": "now"} for k in range(8)],
        }
    )
    data["flashcards"] = [{"id": "q", "section": "care", "front": "Q?", "back": "A."}]
    return data


def test_a_topic_that_fits_no_card(topic_file, tmp_path):
    path = topic_file(long_topic(), name="long-topic")
    topic = load_topic(path)
    with pytest.raises(ExportError) as error:
        export_card(topic, tmp_path / "card.pdf", BuildOptions(card_size=CardSize.AUTO))
    lines = str(error.value).splitlines()
    assert lines[0].startswith(f"{path}: pocket_card: the card's text is about ")
    assert "pt too tall for the index card at the 8 pt minimum: it needs " in lines[0]
    assert lines[0].endswith(", and the two panels hold 2 x 198 pt")
    assert "--card-size" not in lines[0]  # no larger card fits it
    assert lines[1:] == [
        "  leave these off the card with on_card: false, in this order (the card then needs "
        "367 pt and fits):",
        *(
            f"  {path}:{line_of(path, f'id: part{n}')}: sections[{n}] (part{n}, 'Part {n}'): "
            f"the whole section, {saved} pt less"
            for n, saved in ((4, 68), (3, 67))
        ),  # never a 'now' warning: those stay
    ]
    assert not (tmp_path / "card.pdf").exists()


def test_the_spanish_hamstring_card_still_fits_a7():
    topic = load_topic(HAMSTRING.with_name("hamstring-cramp-es.yaml"))
    assert plan_card(topic, BuildOptions()).size is CardSize.A7
