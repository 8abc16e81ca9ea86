"""Every PDF we write is tagged (PDF/UA-1) and archival (PDF/A-2a), proven by a validator
that passes veraPDF's corpus (`page-validation`), and read back independently: poppler's
`pdfinfo -struct-text` gives the text in the structure's order, which must be the topic's
own order, and pypdf reads the tags' alternative texts, languages and boxes.

Each variant builds, through the command line as a user would, the shipped topics and
topics of other shapes: one without pictures but with a web address (QR code, link), a
long one with its warnings last, and one in a language without a label catalogue.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import page
import pypdf
import pytest
import yaml

from generator.labels import labels_for
from generator.load import load_topic
from generator.model import Section, SectionKind, Topic
from tests.conftest import CONTENT, HAMSTRING, dump, minimal_topic, run_cli, system_tool

CLINIC = Path(__file__).resolve().parent.parent / "fixtures" / "clinic" / "clinic.yaml"
URL = "https://example.org/health/hamstring-cramps"
PROFILES = ("ua1", "2a")


def _strip_images(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_images(v) for k, v in value.items() if k != "image"}
    if isinstance(value, list):
        return [_strip_images(v) for v in value]
    return value


def shaped_topics(folder: Path) -> list[Path]:
    """The shipped topics and three of other shapes, written into `folder`."""
    shutil.copytree(CONTENT / "images", folder / "images")
    paths = [Path(shutil.copy(p, folder)) for p in sorted(CONTENT.glob("*.yaml"))]
    hamstring = yaml.safe_load(HAMSTRING.read_text(encoding="utf-8"))
    plain = _strip_images(copy.deepcopy(hamstring)) | {"id": "plain", "url": URL}
    long = copy.deepcopy(plain) | {"id": "long"}
    others = [s for s in plain["sections"] if s["kind"] != "warnings"]
    for n in range(3):
        for section in others:
            more = copy.deepcopy(section) | {"id": f"{section['id']}-{n}", "on_card": False}
            more["heading"] = f"{section['heading']} ({n + 2})"
            if "intro" in more:
                more["intro"] = f"({n + 2}) {more['intro']}"
            for item in more["items"]:
                item["id"] = f"{item['id']}-{n}"
                item["text"] = f"({n + 2}) {item['text']}"
                if "short" in item:
                    item["short"] = f"({n + 2}) {item['short']}"
                item.pop("on_card", None)
            long["sections"].append(more)
    warnings = [s for s in long["sections"] if s["kind"] == "warnings"]
    long["sections"] = [s for s in long["sections"] if s["kind"] != "warnings"] + warnings
    unlabelled = minimal_topic(id="esperanto", language="eo", url=URL)
    for data in (plain, long, unlabelled):
        path = folder / f"{data['id']}.yaml"
        path.write_text(dump(data), encoding="utf-8")
        paths.append(path)
    return paths


VARIANTS = {
    "default": [],
    "clinic-large-print-a4": ["--clinic", str(CLINIC), "--large-print", "--paper", "a4"],
    "wallet-two-sided-a7": [
        "--card-size", "wallet", "--card-layout", "two-sided", "--study-card-size", "a7",
    ],
    "id-1": ["--card-size", "id-1"],  # (with the sample clinic's lines, nothing fits ID-1)
    "index-letter": ["--card-size", "index", "--paper", "letter"],
    "auto-a4": ["--card-size", "auto", "--paper", "a4"],
}  # fmt: skip


@pytest.fixture(scope="module")
def topics(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return shaped_topics(tmp_path_factory.mktemp("topics"))


def build(topics: list[Path], out: Path, *options: str) -> list[Path]:
    result = run_cli("build", *topics, "--out", out, *options)
    assert result.returncode in (0, 1), result.stderr  # 1: a card too full for a size
    return sorted(out.rglob("*.pdf"))


@pytest.mark.slow
@pytest.mark.parametrize("variant", VARIANTS)
def test_every_pdf_passes_pdf_ua_1_and_pdf_a_2a(variant, topics, tmp_path):
    pdfs = build(topics, tmp_path, *VARIANTS[variant])
    kinds = {re.sub(r"^.*?-(pocket-card-sheet|pocket-card|handout|flashcards)$", r"\1", p.stem)
             for p in pdfs}  # fmt: skip
    assert kinds == {"pocket-card", "pocket-card-sheet", "handout", "flashcards"}
    assert failures(pdfs) == {}


def failures(pdfs: list[Path]) -> dict[str, list[str]]:
    """The rules each of `pdfs` fails, by file and profile (PDF/UA-1, PDF/A-2a)."""
    failed = {}
    for pdf in pdfs:
        for profile in PROFILES:
            report = page.validate_pdf(pdf, profile=profile)
            if not report.is_compliant or report.rules.failed:
                failed[f"{pdf.name} {profile}"] = sorted({f.rule_id for f in report.failures})
    return failed


def struct_text(pdf: Path) -> list[tuple[str, str]]:
    """(role, text) of every structure element with text, in the structure's order,
    as poppler reads it (`pdfinfo -struct-text`)."""
    pdfinfo = system_tool("pdfinfo", "poppler-utils", "the structure-order test")
    out = subprocess.run(
        [pdfinfo, "-struct-text", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    found, role = [], ""
    for line in out.splitlines():
        stripped = line.strip()
        if stripped.startswith('"'):
            found.append((role, stripped[1:-1]))
        elif stripped:
            role = stripped.split()[0].rstrip(":")
    return found


def squeezed(text: str) -> str:
    """Text without white space: poppler joins wrapped lines without a space."""
    return re.sub(r"\s+", "", text)


def assert_in_order(
    read: list[tuple[str, str]], expected: list[str], key: Callable[[str], Any] = squeezed
) -> None:
    """Each expected text is the whole text of exactly one element, and they come in
    this order (other elements may come between); texts are compared by `key`."""
    texts = [key(text) for _, text in read]
    position = -1
    for text in expected:
        wanted = key(text)
        assert texts.count(wanted) == 1, f"read {texts.count(wanted)} times: {text!r}"
        found = texts.index(wanted)
        assert found > position, f"out of order: {text!r}"
        position = found


def printed_sections(path: Path, topic: Topic) -> list[Section]:
    """`topic`'s sections in the order their headings print: page by page, in the
    order poppler reads each page (top down; an Arabic line in reading order), each
    heading found by its letters (a line break or a vowel mark poppler splits a word
    at cannot hide it)."""
    pdftotext = system_tool("pdftotext", "poppler-utils", "the tests of reading order")
    where: dict[str, tuple[int, int]] = {}
    for number in range(len(pypdf.PdfReader(path).pages)):
        text = subprocess.run(
            [pdftotext, "-f", str(number + 1), "-l", str(number + 1), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for section in topic.sections:
            at = letters_of(text).find(letters_of(section.heading))
            if section.id not in where and at >= 0:
                where[section.id] = (number, at)
    return sorted(topic.sections, key=lambda section: where[section.id])


def letters_of(text: str) -> str:
    return "".join(char for char in text if unicodedata.category(char)[0] in "LN")


def handout_order(topic: Topic, sections: list[Section] | None = None) -> list[str]:
    """The texts of the handout, its sections in the order given (as they print,
    `printed_sections`), or the topic's."""
    labels = labels_for(topic.language)
    expected = [topic.title, topic.main_message]
    for section in topic.sections if sections is None else sections:
        expected.append(section.heading)
        if section.intro:
            expected.append(section.intro)
        if section.kind is SectionKind.WARNINGS:
            for group in section.urgency_groups:
                key = f"urgency.{group.urgency.value}"
                expected += [labels(key), *(sign.text for sign in group.items)]
        else:  # a section shown short prints its items' short texts (issue 29)
            expected += [i.card_text if section.handout_short else i.text for i in section.items]
    return [*expected, labels("disclaimer")]


