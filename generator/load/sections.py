"""Read and validate a topic's sections and their items."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from generator.load.flashcards import FlashcardReader
from generator.load.reader import MAX_TEXT
from generator.model import Item, Section, SectionKind, Urgency, WarningSign


class HandoutForm(StrEnum):
    """How the handouts show a `facts` section (`handout:`)."""

    FULL = "full"
    SHORT = "short"
    """Each item's `short` text; the web page has the whole text in its details."""


class SectionReader(FlashcardReader):
    """Reads `sections:` of a topic (and, through `FlashcardReader`, its flashcards)."""

    def sections(self, value: Any) -> list[Section]:
        sections: list[Section] = []
        seen: dict[str, str] = {}
        self.section_ids: list[str] = []
        for i, raw in enumerate(self.sequence(value, "sections", "section")):
            field = f"sections[{i}]"
            data = self.mapping(
                raw,
                field,
                required=("id", "heading", "kind", "items"),
                optional=("intro", "on_card", "alternatives", "image", "handout"),
            )
            if data is None:
                continue
            section_id = self.unique_id(data.get("id"), f"{field}.id", seen, "section")
            if section_id is not None:
                self.section_ids.append(section_id)
            heading = self.text(
                data.get("heading"), f"{field}.heading", max_len=MAX_TEXT["heading"]
            )
            kind = self.choice(data.get("kind"), f"{field}.kind", SectionKind)
            intro = self.text(data.get("intro"), f"{field}.intro", optional=True)
            on_card = self.boolean(data.get("on_card"), f"{field}.on_card", True)
            alternatives = self.alternatives(data.get("alternatives"), field, kind)
            items = self.items(data.get("items"), field, kind)
            picture = self.picture(data.get("image"), f"{field}.image")
            short = self.handout_short(data.get("handout"), field, kind, items)
            if not on_card:
                self.now_signs_stay(items, f"{field}.on_card")
            if section_id and heading and kind and items:
                shown = (intro, on_card, alternatives, picture, short)
                sections.append(Section(section_id, heading, kind, tuple(items), *shown))
        return sections

    def alternatives(self, value: Any, section_field: str, kind: SectionKind | None) -> bool:
        """`alternatives: true`: the items of a steps section are choices."""
        field = f"{section_field}.alternatives"
        alternatives = self.boolean(value, field, False)
        if alternatives and kind is not None and kind is not SectionKind.STEPS:
            self.problem(
                field,
                f"only a 'steps' section has alternatives, this section is '{kind.value}'",
                "delete the key",
            )
            return False
        return alternatives

    def handout_short(
        self, value: Any, section_field: str, kind: SectionKind | None, items: list[Item]
    ) -> bool:
        """`handout: short`: a facts section shown in the handouts by its items' short
        texts (each item then needs one)."""
        field = f"{section_field}.handout"
        if self.choice(value, field, HandoutForm, HandoutForm.FULL) is not HandoutForm.SHORT:
            return False
        if kind is not None and kind is not SectionKind.FACTS:
            self.problem(
                field,
                f"only a 'facts' section is shown short, this section is '{kind.value}'",
                "delete the key: steps and warnings are always shown whole",
            )
            return False
        missing = [i for i, item in enumerate(items) if item.short is None]
        for i in missing:
            self.problem(
                f"{section_field}.items[{i}].short",
                "missing (the section has 'handout: short', which prints each item's short text)",
                "add a one-line 'short' text, or delete 'handout: short'",
            )
        return not missing

    def now_signs_stay(self, items: list[Item], field: str) -> None:
        """Every `now` warning is on the pocket card: `on_card: false` (at `field`) may
        drop only `soon` ones."""
        urgent = [i.id for i in items if isinstance(i, WarningSign) and i.urgency is Urgency.NOW]
        if urgent:
            names = ", ".join(repr(name) for name in urgent)
            self.problem(
                field,
                f"would leave the 'now' warning{'s' if len(urgent) > 1 else ''} {names} off "
                "the pocket card, and every 'now' warning is on the card",
                "shorten a warning with 'short' instead; on_card: false is for 'soon' items",
            )

    def items(self, value: Any, section_field: str, kind: SectionKind | None) -> list[Item]:
        items: list[Item] = []
        seen: dict[str, str] = {}
        for i, raw in enumerate(self.sequence(value, f"{section_field}.items", "item")):
            field = f"{section_field}.items[{i}]"
            data = self.mapping(
                raw,
                field,
                required=("id", "text"),
                optional=("short", "urgency", "on_card", "image"),
            )
            if data is None:
                continue
            on_card = self.boolean(data.get("on_card"), f"{field}.on_card", True)
            item_id = self.unique_id(data.get("id"), f"{field}.id", seen, "item in this section")
            text = self.text(data.get("text"), f"{field}.text")
            short = self.text(
                data.get("short"), f"{field}.short", optional=True, max_len=MAX_TEXT["short"]
            )
            picture = self.picture(data.get("image"), f"{field}.image")
            urgency = None
            if kind is SectionKind.WARNINGS:
                if "urgency" not in data:
                    self.problem(
                        f"{field}.urgency",
                        "missing",
                        "every warning needs 'urgency: now' or 'urgency: soon'",
                    )
                urgency = self.choice(data.get("urgency"), f"{field}.urgency", Urgency)
            elif "urgency" in data and kind is not None:
                self.problem(
                    f"{field}.urgency",
                    f"only items of a 'warnings' section have an "
                    f"urgency, this section is '{kind.value}'",
                    "delete the key",
                )
            if item_id and text and kind is SectionKind.WARNINGS:
                if urgency is not None:
                    sign = WarningSign(item_id, text, short, on_card, picture, urgency=urgency)
                    if not on_card:
                        self.now_signs_stay([sign], f"{field}.on_card")
                    items.append(sign)
            elif item_id and text:
                items.append(Item(item_id, text, short, on_card, picture))
        return items
