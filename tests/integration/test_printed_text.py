"""Every text a PDF prints goes through one glyph and script check
(`generator.pdf.fonts.check_printed`): the topic's fields, its review date as its
language writes it, the labels of its language and the clinic's branding. A character
no bundled font has, or a letter the PDFs would print in reverse, is a content error
naming the file, line and field, whichever PDF prints it (issue 13, item 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build_topic
from generator.errors import ExportError
from generator.exporters import EXPORTERS
from generator.load import load_topic
from generator.options import BuildOptions
from tests.conftest import dump, line_of, minimal_topic, run_cli
from tests.integration import test_labels
from tests.integration.test_labels import write_catalogue

locales = test_labels.locales
"""The fixture that puts a folder of catalogues in place of the package's."""

ALL_FONTS = "DejaVuSans, DejaVuSans-Bold, DejaVuSansCondensed, DejaVuSansCondensed-Bold"
NOT_IN_FONTS = f"is not in the fonts {ALL_FONTS} (replace it, or write it out in words)"
REVERSED = (
    "is from a right-to-left script, which the PDFs cannot lay out: they would print it "
    "in reverse order (write this text in a left-to-right script)"
)
PDF_EXPORTERS = [e for e in EXPORTERS if e.suffix.endswith(".pdf")]


def build(*args: str | Path, out: Path):
    """`build` through the real command line; nothing may be written."""
    result = run_cli("build", *args, "--out", out)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() or not list(out.rglob("*.pdf")), "an output was written"
    return result.stderr.splitlines()


def test_version_in_chinese_is_refused_not_printed_as_empty_boxes(topic_file, tmp_path):
    """The handout's footer printed `1.0 □□`, and the build exited 0."""
    path = topic_file(minimal_topic(version="1.0 版本"))
    where = f"{path}:{line_of(path, 'version:')}: version"
    assert build(path, out=tmp_path / "out")[:2] == [
        f"{where}: the character '本' (U+672C) {NOT_IN_FONTS}",
        f"{where}: the character '版' (U+7248) {NOT_IN_FONTS}",
    ]


def test_hebrew_in_the_footer_is_refused_not_printed_backwards(topic_file, tmp_path):
    """The handout's footer printed a Hebrew version in reverse (the publisher, also in
    the footer, was refused, but only because the card checked it too)."""
    data = minimal_topic(version="1.0 גרסה")
    data["source"] = {"title": "A source", "publisher": "Clinic שלום"}
    path = topic_file(data)
    lines = build(path, out=tmp_path / "out")
    version = f"{path}:{line_of(path, 'version:')}: version"
    publisher = f"{path}:{line_of(path, 'publisher:')}: source.publisher"
    assert lines[:8] == [
        f"{where}: '{char}' (U+{ord(char):04X}) {REVERSED}"
        for where, text in ((version, "גרסה"), (publisher, "שלום"))
        for char in sorted(text)
    ]


def test_the_source_address_in_the_footer_is_checked_like_every_printed_text(topic_file, tmp_path):
    """`source.url` is printed in the handout's footer as written: a Hebrew path was
    printed in reverse, a Chinese one as empty boxes."""
    data = minimal_topic()
    data["source"] = {"title": "A source", "url": "https://example.org/שלום/版"}
    path = topic_file(data)
    where = f"{path}:{line_of(path, 'url:')}: source.url"
    lines = build(path, out=tmp_path / "out")
    assert f"{where}: the character '版' (U+7248) {NOT_IN_FONTS}" in lines
    assert f"{where}: 'ש' (U+05E9) {REVERSED}" in lines


def test_emoji_in_a_clinic_field_is_refused_not_dropped(topic_file, tmp_path):
    """An emoji in the clinic's address vanished from the handout's masthead."""
    path = topic_file()
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Valley Clinic\naddress: 'Main St 12 \U0001f3e5'\n", encoding="utf-8")
    line = build(path, "--clinic", clinic, out=tmp_path / "out")[0]
    # the build names the topic it was making first: `<topic file>: <clinic file>: ...`
    assert line.endswith(f"{clinic}: address: the character '\U0001f3e5' (U+1F3E5) {NOT_IN_FONTS}")


