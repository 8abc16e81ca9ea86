"""The pocket card and print sheet, read back with pypdf and pdfplumber."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from generator.errors import ExportError
from generator.exporters.pocket_card import export_card, export_sheet
from generator.load import load_topic
from generator.model import CardLayout, CardSize, SectionKind, Topic, Urgency
from generator.options import BuildOptions, Paper
from tests.conftest import CONTENT, HAMSTRING, line_of, minimal_topic
from tests.golden.pocket_card_golden import fonts

INCH = 72.0
MM = 72.0 / 25.4
SIZES = {
    CardSize.WALLET: (3.5 * INCH, 2 * INCH),
    CardSize.ID1: (85.6 * MM, 54 * MM),
    CardSize.INDEX: (5 * INCH, 3 * INCH),
    CardSize.A7: (105 * MM, 74 * MM),
}
BASE14 = re.compile(r"Helvetica|Times|Courier|Symbol|ZapfDingbats")
A7 = BuildOptions(card_size=CardSize.A7)
"""The hamstring text does not fit its wallet card at 8 pt; A7 is the size that fits."""


def card(topic: Topic, tmp_path: Path, options: BuildOptions = A7, name: str = "card") -> Path:
    return export_card(topic, tmp_path / f"{name}.pdf", options)


def sheet(topic: Topic, tmp_path: Path, options: BuildOptions = A7, name: str = "sheet") -> Path:
    return export_sheet(topic, tmp_path / f"{name}.pdf", options)


def flat(text: str) -> str:
    return " ".join(text.split())


def all_text(path: Path) -> str:
    return flat(" ".join(page.extract_text() for page in PdfReader(path).pages))


@pytest.fixture
def small_topic(topic_file) -> Topic:
    return load_topic(topic_file())


def test_page_sizes_for_every_size_and_layout(small_topic, tmp_path):
    for size, (width, height) in SIZES.items():
        for layout in CardLayout:
            options = BuildOptions(card_size=size, card_layout=layout)
            pages = PdfReader(card(small_topic, tmp_path, options, f"{size}-{layout}")).pages
            expected = (
                [2 * width, height] if layout is CardLayout.FOLD_OVER else [width, height] * 2
            )
            actual = [float(n) for p in pages for n in (p.mediabox.width, p.mediabox.height)]
            assert actual == pytest.approx(expected, abs=0.01), (size, layout)


def test_topic_choice_is_used_without_override(topic_file, tmp_path):
    topic = load_topic(
        topic_file(minimal_topic(pocket_card={"size": "index", "layout": "two-sided"}))
    )
    pages = PdfReader(card(topic, tmp_path, BuildOptions())).pages
    assert [(float(p.mediabox.width), float(p.mediabox.height)) for p in pages] == [
        (360.0, 216.0),
        (360.0, 216.0),
    ]


def test_key_facts_are_on_the_card(hamstring, tmp_path):
    text = all_text(card(hamstring, tmp_path))
    assert hamstring.title in text
    for section in hamstring.sections:
        shown = [item.card_text for item in section.items]
        if section.on_card:
            assert section.heading in text
            for item in shown:
                assert flat(item) in text
        else:
            assert section.heading not in text
            assert not any(flat(item)[:30] in text for item in shown)
    assert "GET CARE NOW" in text


def test_steps_are_numbered_in_order(hamstring_full_card, topic_file, tmp_path):
    """Steps in a sequence are numbered in order; steps that are choices (the
    hamstring's sitting or standing stretch) are bullets, never numbered."""
    data = minimal_topic()
    data["sections"][0]["items"] = [
        {"id": f"s{n}", "text": f"Do step {n} now.", "short": f"Step {n}."} for n in (1, 2, 3)
    ]
    topic = load_topic(topic_file(data))
    text = all_text(card(topic, tmp_path, name="steps"))
    steps = topic.sections_of(SectionKind.STEPS)[0].items
    positions = [text.index(f"{n}. {flat(item.card_text)}") for n, item in enumerate(steps, 1)]
    assert positions == sorted(positions)
    text = all_text(card(hamstring_full_card, tmp_path))
    for section in hamstring_full_card.sections_of(SectionKind.STEPS):
        for n, item in enumerate(section.items, 1):
            if section.alternatives:
                assert f"\N{BULLET} {flat(item.card_text)}" in text
                assert f"{n}. {flat(item.card_text)}" not in text
            else:
                assert f"{n}. {flat(item.card_text)}" in text


def test_font_sizes_and_bold_warnings(hamstring, tmp_path):
    warnings = hamstring.sections_of(SectionKind.WARNINGS)[0].items
    with pdfplumber.open(card(hamstring, tmp_path)) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
        words = [
            w for page in pdf.pages for w in page.extract_words(extra_attrs=["size", "fontname"])
        ]
    assert min(c["size"] for c in chars) >= 8 - 1e-6
    for item in warnings:
        first = item.card_text.split()[0]
        # the first word of each warning line as printed: bold and 9 pt at least
        matches = [w for w in words if w["text"] == first and "Bold" in w["fontname"]]
        assert matches, item.id
        assert all(w["size"] >= 9 - 1e-6 for w in matches)
    urgent = [i for i in warnings if i.urgency is Urgency.NOW]
    label = [w for w in words if w["text"] == "NOW"]
    assert urgent and label and all("Bold" in w["fontname"] for w in label)


def test_text_is_as_large_as_fits(hamstring_full_card, small_topic, tmp_path):
    """A short topic gets larger text than the full hamstring card of the same size."""
    sizes = []
    for topic in (hamstring_full_card, small_topic):
        with pdfplumber.open(card(topic, tmp_path, A7, topic.id)) as pdf:
            sizes.append(min(c["size"] for p in pdf.pages for c in p.chars))
    assert sizes[1] > sizes[0] >= 8 - 1e-6  # 8 pt, as pdfplumber reads it back


@pytest.mark.parametrize("url", [None, "https://example.org/hamstring-cramp"])
def test_every_font_is_embedded_and_none_is_base14(hamstring, tmp_path, url):
    topic = replace(hamstring, url=url)  # the QR code once brought in Helvetica
    for path in (card(topic, tmp_path), sheet(topic, tmp_path)):
        found = fonts(PdfReader(path))
        assert found, path
        assert all(f.endswith(" embedded") and "NOT" not in f for f in found), found
        assert not any(BASE14.search(f) for f in found), found


def test_rebuild_is_byte_identical(hamstring, tmp_path):
    for make in (card, sheet):
        first = make(hamstring, tmp_path, A7, "first").read_bytes()
        second = make(hamstring, tmp_path, A7, "second").read_bytes()
        assert first == second


def test_source_date_epoch_sets_the_dates(hamstring, tmp_path):
    options = BuildOptions(card_size=CardSize.A7, source_date_epoch=1700000000)
    meta = PdfReader(card(hamstring, tmp_path, options)).metadata
    assert meta["/CreationDate"].startswith("D:20231114221320")
    default = PdfReader(card(hamstring, tmp_path, A7, "default")).metadata
    assert default["/CreationDate"].startswith(f"D:{hamstring.reviewed:%Y%m%d}120000")


def test_metadata(hamstring, tmp_path):
    reader = PdfReader(card(hamstring, tmp_path))
    meta = reader.metadata
    assert meta["/Title"] == "Hamstring cramps"
    assert meta["/Subject"] == "Pocket card"
    assert meta["/Author"] == "Health Handouts project"
    assert meta["/Creator"].startswith("health-handouts ")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-US"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


def test_overflow_error_gives_totals_and_lists_whole_optional_sections_first(
    hamstring_full_card, tmp_path
):
    """The numbers agree (379 - 2 x 135 = 109; 379 - 87 - 26 = 266), and what to leave
    off begins with whole sections that are neither first aid nor warnings."""
    options = BuildOptions(card_size=CardSize.ID1, card_layout=CardLayout.FOLD_OVER)
    with pytest.raises(ExportError) as error:
        card(hamstring_full_card, tmp_path, options)
    at = f"{HAMSTRING}:{{}}: ".format
    assert str(error.value).splitlines() == [
        f"{at(line_of(HAMSTRING, 'pocket_card:'))}pocket_card: the card's text is about 109 pt "
        "too tall for the ID-1 card at the 8 pt minimum: it needs 379 pt, and the two panels "
        "hold 2 x 135 pt (or use --card-size a7: the text fits it)",
        "  leave these off the card with on_card: false, in this order (the card then needs "
        "266 pt and fits):",
        f"  {at(line_of(HAMSTRING, 'id: prevention'))}sections[4] (prevention, 'Help prevent "
        "cramps'): the whole section, 87 pt less",
        f"  {at(line_of(HAMSTRING, 'id: massage'))}sections[1] (massage, 'When the worst pain "
        "eases'): the whole section, 26 pt less",
    ]
    assert not (tmp_path / "card.pdf").exists()


def test_overflow_numbers_do_not_depend_on_the_layout(hamstring_full_card, tmp_path):
    """Totals, not the overflow of whichever panel a section landed on."""
    messages = []
    for layout in CardLayout:
        with pytest.raises(ExportError) as error:
            card(
                hamstring_full_card,
                tmp_path,
                BuildOptions(card_size=CardSize.ID1, card_layout=layout),
            )
        messages.append(str(error.value).replace("sides", "panels"))
    assert messages[0] == messages[1]


def long_steps(count: int = 30) -> dict:
    long = "Keep the leg straight and the toes pulled back toward the knee for a while."
    data = minimal_topic()
    data["sections"][0]["items"] = [{"id": f"s{n}", "text": long} for n in range(count)]
    return data


def test_overflow_on_the_largest_card_suggests_no_size(topic_file, tmp_path):
    """A topic that fits no card: the error suggests no size, names the section whose
    larger part, split between the sides, is taller than a panel, and its items (which
    have no short text yet)."""
    topic = load_topic(topic_file(long_steps(40)))
    for size in (CardSize.INDEX, CardSize.AUTO):
        with pytest.raises(ExportError) as error:
            card(topic, tmp_path, BuildOptions(card_size=size))
        lines = str(error.value).splitlines()
        assert re.fullmatch(
            rf"{re.escape(topic.location)}: pocket_card: the card's text is about \d+ pt too "
            r"tall for the index card at the 8 pt minimum: it needs \d+ pt, and the two panels "
            r"hold 2 x 198 pt",
            lines[0],
        )
        line = line_of(topic.source_file, "id: now")
        assert lines[1].startswith(f"  {topic.location}:{line}: sections[0] (now, 'Do this now')")
        assert lines[1].endswith(
            "more than it holds (198 pt), and a section splits between the sides only between "
            "its items (a warnings section keeps its urgent signs together, one with a picture "
            "does not split)"
        )
        assert lines[2].startswith("  leave these off the card with on_card: false, in this order")
        assert lines[3].endswith("(s39): 11 pt less, a first-aid step")  # the last step first
        # 14, not 13: the back begins with the section's heading said again
        assert lines[-1].startswith("  warning: 14 of these are steps of the card's first aid")


def test_a_section_taller_than_a_panel_splits_between_the_sides(topic_file, tmp_path):
    """Thirty steps, taller than the index card's panel: split between the front and the
    back, the card fits once five items are off (sixteen while a section never split,
    four before the back began with the section's heading said again)."""
    topic = load_topic(topic_file(long_steps()))
    with pytest.raises(ExportError) as error:
        card(topic, tmp_path, BuildOptions(card_size=CardSize.INDEX))
    lines = str(error.value).splitlines()
    assert "needs 370 pt and fits" in lines[1]
    assert len(lines) == 8 and lines[-1].startswith("  warning: 4 of these are steps")


def test_overflow_says_when_the_qr_code_is_what_does_not_fit(topic_file, tmp_path):
    data = minimal_topic(url="https://example.org/leg-cramp")
    sign = {"text": "See a provider if it keeps coming back.", "urgency": "soon"}
    # five more signs: the warnings split between the sides fill both but the QR code's room
    data["sections"][1]["items"] += [{"id": f"r{n}", **sign} for n in range(5)]
    topic = load_topic(topic_file(data))
    options = BuildOptions(card_size=CardSize.WALLET)
    assert card(replace(topic, url=None), tmp_path, options).exists()
    with pytest.raises(ExportError) as error:
        card(topic, tmp_path, options)
    assert f"  {topic.location}:{line_of(topic.source_file, 'url:')}: url: the QR code needs " in (
        str(error.value)
    )
    assert "and the card fits without it: make room for it there" in str(error.value)


def test_overflow_says_when_the_title_is_what_does_not_fit(topic_file, tmp_path):
    title = "A very long title " * 6
    data = long_steps(3)
    data.update(title=title.strip(), main_message="Rest the leg. " * 28)
    topic = load_topic(topic_file(data))
    with pytest.raises(ExportError) as error:
        card(topic, tmp_path, BuildOptions(card_size=CardSize.WALLET))
    assert f"  {topic.location}:{line_of(topic.source_file, 'title:')}: title: the title and " in (
        str(error.value)
    )
    assert "shorten the title, or give a shorter card_message" in str(error.value)


NOT_IN_FONTS = "is not in the fonts the PDFs print with (replace it, or write it out in words)"
"""Every PDF checks every printed text against every font the PDFs use."""


def first_card_error(path: Path, tmp_path: Path) -> str:
    """The first line of the error that making the card of the topic in `path` raises."""
    with pytest.raises(ExportError) as error:
        card(load_topic(path), tmp_path)
    return str(error.value).splitlines()[0]


def test_missing_glyph_names_character_code_point_and_field(topic_file, tmp_path):
    data = minimal_topic()
    data["sections"][0]["items"][0]["short"] = "Rest 🧊 now."
    path = topic_file(data)
    assert first_card_error(path, tmp_path) == (
        f"{path}:{line_of(path, 'short:')}: sections[0].items[0].short: the character '🧊' "
        f"(U+1F9CA) {NOT_IN_FONTS}"
    )


def test_url_characters_are_checked_like_any_printed_text(topic_file, tmp_path):
    """The URL is printed beside its QR code: a character the font lacks is an error,
    not an empty box."""
    path = topic_file(minimal_topic(url="https://example.org/\U0001f9ca"))
    assert first_card_error(path, tmp_path) == (
        f"{path}:{line_of(path, 'url:')}: url: the character '\U0001f9ca' (U+1F9CA) {NOT_IN_FONTS}"
    )


def test_right_to_left_text_prints_in_order_not_backwards(topic_file, tmp_path):
    """A Hebrew word in an English card was printed in reverse, then refused; now it
    is drawn right to left in the Hebrew font and reads back as written."""
    data = minimal_topic()
    data["sections"][0]["items"][0]["short"] = "Rest. \u05e9\u05dc\u05d5\u05dd"
    pdf = card(load_topic(topic_file(data)), tmp_path)
    page = PdfReader(pdf).pages[0]
    assert "\u05e9\u05dc\u05d5\u05dd" in page.extract_text()
    fonts_used = {f["/BaseFont"] for f in page["/Resources"]["/Font"].values()}
    assert any("NotoSansHebrew" in str(name) for name in fonts_used), fonts_used


def test_lines_of_a_wrapped_title_do_not_touch(topic_file, tmp_path):
    """The title was set solid (line height = font size): descenders met accents."""
    title = "Gypsy jogging gyms jqpgy gypsy jogging gyms ÅÉÎÔ ÂÊÎÛ ÅÉÎÔ"
    options = BuildOptions(card_size=CardSize.WALLET, card_layout=CardLayout.TWO_SIDED)
    path = card(load_topic(topic_file(minimal_topic(title=title))), tmp_path, options)
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[0].chars
    size = max(c["size"] for c in chars)
    tops = sorted({round(c["top"], 1) for c in chars if c["size"] == size})
    assert len(tops) >= 2  # the title wraps
    assert min(b - a for a, b in pairwise(tops)) >= 1.15 * size


def test_authored_markup_characters_print_as_written(topic_file, tmp_path):
    data = minimal_topic()
    data["sections"][0]["items"][0]["short"] = 'If pain <b then stop & "rest"'
    data["sections"][0]["heading"] = "Tom's <i>plan</i> & more"
    text = all_text(card(load_topic(topic_file(data)), tmp_path))
    assert 'If pain <b then stop & "rest"' in text
    assert "Tom's <i>plan</i> & more" in text


def test_qr_code_when_the_topic_has_a_url(topic_file, tmp_path):
    url = "https://example.org/leg-cramp"
    with_url = load_topic(topic_file(minimal_topic(id="with-url", url=url), name="with-url"))
    without = load_topic(topic_file(minimal_topic(id="without"), name="without"))
    counts = []
    for topic in (with_url, without):
        path = card(topic, tmp_path, BuildOptions(), topic.id)
        with pdfplumber.open(path) as pdf:
            counts.append(sum(len(p.rects) for p in pdf.pages))
        assert (url in all_text(path)) is (topic is with_url)
    # QR modules are drawn as filled squares; the label bar is a single one
    assert counts[0] > counts[1] + 100


@pytest.mark.parametrize(
    ("paper", "size", "layout", "page", "cards"),
    [
        (Paper.LETTER, CardSize.WALLET, CardLayout.TWO_SIDED, (612, 792), 8),
        (Paper.LETTER, CardSize.WALLET, CardLayout.FOLD_OVER, (612, 792), 4),
        (Paper.A4, CardSize.ID1, CardLayout.TWO_SIDED, (595.28, 841.89), 8),
        (Paper.LETTER, CardSize.A7, CardLayout.FOLD_OVER, (612, 792), 2),
        (Paper.A4, CardSize.A7, CardLayout.TWO_SIDED, (595.28, 841.89), 4),
    ],
)
def test_sheet_pages_and_card_count(small_topic, tmp_path, paper, size, layout, page, cards):
    options = BuildOptions(paper=paper, card_size=size, card_layout=layout)
    reader = PdfReader(sheet(small_topic, tmp_path, options))
    pages = 1 if layout is CardLayout.FOLD_OVER else 2
    assert len(reader.pages) == pages
    for p in reader.pages:
        assert (float(p.mediabox.width), float(p.mediabox.height)) == pytest.approx(page, abs=0.01)
    first = reader.pages[0].extract_text()
    assert first.count(small_topic.title) == cards
    assert "Print at 100% / actual size" in first
    assert "50 mm" in first
    if pages == 2:
        back = reader.pages[1].extract_text()
        assert back.count("SEE A PROVIDER") == cards  # the label of the back's warnings


def test_sheet_backs_are_mirrored_for_long_edge_duplex(small_topic, tmp_path):
    options = BuildOptions(card_size=CardSize.WALLET, card_layout=CardLayout.TWO_SIDED)
    width = SIZES[CardSize.WALLET][0]
    with pdfplumber.open(sheet(small_topic, tmp_path, options)) as pdf:
        front, back = pdf.pages
        title = small_topic.title.split()[0]
        label = "SEE"  # from "SEE A PROVIDER", once on each back
        fronts = sorted(
            (round(w["x0"], 1), round(w["top"], 1))
            for w in front.extract_words()
            if w["text"] == title
        )
        backs = sorted(
            (round(w["x0"], 1), round(w["top"], 1))
            for w in back.extract_words()
            if w["text"] == label
        )
        page_width = float(front.width)
    # each text starts at the card's left edge plus the same padding, so a card at x
    # has its back at page_width - x - width
    padding = 9.0
    mirrored = sorted(
        (round(page_width - (x - padding) - width + padding, 1), top) for x, top in fronts
    )
    assert len(fronts) == 8
    assert [x for x, _ in backs] == pytest.approx([x for x, _ in mirrored], abs=0.2)
    # same rows: each back sits at the same height as its front (a fixed offset in)
    rows = zip(sorted({t for _, t in backs}), sorted({t for _, t in fronts}), strict=True)
    assert len({round(b - f, 1) for b, f in rows}) == 1


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("size", list(CardSize))
@pytest.mark.parametrize("layout", list(CardLayout))
def test_every_sheet_prints_inside_the_safe_margin(small_topic, tmp_path, paper, size, layout):
    """Every size and layout gets a sheet on both papers, footer included, with nothing
    closer than 0.25 in to the paper's edge. The index fold-over card fits Letter only
    with the footer moved beside the cards."""
    options = BuildOptions(paper=paper, card_size=size, card_layout=layout)
    margin = 18.0 - 0.01
    path = sheet(small_topic, tmp_path, options)
    assert "Print at 100% / actual size" in PdfReader(path).pages[0].extract_text()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for thing in [*page.chars, *page.lines, *page.rects]:
                assert thing["x0"] >= margin and thing["x1"] <= page.width - margin, thing
                assert thing["top"] >= margin and thing["bottom"] <= page.height - margin, thing


def test_turned_cards_have_backs_turned_the_other_way(small_topic, tmp_path):
    """A7 two-sided cards fit Letter best turned a quarter: after a long-edge flip, a
    back is upright behind its front only if it is turned the opposite quarter."""
    options = BuildOptions(card_size=CardSize.A7, card_layout=CardLayout.TWO_SIDED)
    with pdfplumber.open(sheet(small_topic, tmp_path, options)) as pdf:
        front, back = pdf.pages
        in_cards = [c for c in front.chars if c["top"] < front.height - 72]  # not the footer
        turns_front = {round(c["matrix"][1]) for c in in_cards}
        turns_back = {round(c["matrix"][1]) for c in back.chars}
    assert turns_front == {1}  # a quarter turn left
    assert turns_back == {-1}  # a quarter turn right


def test_wrapped_lines_of_an_item_line_up_under_its_first_word(hamstring, tmp_path):
    """ReportLab keeps 0.6 em after a bullet: with less, the first line started 2.4 pt
    right of the lines below it. The hamstring card's short texts no longer wrap: its
    two 'see a provider' signs print their full text here."""
    topic = with_full_soon_signs(hamstring)
    with pdfplumber.open(card(topic, tmp_path)) as pdf:
        found = pdf.pages[0].extract_words()
    for second_line, first_word in (("often,", "See"), ("mean", "See"), ("away,", "See")):
        below = next(w for w in found if w["text"] == second_line)
        above = max(  # the first word of the line just above, in the same panel
            (w for w in found if w["text"] == first_word and w["top"] < below["top"]
             and abs(w["x0"] - below["x0"]) < 20),
            key=lambda w: w["top"],
        )  # fmt: skip
        assert below["x0"] == pytest.approx(above["x0"], abs=0.1), second_line


def with_full_soon_signs(topic: Topic) -> Topic:
    """`topic` with its 'soon' warning signs printed in full on the card (no short text)."""

    def full(section):  # type: ignore[no-untyped-def]
        items = tuple(
            replace(item, short=None) if getattr(item, "urgency", None) is Urgency.SOON else item
            for item in section.items
        )
        return replace(section, items=items)

    return replace(topic, sections=tuple(full(s) for s in topic.sections))


@pytest.mark.parametrize("inside", ["(10 دقائق)", "(DejaVu)", "[10]"])
def test_brackets_in_right_to_left_text_face_each_other(tmp_path, inside):
    """A bracket next to a number or a Latin word in Arabic text was drawn as that
    word's, left to right: "(10 دقائق)" printed two opening brackets. Brackets and
    stops at a word's edges are resolved on their own, and mirrored where they run
    right to left."""
    topic = load_topic(CONTENT / "hamstring-cramp-ar.yaml")
    topic = replace(topic, card_message=f"مدّد العضلة {inside} برفق.")
    pdf = card(topic, tmp_path)
    with pdfplumber.open(pdf) as document:
        chars = document.pages[0].chars
    opening = next(c for c in chars if c["text"] in "([")
    line = sorted(
        (c for c in chars if abs(c["top"] - opening["top"]) < 2 and c["text"] in "()[]"),
        key=lambda c: c["x0"],
    )
    assert "".join(c["text"] for c in line) in ("()", "[]"), line
