"""Every text a PDF prints goes through one glyph check
(`generator.pdf.fonts.check_printed`): the topic's fields, its review date as its
language writes it, the labels of its language and the clinic's branding. A text in
another script prints in that script's font, whichever field it is in; a character no
font we print with has is a content error naming the file, line and field, one line
per field, whichever PDF prints it (issues 13 and 24)."""

from __future__ import annotations

import subprocess
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

NOT_IN_FONTS = "is not in the fonts the PDFs print with (replace it, or write it out in words)"
PDF_EXPORTERS = [e for e in EXPORTERS if e.suffix.endswith(".pdf")]


def build(*args: str | Path, out: Path):
    """`build` through the real command line; nothing may be written."""
    result = run_cli("build", *args, "--out", out)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() or not list(out.rglob("*.pdf")), "an output was written"
    return result.stderr.splitlines()


def printed(path: Path, out: Path, *args: str | Path) -> str:
    """The handout PDF `build` makes of `path`, as `pdftotext` reads it back."""
    result = run_cli("build", path, *args, "--only", "handout-pdf", "--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    [pdf] = out.rglob("*.pdf")
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_version_in_chinese_prints_in_a_chinese_font(topic_file, tmp_path):
    """The handout's footer printed `1.0 □□`, and the build exited 0; then the build
    refused it. Now it prints, and reads back as written."""
    path = topic_file(minimal_topic(version="1.0 版本"))
    assert "1.0 版本" in printed(path, tmp_path / "out")


def test_hebrew_in_the_footer_prints_and_reads_back_in_order(topic_file, tmp_path):
    """The handout's footer printed a Hebrew version in reverse; then it was refused.
    Now its letters are drawn right to left and read back in the order written."""
    data = minimal_topic(version="1.0 גרסה")
    data["source"] = {"title": "A source", "publisher": "Clinic שלום"}
    text = printed(topic_file(data), tmp_path / "out")
    assert "גרסה" in text and "שלום" in text


def test_the_source_address_in_the_footer_prints_every_script_in_it(topic_file, tmp_path):
    """`source.url` is printed in the handout's footer as written: a Hebrew path was
    printed in reverse, a Chinese one as empty boxes."""
    data = minimal_topic()
    data["source"] = {"title": "A source", "url": "https://example.org/שלום/版"}
    text = printed(topic_file(data), tmp_path / "out")
    assert "שלום" in text and "版" in text


def test_emoji_in_a_clinic_field_is_refused_not_dropped(topic_file, tmp_path):
    """An emoji in the clinic's address vanished from the handout's masthead."""
    path = topic_file()
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Valley Clinic\naddress: 'Main St 12 \U0001f3e5'\n", encoding="utf-8")
    line = build(path, "--clinic", clinic, out=tmp_path / "out")[0]
    # the build names the topic it was making first: `<topic file>: <clinic file>: ...`
    assert line.endswith(f"{clinic}: address: the character '\U0001f3e5' (U+1F3E5) {NOT_IN_FONTS}")


def test_the_characters_a_field_lacks_make_one_line_naming_them_all(topic_file, tmp_path):
    """A field with several characters no font has is one message, not one per
    character (issue 24, item 4): they are named in code point order."""
    data = minimal_topic(
        translation_of="other-topic", translation_reviewed_by="Dr \U0001f9ca\U0001f468"
    )
    path = topic_file(data)
    where = f"{path}:{line_of(path, 'translation_reviewed_by:')}: translation_reviewed_by"
    assert build(path, out=tmp_path / "out")[:1] == [
        f"{where}: the characters '\U0001f468' (U+1F468), '\U0001f9ca' (U+1F9CA) are not in the "
        "fonts the PDFs print with (replace them, or write them out in words)"
    ]


def test_a_review_date_written_out_in_a_right_to_left_language_prints(topic_file, tmp_path):
    """Babel writes the handout footer's date in the topic's language: in Hebrew its
    month printed in reverse, then was refused; now it reads back as Babel wrote it."""
    text = printed(topic_file(minimal_topic(language="he-IL")), tmp_path / "out")
    assert "ינואר" in text  # January: the topic was reviewed on 2026-01-15


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
    data = minimal_topic(version="1.0 \U0001f4c4")
    data["flashcards"][0]["back"] = "Rest \U0001f9ca."
    data["sections"][0]["items"][0]["short"] = "Rest \U0001f6cc."
    path = topic_file(data)
    with pytest.raises(ExportError) as error:
        exporter.run(load_topic(path), tmp_path / "x.pdf", BuildOptions())
    assert str(error.value).splitlines() == [
        f"{path}:{line_of(path, where)}: {field}: the character '{char}' (U+{ord(char):04X}) "
        f"{NOT_IN_FONTS}"
        for where, field, char in (
            ("version:", "version", "\U0001f4c4"),
            ("short:", "sections[0].items[0].short", "\U0001f6cc"),
            ("back:", "flashcards[0].back", "\U0001f9ca"),
        )
    ]
