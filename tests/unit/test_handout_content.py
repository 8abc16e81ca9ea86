"""The words and order both handouts share."""

from __future__ import annotations

from generator.exporters.handout_content import (
    URGENCY_LABELS,
    qr_svg_path,
    warning_groups,
)
from generator.model import Item, Section, SectionKind, Urgency
from generator.qr import qr_modules
from tests.conftest import svg_path_cells


def test_warning_groups_urgent_first_keeping_authored_order():
    items = (
        Item("a", "Soon one.", urgency=Urgency.SOON),
        Item("b", "Now one.", urgency=Urgency.NOW),
        Item("c", "Soon two.", urgency=Urgency.SOON),
        Item("d", "Now two.", urgency=Urgency.NOW),
    )
    groups = warning_groups(Section("care", "Get care", SectionKind.WARNINGS, items))
    assert [(g.label, [i.id for i in g.items]) for g in groups] == [
        (URGENCY_LABELS[Urgency.NOW], ["b", "d"]),
        (URGENCY_LABELS[Urgency.SOON], ["a", "c"]),
    ]


def test_warning_groups_leave_out_empty_groups():
    items = (Item("a", "Soon.", urgency=Urgency.SOON),)
    groups = warning_groups(Section("care", "Get care", SectionKind.WARNINGS, items))
    assert [g.urgency for g in groups] == [Urgency.SOON]


def test_qr_svg_path_draws_every_dark_module_inside_the_quiet_zone():
    url = "https://example.org/x"
    modules = qr_modules(url)
    path, side = qr_svg_path(url)
    assert side == len(modules) + 8
    dark = {(r + 4, c + 4) for r, row in enumerate(modules) for c, on in enumerate(row) if on}
    assert svg_path_cells(path) == dark
    assert path.startswith("M4 4")  # the finder pattern's corner, after the quiet zone