def card_order(topic: Topic) -> list[str]:
    """The texts of the pocket card, in reading order: front, then back."""
    expected = [topic.title, topic.card_main_message]
    for section in (s for s in topic.sections if s.card_items):
        expected.append(section.heading)
        groups = [g.items for g in section.urgency_groups] or [section.items]
        expected += [i.card_text for group in groups for i in group if i in section.card_items]
    return expected


@pytest.mark.parametrize("name", ["hamstring-cramp", "hamstring-cramp-es", "long"])
def test_the_handout_reads_as_it_prints_the_warnings_on_page_1(name, topics, tmp_path):
    """A screen reader hears the sections in the order they print: the topic's order,
    but for the warnings box, which prints on page 1 (`handout/pagination.py`) and is
    read there, after the main message and whatever precedes it on the page."""
    path = next(p for p in topics if p.stem == name)
    build([path], tmp_path, "--only", "handout")
    pdf = tmp_path / name / f"{name}-handout.pdf"
    topic = load_topic(path)
    printed = printed_sections(pdf, topic)
    warnings = topic.sections_of(SectionKind.WARNINGS)[0]
    others = [section for section in printed if section is not warnings]
    assert others == [section for section in topic.sections if section is not warnings]
    assert printed.index(warnings) < topic.sections.index(warnings)  # moved up to page 1
    read = struct_text(pdf)
    assert read[0] == ("H1", topic.title)
    assert_in_order(read, handout_order(topic, printed))
    roles = {role for role, _ in read}
    assert {"H1", "H2", "H3", "P", "Lbl", "LBody"} <= roles