def test_translation_reviewer_is_checked_where_the_note_prints_it(topic_file, tmp_path):
    data = minimal_topic(translation_of="other-topic", translation_reviewed_by="Dr 李")
    path = topic_file(data)
    where = f"{path}:{line_of(path, 'translation_reviewed_by:')}: translation_reviewed_by"
    assert build(path, out=tmp_path / "out")[0] == (
        f"{where}: the character '李' (U+674E) {NOT_IN_FONTS}"
    )


def test_review_date_written_out_in_a_right_to_left_language_is_refused(topic_file, tmp_path):
    """Babel writes the handout footer's date in the topic's language: in Hebrew its
    month would print in reverse, though every text of the file is Latin."""
    path = topic_file(minimal_topic(language="he-IL"))
    lines = build(path, out=tmp_path / "out")
    where = f"{path}:{line_of(path, 'reviewed:')}: reviewed (as 'he-IL' writes dates)"
    assert f"{where}: '{sorted('ינואר')[0]}' (U+05D0) {REVERSED}" in lines


def test_a_label_with_a_character_the_fonts_lack_names_its_catalogue_entry(tmp_path, locales):
    """A catalogue's label prints on every PDF of its language: a character the fonts
    lack is named by catalogue file, line and key (`msgctxt`), and no PDF is made."""
    write_catalogue(locales, "xx", {"disclaimer": "Ask your provider \u2695\ufe0f \U0001fa7a."})
    folder = tmp_path / "topics"
    folder.mkdir()
    path = folder / "test-topic.yaml"
    path.write_text(dump(minimal_topic(language="xx")), encoding="utf-8")
    result = build_topic(path, tmp_path / "out", BuildOptions(labels=locales))
    assert not result.ok and not result.internal
    catalogue = locales / "xx.po"
    line = line_of(catalogue, 'msgctxt "disclaimer"') + 2  # its msgstr
    assert len(result.failed) == 1, result.failed
    [failure] = result.failed
    assert failure.message.endswith(  # after the topic's name
        f"{catalogue}:{line}: msgctxt \"disclaimer\": the character '\U0001fa7a' (U+1FA7A) "
        f"{NOT_IN_FONTS}"
    )
    assert set(failure.exporters) == {e.name for e in PDF_EXPORTERS}
    assert not list((tmp_path / "out" / "test-topic").glob("*.pdf"))


@pytest.mark.parametrize("exporter", PDF_EXPORTERS, ids=lambda e: e.name)
def test_every_pdf_refuses_every_printed_text_the_same_way(topic_file, tmp_path, exporter):
    """One check, so the card, its sheet, the handout and the study cards can never
    drift apart: each refuses a text that only another of them prints (the version,
    the handout's; a flashcard's back, the study cards'; an item's short text, the
    card's) with the same message."""
    data = minimal_topic(version="1.0 版")
    data["flashcards"][0]["back"] = "Rest \U0001f9ca."
    data["sections"][0]["items"][0]["short"] = "Rest \u05d0."
    path = topic_file(data)
    with pytest.raises(ExportError) as error:
        exporter.run(load_topic(path), tmp_path / "x.pdf", BuildOptions())
    assert str(error.value).splitlines() == [
        f"{path}:{line_of(path, 'version:')}: version: the character '版' (U+7248) {NOT_IN_FONTS}",
        f"{path}:{line_of(path, 'back:')}: flashcards[0].back: the character '\U0001f9ca' "
        f"(U+1F9CA) {NOT_IN_FONTS}",
        f"{path}:{line_of(path, 'short:')}: sections[0].items[0].short: '\u05d0' (U+05D0) "
        f"{REVERSED}",
    ]
