"""Pictures on the pocket card (issue 16): beside their item where the text leaves
room, left off with a warning where it does not, never at the cost of the text's
size. Every card is read back with pdfplumber: an SVG drawing is found by its
strokes (lines and curves), a PNG by its image."""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from generator.exporters.pocket_card import export_card, export_sheet, plan_card
from generator.exporters.pocket_card.draw import pieces
from generator.load import load_topic
from generator.model import CardLayout, CardSize, Picture, Topic, Urgency
from generator.options import BuildOptions, Paper
from generator.pdf.imposition import sheet_grid
from tests.conftest import CONTENT, HAMSTRING, ROOT, line_of, minimal_topic, run_cli

PADDING = 9.0
"""Space between a panel's edge and its text (and pictures)."""
MM = 72 / 25.4
WIDTHS = {CardSize.WALLET: 252.0, CardSize.ID1: 85.6 * MM, CardSize.A7: 105 * MM}
SVG = CONTENT / "images" / "sitting-stretch.svg"
PNG = ROOT / "tests" / "fixtures" / "clinic" / "logo.png"
"""96 x 48 pixels: a picture twice as wide as it is tall."""

Box = tuple[float, float, float, float]


def strokes(page: Any, left: float, right: float) -> list[dict[str, Any]]:
    """The lines and curves of a drawing between `left` and `right` (not the fold)."""
    found = [*page.lines, *page.curves]
    return [
        o
        for o in found
        if o["x0"] >= left - 2 and o["x1"] <= right + 2 and o["bottom"] - o["top"] < page.height - 1
    ]


def bounds(objects: list[dict[str, Any]]) -> Box:
    return (
        min(o["x0"] for o in objects),
        min(o["top"] for o in objects),
        max(o["x1"] for o in objects),
        max(o["bottom"] for o in objects),
    )


def box_of(thing: dict[str, Any]) -> Box:
    return (thing["x0"], thing["top"], thing["x1"], thing["bottom"])


def overlaps(char: dict[str, Any], box: Box) -> bool:
    x0, top, x1, bottom = box
    return char["x1"] > x0 and char["x0"] < x1 and char["bottom"] > top and char["top"] < bottom


def word(page: Any, text: str) -> dict[str, Any]:
    return next(w for w in page.extract_words() if w["text"] == text)


def printed(pages: list[Any]) -> list[tuple[str, float, str]]:
    """Every character of `pages` with its size and font, sorted (beside a picture,
    lines wrap otherwise): what a picture must not change."""
    chars = [c for page in pages for c in page.chars]
    shown = [c for c in chars if c["text"].strip()]  # spaces come and go with the lines
    return sorted((c["text"], round(c["size"], 3), c["fontname"]) for c in shown)


def card_pictures(topic: Topic, on_card: bool) -> Topic:
    """`topic` with every picture's `on_card` set to `on_card`."""

    def flip(picture: Picture | None) -> Picture | None:
        return picture and replace(picture, on_card=on_card)

    sections = tuple(
        replace(
            s,
            picture=flip(s.picture),
            items=tuple(replace(i, picture=flip(i.picture)) for i in s.items),
        )
        for s in topic.sections
    )
    return replace(topic, sections=sections)


def card(topic: Topic, tmp_path: Path, options: BuildOptions, name: str = "card") -> Path:
    return export_card(topic, tmp_path / f"{name}.pdf", options)


