"""`health-handouts preview`: a PNG of every page of every PDF output, from the registry."""

from __future__ import annotations

import io
import shutil
import struct
import zlib

import pypdf
import pypdfium2
import pytest
from PIL import Image

from generator.authoring import preview
from generator.exporters import EXPORTERS, Exporter
from tests.conftest import CONTENT, HAMSTRING, minimal_topic, run_cli


def about(size, width, height):
    """A page drawn at `width` x `height` pixels (PDFium rounds each side up or down)."""
    return abs(size[0] - width) <= 1 and abs(size[1] - height) <= 1


def page_sizes(pdf):
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in pypdf.PdfReader(pdf).pages]


@pytest.mark.parametrize("name", ["hamstring-cramp", "hamstring-cramp-es"])
def test_every_pdf_page_becomes_a_png_of_its_size(tmp_path, name):
    result = run_cli("preview", CONTENT / f"{name}.yaml", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out" / name
    pdfs = [e.filename(name) for e in EXPORTERS if e.suffix.endswith(".pdf")]
    assert len(pdfs) >= 3
    expected = []
    for pdf in pdfs:
        for number, (width, height) in enumerate(page_sizes(out / pdf), 1):
            image = out / pdf.replace(".pdf", f"-page-{number}.png")
            expected.append(f"{name}: wrote {image}")
            with Image.open(image) as png:
                assert png.format == "PNG"
                assert about(png.size, width * 100 / 72, height * 100 / 72)
                assert png.convert("L").getextrema()[0] < 100  # something is drawn
    assert result.stdout.splitlines() == expected
    assert sorted(p.name for p in out.glob("*.png")) == sorted(
        e.removeprefix(f"{name}: wrote {out}/") for e in expected
    )


def test_a_two_sided_card_has_a_front_and_a_back_page(tmp_path, topic_file):
    path = topic_file(minimal_topic(pocket_card={"size": "wallet", "layout": "two-sided"}))
    result = run_cli("preview", path, "--out", tmp_path / "out", "--dpi", "50")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out" / "test-topic"
    assert sorted(p.name for p in out.glob("*-pocket-card-page-*.png")) == [
        "test-topic-pocket-card-page-1.png",
        "test-topic-pocket-card-page-2.png",
    ]
    with Image.open(out / "test-topic-pocket-card-page-1.png") as png:
        assert png.size == (175, 100)  # 3.5 x 2 in at 50 dpi


def test_images_of_pages_a_pdf_no_longer_has_are_removed(tmp_path):
    out = tmp_path / "out"
    assert run_cli("preview", HAMSTRING, "--out", out).returncode == 0
    folder = out / "hamstring-cramp"
    stale = folder / "hamstring-cramp-handout-page-9.png"
    stale.write_bytes(b"old")
    other = folder / "hamstring-cramp-handout-page-9.png.keep"
    other.write_bytes(b"not ours")
    preview.write_previews("hamstring-cramp", folder, dpi=20)
    assert not stale.exists()
    assert other.exists()
    assert not list(folder.glob(".*.tmp"))


def test_a_pdf_exporter_added_to_the_registry_is_previewed(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run_cli("build", HAMSTRING, "--out", out).returncode == 0
    folder = out / "hamstring-cramp"
    shutil.copyfile(folder / "hamstring-cramp-handout.pdf", folder / "hamstring-cramp-poster.pdf")
    extra = Exporter(
        "poster", "poster", "-poster.pdf", "generator.exporters.handout.pdf:export", ()
    )
    monkeypatch.setattr(preview, "EXPORTERS", (*EXPORTERS, extra))
    written = preview.write_previews("hamstring-cramp", folder, dpi=20)
    assert folder / "hamstring-cramp-poster-page-1.png" in written
    assert list(preview.page_images("hamstring-cramp", folder))[-1] == (
        folder / "hamstring-cramp-poster.pdf"
    )


def test_page_images_are_in_page_order(tmp_path):
    folder = tmp_path
    for number in (10, 2, 1):
        (folder / f"t-handout-page-{number}.png").write_bytes(b"")
    (folder / "t-handout-page-x.png").write_bytes(b"")
    found = preview.page_images("t", folder)[folder / "t-handout.pdf"]
    assert [p.name for p in found] == [f"t-handout-page-{n}.png" for n in (1, 2, 10)]


def test_a_broken_topic_is_reported_and_nothing_drawn(tmp_path, topic_file):
    path = topic_file(minimal_topic(title=None))
    result = run_cli("preview", path, "--out", tmp_path / "out")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(f"{path}:")
    assert ": title: " in result.stderr
    assert not list(tmp_path.rglob("*.png"))


def test_pages_are_real_png_bytes(tmp_path):
    out = tmp_path / "out"
    assert run_cli("build", HAMSTRING, "--out", out).returncode == 0
    pdf = out / "hamstring-cramp" / "hamstring-cramp-pocket-card.pdf"
    (png,) = preview.render_pages(pdf, dpi=30)
    ((width, height),) = page_sizes(pdf)
    assert about(Image.open(io.BytesIO(png)).size, width * 30 / 72, height * 30 / 72)


def test_preview_draws_with_the_options_build_takes(tmp_path):
    """--paper A4 and --large-print reach the drawn pages: an A4 page, more of them."""
    plain = run_cli("preview", HAMSTRING, "--out", tmp_path / "plain", "--dpi", "20")
    large = run_cli(
        "preview", HAMSTRING, "--out", tmp_path / "large", "--dpi", "20", "--paper", "A4",
        "--large-print", "--card-size", "index",
    )  # fmt: skip
    assert plain.returncode == 0 and large.returncode == 0, plain.stderr + large.stderr
    handout = "hamstring-cramp/hamstring-cramp-handout.pdf"
    pages = {name: pypdf.PdfReader(tmp_path / name / handout).pages for name in ("plain", "large")}
    assert round(float(pages["large"][0].mediabox.width)) == 595  # A4 (the topic is en-US)
    assert round(float(pages["plain"][0].mediabox.width)) == 612
    assert len(pages["large"]) > len(pages["plain"])  # 16 pt takes more room
    drawn = sorted(p.name for p in (tmp_path / "large" / "hamstring-cramp").glob("*handout-page-*"))
    assert len(drawn) == len(pages["large"])


def png_rows(data: bytes) -> tuple[int, int, bytes]:
    """The width, height and decompressed rows (each led by its filter byte) of an
    8-bit RGB PNG file, read chunk by chunk."""
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    at, compressed, size = 8, b"", (0, 0)
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length : at + 12 + length])[0] == zlib.crc32(
            kind + body
        )
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert (depth, colour) == (8, 2)  # 8-bit RGB
            size = (width, height)
        elif kind == b"IDAT":
            compressed += body
        at += 12 + length
    return *size, zlib.decompress(compressed)


def test_page_images_have_pdfiums_pixels_in_unfiltered_rows(tmp_path):
    """Each row unfiltered (PNG filter 0): trying every filter on every row, as Pillow
    does, took half the time of a preview (docs/performance.md); the pixels are
    PDFium's, as drawn."""
    out = tmp_path / "out"
    assert run_cli("build", HAMSTRING, "--out", out).returncode == 0
    folder = out / "hamstring-cramp"
    preview.write_previews("hamstring-cramp", folder, dpi=40, groups=["handout"])
    document = pypdfium2.PdfDocument(folder / "hamstring-cramp-handout.pdf")
    for number in range(1, len(document) + 1):
        data = (folder / f"hamstring-cramp-handout-page-{number}.png").read_bytes()
        width, height, rows = png_rows(data)
        assert [rows[y * (width * 3 + 1)] for y in range(height)] == [0] * height
        drawn = document[number - 1].render(scale=40 / 72).to_pil()
        with Image.open(io.BytesIO(data)) as image:
            assert image.size == drawn.size == (width, height)
            assert image.convert("RGB").tobytes() == drawn.convert("RGB").tobytes()
