"""Document metadata and fixed dates, so that a rebuilt PDF is byte-identical."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfdoc import PDFName, PDFPage, ViewerPreferencesPDFDictionary
from reportlab.pdfgen.canvas import Canvas

from generator import __version__
from generator.labels import labels_for
from generator.model import Topic
from generator.pdf.archival import make_archival, patch_reportlab
from generator.pdf.fonts import register_fonts
from generator.pdf.structure import write_structure
from generator.pdf.tags import Recorder


class TaggedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that writes a tagged, archival PDF (PDF/UA-1, PDF/A-2a): what is drawn
    through `generator.pdf.tags` is recorded in `tags`, and on `save` it becomes the
    structure tree, with the XMP metadata and output intent of `make_archival`. Every
    PDF we write is drawn on one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        patch_reportlab()
        super().__init__(*args, **kwargs)
        self.tags = Recorder()
        self._lang = str(kwargs.get("lang") or "")

    def _setAnnotations(self, page: Any) -> None:
        """Each page's place in the parent tree (its index) and its tab order (the
        structure's), set as ReportLab makes the page."""
        super()._setAnnotations(page)
        if not isinstance(page, PDFPage):
            return  # a form: its content is an artifact wherever it is placed
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
        page.StructParents = self.getPageNumber() - 1
        page.Tabs = PDFName("S")

    def save(self) -> None:
        write_structure(self._doc, self.tags)
        make_archival(self._doc, self._lang)
        super().save()


def document_info(topic: Topic, subject: str) -> dict[str, Any]:
    """Keyword arguments for `BaseDocTemplate`: metadata, language, reproducibility.
    `subject` is the label key of what the document is (`pdf.handout`)."""
    labels = labels_for(topic)
    return {
        "title": topic.title,
        "subject": labels(subject),
        "author": topic.author or topic.source.publisher or "",
        "creator": f"health-handouts {__version__}",
        "producer": f"health-handouts {__version__} (ReportLab)",
        "keywords": [
            topic.id,
            labels("pdf.keyword.version", version=topic.version),
            labels("pdf.keyword.reviewed", reviewed=topic.reviewed)
            if topic.reviewer
            else labels("pdf.keyword.updated", date=topic.reviewed),
        ],
        "lang": topic.language,
        "displayDocTitle": 1,
        "invariant": 1,
    }


def fixed_time_canvas(
    build_time: int, base: type[TaggedCanvas] = TaggedCanvas
) -> Callable[..., Canvas]:
    """A factory of `base` canvases whose PDF dates are `build_time` (UTC), for
    byte-identical rebuilds. Pass it as `doc.build(story, canvasmaker=...)`."""

    def make(*args: Any, **kwargs: Any) -> Canvas:
        kwargs["invariant"] = 1
        canvas = base(*args, **kwargs)
        canvas._doc._timeStamp = _timestamp(build_time)
        return canvas

    return make


def _timestamp(build_time: int) -> TimeStamp:
    stamp = TimeStamp(invariant=1)
    stamp.t = build_time
    stamp.lt = time.gmtime(build_time)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0
    stamp.tzname = "UTC"
    return stamp


def open_canvas(
    out_path: Path,
    topic: Topic,
    subject: str,
    pagesize: tuple[float, float],
    *,
    build_time: int,
    font: str,
) -> Canvas:
    """A canvas for drawing pages directly, with the metadata of `document_info` and
    fixed dates, whose initial font is `font` (the canvas default, Helvetica, would
    otherwise appear in every page's preamble)."""
    register_fonts()
    info = document_info(topic, subject)
    canvas = fixed_time_canvas(build_time)(
        str(out_path),
        pagesize=pagesize,
        lang=info["lang"],
        initialFontName=font,
        initialFontSize=8,
        initialLeading=9.6,
    )
    canvas.setTitle(info["title"])
    canvas.setSubject(info["subject"])
    canvas.setAuthor(info["author"])
    canvas.setCreator(info["creator"])
    canvas.setProducer(info["producer"])
    canvas.setKeywords(info["keywords"])
    assert "DisplayDocTitle" in ViewerPreferencesPDFDictionary.validate
    canvas.setViewerPreference("DisplayDocTitle", "true" if info["displayDocTitle"] else "false")
    return canvas
