"""What both clinic handouts (PDF and HTML) say, and in which order.

The PDF and HTML exporters lay this out differently; the words, labels and order
live here once so the two never drift apart. Only authored text is shown; the
labels below are the handout's own words, not medical content.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Item, Section, SectionKind, Topic, Urgency
from generator.qr import QUIET_ZONE, dark_runs, qr_modules

URGENCY_LABELS: dict[Urgency, str] = {
    Urgency.NOW: "Get care right away",
    Urgency.SOON: "See a health care provider",
}
"""Printed above each group of warnings, so urgency never relies on colour alone."""

DISCLAIMER = "This handout does not replace advice from your health care provider."
QR_CAPTION = "Scan to read this online"


@dataclass(frozen=True)
class WarningGroup:
    urgency: Urgency
    label: str
    items: tuple[Item, ...]


def warning_groups(section: Section) -> tuple[WarningGroup, ...]:
    """The items of a warnings section grouped by urgency, most urgent first; the
    authored order is kept within a group and empty groups are left out."""
    groups = []
    for urgency in Urgency:  # declared most urgent first
        items = tuple(item for item in section.items if item.urgency is urgency)
        if items:
            groups.append(WarningGroup(urgency, URGENCY_LABELS[urgency], items))
    return tuple(groups)


def is_warnings(section: Section) -> bool:
    return section.kind is SectionKind.WARNINGS


def source_line(topic: Topic) -> str:
    return f"Source: {topic.source.title} \N{EM DASH} {topic.source.publisher}"


def version_line(topic: Topic) -> str:
    return f"Version {topic.version}, reviewed {topic.reviewed.isoformat()}"


def online_line(topic: Topic) -> str | None:
    """Where the handout is online (the QR code's target), or None."""
    return f"Online: {topic.url}" if topic.url else None


def page_label(page: int, pages: int) -> str:
    return f"Page {page} of {pages}"


def qr_svg_path(url: str) -> tuple[str, int]:
    """An SVG path drawing each run of dark modules of the QR code for `url` in unit
    squares, and the side of the viewBox including the quiet zone."""
    modules = qr_modules(url)
    parts = [
        f"M{col + QUIET_ZONE} {row + QUIET_ZONE}h{length}v1h-{length}z"
        for row, col, length in dark_runs(modules)
    ]
    return "".join(parts), len(modules) + 2 * QUIET_ZONE