@pytest.mark.parametrize(
    ("name", "item", "next_item"),
    [("hamstring-cramp", "Sit,", "Stand"), ("hamstring-cramp-es", "Siéntese,", "Párese")],
)
def test_the_hamstring_card_carries_the_sitting_stretch(tmp_path, name, item, next_item):
    # The Spanish steps take two lines each: the drawing is set smaller there.
    smallest = {"hamstring-cramp": 80, "hamstring-cramp-es": 60}[name]
    """Beside its item, tops aligned, at the front panel's right edge, clear of every
    character, its caption under it; the text keeps the sizes it has without the
    picture."""
    topic = load_topic(CONTENT / f"{name}.yaml")
    caption = topic.sections[0].items[0].picture.caption.split()[0]
    width = WIDTHS[CardSize.A7]
    with pdfplumber.open(card(topic, tmp_path, BuildOptions())) as pdf:
        page = pdf.pages[0]
        drawing = strokes(page, 0, width)
        chars, first, below = page.chars, word(page, item), word(page, next_item)
        named = word(page, caption)
        text = sorted((Counter(printed([page])) - Counter(caption_chars(page, named))).elements())
    with pdfplumber.open(card(card_pictures(topic, False), tmp_path, BuildOptions(), "no")) as pdf:
        assert not strokes(pdf.pages[0], 0, width)
        assert printed(pdf.pages[:1]) == text  # every character at the size it had
    assert len(drawing) >= 6  # head, body, legs, arm and the floor
    x0, top, x1, bottom = box = bounds(drawing)
    assert top == pytest.approx(first["top"], abs=2)
    assert x1 == pytest.approx(width - PADDING, abs=3)  # the floor ends 2.25 pt in
    assert smallest <= x1 - x0 <= 92  # at most about 1.2 in at 11.5 to 12 pt
    assert bottom < named["top"] and named["bottom"] < below["top"]  # the caption under it
    assert x0 - 2 <= named["x0"] and named["x1"] <= x1 + 2
    assert not [c["text"] for c in chars if overlaps(c, box)]


def caption_chars(page: Any, first_word: dict[str, Any]) -> list[tuple[str, float, str]]:
    """The characters of the caption whose first word is `first_word` (as `printed`
    lists them): its lines, in its own smaller size."""
    size = next(c["size"] for c in page.chars if c["x0"] == first_word["x0"])
    ours = [c for c in page.chars if c["size"] == size and c["top"] >= first_word["top"] - 1]
    return [(c["text"], round(c["size"], 3), c["fontname"]) for c in ours if c["text"].strip()]


def test_the_picture_follows_the_text_size_and_the_card(hamstring, topic_file, tmp_path):
    """Smaller with smaller text (the hamstring card on ID-1 is set at 8.75 pt, on A7
    at 12), and smaller on a smaller card at the same text size (a wallet card's
    pictures take at most a third of its panel). With the card's shorter message of
    old: the longer one leaves the ID-1 drawing no room at full size."""
    hamstring = replace(hamstring, card_message="A cramp is usually harmless. Stretch gently.")
    widths = {}
    for size in (CardSize.ID1, CardSize.A7):
        with pdfplumber.open(card(hamstring, tmp_path, BuildOptions(card_size=size))) as pdf:
            x0, _, x1, _ = bounds(strokes(pdf.pages[0], 0, WIDTHS[size]))
            widths[size] = x1 - x0
    assert plan_card(hamstring, BuildOptions(card_size=CardSize.ID1)).body_size == 8.75
    assert widths[CardSize.ID1] == pytest.approx(widths[CardSize.A7] * 8.75 / 12, abs=2)
    topic = load_topic(pictured_topic(topic_file, tmp_path, SVG))
    for size in (CardSize.WALLET, CardSize.INDEX):
        options = BuildOptions(card_size=size, card_layout=CardLayout.TWO_SIDED)
        assert plan_card(topic, options).body_size == 12
        with pdfplumber.open(card(topic, tmp_path, options)) as pdf:
            x0, _, x1, _ = bounds(strokes(pdf.pages[0], 0, pdf.pages[0].width))
            widths[size] = x1 - x0
    # 63 pt wide (a third of the wallet card's 126 pt high panel is 42 pt), not 90
    assert widths[CardSize.WALLET] / widths[CardSize.INDEX] == pytest.approx(0.7, abs=0.02)


