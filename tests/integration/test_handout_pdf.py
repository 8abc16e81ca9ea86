"""The clinic handout PDF, read back with real PDF readers (pypdf, pdfplumber)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pytest
from reportlab.platypus import Spacer

from generator.errors import ExportError
from generator.exporters.handout import content as handout_content
from generator.exporters.handout import pdf as handout_pdf
from generator.exporters.handout.beside import beside
from generator.exporters.handout.story import CHECKBOX, Story
from generator.exporters.handout.styles import make_styles
from generator.load import load_clinic, load_topic
from generator.model import SectionKind, Topic, Urgency
from generator.options import BuildOptions, Paper
from generator.pdf.fonts import register_fonts
from generator.pdf.tags import Tag
from generator.pdf.writing import printing
from tests.conftest import ROOT, line_of, minimal_topic, run_cli
from tests.integration.scripts import script_topic_file

CLINIC_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "clinic" / "clinic.yaml"
BASE14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica",
    "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold",
    "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats",
}  # fmt: skip


def build(topic: Topic, tmp_path: Path, name: str = "handout.pdf", **options) -> Path:
    return handout_pdf.export(topic, tmp_path / name, BuildOptions(**options))


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"[\w'\u2019-]+", text))


def char_sizes(path: Path) -> list[float]:
    with pdfplumber.open(path) as pdf:
        return [char["size"] for page in pdf.pages for char in page.chars]


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("branded", [False, True], ids=["plain", "clinic-and-qr"])
def test_hamstring_fits_three_pages_at_12_pt_with_the_warnings_box_whole_on_page_1(
    hamstring, tmp_path, paper, branded
):
    """Three pages at 12 pt in every variant: page 1 has the main message and the whole
    warnings box (where to get care at its end), then, without a clinic's masthead,
    the first way to ease a cramp. The author put the box after the steps that ease a
    cramp; it moves up to the latest place where it prints whole on page 1
    (`handout/pagination.py`)."""
    topic = replace(hamstring, url="https://example.org/hamstring-cramp") if branded else hamstring
    clinic = load_clinic(CLINIC_FILE) if branded else None
    path = build(topic, tmp_path, paper=paper, clinic=clinic)
    reader = pypdf.PdfReader(path)
    assert 1 <= len(reader.pages) <= 3
    pages = [flat(text) for text in page_texts(path)]
    care = hamstring.sections_of(SectionKind.WARNINGS)[0]
    box = [care.heading, *(item.text for item in care.items), "Where to get care"]
    for text in [hamstring.main_message, *box]:
        assert flat(text) in pages[0], text
    relief = hamstring.sections[0]  # after the box: on page 1 when room is left for it
    first_aid = [relief.heading, relief.items[0].text]
    assert all(flat(text) in pages[0 if not branded else 1] for text in first_aid)
    expected = {Paper.LETTER: (612, 792), Paper.A4: (595, 842)}[paper]
    media = reader.pages[0].mediabox
    assert (round(float(media.width)), round(float(media.height))) == expected


def test_every_key_fact_is_printed(hamstring, tmp_path):
    path = build(hamstring, tmp_path)
    text = "\n".join(page_texts(path))
    printed = words(text)
    source = handout_content.handout_text(hamstring).source  # the source as the footer says it
    expected = [hamstring.title, hamstring.main_message, source]
    for section in hamstring.sections:
        expected += [section.heading, section.intro or ""]
        expected += [
            item.card_text if section.handout_short else item.text for item in section.items
        ]
    for field in expected:
        missing = words(field) - printed
        assert not missing, f"not printed: {sorted(missing)} of {field!r}"
    assert flat(hamstring.main_message) in flat(text)


def test_main_message_first_and_urgent_warnings_first(hamstring, tmp_path):
    text = flat("\n".join(page_texts(build(hamstring, tmp_path))))
    first_heading = text.index(hamstring.sections[0].heading)
    assert text.index(flat(hamstring.main_message)) < first_heading
    now = text.index(handout_content.handout_text(hamstring).urgency[Urgency.NOW])
    soon = text.index(handout_content.handout_text(hamstring).urgency[Urgency.SOON])
    assert now < soon
    warnings = hamstring.sections_of(SectionKind.WARNINGS)[0]
    soon_item = next(i for i in warnings.items if i.urgency == "soon")
    for item in warnings.items:
        if item.urgency == "now":  # every urgent sign is printed before the "soon" one
            assert text.index(flat(item.text)[:40]) < text.index(flat(soon_item.text)[:40])


def test_steps_numbered_and_checklist_has_tick_boxes(hamstring, tmp_path):
    text = flat("\n".join(page_texts(build(hamstring, tmp_path))))
    steps = hamstring.sections_of(SectionKind.STEPS)
    sequences = [section for section in steps if not section.alternatives]
    choices = [section for section in steps if section.alternatives]
    assert sequences and choices  # the hamstring topic has both kinds of steps
    for section in sequences:
        for number, item in enumerate(section.items, start=1):
            caption = item.picture.caption if item.picture and item.picture.caption else None
            assert f"{number}. {caption + ' ' if caption else ''}{item.text.split()[0]}" in text
    for section in choices:  # bullets under "Do one of these", never numbers
        lead = handout_content.handout_text(hamstring).alternatives
        assert f"{section.heading} {section.intro + ' ' if section.intro else ''}{lead}" in text
        for item in section.items:
            caption = item.picture.caption if item.picture and item.picture.caption else None
            first = f"{caption + ' ' if caption else ''}{item.text.split()[0]}"
            assert f"\N{BULLET} {first}" in text
            assert f"1. {first}" not in text
    checklist = hamstring.sections_of(SectionKind.CHECKLIST)[0]
    assert text.count(CHECKBOX) == len(checklist.items)


def test_smallest_font_is_12_pt(hamstring, tmp_path):
    sizes = char_sizes(build(hamstring, tmp_path))
    assert min(sizes) >= 12 - 0.01
    assert Counter(round(s) for s in sizes).most_common(1)[0][0] == 12  # body text


def test_large_print_smallest_font_is_16_pt(hamstring, tmp_path):
    sizes = char_sizes(build(hamstring, tmp_path, large_print=True))
    assert min(sizes) >= 16 - 0.01


def test_text_is_left_aligned_not_justified(hamstring, tmp_path):
    # Justified text stretches word spacing (Tw) on every full line; ragged-right never does.
    for page in pypdf.PdfReader(build(hamstring, tmp_path)).pages:
        stream = page.get_contents().get_data()
        assert b"Tj" in stream
        assert all(float(tw) == 0 for tw in re.findall(rb"(-?[\d.]+) Tw", stream))


def test_every_font_is_embedded_and_none_is_base14(hamstring, tmp_path):
    """With every optional part: clinic header and a QR code (ReportLab's own QR
    drawing once set an unembedded Helvetica)."""
    topic = replace(hamstring, url="https://example.org/hamstring-cramp")
    path = build(topic, tmp_path, clinic=load_clinic(CLINIC_FILE))
    seen = set()
    for page in pypdf.PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"]).lstrip("/")
            seen.add(name.split("+")[-1])
            assert name.split("+")[-1] not in BASE14
            descriptor = font["/FontDescriptor"].get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert seen == {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSansCondensed"}


def test_footer_on_every_page(hamstring, tmp_path):
    texts = page_texts(build(hamstring, tmp_path))
    for number, text in enumerate(texts, start=1):
        text = flat(text)
        assert f"Page {number} of {len(texts)}" in text
        assert handout_content.handout_text(hamstring).disclaimer in text
        assert handout_content.handout_text(hamstring).source in text
        assert handout_content.handout_text(hamstring).version in text


def test_metadata(hamstring, tmp_path):
    reader = pypdf.PdfReader(build(hamstring, tmp_path))
    assert reader.metadata.title == hamstring.title
    assert reader.metadata.subject == "Clinic handout"
    assert str(reader.trailer["/Root"]["/Lang"]) == hamstring.language
    assert reader.metadata.creation_date.date() == hamstring.reviewed


def test_rebuild_is_byte_identical(hamstring, tmp_path):
    clinic = load_clinic(CLINIC_FILE)
    first = build(hamstring, tmp_path, "a.pdf", clinic=clinic, paper=Paper.A4)
    second = build(hamstring, tmp_path, "b.pdf", clinic=clinic, paper=Paper.A4)
    assert first.read_bytes() == second.read_bytes()


def test_build_time_is_the_pdf_date(hamstring, tmp_path):
    path = build(hamstring, tmp_path, source_date_epoch=1_700_000_000)
    created = pypdf.PdfReader(path).metadata.creation_date
    assert int(created.timestamp()) == 1_700_000_000


def test_markup_characters_print_as_written(topic_file, tmp_path):
    data = minimal_topic(title='Test <b & "x"', main_message='If pain <b & "x" then stop.')
    data["sections"][0]["items"][0]["text"] = 'Rest <i>now</i> & "then" go.'
    topic = load_topic(topic_file(data))
    text = flat("\n".join(page_texts(build(topic, tmp_path))))
    assert 'Test <b & "x"' in text
    assert 'If pain <b & "x" then stop.' in text
    assert 'Rest <i>now</i> & "then" go.' in text


def test_clinic_header_with_logo(hamstring, tmp_path):
    clinic = load_clinic(CLINIC_FILE)
    path = build(hamstring, tmp_path, clinic=clinic)
    with pdfplumber.open(path) as pdf:
        first = pdf.pages[0]
        text = flat(first.extract_text())
        assert len(first.images) == 1
        assert first.images[0]["top"] < 100  # at the top of the page
    for detail in (clinic.name, clinic.phone, clinic.address, clinic.website):
        assert detail in text
    assert text.index(clinic.name) < text.index(hamstring.title)


def test_no_clinic_header_by_default(hamstring, tmp_path):
    with pdfplumber.open(build(hamstring, tmp_path)) as pdf:
        assert not pdf.pages[0].images
        assert flat(pdf.pages[0].extract_text()).startswith(hamstring.title)


def test_qr_code_when_topic_has_url(topic_file, tmp_path):
    url = "https://example.org/test-topic"
    with_url = load_topic(topic_file(minimal_topic(url=url)))
    without = load_topic(topic_file(minimal_topic(id="no-url"), name="no-url"))
    with pdfplumber.open(build(with_url, tmp_path, "url.pdf")) as pdf:
        page = pdf.pages[0]
        modules = [r for r in page.rects if r["fill"] and r["width"] < 10 and r["top"] < 150]
        assert len(modules) > 50  # the dark modules of the code, in the title row
        assert url in "".join(page.extract_text().split())  # the caption may wrap it
    with pdfplumber.open(build(without, tmp_path, "plain.pdf")) as pdf:
        assert not [r for r in pdf.pages[0].rects if r["width"] < 10]


def test_character_missing_from_font_is_an_export_error(topic_file, tmp_path):
    data = minimal_topic()
    data["sections"][0]["items"][0]["text"] = "Rest \U0001f9b5 now."
    path = topic_file(data)
    topic = load_topic(path)
    with pytest.raises(ExportError) as caught:
        build(topic, tmp_path)
    line = line_of(path, "text: Rest")
    assert str(caught.value).startswith(f"{path}:{line}: sections[0].items[0].text: ")
    assert "U+1F9B5" in str(caught.value)


def test_clinic_character_missing_from_font_names_the_clinic_file(hamstring, tmp_path):
    branding = tmp_path / "clinic.yaml"
    branding.write_text("name: Clinic \U0001f9b5 Care\nphone: '555 0100'\n", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        build(hamstring, tmp_path, clinic=load_clinic(branding))
    assert str(caught.value) == (  # one line for the field
        f"{branding}: name: the character '\U0001f9b5' (U+1F9B5) is not in the fonts the PDFs "
        "print with (replace it, or write it out in words)"
    )


# --- page breaks, long sections and wide numbers -----------------------------------


def page_lines(path: Path) -> list[list[str]]:
    with pdfplumber.open(path) as pdf:
        return [[line["text"] for line in page.extract_text_lines()] for page in pdf.pages]


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("large_print", [False, True], ids=["12pt", "large-print"])
def test_no_page_ends_with_a_heading_label_or_intro(hamstring, tmp_path, paper, large_print):
    """What introduces a list stays on the page of the list's first item."""
    leads = {section.heading for section in hamstring.sections}
    intros = [section.intro for section in hamstring.sections if section.intro]
    for section in hamstring.sections:
        if section.kind is SectionKind.WARNINGS:
            leads |= {
                handout_content.handout_text(hamstring).urgency[g.urgency]
                for g in section.urgency_groups
            }
    pages = page_lines(build(hamstring, tmp_path, paper=paper, large_print=large_print))
    assert len(pages) >= 2
    for number, lines in enumerate(pages, start=1):
        footer = handout_content.handout_text(hamstring).source[:20]
        body = lines[: next(i for i, line in enumerate(lines) if line.startswith(footer))]
        assert body[-1] not in leads, (number, body[-1])
        assert not any(intro.endswith(body[-1]) for intro in intros), (number, body[-1])


