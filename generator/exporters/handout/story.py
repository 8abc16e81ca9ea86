"""The clinic handout PDF's story: the flowables of its masthead, main message and
sections, at one setting of the room around the text (`fitting.Fit`, in its styles).

Steps numbered, checklists with tick boxes, facts as plain bullets, and warnings in a
framed box with the most urgent group first; each section tagged `Sect`. A heading
is kept with the first two items, a short section whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, KeepTogether, Spacer

from generator.exporters.handout.beside import beside
from generator.exporters.handout.content import URGENCY_LABELS, HandoutText, page_one_warnings
from generator.exporters.handout.fitting import stacked_height
from generator.exporters.handout.masthead import masthead
from generator.exporters.handout.pagination import FUZZ, WarningsBox
from generator.exporters.handout.styles import LEADING, Styles, markup
from generator.model import Clinic, Item, Section, SectionKind, Topic, Urgency
from generator.pdf.lists import ItemContent, bulleted_list, numbered_list
from generator.pdf.palette import ACCENT, ACCENT_TINT, URGENT, URGENT_TINT
from generator.pdf.styles import table_style
from generator.pdf.tagged import TaggedParagraph, TaggedTable
from generator.pdf.tags import Tag, child
from generator.pdf.writing import start_side

CHECKBOX = "\N{BALLOT BOX}"
SHORT_LINES = 4
"""A section whose text under its heading takes this many lines (and the space after
each) or fewer is kept whole."""


@dataclass
class Story:
    """The handout's flowables at one setting (`styles`, `width`, `split_blocks`), made
    afresh for each layout (ReportLab spends a flowable as it lays it out); what is
    measured to make them is measured once."""

    topic: Topic
    text: HandoutText
    clinic: Clinic | None
    styles: Styles
    width: float
    split_blocks: bool = False
    _short: dict[str, bool] = field(default_factory=dict)
    """Whether each section (by id) is short enough to keep whole (`SHORT_LINES`)."""

    def parts(self) -> tuple[list[Flowable], list[list[Flowable]], tuple[int, WarningsBox] | None]:
        """The masthead and main message, the flowables of each section, and the box of
        the warnings section that goes on page 1 (`page_one_warnings`), with its index;
        that section's entry among the sections is empty."""
        topic, styles = self.topic, self.styles
        head: list[Flowable] = masthead(topic, self.text, self.clinic, styles, self.width)
        message = [[TaggedParagraph(markup(topic.main_message), styles.message, tag=Tag("P"))]]
        head.append(KeepTogether([framed(message, styles, ACCENT, split_blocks=self.split_blocks)]))
        moved = page_one_warnings(topic)
        sections: list[list[Flowable]] = []
        box = None
        for number, section in enumerate(topic.sections):
            block = self.section_block(section)
            if isinstance(block, WarningsBox) and number == moved:
                box = (number, block)
                sections.append([])
            elif isinstance(block, WarningsBox):  # another warnings box stays where it is
                sections.append(block.flowables(whole=True))
            else:
                sections.append(block)
        return head, sections, box

    def section_block(self, section: Section) -> list[Flowable] | WarningsBox:
        """Heading, optional intro and the items laid out for the section's kind, an item
        with a picture in a list of its own, the picture between its mark and its text (so
        the marks of a section stay in one column). The heading and intro are kept with
        the first two items (`_runs`), never left at the foot of a page, and a section of
        `SHORT_LINES` or fewer is kept whole. Tagged as a section (`Sect`):
        its heading `H2`, its intro `P`, its items one list `L`."""
        text, styles, width = self.text, self.styles, self.width
        warnings = section.kind is SectionKind.WARNINGS
        sect = Tag("Sect")
        heading = styles.warning_heading if warnings else styles.heading
        lead: list[Flowable] = [
            TaggedParagraph(markup(section.heading), heading, tag=child(sect, "H2"))
        ]
        if section.intro:
            intro = styles.box_intro if warnings else styles.body
            lead.append(TaggedParagraph(markup(section.intro), intro, tag=child(sect, "P")))
        if section.picture is not None:
            lead.append(beside(section.picture, Spacer(0, 0), styles, width, sect))
        if warnings:
            rows = warning_rows(section, text, styles, lead, width - styles.size * 1.2, sect)
            box = framed(rows, styles, URGENT, split_blocks=self.split_blocks)
            groups = section.urgency_groups
            urgent = len(groups[0].items) if groups[0].urgency is Urgency.NOW else 0
            # Whole or not at all (`pagination`), unless only its urgent group fits page 1;
            # only a box taller than a page splits (between rows).
            return WarningsBox(box, styles.size * 0.7, urgent)
        texts = [
            list_item(item, styles, width, short=section.handout_short) for item in section.items
        ]
        if section.alternatives:  # choices, not a sequence: bullets under a lead
            lang = text.labels.lang_of("alternatives.lead")
            lead_tag = child(sect, "P", lang=lang)
            lead.append(TaggedParagraph(markup(text.alternatives), styles.body, tag=lead_tag))
        items = child(sect, "L")

        def listed(start: int, end: int) -> Flowable:
            """Items `start` to `end` (not included) as the list the section's kind asks."""
            if section.alternatives or section.kind is not SectionKind.STEPS:
                glyph = CHECKBOX if section.kind is SectionKind.CHECKLIST else "\N{BULLET}"
                return bulleted_list(texts[start:end], styles.body, glyph, items)
            number_font = styles.label.fontName
            return numbered_list(
                texts[start:end],
                styles.body,
                number_font,
                count=len(texts),
                start=1 + start,
                tag=items,
            )

        lists = [listed(start, end) for start, end in _runs(section)]
        if self._is_short(section, [*lead[1:], *lists]):
            return [KeepTogether([*lead, *lists])]  # a short section is never split
        return [KeepTogether([*lead, lists[0]]), *lists[1:]]

    def _is_short(self, section: Section, under: list[Flowable]) -> bool:
        """Whether what is `under` the heading of `section` takes `SHORT_LINES` or fewer;
        measured once for the section."""
        if section.id not in self._short:
            height = stacked_height(under, self.width)
            body = self.styles.body
            self._short[section.id] = (
                height <= SHORT_LINES * (body.leading + body.spaceAfter) + FUZZ
            )
        return self._short[section.id]