def test_a_picture_shrinks_before_it_gives_way(topic_file, tmp_path):
    """A longer message leaves the drawing less room on the wallet card's front: it
    is drawn smaller there rather than left off, and the text stays at 12 pt."""
    options = BuildOptions(card_size=CardSize.WALLET, card_layout=CardLayout.TWO_SIDED)
    widths = []
    for message in ("Rest and drink water.", "Rest and drink water." + " Rest well." * 8):
        topic = load_topic(pictured_topic(topic_file, tmp_path, SVG, main_message=message))
        plan = plan_card(topic, options)
        assert (plan.body_size, plan.notes) == (12, ())
        with pdfplumber.open(card(topic, tmp_path, options)) as pdf:
            x0, _, x1, _ = bounds(strokes(pdf.pages[0], 0, pdf.pages[0].width))
            widths.append(x1 - x0)
            text = printed(pdf.pages)
        with pdfplumber.open(card(card_pictures(topic, False), tmp_path, options)) as pdf:
            assert printed(pdf.pages) == text
    assert widths[1] / widths[0] == pytest.approx(55.5 / 63, abs=0.02)  # one step smaller


def pictured_topic(
    topic_file: Any,
    tmp_path: Path,
    picture: Path,
    *,
    caption: str | None = None,
    steps: int = 1,
    **changes: Any,
) -> Path:
    """The minimal topic with `picture` (copied beside it) on its first step, on the
    card; `steps` steps in all."""
    shutil.copy(picture, tmp_path / picture.name)
    data = minimal_topic(**changes)
    image = {"path": picture.name, "alt": "A drawing of the step.", "on_card": True}
    if caption:
        image["caption"] = caption
    first = data["sections"][0]["items"][0]
    first["image"] = image
    data["sections"][0]["items"] += [
        {"id": f"more{n}", "text": f"Then rest the other leg, step {n}."} for n in range(1, steps)
    ]
    return topic_file(data)


@pytest.mark.parametrize("layout", list(CardLayout))
def test_a_png_picture_with_its_caption(topic_file, tmp_path, layout):
    topic = load_topic(pictured_topic(topic_file, tmp_path, PNG, caption="Resting", steps=2))
    options = BuildOptions(card_size=CardSize.WALLET, card_layout=layout)
    with pdfplumber.open(card(topic, tmp_path, options)) as pdf:
        pages = pdf.pages
        expected = [1] if layout is CardLayout.FOLD_OVER else [1, 0]
        assert [len(p.images) for p in pages] == expected
        page = pages[0]
        image, rest, caption = page.images[0], word(page, "Rest."), word(page, "Resting")
        front = page.crop((0, 0, WIDTHS[CardSize.WALLET], page.height))
        then = word(front, "Then")  # the next step on the front (more may be on the back)
        chars = [c for c in page.chars if c["x0"] < WIDTHS[CardSize.WALLET]]
    box = box_of(image)
    assert image["x1"] - image["x0"] == pytest.approx(2 * (image["bottom"] - image["top"]))
    assert image["top"] == pytest.approx(rest["top"], abs=3.5)  # the paragraph's top
    assert image["x1"] <= WIDTHS[CardSize.WALLET] - PADDING + 0.01
    assert caption["top"] > image["bottom"]  # under the picture, centred on it
    middle = (caption["x0"] + caption["x1"]) / 2
    assert middle == pytest.approx((image["x0"] + image["x1"]) / 2, abs=1)
    assert then["top"] > caption["bottom"]  # the next step starts under both
    assert not [c["text"] for c in chars if overlaps(c, box)]


def test_on_card_false_or_absent_leaves_the_card_as_it_was(topic_file, tmp_path):
    """The picture stays in the handouts only: the card is the same file as one
    whose step has no picture at all."""
    path = pictured_topic(topic_file, tmp_path, PNG)
    topic = load_topic(path)
    off = card_pictures(topic, False)
    bare = replace(
        topic,
        sections=(
            replace(
                topic.sections[0],
                items=tuple(replace(i, picture=None) for i in topic.sections[0].items),
            ),
            *topic.sections[1:],
        ),
    )
    options = BuildOptions(card_size=CardSize.WALLET)
    with pdfplumber.open(card(topic, tmp_path, options, "on")) as pdf:
        assert len(pdf.pages[0].images) == 1
    assert card(off, tmp_path, options, "off").read_bytes() == (
        card(bare, tmp_path, options, "bare").read_bytes()
    )