@pytest.mark.parametrize(
    ("count", "text", "large_print"),
    [
        (35, "Get care right away if a cramp comes with a lot of swelling in your leg.", False),
        (14, "Get care right away if a cramp comes with a lot of swelling in your leg.", True),
        (6, ("Get care right away if your leg swells. " * 25)[:990], False),
    ],
    ids=["35-warnings", "14-warnings-large-print", "6-long-warnings"],
)
def test_a_warnings_box_longer_than_a_page_breaks_across_pages(
    topic_file, tmp_path, count, text, large_print
):
    data = minimal_topic()
    data["sections"][1]["items"] = [
        {"id": f"w{i}", "text": f"{i}: {text}", "urgency": "now"} for i in range(count)
    ]
    topic = load_topic(topic_file(data))
    path = build(topic, tmp_path, large_print=large_print)
    printed = words(" ".join(page_texts(path)))
    assert len(pypdf.PdfReader(path).pages) >= 2
    for item in topic.sections[1].items:
        assert not words(item.text) - printed, item.id


def test_two_digit_step_numbers_do_not_touch_their_text(topic_file, tmp_path):
    data = minimal_topic()
    data["sections"][0]["items"] = [
        {"id": f"s{i}", "text": f"Do step {i + 1} and rest.", "short": "Rest."} for i in range(12)
    ]
    path = build(load_topic(topic_file(data)), tmp_path, large_print=True)
    with pdfplumber.open(path) as pdf:  # the warnings print first: the steps span pages
        pages = [page.extract_words() for page in pdf.pages]
    for number in range(1, 13):
        found = next(words for words in pages if any(w["text"] == f"{number}." for w in words))
        label = next(w for w in found if w["text"] == f"{number}.")
        following = min(
            (w for w in found if abs(w["top"] - label["top"]) < 2 and w["x0"] > label["x0"]),
            key=lambda w: w["x0"],
        )
        assert following["text"] == "Do"
        assert following["x0"] - label["x1"] >= 4, number


