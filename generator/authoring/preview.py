"""`health-handouts preview`: every page of every PDF output as a PNG beside it.

Pages are drawn by PDFium (`pypdfium2`, a wheel: no system tool) and saved as PNG by
`png` (unfiltered rows, zlib).
Which files are PDFs comes from the exporter registry, so a PDF exporter added later
is previewed too. The images are written like every output: under temporary names,
renamed together; images of pages a PDF no longer has are removed.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from generator.atomic import staged
from generator.authoring.png import Rows, png, rgb_rows
from generator.errors import GeneratorError
from generator.exporters import EXPORTERS

EXTRA = "preview"
"""The optional dependencies `preview` and `serve` need (pyproject.toml)."""


def need(module: str) -> Any:
    """Import `module` from the `preview` extra, or say how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise GeneratorError(
            f"this command needs {module.split('.')[0]}, which is not installed "
            f"(pip install 'health-handouts[{EXTRA}]')"
        ) from None


def pdf_outputs(topic_id: str, out_dir: Path, groups: Collection[str] | None = None) -> list[Path]:
    """The PDF files among `topic_id`'s outputs in `out_dir`, in build order: all, or
    those of the exporter `groups` given."""
    return [
        out_dir / exporter.filename(topic_id)
        for exporter in EXPORTERS
        if exporter.suffix.lower().endswith(".pdf") and (groups is None or exporter.group in groups)
    ]


def page_name(pdf: Path, number: int) -> str:
    """The image of page `number` (from 1) of `pdf`: `<pdf stem>-page-<number>.png`."""
    return f"{pdf.stem}-page-{number}.png"


def _page_pattern(pdf: Path) -> re.Pattern[str]:
    return re.compile(re.escape(pdf.stem) + r"-page-(\d+)\.png")


def render_pages(pdf: Path, dpi: int, compress_level: int = 1) -> Iterator[bytes]:
    """Each page of `pdf` as PNG bytes, at `dpi` pixels per inch."""
    for rows in _page_rows(pdf, dpi):
        yield png(rows, compress_level)


def _page_rows(pdf: Path, dpi: int) -> Iterator[Rows]:
    """Each page of `pdf` drawn by PDFium in RGB, as the rows of a PNG, one after
    another (PDFium draws in one thread at a time)."""
    pdfium = need("pypdfium2")
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(
                scale=dpi / 72,
                force_bitmap_format=pdfium.raw.FPDFBitmap_BGR,
                rev_byteorder=True,  # RGB, as PNG has it
            )
            page.close()
            with memoryview(bitmap.buffer).cast("B") as pixels:
                rows = rgb_rows(pixels, bitmap.width, bitmap.height, bitmap.stride)
            bitmap.close()
            yield rows
    finally:
        document.close()


ENCODERS = 2
"""Pages compressed to PNG at once: zlib lets go of Python's lock as it compresses, so
two pages compress side by side while PDFium draws the next."""


def write_previews(
    topic_id: str,
    out_dir: Path,
    dpi: int,
    compress_level: int = 1,
    groups: Collection[str] | None = None,
    only: Collection[Path] | None = None,
) -> list[Path]:
    """Write a PNG of every page of every PDF output of `topic_id` in `out_dir` (of
    the exporter `groups` given; of those, `only` these PDFs); the images written, in
    order. A PDF not there (not built yet) is left out."""
    pdfs = [
        pdf
        for pdf in pdf_outputs(topic_id, out_dir, groups)
        if pdf.is_file() and (only is None or pdf in only)
    ]
    counts: dict[Path, int] = {}
    with staged() as files, ThreadPoolExecutor(ENCODERS) as encoders:
        encoded = []
        for pdf in pdfs:
            counts[pdf] = 0
            for number, rows in enumerate(_page_rows(pdf, dpi), 1):
                image = encoders.submit(png, rows, compress_level)
                encoded.append((out_dir / page_name(pdf, number), image))
                counts[pdf] = number
        for path, image in encoded:
            files.temp_for(path).write_bytes(image.result())
        written = list(files.commit())
    for pdf, count in counts.items():
        _remove_pages_after(pdf, count)
    return written


def _remove_pages_after(pdf: Path, count: int) -> None:
    """Remove images of pages `pdf` no longer has (a handout that got shorter)."""
    pattern = _page_pattern(pdf)
    for image in pdf.parent.glob(f"{glob_escape(pdf.stem)}-page-*.png"):
        match = pattern.fullmatch(image.name)
        if match and int(match.group(1)) > count:
            with contextlib.suppress(FileNotFoundError):
                image.unlink()


def glob_escape(text: str) -> str:
    """`text` with glob's special characters taken literally (ids are slugs, so
    this is belt and braces)."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def page_images(
    topic_id: str, out_dir: Path, groups: Collection[str] | None = None
) -> dict[Path, list[Path]]:
    """The page images beside each PDF output (of the exporter `groups` given), in
    page order (for the server)."""
    found: dict[Path, list[Path]] = {}
    for pdf in pdf_outputs(topic_id, out_dir, groups):
        pattern = _page_pattern(pdf)
        numbered = []
        for image in out_dir.glob(f"{glob_escape(pdf.stem)}-page-*.png"):
            if match := pattern.fullmatch(image.name):
                numbered.append((int(match.group(1)), image))
        found[pdf] = [image for _, image in sorted(numbered)]
    return found
