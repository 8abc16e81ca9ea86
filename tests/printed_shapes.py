"""The web page as a browser prints it, measured, not looked at: the topic shapes of
`tests/layout_shapes.py` printed by real headless Chromium (Playwright) on Letter and
A4, read back with pdfplumber: how many pages, which page each urgent warning sign
and each line of "where to get care" prints on, whether the box fitted whole on
page 1, each page's "Page N of M", and whether the last page holds more than the
footer.

Whether the warnings box fits whole on page 1 is worked out apart from the printed
PDF: the page laid out for print but not paginated, one page's text area wide, and
the box's foot compared with one page's text area height.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from playwright.sync_api import Browser, sync_playwright

from generator.exporters.handout import html as handout_html
from generator.exporters.handout.content import handout_text
from generator.model import SectionKind, Topic, Urgency
from generator.options import BuildOptions, Paper

PAPER_INCHES = {Paper.LETTER: (8.5, 11.0), Paper.A4: (210 / 25.4, 297 / 25.4)}
PAGE_MARGIN_MM = 15  # `@page { margin: 15mm }` in templates/handout_html/handout.css
CSS_PX_PER_INCH = 96
FORMATS = {Paper.LETTER: "Letter", Paper.A4: "A4"}


@dataclass(frozen=True)
class Printed:
    """One web page as Chromium printed it."""

    pages: tuple[str, ...]
    """Each printed page's text, its whitespace made single spaces."""
    urgent_pages: tuple[int | None, ...]
    """The page (from 1) of each sign that needs care right away, None if missing."""
    box_pages: tuple[int | None, ...]
    """The page of each sign of the warnings box and each line of where to get care."""
    room_below_box: float
    """Room left on page 1 below the unpaginated box, in CSS px (negative: it is
    taller than what is left of page 1 after what precedes it)."""
    label: str
    """The page label with `{page}` and `{pages}` left to fill, in the topic's language."""
    footer: tuple[str, ...]
    """The footer's lines."""

    @property
    def numbered(self) -> bool:
        """Every page says its own "Page N of M" exactly once."""
        return all(text.count(self.page_label(n)) == 1 for n, text in enumerate(self.pages, 1))

    @property
    def footer_whole_on_last_page(self) -> bool:
        return all(line in self.pages[-1] for line in self.footer)

    @property
    def last_page_holds_more_than_the_footer(self) -> bool:
        rest = self.pages[-1]
        for line in self.footer:
            rest = rest.replace(line, " ")
        return bool(rest.replace(self.page_label(len(self.pages)), " ").strip())

    def page_label(self, number: int) -> str:
        return self.label.format(page=number, pages=len(self.pages))


def one_line(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@contextmanager
def chromium(executable: str | None = None) -> Iterator[Browser]:
    """Headless Chromium (the system's, never `playwright install`)."""
    path = executable or shutil.which("chromium") or shutil.which("chromium-browser")
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=args)
        try:
            yield browser
        finally:
            browser.close()


def room_below_box(browser: Browser, page_uri: str, paper: Paper) -> float:
    """CSS px left on page 1 of `paper` below the warnings box, laid out for print
    without pages: negative when the box cannot print whole on page 1."""
    width, height = PAPER_INCHES[paper]
    margin = PAGE_MARGIN_MM / 25.4 * CSS_PX_PER_INCH
    area = (width * CSS_PX_PER_INCH - 2 * margin, height * CSS_PX_PER_INCH - 2 * margin)
    context = browser.new_context(viewport={"width": round(area[0]), "height": round(area[1])})
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(page_uri)
        foot = page.evaluate(
            "() => document.querySelector('.warnings').getBoundingClientRect().bottom"
            " - document.body.getBoundingClientRect().top"
        )
    finally:
        context.close()
    return area[1] - float(foot)


def print_page(
    browser: Browser, topic: Topic, folder: Path, paper: Paper, **options: object
) -> Printed:
    """The web page of `topic` with `options`, printed by Chromium on `paper`."""
    built = BuildOptions(paper=paper, **options)  # type: ignore[arg-type]
    html = handout_html.export(topic, folder / f"{topic.id}-{paper.value}.html", built)
    pdf_path = html.with_suffix(".pdf")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(html.as_uri())
        page.pdf(path=str(pdf_path), format=FORMATS[paper])
    finally:
        context.close()
    with pdfplumber.open(pdf_path) as pdf:
        pages = tuple(one_line(p.extract_text() or "") for p in pdf.pages)
    text = handout_text(topic, built.clinic, phone=str)
    box = topic.sections_of(SectionKind.WARNINGS)[0]
    signs = [one_line(item.text) for group in box.urgency_groups for item in group.items]
    urgent = [
        one_line(i.text) for g in box.urgency_groups if g.urgency is Urgency.NOW for i in g.items
    ]
    care = [one_line(line.text) for line in text.care]
    footer = [text.source, text.version, text.translation or "", text.disclaimer]
    return Printed(
        pages=pages,
        urgent_pages=tuple(page_of(pages, sign) for sign in urgent),
        box_pages=tuple(page_of(pages, line) for line in (*signs, *care)),
        room_below_box=room_below_box(browser, html.as_uri(), paper),
        label=text.labels("page", page="{page}", pages="{pages}"),
        footer=tuple(one_line(line) for line in footer if line),
    )


def page_of(pages: tuple[str, ...], line: str) -> int | None:
    return next((n for n, text in enumerate(pages, start=1) if line in text), None)


if __name__ == "__main__":  # the printed web page's table in docs/handout-layout.md
    import tempfile

    from tests.layout_shapes import shapes

    print(
        "| topic | paper | pages | urgent signs on page | box on pages | room below box | last page |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    with chromium() as browser, tempfile.TemporaryDirectory() as tmp:
        for name, (topic, options) in shapes().items():
            for paper in Paper:
                p = print_page(browser, topic, Path(tmp), paper, **options)
                urgent = "-".join(sorted({str(n) for n in p.urgent_pages}))
                box = "-".join(sorted({str(n) for n in p.box_pages}))
                last = (
                    "content and footer"
                    if p.last_page_holds_more_than_the_footer
                    else "footer only"
                )
                print(
                    f"| {name} | {paper.value} | {len(p.pages)} | {urgent} | {box} | "
                    f"{p.room_below_box:.0f} px | {last} |"
                )
