"""The structure tree of a tagged PDF, written from what its drawing recorded
(`generator.pdf.tags.Recorder`): one structure element per `Tag`, in the order it was
first drawn, each with its marked-content ids, page and (for figures) bounding box;
the parent tree that maps every page's ids back to their elements; the catalog's
`MarkInfo`. One pass, after the last page (WeasyPrint's `add_tags` does the same).
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFString,
)

from generator.pdf.tags import Annotation, Element, Recorder


def page_ref(page: int) -> PDFObjectReference:
    """Page `page` (from 0): ReportLab names its page objects Page1, Page2, ..."""
    return PDFObjectReference(f"Page{page + 1}")


def write_structure(doc: Any, tags: Recorder) -> None:
    """Add the structure tree of `tags` to ReportLab document `doc`, and mark it as a
    tagged PDF."""
    refs: dict[int, PDFObjectReference] = {}
    dicts: list[tuple[Element, PDFDictionary]] = []

    def register(element: Element) -> None:
        entry = PDFDictionary({"Type": PDFName("StructElem")})
        refs[id(element)] = doc.Reference(entry)
        dicts.append((element, entry))
        for kid in element.kids:
            if isinstance(kid, Element):
                register(kid)

    root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    root_ref = doc.Reference(root, "StructTreeRoot")
    register(tags.document)
    for element, entry in dicts:
        parent = root_ref if element.parent is None else refs[id(element.parent)]
        _fill(doc, entry, element, parent, refs)
    numbers: list[Any] = []
    for page in sorted(tags.pages):
        numbers += [page, PDFArray([refs[id(e)] for e in tags.pages[page]])]
    key = max(tags.pages, default=-1) + 1  # an annotation's key follows the pages'
    for element, _ in dicts:
        for kid in element.kids:
            if isinstance(kid, Annotation):
                kid.entry["StructParent"] = key
                numbers += [key, refs[id(element)]]
                key += 1
    parent_tree = PDFDictionary({"Nums": PDFArray(numbers)})
    root.dict.update(
        {
            "K": PDFArray([refs[id(tags.document)]]),
            "ParentTree": doc.Reference(parent_tree),
            "ParentTreeNextKey": key,
        }
    )
    catalog = doc.Catalog
    catalog.StructTreeRoot = root_ref
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})


def _fill(
    doc: Any,
    entry: PDFDictionary,
    element: Element,
    parent: PDFObjectReference,
    refs: dict[int, PDFObjectReference],
) -> None:
    """One structure element's dictionary: role, parent, kids, page and what the tag
    adds (alternative text, language, actual text, a figure's bounding box)."""
    tag = element.tag
    pages = [
        kid[0] if isinstance(kid, tuple) else kid.page
        for kid in element.kids
        if not isinstance(kid, Element)
    ]
    home = pages[0] if pages else None
    kids: list[Any] = []
    for kid in element.kids:
        if isinstance(kid, Element):
            kids.append(refs[id(kid)])
        elif isinstance(kid, Annotation):
            reference = doc.Reference(kid.entry)  # registered by ReportLab as it was drawn
            objr = {"Type": PDFName("OBJR"), "Obj": reference, "Pg": page_ref(kid.page)}
            kids.append(PDFDictionary(objr))
        elif kid[0] == home:
            kids.append(kid[1])
        else:  # content of this element on another page
            kids.append(
                PDFDictionary({"Type": PDFName("MCR"), "Pg": page_ref(kid[0]), "MCID": kid[1]})
            )
    entry.dict.update({"S": PDFName(tag.role), "P": parent, "K": PDFArray(kids)})
    if home is not None:
        entry.dict["Pg"] = page_ref(home)
    if tag.alt is not None:
        entry.dict["Alt"] = PDFString(tag.alt)
    if tag.lang is not None:
        entry.dict["Lang"] = PDFString(tag.lang)
    if tag.actual_text is not None:
        entry.dict["ActualText"] = PDFString(tag.actual_text)
    if element.bbox and home is not None:
        box = element.bbox.get(home) or next(iter(element.bbox.values()))
        layout = {"O": PDFName("Layout"), "BBox": PDFArray([round(v, 2) for v in box])}
        entry.dict["A"] = PDFDictionary(layout)
