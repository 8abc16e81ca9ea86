"""Pictures are untrusted input (issue 26): every hostile picture the issue found is
made here, small, by the test, and built. Each one is refused by the picture gate with
a message naming the file, the field and the line; it costs only the outputs that draw
it (never the topic, never "cannot write output"), and no PDF that is made loses text."""

from __future__ import annotations

import base64
import io
import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from generator.build import build_topic
from generator.options import BuildOptions
from tests.conftest import ROOT, line_of, minimal_topic

DRAWS_ITEM_PICTURE = {"pocket-card", "pocket-card-sheet", "handout-pdf", "handout-html"}
DRAWS_FLASHCARD_IMAGE = {"anki", "flashcards-csv", "study-cards-pdf"}
SVG = '<svg xmlns="http://www.w3.org/2000/svg" {}>{}</svg>'
LINE = '<path d="M1 9 L19 9" stroke="#000"/>'


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, extra: bytes = b"", pixels: bytes | None = None) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # grey, 8 bits
    rows = pixels if pixels is not None else zlib.compress(b"\0" * (width + 1) * height)
    body = chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def jpeg(width: int, height: int, orientation: int | None = None) -> bytes:
    image = Image.new("RGB", (width, height), "white")
    image.paste((0, 0, 0), (0, 0, width // 4, height))  # a black band at the left
    out = io.BytesIO()
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def gif_with_huge_frame() -> bytes:
    """A 1 x 1 screen holding one 12000 x 12000 frame (107 KB took 1.6 GB)."""
    screen = b"GIF89a" + struct.pack("<HHBBB", 1, 1, 0, 0, 0)
    frame = b"\x2c" + struct.pack("<HHHHB", 0, 0, 12000, 12000, 0) + b"\x02\x02\x4c\x01\x00"
    return screen + frame + b"\x3b"


def svg_use_bomb() -> str:
    shapes = "".join(f'<rect x="{i % 20}" y="1" width="1" height="1"/>' for i in range(1000))
    uses = '<use href="#g"/>' * 100
    return SVG.format('width="20" height="10"', f'<defs><g id="g">{shapes}</g></defs>{uses}')


def embedded_png_svg() -> str:
    inner = base64.b64encode(png(20000, 20000, pixels=b"")).decode()
    return SVG.format(
        'width="20" height="10"',
        f'<image width="20" height="10" href="data:image/png;base64,{inner}"/>',
    )


TEXT_BOMB = chunk(b"zTXt", b"Comment\0\0" + zlib.compress(b"A" * 4_000_000))
FULL_PNG = png(64, 64, pixels=zlib.compress(bytes(range(256)) * 17))
FULL_JPEG = jpeg(64, 64)
HOSTILE_ITEM_PICTURES = {
    "svg-width-nan": ("p.svg", SVG.format('width="nan" height="10"', LINE), 'width="nan"'),
    "svg-negative": ("p.svg", SVG.format('width="-20" height="10"', LINE), 'width="-20"'),
    "svg-1e308": ("p.svg", SVG.format('width="1e308" height="10"', LINE), 'width="1e308"'),
    "svg-inf": ("p.svg", SVG.format('width="inf" height="10"', LINE), 'width="inf"'),
    "svg-viewbox": ("p.svg", SVG.format('viewBox="0 0 1e300 1e300"', LINE), "viewBox="),
    "svg-transform-nan": (
        "p.svg",
        SVG.format('width="20" height="10"', f'<g transform="scale(1e200)">{LINE}</g>'),
        "too large or not a number",
    ),
    "svg-use-bomb": ("p.svg", svg_use_bomb(), "is too complex to draw: more than 5,000 elements"),
    "svg-huge-path": (
        "p.svg",
        SVG.format('width="20" height="10"', '<path d="M0 0' + " L1 1" * 1_950_000 + '"/>'),
        "characters of path data",
    ),
    "svg-embedded-png": ("p.svg", embedded_png_svg(), "has an embedded image (line 1) that is"),
    "svg-times-text": (
        "p.svg",
        SVG.format('width="20" height="10"', '<text font-family="Times" y="9">Stop</text>'),
        "has text in it (<text>, line 1)",
    ),
    "svg-cjk-emoji-text": (
        "p.svg",
        SVG.format('width="20" height="10"', '\n<text y="9">止 \N{WARNING SIGN}</text>'),
        "has text in it (<text>, line 2)",
    ),
    "svg-image-beside": (
        "p.svg",
        SVG.format('width="20" height="10"', '<image href="beside.png" width="20" height="10"/>'),
        'takes a picture from "beside.png" (line 1)',
    ),
    "png-text-bomb": ("p.png", png(8, 8, TEXT_BOMB), "with text inside it that unpacks"),
    "png-truncated": ("p.png", FULL_PNG[: len(FULL_PNG) // 2], "is a damaged or incomplete PNG"),
    "jpeg-truncated": ("p.jpg", FULL_JPEG[: len(FULL_JPEG) // 2], "damaged or incomplete JPEG"),
    "png-zero-width": ("p.png", png(0, 10), "has no pixels (0 x 10)"),
    "jpeg-30000-header": (
        "p.jpg",
        FULL_JPEG.replace(struct.pack(">HH", 64, 64), struct.pack(">HH", 30000, 30000), 1),
        "is 30000 x 30000 pixels",
    ),
}


def write_picture(folder: Path, name: str, content: str | bytes) -> None:
    (folder / "images").mkdir(exist_ok=True)
    data = content.encode() if isinstance(content, str) else content
    (folder / "images" / name).write_bytes(data)
    shutil.copy(
        ROOT / "tests" / "fixtures" / "clinic" / "logo.png", folder / "images" / "beside.png"
    )


def item_picture_topic(topic_file, tmp_path: Path, name: str, content: str | bytes) -> Path:
    write_picture(tmp_path, name, content)
    data = minimal_topic()
    data["sections"][0]["items"][0]["image"] = {
        "path": f"images/{name}",
        "alt": "A leg at rest.",
        "on_card": True,
    }
    return topic_file(data)


@pytest.mark.parametrize("case", list(HOSTILE_ITEM_PICTURES))
def test_a_hostile_item_picture_costs_only_the_outputs_that_draw_it(topic_file, tmp_path, case):
    name, content, says = HOSTILE_ITEM_PICTURES[case]
    path = item_picture_topic(topic_file, tmp_path, name, content)
    result = build_topic(path, tmp_path / "out", BuildOptions())
    assert result.error is None  # never the topic, never "cannot write output"
    [failure] = result.failed
    assert set(failure.exporters) == DRAWS_ITEM_PICTURE
    assert not failure.internal
    field = "sections[0].items[0].image.path"
    assert failure.message.startswith(f"{path}:{line_of(path, 'path: images')}: {field}: ")
    assert says in failure.message
    assert {p.name for p in result.written} == {
        "test-topic.apkg",
        "test-topic-flashcards.pdf",
        "test-topic-flashcards.csv",
        "test-topic-flashcards.tsv",
    }


HOSTILE_FLASHCARD_IMAGES = {
    "gif-huge-frame": ("p.gif", gif_with_huge_frame(), "has a frame of 12000 x 12000 pixels"),
    "png-100000x1": ("p.png", png(100000, 1), "more than 20 times as long as it is wide"),
    "png-zero-width": ("p.png", png(0, 10), "has no pixels (0 x 10)"),
}


@pytest.mark.parametrize("case", list(HOSTILE_FLASHCARD_IMAGES))
def test_a_hostile_flashcard_image_costs_only_the_deck_and_study_cards(topic_file, tmp_path, case):
    name, content, says = HOSTILE_FLASHCARD_IMAGES[case]
    write_picture(tmp_path, name, content)
    data = minimal_topic()
    data["flashcards"][0]["image"] = {"path": f"images/{name}", "alt": "A leg."}
    path = topic_file(data)
    result = build_topic(path, tmp_path / "out", BuildOptions())
    assert result.error is None
    [failure] = result.failed
    assert set(failure.exporters) == DRAWS_FLASHCARD_IMAGE
    line = line_of(path, "path: images")
    assert failure.message.startswith(f"{path}:{line}: flashcards[0].image.path: 'images/{name}'")
    assert says in failure.message


def test_a_picture_that_is_a_pipe_costs_only_the_outputs_that_draw_it(topic_file, tmp_path):
    """Since the gate reads pictures when the topic loads, hashing them for the manifest
    again stopped the whole topic on a pipe."""
    (tmp_path / "images").mkdir()
    os.mkfifo(tmp_path / "images" / "p.png")
    path = item_picture_topic(topic_file, tmp_path, "q.png", FULL_PNG)
    path.write_text(path.read_text(encoding="utf-8").replace("q.png", "p.png"), "utf-8")
    result = build_topic(path, tmp_path / "out", BuildOptions())
    assert result.error is None
    [failure] = result.failed
    assert set(failure.exporters) == DRAWS_ITEM_PICTURE
    assert "'images/p.png' is a pipe (FIFO), not a regular file" in failure.message


def test_the_manifest_records_the_picture_the_outputs_were_made_from(topic_file, tmp_path):
    """A picture saved after the gate read it: the manifest has the digest of what was
    read, so the next build sees the change and rebuilds."""
    import hashlib

    from generator.incremental import picture_inputs
    from generator.load import load_topic

    path = item_picture_topic(topic_file, tmp_path, "p.png", FULL_PNG)
    topic = load_topic(path)
    (tmp_path / "images" / "p.png").write_bytes(png(8, 8))
    [(name, digest)] = picture_inputs(topic, BuildOptions(), path).items()
    assert (name, digest) == (
        "images/p.png",  # relative to the topic's folder (issue 28)
        hashlib.sha256(FULL_PNG).hexdigest(),
    )


def test_a_wide_flashcard_picture_prints_on_the_study_card(topic_file, tmp_path):
    """A picture 20 times as wide as tall was "-119 pt too tall" for the study card: at
    the card's full width it is lower than the least height asked of a picture."""
    wide = io.BytesIO()
    Image.new("L", (2000, 100), 0).save(wide, "PNG")
    write_picture(tmp_path, "wide.png", wide.getvalue())
    data = minimal_topic()
    data["flashcards"][0]["image"] = {"path": "images/wide.png", "alt": "A line."}
    result = build_topic(topic_file(data), tmp_path / "out", BuildOptions())
    assert result.ok, [f.message for f in result.failed]


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


@pytest.mark.parametrize("case", ["svg-width-nan", "svg-negative", "svg-transform-nan"])
def test_no_pdf_made_beside_a_hostile_drawing_loses_its_warnings(topic_file, tmp_path, case):
    """`nan nan cm` stopped poppler: "GET CARE NOW" and the footer vanished, exit 0.
    Every PDF that is made reads in full; the handout is made once the picture is fixed."""
    name, content, _ = HOSTILE_ITEM_PICTURES[case]
    path = item_picture_topic(topic_file, tmp_path, name, content)
    result = build_topic(path, tmp_path / "out", BuildOptions())
    pdfs = [p for p in result.written if p.suffix == ".pdf"]
    assert pdfs and all(p.name != "test-topic-handout.pdf" for p in pdfs)
    for pdf in pdfs:
        assert "leg swells" in pdf_text(pdf), pdf.name
    write_picture(tmp_path, name, SVG.format('width="20" height="10"', LINE))
    fixed = build_topic(path, tmp_path / "out", BuildOptions())
    assert fixed.ok, fixed.failed
    handout = pdf_text(tmp_path / "out" / "test-topic" / "test-topic-handout.pdf")
    assert "Get care now if your leg swells." in handout
    assert "GET CARE NOW" in pdf_text(
        tmp_path / "out" / "test-topic" / "test-topic-pocket-card.pdf"
    )


def test_a_phone_photo_prints_upright(topic_file, tmp_path):
    """A 40 x 20 photo the camera marks "turn 90 degrees clockwise" is 20 x 40 upright:
    the PDFs printed it sideways, the web page upright."""
    from pypdf import PdfReader

    path = item_picture_topic(topic_file, tmp_path, "photo.jpg", jpeg(40, 20, orientation=6))
    result = build_topic(path, tmp_path / "out", BuildOptions())
    assert result.ok, result.failed
    reader = PdfReader(tmp_path / "out" / "test-topic" / "test-topic-handout.pdf")
    [image] = [i for page in reader.pages for i in page.images]
    assert image.image.size == (20, 40)
    left = image.image.convert("L").crop((0, 0, 20, 5))
    assert left.getextrema()[1] < 100  # the black band, once at the left, is now on top


def test_svglib_says_nothing_on_the_terminal(tmp_path):
    """svglib's own log lines ("Can't handle color: blorp") reached the author."""
    write_picture(
        tmp_path, "p.svg", SVG.format('width="20" height="10"', LINE.replace("#000", "blorp"))
    )
    data = minimal_topic()
    data["sections"][0]["items"][0]["image"] = {"path": "images/p.svg", "alt": "A leg."}
    from tests.conftest import dump

    (tmp_path / "test-topic.yaml").write_text(dump(data), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", str(tmp_path / "test-topic.yaml"),
         "--out", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "svglib" not in done.stderr and "blorp" not in done.stderr, done.stderr


def test_check_reports_a_refused_picture(topic_file, tmp_path, capsys):
    from generator.cli import main

    name, content, says = HOSTILE_ITEM_PICTURES["png-truncated"]
    path = item_picture_topic(topic_file, tmp_path, name, content)
    assert main(["check", str(path)]) == 1  # a topic's problem (the exit-code table)
    error = capsys.readouterr().err
    assert error.startswith(f"{path}:{line_of(path, 'path: images')}: ") and says in error
