"""Each section of the pocket card as flowables, in runs that each stay on one face
(the card's back may begin inside a section between two runs: `fit.Measured.breaks`),
each with what the back says again over it when the section goes on there."""

from __future__ import annotations

from typing import NamedTuple

from reportlab.lib.styles import ParagraphStyle
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


class Run(NamedTuple):
    """A part of a section that stays on one face."""

    flowables: list[Flowable]
    said_again: list[Flowable]
    """What the back begins with when it begins with this run: the section's heading
    said again (`continued`), and inside a group of warnings its label; nothing for
    the section's first run."""


def section_flowables(
    section: CardSection, styles: Styles, care: list[Flowable] | None = None
) -> list[Run]:
    """The heading and items of one section (`care`, where to get care, under its urgent
    signs, or after them all), the section's picture on the card beside all but the
    heading. Tagged as a section (`Sect`) with its heading (`H2`), each urgency group a
    section of its own with its label as heading (`H3`).

    In runs that each stay on one face: the card's back may begin between two runs,
    with what the run says again over it. The heading keeps its first item; another
    item of a list is a run of its own; in a warnings section, the urgent signs stay
    together with their label and where to get care, and the others split between
    their signs, the label said again over the back's part; a section with a picture
    does not split."""
    sect = Tag("Sect")
    runs: list[list[Flowable]] = [[]]
    again: list[list[Flowable]] = [[]]
    if section.lead is not None:
        lead = child(sect, "P", lang=section.langs.get("alternatives.lead"))
        runs[0].append(TaggedParagraph(section.lead, styles.lead, tag=lead))
    groups = [child(sect, "Sect") for _ in section.groups]
    lists = [child(group, "L") for group in groups] or [child(sect, "L")]
    items = [f for one in item_flowables(section, styles, lists) for f in one]
    if section.section.kind is not SectionKind.WARNINGS:
        runs[0] += items[:1]
        runs += [[item] for item in items[1:]]
        again += [[] for _ in items[1:]]
    start = 0
    for (urgency, label, group), group_tag in zip(section.groups, groups, strict=True):
        if start:
            runs.append([])
            again.append([])
        signs, start = items[start : start + len(group)], start + len(group)
        care = _group_runs(section, styles, (urgency, label, group_tag), signs, care, runs, again)
    if section.picture is not None and section.picture.box is not None:
        runs, again = [[f for run in runs for f in run]], [[]]
    runs[0] = beside(runs[0], section.picture, styles.body, sect)
    runs[-1] += care or []
    heading = TaggedParagraph(section.heading, styles.heading, tag=child(sect, "H2"))
    continued = _said_again(section.continued, styles.heading)
    return [Run([heading, *runs[0]], [])] + [
        Run(run, [continued, *over]) for run, over in zip(runs[1:], again[1:], strict=True)
    ]


def _group_runs(
    section: CardSection,
    styles: Styles,
    group: tuple[Urgency, str, Tag],
    signs: list[Flowable],
    care: list[Flowable] | None,
    runs: list[list[Flowable]],
    again: list[list[Flowable]],
) -> list[Flowable] | None:
    """Add one urgency group of `section` (its urgency, label markup and tag) with its
    `signs` to `runs`, from the last one on, and to `again` (what each run says again
    over the back): the urgent signs in one run with where to get care (`care`) under
    them; the others a run each after the first, the label said again over each.
    Gives `care` when it is still to be printed."""
    urgency, label, tag = group
    urgent = urgency is Urgency.NOW
    style = styles.urgent_label if urgent else styles.soon_label
    lang = section.langs.get(URGENCY_LABELS[urgency])
    runs[-1].append(TaggedParagraph(label, style, tag=child(tag, "H3", lang=lang)))
    if not urgent:  # never read without the label that says how soon
        repeat = _said_again(label, style)
        runs[-1] += signs[:1]
        runs += [[sign] for sign in signs[1:]]
        again += [[repeat] for _ in signs[1:]]
        return care
    runs[-1] += signs
    if not care:
        return care
    for line in care:  # where to go, right under the signs that say go now, read with them
        if isinstance(line, TaggedParagraph) and line.tag is not None:
            line.tag = child(tag, "P", lang=line.tag.lang)
    runs[-1] += care
    return None


def _said_again(markup: str, style: ParagraphStyle) -> Flowable:
    """A heading or label said again over the part of its section on the back ("When
    to get care (continued)"), so that a reader of the back alone knows what its first
    items are. Drawn as a repeat (a pagination artifact): in the tagged text the
    section reads its heading and labels once, where they first print."""
    return Decoration(TaggedParagraph(markup, style), kind="header")
