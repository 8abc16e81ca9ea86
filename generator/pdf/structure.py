"""The structure tree of a tagged PDF, written from what its drawing recorded
(`generator.pdf.tags.Recorder`): one structure element per `Tag`, in the order it was
first drawn, each with its marked-content ids, page and (for figures) bounding box;
the parent tree that maps every page's ids (and every link's annotation) back to
their elements; the catalog's `MarkInfo`. One pass, after the last page (WeasyPrint's
`add_tags` does the same).

A tree has an element for every paragraph, list item, mark and figure (hundreds for
the study cards), so each is written straight to bytes (`Raw`) rather than through
ReportLab's general dictionaries, which cost several times as much to format.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFObject, PDFObjectReference, PDFString

from generator.pdf.tags import Annotation, Element, Recorder


class Raw(PDFObject):  # type: ignore[misc]
    """A PDF object whose bytes `make` writes, given the document (for the numbers of
    the objects it refers to)."""

    def __init__(self, make: Callable[[Any], bytes]) -> None:
        self.make = make

    def format(self, document: Any) -> bytes:
        return self.make(document)


def page_ref(page: int) -> PDFObjectReference:
    """Page `page` (from 0): ReportLab names its page objects Page1, Page2, ..."""
    return PDFObjectReference(f"Page{page + 1}")


def _ref(document: Any, reference: PDFObjectReference) -> bytes:
    return b"%d %d R" % document.idToObjectNumberAndVersion[reference.name]


def write_structure(doc: Any, tags: Recorder) -> None:
    """Add the structure tree of `tags` to ReportLab document `doc`, and mark it as a
    tagged PDF."""
    refs: dict[int, PDFObjectReference] = {}
    order: list[Element] = []

    def register(element: Element) -> None:
        refs[id(element)] = doc.Reference(Raw(lambda d: _element(d, element, refs, root_ref)))
        order.append(element)
        for kid in element.kids:
            if isinstance(kid, Element):
                register(kid)

    root_ref = doc.Reference(Raw(lambda d: _root(d, tags, refs, tree_ref, next_key)))
    register(tags.document)
    numbers: list[tuple[int, list[PDFObjectReference] | PDFObjectReference]] = [
        (page, [refs[id(e)] for e in tags.pages[page]]) for page in sorted(tags.pages)
    ]
    next_key = max(tags.pages, default=-1) + 1  # an annotation's key follows the pages'
    for element in order:
        for kid in element.kids:
            if isinstance(kid, Annotation):
                kid.entry["StructParent"] = next_key
                numbers.append((next_key, refs[id(element)]))
                next_key += 1
    tree_ref = doc.Reference(Raw(lambda d: _parent_tree(d, numbers)))
    catalog = doc.Catalog
    catalog.StructTreeRoot = root_ref
    catalog.MarkInfo = Raw(lambda d: b"<< /Marked true >>")


def _root(
    doc: Any,
    tags: Recorder,
    refs: dict[int, PDFObjectReference],
    tree: PDFObjectReference,
    next_key: int,
) -> bytes:
    document = _ref(doc, refs[id(tags.document)])
    return b"<< /Type /StructTreeRoot /K [%s] /ParentTree %s /ParentTreeNextKey %d >>" % (
        document,
        _ref(doc, tree),
        next_key,
    )


def _parent_tree(
    doc: Any, numbers: list[tuple[int, list[PDFObjectReference] | PDFObjectReference]]
) -> bytes:
    parts = []
    for key, value in numbers:
        if isinstance(value, list):
            parts.append(b"%d [%s]" % (key, b" ".join(_ref(doc, r) for r in value)))
        else:
            parts.append(b"%d %s" % (key, _ref(doc, value)))
    return b"<< /Nums [%s] >>" % b"\n".join(parts)


def _element(
    doc: Any, element: Element, refs: dict[int, PDFObjectReference], root: PDFObjectReference
) -> bytes:
    """One structure element: role, parent, kids, page and what the tag adds
    (alternative text, language, actual text, a figure's bounding box)."""
    tag = element.tag
    pages = [
        kid[0] if isinstance(kid, tuple) else kid.page
        for kid in element.kids
        if not isinstance(kid, Element)
    ]
    home = pages[0] if pages else None
    kids: list[bytes] = []
    for kid in element.kids:
        if isinstance(kid, Element):
            kids.append(_ref(doc, refs[id(kid)]))
        elif isinstance(kid, Annotation):  # registered by ReportLab as it was drawn
            annotation, page = _ref(doc, doc.Reference(kid.entry)), _ref(doc, page_ref(kid.page))
            kids.append(b"<< /Type /OBJR /Obj %s /Pg %s >>" % (annotation, page))
        elif kid[0] == home:
            kids.append(b"%d" % kid[1])
        else:  # content of this element on another page
            kids.append(b"<< /Type /MCR /Pg %s /MCID %d >>" % (_ref(doc, page_ref(kid[0])), kid[1]))
    parent = root if element.parent is None else refs[id(element.parent)]
    out = [b"<< /Type /StructElem /S /%s /P %s" % (tag.role.encode(), _ref(doc, parent))]
    out.append(b"/K [%s]" % b" ".join(kids))
    if home is not None:
        out.append(b"/Pg %s" % _ref(doc, page_ref(home)))
    for key, text in (("Alt", tag.alt), ("Lang", tag.lang), ("ActualText", tag.actual_text)):
        if text is not None:
            out.append(b"/%s %s" % (key.encode(), PDFString(text).format(doc)))
    if element.bbox and home is not None:
        box = element.bbox.get(home) or next(iter(element.bbox.values()))
        numbers = b" ".join(b"%.2f" % value for value in box)
        out.append(b"/A << /O /Layout /BBox [%s] >>" % numbers)
    return b"\n".join(out) + b" >>"
