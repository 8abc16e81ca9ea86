"""What both clinic handouts (PDF and HTML) say beyond the topic's own text, and in
which order.

The PDF and HTML exporters lay this out differently; the fixed words come from the
label catalogue through here, once, so the two never drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from markupsafe import escape

from generator.labels import (
    CareLine,
    Labels,
    care_lines,
    labels_for,
    provenance_note,
    source_note,
    translation_note,
    unbroken,
)
from generator.model import Clinic, SectionKind, Topic, Urgency
from generator.qr import QUIET_ZONE, dark_runs, qr_modules

URGENCY_LABELS = {Urgency.NOW: "urgency.now", Urgency.SOON: "urgency.soon"}
"""Label keys printed above each group of warnings, so urgency never relies on colour."""


@dataclass(frozen=True)
class HandoutText:
    """The handout's fixed words for one topic, in its language: plain text for the
    PDF, or HTML for the web page (English fallbacks marked `lang="en"`)."""

    labels: Labels
    html: bool
    source: str
    """Where the content comes from."""
    source_url: str | None
    """The source's address, printed beside it and linked; None when not given."""
    version: str
    """Version and when it was last updated, or reviewed by whom (`provenance_note`)."""
    translation: str | None
    """Who reviewed the translation, or that no one has yet; None for an original."""
    disclaimer: str
    qr_caption: str
    urgency: dict[Urgency, str]
    """The label over each group of warnings."""
    alternatives: str
    """The lead before the items of a steps section that are alternatives."""
    care_heading: str
    """Over where to get care, at the end of the warnings."""
    care: tuple[CareLine, ...]
    """Where to get care: the clinic's routes, or lines to write them in."""

    def more(self, heading: str) -> str:
        """The summary of the web page's details holding a short section's whole text."""
        return self._say("facts.more", heading=heading)

    def page(self, page: int, pages: int) -> str:
        return self._say("page", page=page, pages=pages)

    def _say(self, key: str, **values: object) -> str:
        return self.labels.markup(key, **values) if self.html else self.labels(key, **values)


def handout_text(
    topic: Topic,
    clinic: Clinic | None = None,
    *,
    html: bool = False,
    phone: Callable[[str], object] = unbroken,
    shown: Callable[[str], str] | None = None,
) -> HandoutText:
    """The fixed words of `topic`'s handout with `clinic`: plain text, or HTML with each
    phone number passed through `phone` (a link) and each name of the clinic's or the
    source's through `shown` (escaped, isolated)."""
    shown = shown or (escape if html else str)
    labels = labels_for(topic)

    def say(key: str, **values: object) -> str:
        return labels.markup(key, **values) if html else labels(key, **values)

    return HandoutText(
        labels=labels,
        html=html,
        source=source_note(topic.source, say, "source", shown),
        source_url=topic.source.url,
        version=provenance_note(topic, labels, say),
        translation=translation_note(topic, say),
        disclaimer=say("disclaimer"),
        qr_caption=say("qr.caption"),
        urgency={urgency: say(key) for urgency, key in URGENCY_LABELS.items()},
        alternatives=say("alternatives.lead"),
        care_heading=say("care.heading"),
        care=care_lines(clinic, say, shown, phone, blanks=True),
    )


def page_one_warnings(topic: Topic) -> int | None:
    """The index of the warnings section that both handouts print on page 1: the first
    with signs that need care right away, else the first; None without one."""
    found = [n for n, s in enumerate(topic.sections) if s.kind is SectionKind.WARNINGS]
    urgent = [n for n in found if topic.sections[n].urgency_groups[0].urgency is Urgency.NOW]
    return next(iter(urgent or found), None)


def web_order(topic: Topic) -> Topic:
    """`topic` with the warnings of `page_one_warnings` right after the main message, as
    the web page shows them: where a browser breaks its printed pages depends on the
    paper, margins, fonts and zoom, and only that place is sure to print on page 1."""
    first = page_one_warnings(topic)
    if first is None:
        return topic
    sections = list(topic.sections)
    return replace(topic, sections=(sections.pop(first), *sections))


def qr_svg_path(url: str) -> tuple[str, int]:
    """An SVG path drawing each run of dark modules of the QR code for `url` in unit
    squares, and the side of the viewBox including the quiet zone."""
    modules = qr_modules(url)
    parts = [
        f"M{col + QUIET_ZONE} {row + QUIET_ZONE}h{length}v1h-{length}z"
        for row, col, length in dark_runs(modules)
    ]
    return "".join(parts), len(modules) + 2 * QUIET_ZONE