def framed(
    rows: list[list[Flowable]], styles: Styles, colour: Color, *, split_blocks: bool
) -> Flowable:
    """`rows` of flowables in a tinted box with a thick border, to set them apart. A long
    box breaks across pages between rows, so what must stay together (a heading, a
    label and the first item under it) goes in one row; with `split_blocks`, also
    inside a row, keeping at least three lines on each side."""
    tint = URGENT_TINT if colour == URGENT else ACCENT_TINT
    pad = styles.size * 0.6
    min_lines = round(styles.size * LEADING * 3) if split_blocks else 0
    box = TaggedTable([[row] for row in rows], hAlign=start_side(), splitInRow=min_lines)
    label_rows = [  # a label's space before, which a cell drops at its top
        ("TOPPADDING", (0, number), (-1, number), styles.label.spaceBefore)
        for number, row in enumerate(rows)
        if number > 0 and isinstance(row[0], TaggedParagraph) and row[0].style is styles.label
    ]
    box.setStyle(
        table_style(
            styles.body.fontName,
            styles.size,
            [
                ("BOX", (0, 0), (-1, -1), 2, colour),
                ("BACKGROUND", (0, 0), (-1, -1), tint),
                ("LEFTPADDING", (0, 0), (-1, -1), pad),
                ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                # a cell drops its last paragraph's space after: give it back between rows
                ("BOTTOMPADDING", (0, 0), (-1, -1), styles.body.spaceAfter),
                ("TOPPADDING", (0, 0), (-1, 0), pad),
                ("BOTTOMPADDING", (0, -1), (-1, -1), pad),
                *label_rows,
            ],
        )
    )
    return box


def _runs(section: Section) -> list[tuple[int, int]]:
    """The items as (start, end) runs: the first two items (kept with the heading, so
    that a heading never ends a page over a single line), each item with a picture
    alone, and the others in runs between them."""
    count = len(section.items)
    cuts = {0, min(2, count), count}
    for i, item in enumerate(section.items):
        if item.picture is not None:
            cuts |= {i, i + 1}
    edges = sorted(cuts)
    return [(a, b) for a, b in pairwise(edges) if a < b]


def list_item(item: Item, styles: Styles, width: float, *, short: bool = False) -> ItemContent:
    """What a list shows after `item`'s mark: its text (its short text in a section
    shown short) as markup, or (made for the item's body tag) its picture beside it."""
    said = markup(item.card_text if short else item.text)
    picture = item.picture
    if picture is None:
        return said

    def made(body: Tag) -> Flowable:
        text = TaggedParagraph(said, styles.body, tag=child(body, "P"))
        return beside(picture, text, styles, width, body)

    return made


def care_row(text: HandoutText, styles: Styles, sect: Tag) -> list[Flowable]:
    """Where to get care, which ends the warnings box: a label, then the clinic's
    emergency instruction (bold), phone and after-hours line, or lines to write them in.
    Tagged as a section of the box's `sect`, the label its heading (`H3`)."""
    care = child(sect, "Sect")
    labels = text.labels
    lines: list[Flowable] = [
        TaggedParagraph(
            markup(line.text),
            styles.care_urgent if line.urgent else styles.body,
            tag=child(care, "P", lang=line.key and labels.lang_of(line.key)),
        )
        for line in text.care
    ]
    heading = child(care, "H3", lang=labels.lang_of("care.heading"))
    return [TaggedParagraph(markup(text.care_heading), styles.label, tag=heading), *lines]


def warning_rows(
    section: Section,
    text: HandoutText,
    styles: Styles,
    lead: list[Flowable],
    width: float,
    sect: Tag,
) -> list[list[Flowable]]:
    """One row per warning sign, each group's label in the row of its first sign, and
    the heading (`lead`) in the very first row. Each urgency group is a section of its
    own within `sect`, its label the group's heading (`H3`) and its signs one list."""
    rows: list[list[Flowable]] = []
    for group in section.urgency_groups:
        key = URGENCY_LABELS[group.urgency]
        group_tag = child(sect, "Sect")
        heading = child(group_tag, "H3", lang=text.labels.lang_of(key))
        label = TaggedParagraph(markup(text.urgency[group.urgency]), styles.label, tag=heading)
        signs = child(group_tag, "L")
        items = [
            bulleted_list([list_item(sign, styles, width)], styles.body, "\N{BULLET}", signs)
            for sign in group.items
        ]
        rows.append([*lead, label, items[0]])
        rows += [[item] for item in items[1:]]
        lead = []
    return [*rows, care_row(text, styles, sect)]