def test_a_full_card_leaves_the_picture_off_keeps_its_text_and_says_so(
    hamstring_full_card, tmp_path
):
    """The hamstring topic with every section on the card fills A7 at 8 pt: the
    drawing has no room even at its smallest, so it is left off (with a warning
    that names the image), and the text stays as large as without the picture."""
    options = BuildOptions(card_size=CardSize.A7)
    plan = plan_card(hamstring_full_card, options)
    at = f"{HAMSTRING}:{line_of(HAMSTRING, 'image:')}"
    assert plan.notes == (
        f"warning: {at}: sections[0].items[0].image: picture not on the A7 card: no room "
        "at 8 pt, even at its smallest size (it needs about 2 pt more); the text keeps "
        "its size and the picture gives way (make room on the card, or set on_card: false "
        "on the image to leave it off without this warning)",
    )
    off = card_pictures(hamstring_full_card, False)
    assert plan_card(off, options).body_size == plan.body_size == 8.0
    pdfs = [card(t, tmp_path, options, n) for t, n in ((hamstring_full_card, "on"), (off, "off"))]
    assert pdfs[0].read_bytes() == pdfs[1].read_bytes()
    with pdfplumber.open(pdfs[0]) as pdf:
        assert not strokes(pdf.pages[0], 0, pdf.pages[0].width)


def test_the_build_warns_once_and_makes_the_card_without_the_picture(topic_file, tmp_path):
    """A wallet card full of steps: the build warns once (the card and its print sheet
    leave off the same picture), on stderr, and succeeds; no file shows the picture."""
    path = pictured_topic(topic_file, tmp_path, PNG, steps=7, pocket_card={"size": "wallet"})
    out = tmp_path / "out"
    result = run_cli("build", path, "--out", out, "--only", "card")
    assert result.returncode == 0, result.stderr
    line = line_of(path, "image:")
    warnings = [w for w in result.stderr.splitlines() if w.startswith("warning:")]
    assert len(warnings) == 1
    assert warnings[0].startswith(
        f"warning: {path}:{line}: sections[0].items[0].image: picture not on the wallet card: "
        "no room at "
    )
    for name in ("pocket-card", "pocket-card-sheet"):
        with pdfplumber.open(out / "test-topic" / f"test-topic-{name}.pdf") as pdf:
            assert not [image for page in pdf.pages for image in page.images]
    # the same topic with room for it: no warning, and the picture on the card
    path = pictured_topic(topic_file, tmp_path, PNG, steps=2, pocket_card={"size": "wallet"})
    result = run_cli("build", path, "--out", out, "--only", "card")
    assert "warning:" not in result.stderr
    with pdfplumber.open(out / "test-topic" / "test-topic-pocket-card.pdf") as pdf:
        assert len(pdf.pages[0].images) == 1


def warnings_with_a_section_picture(topic_file: Any, tmp_path: Path, signs: int) -> Topic:
    """The minimal topic with `signs` 'now' warnings and a picture beside them."""
    shutil.copy(PNG, tmp_path / PNG.name)
    data = minimal_topic()
    care = data["sections"][1]
    care["image"] = {"path": PNG.name, "alt": "A swollen leg.", "on_card": True}
    care["items"] += [
        {"id": f"sign{n}", "text": f"Get care now for sign {n}.", "urgency": "now"}
        for n in range(signs)
    ]
    return load_topic(topic_file(data))


@pytest.mark.parametrize(("signs", "shown"), [(0, True), (5, False)])
def test_a_picture_beside_the_warnings_never_costs_them_size_or_room(
    topic_file, tmp_path, signs, shown
):
    """A section's picture goes beside its items. Beside the warnings it fits on an
    A7 card with two signs; with seven it has no room, and every 'now' warning
    stays, at the size it has without the picture."""
    topic = warnings_with_a_section_picture(topic_file, tmp_path, signs)
    options = BuildOptions(card_size=CardSize.A7, card_layout=CardLayout.TWO_SIDED)
    with pdfplumber.open(card(card_pictures(topic, False), tmp_path, options, "off")) as pdf:
        without = printed(pdf.pages)
    with pdfplumber.open(card(topic, tmp_path, options, "on")) as pdf:
        back = pdf.pages[1]
        assert printed(pdf.pages) == without
        text = " ".join(back.extract_text().split())
        images, label, chars = back.images, word(back, "NOW"), back.chars
    for sign in topic.sections[1].items:
        if sign.urgency is Urgency.NOW:
            assert sign.text in text
    assert len(images) == int(shown)
    assert bool(plan_card(topic, options).notes) is not shown
    if shown:  # at the top right of the section, beside the label and the signs
        assert images[0]["top"] == pytest.approx(label["top"], abs=4)
        assert not [c["text"] for c in chars if overlaps(c, box_of(images[0]))]


