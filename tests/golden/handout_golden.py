"""Golden summaries of the hamstring clinic handout (PDF and HTML).

Not a test module: `tests/golden/update.py` calls `regenerate`, and
`test_handout_golden.py` compares `build_summaries()` with the committed files.
The summaries keep what a reader meets (pages, fonts, sizes, text in order; the
HTML outline), not raw bytes.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pypdf

from generator.exporters.handout import html as handout_html
from generator.exporters.handout import pdf as handout_pdf
from generator.load import load_topic
from generator.options import BuildOptions

ROOT = Path(__file__).resolve().parent.parent.parent
TOPIC = ROOT / "content" / "hamstring-cramp.yaml"
PDF_NAME = "handout-pdf.txt"
HTML_NAME = "handout-html.txt"


def summarize(path: Path) -> str:
    """A stable text summary of a handout PDF or HTML file."""
    if path.suffix == ".pdf":
        return _summarize_pdf(path)
    return _summarize_html(path.read_text(encoding="utf-8"))


def _summarize_pdf(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    lines = [f"pages: {len(reader.pages)}"]
    meta = reader.metadata
    lines.append(f"title: {meta.title if meta else None}")
    lines.append(f"subject: {meta.subject if meta else None}")
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            sizes = Counter(f"{c['fontname'].split('+')[-1]} {c['size']:g}" for c in page.chars)
            lines.append(f"--- page {number}: {page.width:g} x {page.height:g} pt")
            lines += [f"font: {name}" for name in sorted(sizes)]
            lines += [line.rstrip() for line in (page.extract_text() or "").splitlines()]
    return "\n".join(lines) + "\n"


_BLOCKS = frozenset(
    [
        "html",
        "title",
        "body",
        "header",
        "main",
        "footer",
        "section",
        "h1",
        "h2",
        "h3",
        "p",
        "ol",
        "ul",
        "li",
        "img",
        "svg",
        "a",
    ]
)
"""Elements the HTML outline shows, with their text."""


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.depth = 0
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style = tag == "style"
        if tag in _BLOCKS:
            keep = {k: v for k, v in attrs if k in {"lang", "class", "alt", "href", "aria-hidden"}}
            shown = " ".join(f"{k}={v}" for k, v in keep.items())
            self.lines.append("  " * self.depth + f"<{tag}{' ' + shown if shown else ''}>")
            if tag not in {"img", "a"}:
                self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False
        if tag in _BLOCKS and tag not in {"img", "a"}:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if data.strip() and not self.in_style:
            self.lines.append("  " * self.depth + " ".join(data.split()))


def _summarize_html(html: str) -> str:
    outline = _Outline()
    outline.feed(html)
    return "\n".join(outline.lines) + "\n"


def build_summaries() -> dict[str, str]:
    """Build the hamstring handout (default options) and summarise both files."""
    topic = load_topic(TOPIC)
    options = BuildOptions()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = handout_pdf.export(topic, Path(tmp) / "h.pdf", options)
        html = handout_html.export(topic, Path(tmp) / "h.html", options)
        return {PDF_NAME: summarize(pdf), HTML_NAME: summarize(html)}


def regenerate(expected_dir: Path) -> None:
    out = expected_dir / "hamstring-cramp"
    out.mkdir(parents=True, exist_ok=True)
    for name, text in build_summaries().items():
        (out / name).write_text(text, encoding="utf-8")
