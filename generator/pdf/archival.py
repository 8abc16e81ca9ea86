"""What makes our PDFs archival (PDF/A-2a) and identifiable as accessible (PDF/UA-1),
beyond their tags: XMP metadata that repeats the document information, an sRGB
output intent for the RGB colours we print, and two corrections to what ReportLab
writes that a PDF/A validator refuses:

- a stream's data must end with an end-of-line before `endstream` (ReportLab writes
  `...dataendstream` when compressed data does not happen to end with one), so the
  stream's `/Length` is exactly its data;
- a font's ToUnicode map must not map a code to U+0000 (ReportLab maps the unused
  codes of a subset, which point at the font's .notdef glyph, to U+0000).

Both are corrected here, once, for every PDF the process writes (`patch_reportlab`).
"""

from __future__ import annotations

import time
from functools import cache
from importlib.resources import files
from typing import Any

from reportlab.pdfbase import pdfdoc, ttfonts
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
    PDFZCompress,
)

SRGB_PROFILE = "sRGB.icc"
"""LittleCMS's built-in sRGB profile (ICC v4, 588 bytes, "No copyright, use freely"),
saved by Pillow: `ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()`."""
OUTPUT_CONDITION = "sRGB IEC61966-2.1"


def _stream_format(self: PDFStream, document: Any) -> bytes:
    """ReportLab's `PDFStream.format`, with an end-of-line before `endstream`."""
    dictionary = PDFDictionary(self.dictionary.dict.copy())
    content, filters = self.content, self.filters
    if content is None:
        raise ValueError("stream content not set")
    if filters is None:
        filters = document.defaultStreamFilters
    if filters is not None and "Filter" not in dictionary.dict:
        names: list[PDFName] = []
        for stream_filter in reversed(list(filters)):
            content = stream_filter.encode(content)
            names.insert(0, PDFName(stream_filter.pdfname))
        if names:
            dictionary["Filter"] = PDFArray(names)
    content = document.encrypt.encode(content)
    data: bytes = pdfdoc.format(content, document)
    dictionary["Length"] = len(content)
    return bytes(pdfdoc.format(dictionary, document)) + b"\nstream\n" + data + b"\nendstream\n"


_unicode_cmap = ttfonts.makeToUnicodeCMap
UNMAPPED = {0, 0xFEFF, 0xFFFE}
"""Code points a ToUnicode map must not give (PDF/UA-1 7.21.7, PDF/A-2 6.2.11.7.2)."""


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode map of a font subset, less the codes that map to nothing
    (they are never drawn: ReportLab keeps them for the .notdef glyph)."""
    cmap: str = _unicode_cmap(fontname, subset)
    if UNMAPPED.isdisjoint(subset):
        return cmap
    drop = {f"<{code:02X}> <{value:04X}>" for code, value in enumerate(subset) if value in UNMAPPED}
    if not drop:
        return cmap
    lines = [line for line in cmap.split("\n") if line not in drop]
    kept = len(subset) - len(drop)
    return "\n".join(
        f"{kept} beginbfchar" if line.endswith(" beginbfchar") else line for line in lines
    )


@cache
def patch_reportlab() -> None:
    """Apply both corrections (once a process; every PDF is then written with them)."""
    PDFStream.format = _stream_format
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def make_archival(doc: Any, lang: str) -> None:
    """Give ReportLab document `doc` what PDF/A-2a and PDF/UA-1 ask of the catalog:
    XMP metadata (from its document information), the sRGB output intent, PDF 1.7."""
    doc._pdfVersion = max(tuple(doc._pdfVersion), (1, 7))
    catalog = doc.Catalog
    metadata = PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        xmp_packet(doc.info, doc._timeStamp.t, lang).encode("utf-8"),
        filters=[],
    )
    catalog.Metadata = metadata
    profile = PDFStream(PDFDictionary({"N": 3}), _srgb_profile(), filters=[PDFZCompress])
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString(OUTPUT_CONDITION),
            "Info": PDFString(OUTPUT_CONDITION),
            "DestOutputProfile": doc.Reference(profile),
        }
    )
    catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
    catalog.OutputIntents = PDFArray([intent])


@cache
def _srgb_profile() -> bytes:
    return files("generator.pdf").joinpath(SRGB_PROFILE).read_bytes()


def _xml_escape(text: str) -> str:
    """`text` as XML character data (what `xml.sax.saxutils.escape` does, without
    importing it: it brings `urllib.request` and `http.client`, 8-10 ms of a cold
    start that no PDF needs)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xmp_packet(info: Any, when: float, lang: str) -> str:
    """The XMP metadata of a document whose information dictionary is `info`: the
    same title, author, subject, keywords, tools and dates, the language, and the
    PDF/A-2a and PDF/UA-1 identifications (with the extension schema PDF/A asks for
    the PDF/UA one)."""
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(when))

    def text(value: object) -> str:
        return _xml_escape(str(value))

    return XMP_TEMPLATE.format(
        title=text(info.title),
        author=text(info.author),
        subject=text(info.subject),
        keywords=text(info.keywords),
        creator=text(info.creator),
        producer=text(info.producer),
        lang=text(lang),
        date=stamp,
    )


XMP_TEMPLATE = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>{keywords}</pdf:Keywords>
<pdf:Producer>{producer}</pdf:Producer>
<xmp:CreatorTool>{creator}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>A</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