def test_a_caption_keeps_clear_of_the_picture_below_it(hamstring, tmp_path):
    """'Sitting stretch' printed a point above the head of the standing figure under it,
    as if it named that one: a picture's caption ends its row with a gap."""
    relief = hamstring.sections[0]
    captions = ["Sitting stretch", "Standing stretch"]
    items = tuple(
        replace(item, picture=replace(item.picture, caption=caption))
        for item, caption in zip(relief.items, captions, strict=True)
    )
    topic = replace(hamstring, sections=(replace(relief, items=items),))  # both on page 1
    path = build(topic, tmp_path)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        caption = next(w for w in page.extract_words() if w["text"] == "Sitting")
        below = [
            shape["top"]
            for shape in page.curves + page.lines
            if shape["top"] > caption["top"] and shape["x1"] - shape["x0"] < 100
        ]  # the standing figure: its head, body and floor (not the box rules across the page)
    assert min(below) - caption["bottom"] >= 3  # it was 1.3 pt


def page_margin(page) -> float:
    """The handout page's margin (`fitting.Fit.margin`): where its footer rule starts."""
    return min(e["x0"] for e in page.horizontal_edges if e["width"] > page.width / 2)


def test_masthead_stays_inside_the_margins(hamstring, tmp_path):
    topic = replace(hamstring, url="https://example.org/hamstring-cramp")
    path = build(topic, tmp_path, clinic=load_clinic(CLINIC_FILE))
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        right = page.width - page_margin(page)
        assert max(c["x1"] for c in page.chars) <= right + 0.5
        assert max(line["x1"] for line in page.lines) <= right + 0.5