def test_the_card_reads_front_then_back_and_the_sheet_says_it_once(topics, tmp_path):
    build([HAMSTRING], tmp_path, "--only", "card")
    topic = load_topic(HAMSTRING)
    expected = card_order(topic)
    card = struct_text(tmp_path / topic.id / f"{topic.id}-pocket-card.pdf")
    assert_in_order(card, expected)
    sheet = tmp_path / topic.id / f"{topic.id}-pocket-card-sheet.pdf"
    assert len(pypdf.PdfReader(sheet).pages[0].extract_text().split(topic.title)) > 2
    labels = labels_for(topic.language)
    assert_in_order(struct_text(sheet), [labels("sheet.actual_size"), *expected])


def elements(node: Any, role: str) -> list[Any]:
    """Every structure element of `role` under `node` (a pypdf dictionary)."""
    node = node.get_object()
    found = [node] if node.get("/S") == f"/{role}" else []
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object()
        if isinstance(kid, dict) and "/S" in kid:
            found += elements(kid, role)
    return found


def test_pictures_qr_codes_labels_and_links_say_what_they_are(topics, tmp_path):
    build([p for p in topics if p.stem in ("hamstring-cramp", "plain", "esperanto")], tmp_path)
    reader = pypdf.PdfReader(tmp_path / "hamstring-cramp" / "hamstring-cramp-handout.pdf")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-US"
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert b'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Hamstring cramps' in (
        root["/Metadata"].get_object().get_data()
    )
    hamstring = load_topic(HAMSTRING)
    alts = {str(f["/Alt"]) for f in elements(root["/StructTreeRoot"], "Figure")}
    pictures = {p.alt for s in hamstring.sections for i in s.items if (p := i.picture)}
    assert alts == pictures
    for figure in elements(root["/StructTreeRoot"], "Figure"):
        x0, y0, x1, y1 = figure["/A"]["/BBox"]
        assert 0 < x0 < x1 < 612 and 0 < y0 < y1 < 792

    plain = pypdf.PdfReader(tmp_path / "plain" / "plain-handout.pdf")
    tree = plain.trailer["/Root"]["/StructTreeRoot"]
    qr_alts = [str(f["/Alt"]) for f in elements(tree, "Figure")]
    assert qr_alts == [f"QR code to {URL}"]
    (link,) = elements(tree, "Link")
    objr = next(k.get_object() for k in link["/K"] if not isinstance(k.get_object(), int))
    annotation = objr["/Obj"].get_object()
    assert annotation["/A"]["/URI"] == URL and annotation["/Contents"] == URL
    assert annotation["/F"] == 4 and "/StructParent" in annotation
    assert plain.pages[0]["/Tabs"] == "/S"

    esperanto = pypdf.PdfReader(tmp_path / "esperanto" / "esperanto-handout.pdf")
    tree = esperanto.trailer["/Root"]["/StructTreeRoot"]
    assert esperanto.trailer["/Root"]["/Lang"] == "eo"
    headings = elements(tree, "H3")  # the urgency labels, in English: no catalogue
    assert headings and all(h["/Lang"] == "en" for h in headings)
    titles = elements(tree, "H1")
    assert titles and all("/Lang" not in t for t in titles)  # the topic's own text
    for output in ("pocket-card", "pocket-card-sheet"):
        card = pypdf.PdfReader(tmp_path / "esperanto" / f"esperanto-{output}.pdf")
        tree = card.trailer["/Root"]["/StructTreeRoot"]
        english = [e for e in elements(tree, "H3") + elements(tree, "P") if "/Lang" in e]
        assert {e["/Lang"] for e in english} == {"en"}
        assert len(english) >= 2  # the urgency label and the write-in line (or the sheet's)
