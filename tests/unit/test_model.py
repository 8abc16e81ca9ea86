"""Invariants the model keeps, so that no exporter has to guess."""

from __future__ import annotations

import pytest

from generator.model import Item, Section, SectionKind, Urgency, WarningSign


def test_urgency_groups_urgent_first_keeping_authored_order():
    items = (
        WarningSign("a", "Soon one.", urgency=Urgency.SOON),
        WarningSign("b", "Now one.", urgency=Urgency.NOW),
        WarningSign("c", "Soon two.", urgency=Urgency.SOON),
        WarningSign("d", "Now two.", urgency=Urgency.NOW),
    )
    groups = Section("care", "Get care", SectionKind.WARNINGS, items).urgency_groups
    assert [(g.urgency, [i.id for i in g.items]) for g in groups] == [
        (Urgency.NOW, ["b", "d"]),
        (Urgency.SOON, ["a", "c"]),
    ]


def test_urgency_groups_leave_out_empty_groups():
    items = (WarningSign("a", "Soon.", urgency=Urgency.SOON),)
    groups = Section("care", "Get care", SectionKind.WARNINGS, items).urgency_groups
    assert [g.urgency for g in groups] == [Urgency.SOON]


def test_a_warning_sign_cannot_be_made_without_an_urgency():
    with pytest.raises(TypeError):
        WarningSign("a", "No urgency.")  # type: ignore[call-arg]


def test_a_warnings_section_holds_only_warning_signs():
    """A plain item in a warnings section showed as "soon" on the card and vanished
    from both handouts; now it cannot be made."""
    with pytest.raises(TypeError, match="only WarningSign items"):
        Section("care", "Get care", SectionKind.WARNINGS, (Item("a", "Unsure."),))


def test_other_sections_hold_no_warning_signs():
    sign = WarningSign("a", "Now.", urgency=Urgency.NOW)
    with pytest.raises(TypeError, match="no WarningSign items"):
        Section("now", "Do this", SectionKind.STEPS, (sign,))
    assert Section("now", "Do this", SectionKind.STEPS, (Item("a", "Rest."),)).urgency_groups == ()