def test_a_block_taller_than_a_page_is_split_inside_not_an_error(topic_file, tmp_path):
    """Heading, intro, label and first warning stay in one block; when that block alone
    is taller than a page, it splits inside rather than failing the build."""
    data = minimal_topic()
    care = data["sections"][1]
    care["heading"] = "When to get care " * 4
    care["intro"] = ("Some signs mean a provider should check you soon. " * 20)[:1000]
    care["items"] = [
        {
            "id": f"w{i}",
            "text": ("Get care right away if your leg swells badly. " * 25)[:1000],
            "urgency": "now",
        }
        for i in range(2)
    ]
    topic = load_topic(topic_file(data))
    path = build(topic, tmp_path, large_print=True)
    printed = words(" ".join(page_texts(path)))
    assert not words(care["intro"]) - printed
    assert len(pypdf.PdfReader(path).pages) >= 2


@pytest.mark.parametrize(
    "cut", [lambda logo: logo[:40], lambda logo: logo[: len(logo) // 2]], ids=["in-header", "after"]
)
def test_a_damaged_clinic_logo_is_named_not_blamed_on_the_disk(hamstring, tmp_path, cut):
    """Cut short inside its header, or after it (the header whole, the pixels not): it
    was reported as 'cannot write output ... check --out and free disk space'."""
    (tmp_path / "logo.png").write_bytes(cut((CLINIC_FILE.parent / "logo.png").read_bytes()))
    (tmp_path / "clinic.yaml").write_text("name: X Clinic\nlogo: logo.png\n", encoding="utf-8")
    with pytest.raises(ExportError) as error:
        build(hamstring, tmp_path, clinic=load_clinic(tmp_path / "clinic.yaml"))
    assert str(error.value) == (
        f"{tmp_path / 'clinic.yaml'}:2: logo: 'logo.png' is a damaged or incomplete PNG file "
        "(save or export it again)"
    )


def test_web_addresses_wrap_after_a_separator_not_inside_a_word(hamstring, tmp_path):
    """The QR caption read 'https://example.org/ha' / 'mstring-cramp'."""
    topic = replace(hamstring, url="https://example.org/hamstring-cramp")
    for large_print in (False, True):
        path = build(topic, tmp_path, clinic=load_clinic(CLINIC_FILE), large_print=large_print)
        lines = page_lines(path)[0]
        assert "https://example.org/" in lines and "hamstring-cramp" in lines
        assert not any(line.endswith(("/ha", "https:/", "http")) for line in lines)


# --- a warnings box is never split across pages (issue 16) ---------------------------


def page_of(pages: list[str], text: str) -> int:
    """The 1-based number of the one page whose text holds all of `text` (the main
    message repeats the first words of a sign: "Get care right away if a cramp ...")."""
    found = [number for number, page in enumerate(pages, start=1) if flat(text) in flat(page)]
    assert len(found) == 1, (text, found)
    return found[0]


def warning_pages(topic: Topic, path: Path) -> list[tuple[int, set[int]]]:
    """For each warnings section: its heading's page and the pages of its signs."""
    pages = page_texts(path)
    return [
        (page_of(pages, s.heading), {page_of(pages, item.text) for item in s.items})
        for s in topic.sections
        if s.kind is SectionKind.WARNINGS
    ]


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("large_print", [False, True], ids=["12pt", "large-print"])
@pytest.mark.parametrize("branded", [False, True], ids=["plain", "clinic"])
def test_hamstring_urgent_warnings_are_on_page_1(hamstring, tmp_path, paper, large_print, branded):
    """At 12 pt the whole box is on page 1; in large print at least its heading and
    every sign that needs care right away (the rest of the box follows on page 2)."""
    clinic = load_clinic(CLINIC_FILE) if branded else None
    path = build(hamstring, tmp_path, paper=paper, large_print=large_print, clinic=clinic)
    pages = page_texts(path)
    care = hamstring.sections_of(SectionKind.WARNINGS)[0]
    assert page_of(pages, care.heading) == 1
    urgent = [sign for sign in care.items if sign.urgency is Urgency.NOW]
    assert {page_of(pages, sign.text) for sign in urgent} == {1}
    if not large_print:
        assert {page_of(pages, sign.text) for sign in care.items} == {1}


def long_facts_then_warnings(
    topic_file: Any, facts: int, now: int, soon: int = 0
) -> tuple[Topic, list[str]]:
    """A topic whose long facts section comes before its warnings: `now` signs that
    need care right away and `soon` others."""
    data = minimal_topic()
    texts = [
        f"Fact {i}: muscles work best when you drink water through the day." for i in range(facts)
    ]
    data["sections"].insert(
        1,
        {
            "id": "facts",
            "heading": "Things to know",
            "kind": "facts",
            "items": [{"id": f"f{i}", "text": text} for i, text in enumerate(texts)],
        },
    )
    signs = [("now", f"Sign {i}: get care right away if your leg swells.") for i in range(now)]
    signs += [
        ("soon", f"Sign {now + i}: see a provider if the cramps come back.") for i in range(soon)
    ]
    data["sections"][2]["items"] = [
        {"id": f"w{i}", "text": text, "urgency": urgency} for i, (urgency, text) in enumerate(signs)
    ]
    return load_topic(topic_file(data)), texts


@pytest.mark.parametrize(
    ("large_print", "count"), [(False, 20), (True, 8)], ids=["12pt", "large-print"]
)
def test_a_box_that_does_not_fit_below_moves_up_whole_to_page_1(
    topic_file, tmp_path, large_print, count
):
    """A long facts section fills most of page 1; the warnings box after it fits on a
    page but not on what is left of page 1: it moves up, whole, to the latest place
    on page 1 where it fits (here before the facts), and the facts follow it. It went
    whole to page 2."""
    topic, facts = long_facts_then_warnings(topic_file, count, 8 if not large_print else 5)
    path = build(topic, tmp_path, large_print=large_print)
    pages = page_texts(path)
    assert len(pages) == 2
    assert warning_pages(topic, path) == [(1, {1})]
    text = flat(" ".join(pages))
    assert text.index(topic.sections[2].heading) < text.index("Things to know")
    assert not words(" ".join(facts)) - words(text)


@pytest.mark.parametrize("large_print", [False, True], ids=["12pt", "large-print"])
def test_a_box_too_tall_for_page_1_keeps_its_urgent_group_there(topic_file, tmp_path, large_print):
    """When the whole box fits nowhere on page 1, its urgent group does, and the rest
    of the box follows on the next page."""
    topic, _ = long_facts_then_warnings(topic_file, 10, now=3, soon=30 if large_print else 40)
    path = build(topic, tmp_path, large_print=large_print)
    pages = page_texts(path)
    signs = topic.sections[2].items
    assert {page_of(pages, sign.text) for sign in signs if sign.urgency is Urgency.NOW} == {1}
    assert page_of(pages, signs[-1].text) > 1


def test_a_box_that_prints_whole_on_page_1_stays_where_the_author_put_it(topic_file, tmp_path):
    topic, facts = long_facts_then_warnings(topic_file, 3, now=2)
    pages = page_texts(build(topic, tmp_path))
    assert len(pages) == 1
    text = flat(pages[0])
    assert text.index(facts[-1]) < text.index(topic.sections[2].heading)


def test_source_url_is_printed_in_the_footer(hamstring, tmp_path):
    url = "https://example.org/articles/hamstring-cramp"
    topic = replace(hamstring, source=replace(hamstring.source, url=url))
    pages = page_texts(build(topic, tmp_path))
    for page in pages:  # a long address may wrap: compare without spaces
        assert f"({url})." in "".join(page.split())
    assert url not in "".join(
        " ".join(page_texts(build(hamstring, tmp_path, name="p.pdf"))).split()
    )


@pytest.mark.parametrize("kind", ["steps", "facts"])
def test_a_pictured_item_keeps_its_mark_in_the_column_of_the_others(topic_file, tmp_path, kind):
    """Mark, then picture, then text: the numbers (or bullets) of a list stay in one
    column whether an item has a picture or not (the picture stood before the mark,
    which then stood a picture's width to the right of the others)."""
    shutil.copy(ROOT / "tests" / "fixtures" / "clinic" / "logo.png", tmp_path / "logo.png")
    data = minimal_topic()
    section = data["sections"][0]
    section["kind"] = kind
    section["items"].append(
        {
            "id": "sit",
            "text": "Sit down and stretch the leg.",
            "image": {"path": "logo.png", "alt": "A drawing."},
        }
    )
    topic = load_topic(topic_file(data))
    with pdfplumber.open(build(topic, tmp_path)) as pdf:
        page = pdf.pages[0]
        found = page.extract_words()
        (image,) = page.images
    marks = [w for w in found if w["text"] in ({"1.", "2."} if kind == "steps" else {"•"})]
    marks = [m for m in marks if m["top"] < image["bottom"]][:2]  # the section's, not the box's
    first, second = sorted(marks, key=lambda w: w["top"])
    sit = next(w for w in found if w["text"] == "Sit")
    assert abs(first["x0"] - second["x0"]) < 0.5
    assert second["x1"] < image["x0"] < image["x1"] < sit["x0"]
    assert abs(second["top"] - sit["top"]) < 2  # the mark by the text's first line


def test_a_chinese_footer_ends_its_sentences_with_the_ideographic_full_stop(tmp_path):
    """The footer joins the source, the version and the translation notes in one
    line: in Chinese with `。` and no space, as the labels end their own sentences."""
    path = script_topic_file("zh-Hans", tmp_path)
    result = run_cli("build", path, "--only", "handout-pdf", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    [pdf] = (tmp_path / "out").rglob("*.pdf")
    footer = pypdf.PdfReader(pdf).pages[-1].extract_text()
    assert "。版本 1.2\uff0c" in "".join(footer.split("\n"))  # source。version
    assert ". " not in footer and "。 " not in footer


@pytest.mark.parametrize(("catalogue", "side"), [("ar", "left"), ("zh-Hans", "right")])
def test_the_page_number_ends_the_disclaimers_line(tmp_path, catalogue, side):
    """ "Page 1 of 1" stands where the footer's last line ends: at the right, or at the
    left of a right-to-left page (it printed in the middle of an Arabic line's start)."""
    path = script_topic_file(catalogue, tmp_path)
    result = run_cli("build", path, "--only", "handout-pdf", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    [pdf] = (tmp_path / "out").rglob("*.pdf")
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        bottom = max(char["bottom"] for char in page.chars)
        digits = [c for c in page.chars if c["text"].isdigit() and c["bottom"] > bottom - 2]
        assert digits, "no page number on the footer's last line"
        middle = page.width / 2
        assert all((c["x1"] < middle) == (side == "left") for c in digits), digits


def _section_flowables(section, large_print: bool = False):
    fonts, condensed = register_fonts()
    styles = make_styles(fonts, condensed, 16.0 if large_print else 12.0)
    topic = load_topic(ROOT / "content" / "hamstring-cramp.yaml")
    text = handout_content.handout_text(topic)
    return Story(topic, text, None, styles, 500.0).section_block(section)


def test_a_section_of_four_lines_or_fewer_is_never_split(hamstring):
    """Its heading and every item are one block; a longer section keeps its heading
    with its first two items and may break after them."""
    causes = next(s for s in hamstring.sections if s.id == "causes")
    # shown short ("Tired or overworked muscles."), its three shortest items: 3 lines
    items = tuple(sorted(causes.items, key=lambda i: len(i.card_text))[:3])
    kept = _section_flowables(replace(causes, intro=None, items=items))
    assert len(kept) == 1  # it was the heading with the first item, and the rest
    long = _section_flowables(next(s for s in hamstring.sections if s.id == "prevention"))
    assert len(long) == 2
    assert len(long[0]._content[-1]._content) == 2  # the heading's block: two items


def _clinic_lines(page, clinic) -> dict[str, int]:
    """How many lines the clinic's name, address and phone each take in `page`'s
    masthead, found by the words of each."""
    words = page.extract_words(keep_blank_chars=False)
    lines = {}
    for name, said in (("name", clinic.name), ("address", clinic.address), ("phone", clinic.phone)):
        tops = {round(w["top"]) for w in words if w["text"].strip(",") in said.split()}
        lines[name] = len({t for t in tops if t < page.height / 3})
    return lines


@pytest.mark.parametrize("paper", list(Paper))
def test_large_print_masthead_keeps_the_clinic_whole_beside_a_qr_code(hamstring, paper, tmp_path):
    """The clinic's name took 4 lines beside the code and its address 2; the code now
    takes its smallest size or moves down beside the title."""
    clinic = load_clinic(CLINIC_FILE)
    topic = replace(hamstring, url="https://example.org/handouts/hamstring-cramp")
    path = build(topic, tmp_path, clinic=clinic, large_print=True, paper=paper)
    with pdfplumber.open(path) as pdf:
        lines = _clinic_lines(pdf.pages[0], clinic)
    assert lines["name"] <= 2 and lines["address"] == 1 and lines["phone"] == 1, lines


@pytest.mark.parametrize(("name", "column"), [("hamstring-cramp", 0), ("hamstring-cramp-ar", 1)])
def test_a_captions_quarter_line_below_is_the_pictures_wherever_it_stands(name, column):
    """The row of a picture beside its text ends with a quarter line under the
    caption; in a right-to-left topic the picture is the row's second cell, and the
    space went under the text instead."""
    topic = load_topic(ROOT / "content" / f"{name}.yaml")
    item = next(i for s in topic.sections for i in s.items if i.picture and i.picture.caption)
    with printing(topic):
        fonts, condensed = register_fonts()
        styles = make_styles(fonts, condensed, 12.0)
        row = beside(item.picture, Spacer(0, 0), styles, 400.0, Tag("LI"))
    paddings = [cell.bottomPadding for cell in row._cellStyles[0]]
    assert paddings[column] == 3.0 and paddings[1 - column] == 0
