"""What a tagged PDF records while it is drawn: which structure element each piece of
real content belongs to, and which drawing is decoration (an artifact).

Exporters say *what* a text or a picture is with a `Tag` (a role such as `P`, `H2`,
`LBody` or `Figure`, its parent, its alternative text or language); the flowables of
`generator.pdf` carry it and call `marked` around their drawing. `artifact` wraps
decoration: rules, box backgrounds, crop marks, page numbers. The canvas of every PDF
(`generator.pdf.document`) has a `Recorder`; after the last page,
`generator.pdf.structure` turns what it recorded into the PDF's structure tree. This
is WeasyPrint's way (`pdf/tags.py`): the drawing stream records a tag and a marked-
content id where a box is drawn, and the tree is built from that record afterwards,
so the tree's order is the order things are drawn in, which each exporter makes its
reading order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True, eq=False)
class Tag:
    """A structure element to be: its standard role, its parent (None: the document)
    and what a reader needs beyond the text drawn. Compared by identity: one `Tag` is
    one element however many times (and on however many pages) it is drawn."""

    role: str
    parent: Tag | None = None
    alt: str | None = None
    """Alternative text, read in place of a figure."""
    lang: str | None = None
    """Language of this element when it is not the document's (a label in English in a
    Spanish document)."""
    actual_text: str | None = None
    """The text this element stands for, when what is drawn reads otherwise (a mark)."""


def child(parent: Tag | None, role: str, **extra: Any) -> Tag:
    return Tag(role, parent, **extra)


@dataclass(eq=False)
class Annotation:
    """A link's annotation on page `page` (ReportLab's dictionary of it), a kid of the
    element of its text."""

    page: int
    entry: Any


@dataclass(eq=False)
class Element:
    """A structure element as recorded: its tag, and its kids in drawing order (child
    elements, (page, marked-content id) pairs and annotations)."""

    tag: Tag
    parent: Element | None
    kids: list[Element | tuple[int, int] | Annotation] = field(default_factory=list)
    bbox: dict[int, tuple[float, float, float, float]] = field(default_factory=dict)
    """A figure's bounding box on each page it is drawn on (x0, y0, x1, y1)."""


@dataclass(eq=False)
class Recorder:
    """Everything one PDF's drawing has tagged, page by page."""

    document: Element = field(default_factory=lambda: Element(Tag("Document"), None))
    elements: dict[Tag, Element] = field(default_factory=dict)
    pages: dict[int, list[Element]] = field(default_factory=dict)
    """For each page (from 0), the element of each of its marked-content ids."""
    depth: int = 0
    """Open marked-content sequences: inside one, nothing else is marked (what is
    drawn inside an artifact is decoration too, a form placed many times, say)."""

    def element(self, tag: Tag) -> Element:
        """The element of `tag`, made (with its parents) the first time it is drawn."""
        found = self.elements.get(tag)
        if found is None:
            parent = self.document if tag.parent is None else self.element(tag.parent)
            found = self.elements[tag] = Element(tag, parent)
            parent.kids.append(found)
        return found


def recorder(canvas: Canvas) -> Recorder | None:
    """The canvas's recorder, when it draws a tagged PDF."""
    found: Recorder | None = getattr(canvas, "tags", None)
    return found


class _Sequence:
    """An open marked-content sequence (`marked`, `artifact`): closed on leaving."""

    __slots__ = ("canvas", "tags")

    def __init__(self, canvas: Canvas, tags: Recorder | None, operator: str) -> None:
        self.canvas, self.tags = canvas, tags
        if tags is not None:
            canvas.addLiteral(operator)
            tags.depth += 1

    def __exit__(self, *exc: object) -> None:
        if self.tags is not None:
            self.tags.depth -= 1
            self.canvas.addLiteral("EMC")


class marked(_Sequence):
    """Draw real content of `tag`'s element: one marked-content sequence with its own
    id on the current page. Gives the element (None when nothing is recorded: no
    recorder, no tag, or inside another sequence). A class, not a generator: a
    topic's PDFs enter about 500 of these."""

    __slots__ = ("element",)

    def __init__(self, canvas: Canvas, tag: Tag | None) -> None:
        tags = recorder(canvas)
        if tag is None or tags is None or tags.depth:
            self.element = None
            super().__init__(canvas, None, "")
            return
        self.element = tags.element(tag)
        page = canvas.getPageNumber() - 1
        ids = tags.pages.setdefault(page, [])
        self.element.kids.append((page, len(ids)))
        super().__init__(canvas, tags, f"/{tag.role} <</MCID {len(ids)}>> BDC")
        ids.append(self.element)

    def __enter__(self) -> Element | None:
        return self.element


ARTIFACT_KINDS = {
    "layout": "/Artifact <</Type /Layout>> BDC",
    "page": "/Artifact <</Type /Page>> BDC",
    "header": "/Artifact <</Type /Pagination /Subtype /Header>> BDC",
    "footer": "/Artifact <</Type /Pagination /Subtype /Footer>> BDC",
}
"""Decoration by kind: layout (rules, box backgrounds, guides), the printed page's own
marks (crop marks, the calibration bar), and repeated page headers and footers."""


class artifact(_Sequence):
    """Draw decoration of `kind`: what is drawn inside is no part of the text a reader
    hears (nor is anything marked inside it)."""

    __slots__ = ()

    def __init__(self, canvas: Canvas, kind: str = "layout") -> None:
        tags = recorder(canvas)
        super().__init__(
            canvas, tags if tags is not None and not tags.depth else None, ARTIFACT_KINDS[kind]
        )

    def __enter__(self) -> None:
        return None


def link(canvas: Canvas, element: Element | None, url: str, width: float, height: float) -> None:
    """Make the `width` x `height` box at the current origin a link to `url`, said (and
    tagged) as the content of `element` (a `Link`): the annotation is printable (PDF/A)
    and says where it goes (PDF/UA). Nothing for a repeat (`element` None: drawn as
    decoration, a card placed again on a sheet): a reader clicks the one read."""
    if element is None:
        return
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString

    action = PDFDictionary({"Type": PDFName("Action"), "S": PDFName("URI")})
    action["URI"] = PDFString(url)
    entry = PDFDictionary(
        {
            "Type": PDFName("Annot"),
            "Subtype": PDFName("Link"),
            "Rect": PDFArray(canvas._absRect((0, 0, width, height), 1)),
            "Border": PDFArray([0, 0, 0]),
            "F": 4,
            "Contents": PDFString(url),
            "A": action,
        }
    )
    canvas._addAnnotation(entry)
    element.kids.append(Annotation(canvas.getPageNumber() - 1, entry))


def note_bbox(canvas: Canvas, element: Element | None, width: float, height: float) -> None:
    """Record where a figure of `width` x `height` at the current origin lies on the
    page, for its element's bounding box."""
    if element is None:
        return
    corners = [canvas.absolutePosition(x, y) for x in (0, width) for y in (0, height)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    page = canvas.getPageNumber() - 1
    box = (min(xs), min(ys), max(xs), max(ys))
    old = element.bbox.get(page)
    if old is not None:
        box = (min(old[0], box[0]), min(old[1], box[1]), max(old[2], box[2]), max(old[3], box[3]))
    element.bbox[page] = box
