"""The clinic handout web page, parsed back with the standard library's HTML parser."""

from __future__ import annotations

import base64
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from generator.exporters.handout import content as handout_content
from generator.exporters.handout import html as handout_html
from generator.load import load_clinic, load_topic
from generator.model import SectionKind, Urgency
from generator.options import BuildOptions
from generator.qr import qr_modules
from tests.conftest import minimal_topic, svg_path_cells

CLINIC_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "clinic" / "clinic.yaml"


class Page(HTMLParser):
    """Every start tag with its attributes and path, and the text of each element."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None], tuple[str, ...]]] = []
        self.stack: list[str] = []
        self.texts: list[tuple[tuple[str, ...], str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs), tuple(self.stack)))
        if tag not in {"meta", "img", "br", "path", "rect", "link"}:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if data.strip():
            self.texts.append((tuple(self.stack), " ".join(data.split())))

    def text_in(self, tag: str) -> list[str]:
        return [text for path, text in self.texts if path and path[-1] == tag]

    def names(self) -> list[str]:
        return [tag for tag, _, _ in self.tags]


def build(topic, tmp_path, name="handout.html", **options) -> Path:
    return handout_html.export(topic, tmp_path / name, BuildOptions(**options))


def test_structure_headings_lists_landmarks(hamstring, tmp_path):
    page = Page(build(hamstring, tmp_path).read_text(encoding="utf-8"))
    html_tag = page.tags[0]
    assert html_tag[0] == "html"
    assert html_tag[1]["lang"] == hamstring.language
    assert page.text_in("title") == [hamstring.title]
    assert page.text_in("h1") == [hamstring.title]
    warnings = hamstring.sections_of(SectionKind.WARNINGS)[0]  # right after the main message
    others = [s.heading for s in hamstring.sections if s is not warnings]
    assert page.text_in("h2") == [warnings.heading, *others]
    for landmark in ("header", "main", "footer"):
        assert page.names().count(landmark) == 1
    steps = hamstring.sections_of(SectionKind.STEPS)
    checklist = hamstring.sections_of(SectionKind.CHECKLIST)[0]
    # an item's text is the <li>'s own, or the <p> beside its picture (not the caption)
    ordered = [t for path, t in page.texts if "ol" in path and path[-1] in ("li", "p")]
    sequences = [i for s in steps if not s.alternatives for i in s.items]
    assert ordered == [" ".join(i.text.split()) for i in sequences]
    bulleted = [t for path, t in page.texts if "ul" in path and path[-1] in ("li", "p")]
    choices = [i for s in steps if s.alternatives for i in s.items]
    assert choices  # sitting or standing, warmth or cold: bullets, never numbered
    for item in choices:
        assert " ".join(item.text.split()) in bulleted
    checklists = [t for t, a, _ in page.tags if t == "ul" and a.get("class") == "checklist"]
    assert len(checklists) == 1
    items = [t for t in page.text_in("li")]
    for item in checklist.items:
        assert " ".join(item.text.split()) in items


def test_main_message_first_and_urgent_warnings_first(hamstring, tmp_path):
    page = Page(build(hamstring, tmp_path).read_text(encoding="utf-8"))
    texts = [t for _, t in page.texts]
    message = texts.index(" ".join(hamstring.main_message.split()))
    assert message < texts.index(hamstring.sections[0].heading)
    labels = page.text_in("h3")
    text = handout_content.handout_text(hamstring)
    assert labels == [text.urgency[Urgency.NOW], text.urgency[Urgency.SOON], text.care_heading]
    warnings = hamstring.sections_of(SectionKind.WARNINGS)[0]
    now_items = [" ".join(i.text.split()) for i in warnings.items if i.urgency == "now"]
    soon_items = [" ".join(i.text.split()) for i in warnings.items if i.urgency == "soon"]
    assert max(texts.index(t) for t in now_items) < min(texts.index(t) for t in soon_items)


def test_footer_has_source_version_and_disclaimer(hamstring, tmp_path):
    page = Page(build(hamstring, tmp_path).read_text(encoding="utf-8"))
    footer = [t for path, t in page.texts if "footer" in path]
    assert footer == [
        handout_content.handout_text(hamstring).source,
        handout_content.handout_text(hamstring).version,
        handout_content.handout_text(hamstring).disclaimer,
    ]


def test_self_contained_without_script(hamstring, tmp_path):
    clinic = load_clinic(CLINIC_FILE)
    topic = replace(hamstring, url="https://example.org/hamstring-cramp")
    html = build(topic, tmp_path, clinic=clinic).read_text(encoding="utf-8")
    page = Page(html)
    assert "script" not in page.names()
    assert "link" not in page.names()  # no external stylesheet
    assert "@media print" in html
    for tag, attrs, _ in page.tags:
        if "src" in attrs:
            assert attrs["src"].startswith("data:"), tag


def test_clinic_branding_with_logo_as_data_uri(hamstring, tmp_path):
    clinic = load_clinic(CLINIC_FILE)
    page = Page(build(hamstring, tmp_path, clinic=clinic).read_text(encoding="utf-8"))
    (img,) = [attrs for tag, attrs, path in page.tags if tag == "img" and "header" in path]
    prefix = "data:image/png;base64,"
    assert img["src"].startswith(prefix)
    assert base64.b64decode(img["src"][len(prefix) :]) == clinic.logo.source.read_bytes()
    assert img["alt"]
    header = [t for path, t in page.texts if "header" in path]
    for detail in (clinic.name, clinic.address, clinic.phone, clinic.website):
        assert any(detail in t for t in header)


def test_no_branding_or_qr_by_default(hamstring, tmp_path):
    page = Page(build(hamstring, tmp_path).read_text(encoding="utf-8"))
    header = [tag for tag, _, path in page.tags if "header" in path]
    assert "img" not in header  # no logo; the topic's pictures are in <main>
    images = [path for tag, _, path in page.tags if tag == "img"]
    assert len(images) == len(hamstring.pictures)
    assert all("main" in path and path[-1] == "figure" for path in images)
    assert "svg" not in page.names()


def test_qr_code_as_inline_svg(hamstring, tmp_path):
    url = "https://example.org/hamstring-cramp"
    page = Page(build(replace(hamstring, url=url), tmp_path).read_text(encoding="utf-8"))
    (svg,) = [attrs for tag, attrs, _ in page.tags if tag == "svg"]
    assert svg["aria-hidden"] == "true"  # the link beside it carries the meaning
    (path,) = [attrs["d"] for tag, attrs, _ in page.tags if tag == "path"]
    modules = qr_modules(url)
    dark = {(r + 4, c + 4) for r, row in enumerate(modules) for c, on in enumerate(row) if on}
    assert svg_path_cells(path) == dark
    assert any(attrs.get("href") == url for tag, attrs, _ in page.tags if tag == "a")


def test_markup_characters_are_escaped(topic_file, tmp_path):
    data = minimal_topic(title='Test <b & "x"', main_message='If pain <b & "x" then stop.')
    data["sections"][0]["items"][0]["text"] = 'Rest <script>alert(1)</script> & "go".'
    html = build(load_topic(topic_file(data)), tmp_path).read_text(encoding="utf-8")
    page = Page(html)
    assert "b" not in page.names()
    assert "script" not in page.names()
    assert page.text_in("h1") == ['Test <b & "x"']
    assert 'If pain <b & "x" then stop.' in page.text_in("p")
    assert 'Rest <script>alert(1)</script> & "go".' in page.text_in("li")
    assert "&lt;b &amp; &#34;x&#34;" in html


def test_large_print_class(hamstring, tmp_path):
    page = Page(build(hamstring, tmp_path, large_print=True).read_text(encoding="utf-8"))
    body = next(attrs for tag, attrs, _ in page.tags if tag == "body")
    assert body["class"] == "large-print"


def test_rebuild_is_byte_identical(hamstring, tmp_path):
    clinic = load_clinic(CLINIC_FILE)
    topic = replace(hamstring, url="https://example.org/hamstring-cramp")
    first = build(topic, tmp_path, "a.html", clinic=clinic)
    second = build(topic, tmp_path, "b.html", clinic=clinic)
    assert first.read_bytes() == second.read_bytes()


def test_source_url_is_linked_in_the_footer(hamstring, tmp_path):
    url = "https://example.org/articles/hamstring-cramp?a=1&b=2"
    topic = replace(hamstring, source=replace(hamstring.source, url=url))
    html = build(topic, tmp_path).read_text(encoding="utf-8")
    footer = html[html.index("<footer>") :]
    escaped = url.replace("&", "&amp;")
    assert f'(<a href="{escaped}" dir="ltr">{escaped}</a>)</p>' in footer
    assert (
        "<a href"
        not in build(hamstring, tmp_path, name="plain.html").read_text().split("<footer>")[1]
    )
