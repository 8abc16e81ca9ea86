"""Every text is normalised to NFC when it is read (`files.read_text`): a topic, its
clinic file and a clinic's label catalogue saved decomposed (NFD, as some editors and
macOS write them: a letter, then its combining accents) build the very same bytes as
the same files saved composed (NFC)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from generator.build import build_topic
from generator.exporters import EXPORTERS
from generator.labels import labels_for
from generator.load import load_clinic, load_topic
from generator.options import BuildOptions
from tests.conftest import ROOT, dump, minimal_topic

VIETNAMESE = minimal_topic(
    id="chuot-rut",
    title="Chuột rút cơ đùi sau",
    language="vi-VN",
    main_message="Chuột rút thường vô hại: hãy kéo giãn cơ nhẹ nhàng.",
    source={"title": "Bài viết gốc", "publisher": "Nhà xuất bản"},
    sections=[
        {
            "id": "ngay",
            "heading": "Làm ngay",
            "kind": "steps",
            "items": [{"id": "ngoi", "text": "Ngồi xuống, duỗi thẳng chân bị chuột rút."}],
        },
        {
            "id": "kham",
            "heading": "Khi nào cần đi khám",
            "kind": "warnings",
            "items": [
                {"id": "sung", "text": "Đi khám ngay nếu chân sưng nhiều.", "urgency": "now"},
                {"id": "hay", "text": "Gặp bác sĩ nếu chuột rút hay xảy ra.", "urgency": "soon"},
            ],
        },
    ],
    flashcards=[
        {"id": "q1", "section": "ngay", "front": "Làm gì trước tiên?", "back": "Kéo giãn cơ."},
        {"id": "c1", "section": "kham", "cloze": "Đi khám ngay nếu chân {{c1::sưng nhiều}}."},
    ],
)
CLINIC = "name: Phòng khám Hòa Bình\nphone: +1 555 0100\nemergency: Gọi 911 ngay\n"
CATALOGUE = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
    '"X-Reviewed-By: \\n"\n\n'
    'msgctxt "urgency.soon"\nmsgid "See a health care provider"\nmsgstr "Gặp bác sĩ sớm"\n'
)


def write_project(folder: Path, form: str) -> Path:
    """The Vietnamese topic, a clinic file and a label catalogue in `folder`, every
    file in normal form `form`; the topic's path."""
    (folder / "labels").mkdir(parents=True)
    (folder / "labels" / "vi.po").write_text(unicodedata.normalize(form, CATALOGUE), "utf-8")
    (folder / "clinic.yaml").write_text(unicodedata.normalize(form, CLINIC), "utf-8")
    topic = folder / "chuot-rut.yaml"
    topic.write_text(unicodedata.normalize(form, dump(VIETNAMESE)), encoding="utf-8")
    return topic


def test_decomposed_files_build_the_same_bytes_as_composed_ones(tmp_path):
    built = {}
    for form in ("NFC", "NFD"):
        topic = write_project(tmp_path / form, form)
        assert unicodedata.is_normalized("NFD", topic.read_text(encoding="utf-8")) is (
            form == "NFD"
        )
        options = BuildOptions(clinic=load_clinic(tmp_path / form / "clinic.yaml"))
        result = build_topic(topic, tmp_path / form / "out", options)
        assert result.ok, (result.error, result.failed)
        assert len(result.written) == len(EXPORTERS)
        built[form] = {path.name: path.read_bytes() for path in result.written}
    assert built["NFD"] == built["NFC"]
    assert "Gặp bác sĩ sớm".encode() in built["NFC"]["chuot-rut-handout.html"]


def test_every_text_read_is_composed(tmp_path):
    topic_path = write_project(tmp_path, "NFD")
    topic = load_topic(topic_path)
    clinic = load_clinic(tmp_path / "clinic.yaml")
    label = labels_for(topic)("urgency.soon")
    texts = [topic.title, topic.main_message, topic.sections[1].items[0].text, clinic.name, label]
    assert texts[0] == "Chuột rút cơ đùi sau" and label == "Gặp bác sĩ sớm"
    assert all(unicodedata.is_normalized("NFC", text) for text in texts), texts


def test_the_shipped_catalogues_are_composed():
    for path in sorted((ROOT / "generator" / "labels" / "locales").glob("*.po*")):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), path.name