@pytest.mark.parametrize("layout", list(CardLayout))
def test_the_print_sheet_shows_the_same_pictures(hamstring, topic_file, tmp_path, layout):
    """Every card on the sheet carries its drawing (four strokes of the sitting
    stretch are curves), and every card of a PNG topic its image; a two-sided sheet
    has them on its fronts only."""
    for topic, size in (
        (hamstring, CardSize.A7),
        (load_topic(pictured_topic(topic_file, tmp_path, PNG)), CardSize.WALLET),
    ):
        options = BuildOptions(paper=Paper.LETTER, card_size=size, card_layout=layout)
        cards = sheet_grid(options.paper_for(topic), pieces(plan_card(topic, options))[0]).count
        with pdfplumber.open(export_sheet(topic, tmp_path / "sheet.pdf", options)) as pdf:
            if topic is hamstring:
                counts = [len(p.curves) for p in pdf.pages]
            else:
                counts = [len(p.images) for p in pdf.pages]
        per_card = 4 if topic is hamstring else 1
        assert cards >= 2
        assert counts == [per_card * cards] + [0] * (layout is CardLayout.TWO_SIDED)


@pytest.mark.parametrize("picture", [PNG, SVG], ids=["png", "svg"])
def test_cards_and_sheets_with_pictures_rebuild_byte_identical(topic_file, tmp_path, picture):
    topic = load_topic(pictured_topic(topic_file, tmp_path, picture, caption="Resting"))
    options = BuildOptions(card_size=CardSize.WALLET)
    for make in (export_card, export_sheet):
        first = make(topic, tmp_path / "first.pdf", options)
        with pdfplumber.open(first) as pdf:  # the picture is there
            page = pdf.pages[0]
            assert page.images if picture is PNG else strokes(page, 0, page.width)
        second = make(topic, tmp_path / "second.pdf", options)
        assert first.read_bytes() == second.read_bytes()


OFF_CARD = {  # where the picture is, what keeps it off the card, what the warning says
    "item off": (
        "sections[0].items[1]",
        {"on_card": False},
        "its item is not (set on_card: true on the item",
    ),
    "section off": (
        "sections[0]",
        {"section_on_card": False},
        "its section is not (set on_card: true on the section",
    ),
    "no item on": (
        "sections[0]",
        {"on_card": False, "others_off": True},
        "none of its section's items is (set on_card: true on one of them",
    ),
}


@pytest.mark.parametrize("case", OFF_CARD)
def test_a_picture_whose_item_or_section_is_off_the_card_is_a_warning(topic_file, tmp_path, case):
    field, how, why = OFF_CARD[case]
    shutil.copy(PNG, tmp_path / PNG.name)
    data = minimal_topic()
    section = data["sections"][0]
    item = {"id": "ice", "text": "Put ice on it.", "on_card": how.get("on_card", True)}
    section["items"].append(item)
    if how.get("others_off"):
        section["items"][0]["on_card"] = False
    if "section_on_card" in how:
        section["on_card"] = how["section_on_card"]
    owner = item if "items" in field else section
    owner["image"] = {"path": PNG.name, "alt": "Ice on a leg.", "on_card": True}
    path = topic_file(data)
    line = line_of(path, "on_card: true", path.read_text().count("on_card: true"))  # the last
    expected = (
        f"warning: {path}:{line}: {field}.image.on_card: "
        f"this picture cannot be on the pocket card, because {why}, or delete the "
        "image's on_card)"
    )
    for args in (["check", path], ["build", path, "--out", tmp_path / "out"]):
        result = run_cli(*args)
        assert result.returncode == 0, result.stderr
        assert expected in result.stderr.splitlines()
