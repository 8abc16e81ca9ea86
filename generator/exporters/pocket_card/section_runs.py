"""Each section of the pocket card as flowables, in runs that each stay on one face
(the card's back may begin inside a section between two runs: `fit.Measured.breaks`),
and the heading said again at the top of the back when a section goes on there."""

from __future__ import annotations

from reportlab.platypus import Flowable

from generator.exporters.pocket_card.beside import beside
from generator.exporters.pocket_card.content import BULLETS, URGENCY_LABELS, CardSection
from generator.exporters.pocket_card.styles import Styles
from generator.model import SectionKind, Urgency
from generator.pdf.lists import hanging_list
from generator.pdf.tagged import Decoration, TaggedParagraph
from generator.pdf.tags import Tag, child


def item_flowables(
    section: CardSection, styles: Styles, lists: list[Tag] | None = None
) -> list[list[Flowable]]:
    """Each item of `section` as the card draws it (a list of one paragraph, with its
    picture beside it when it has one on the card), in `section.drawn_items` order;
    items of the lists `lists` (one, or one per urgency group of a warnings section)."""
    kind = section.section.kind
    marks = [f"{n}." for n in range(1, len(section.items) + 1)]
    if kind is not SectionKind.STEPS or section.lead is not None:
        marks = [BULLETS.get(kind, "•")] * len(section.items)
    tags = iter(lists or [])
    if kind is not SectionKind.WARNINGS:
        markups = [item.markup for item in section.items]
        drawn = hanging_list(markups, marks, styles.body, next(tags, None))
    else:
        drawn = []
        for urgency, _, items in section.groups:
            style = styles.urgent if urgency is Urgency.NOW else styles.warning
            marked = ["•"] * len(items)
            drawn += hanging_list([i.markup for i in items], marked, style, next(tags, None))
    pairs = zip(drawn, section.drawn_items, strict=True)
    return [beside([p], i.picture, styles.body, p.tag) for p, i in pairs]


def section_flowables(
    section: CardSection, styles: Styles, care: list[Flowable] | None = None
) -> list[list[Flowable]]:
    """The heading and items of one section (`care`, where to get care, under its urgent
    signs, or after them all), the section's picture on the card beside all but the
    heading. Tagged as a section (`Sect`) with its heading (`H2`), each urgency group a
    section of its own with its label as heading (`H3`).

    In runs that each stay on one face: the card's back may begin between two runs.
    The heading keeps its first item; another item of a list is a run of its own; a
    warnings section splits only between its urgency groups (its urgent signs with
    where to get care, then the others), and a section with a picture not at all."""
    sect = Tag("Sect")
    runs: list[list[Flowable]] = [[]]
    if section.lead is not None:
        lead = child(sect, "P", lang=section.langs.get("alternatives.lead"))
        runs[0].append(TaggedParagraph(section.lead, styles.lead, tag=lead))
    groups = [child(sect, "Sect") for _ in section.groups]
    lists = [child(group, "L") for group in groups] or [child(sect, "L")]
    items = [f for one in item_flowables(section, styles, lists) for f in one]
    if section.section.kind is not SectionKind.WARNINGS:
        runs[0] += items[:1]
        runs += [[item] for item in items[1:]]
    start = 0
    for (urgency, label, group), group_tag in zip(section.groups, groups, strict=True):
        urgent = urgency is Urgency.NOW
        style = styles.urgent_label if urgent else styles.soon_label
        lang = section.langs.get(URGENCY_LABELS[urgency])
        if start:
            runs.append([])
        runs[-1].append(TaggedParagraph(label, style, tag=child(group_tag, "H3", lang=lang)))
        runs[-1] += items[start : start + len(group)]
        start += len(group)
        if urgent and care:  # where to go, right under the signs that say go now
            for line in care:  # read with them, in the group's section
                if isinstance(line, TaggedParagraph) and line.tag is not None:
                    line.tag = child(group_tag, "P", lang=line.tag.lang)
            runs[-1], care = runs[-1] + care, None
    if section.picture is not None and section.picture.box is not None:
        runs = [[f for run in runs for f in run]]
    runs[0] = beside(runs[0], section.picture, styles.body, sect)
    runs[-1] += care or []
    heading = TaggedParagraph(section.heading, styles.heading, tag=child(sect, "H2"))
    return [[heading, *runs[0]], *runs[1:]]


def continued_flowables(section: CardSection, styles: Styles) -> list[Flowable]:
    """What the back begins with when `section` goes on there from the front: its
    heading said again, marked as going on ("When to get care (continued)"), so that a
    reader of the back alone knows what its first items are. Set as the heading is, and
    drawn as a repeat (a pagination artifact): the section's one heading in the tagged
    text is the one on the front."""
    return [Decoration(TaggedParagraph(section.continued, styles.heading), kind="header")]
