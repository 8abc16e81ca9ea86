"""What makes the trial layouts of the handout's fitting cheap, and safe: a story
measured (`pdf.measuring`) breaks its pages where the same story drawn does and draws
nothing but what asks to be drawn; paragraphs made again share their parse
(`tagged.parsing_once`) and wrap as if parsed alone."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from generator.exporters.handout.pagination import PageMark
from generator.pdf.measuring import measure

MARGIN, BOTTOM = 40.0, 90.0


class CountedParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph that counts how often it is drawn."""

    drawn = 0

    def draw(self) -> None:
        CountedParagraph.drawn += 1
        super().draw()


def story() -> tuple[list[Any], list[PageMark]]:
    """Paragraphs that split across pages, blocks kept together, a table that splits
    between rows, spacers: a mark before each, and one at the end."""
    style = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=15, spaceAfter=6)
    words = "Stretch gently and hold the stretch until the cramp lets go. "
    flowables: list[Any] = []
    for n in range(40):
        text = words * (1 + n % 7)
        if n % 5 == 0:
            rows = [[CountedParagraph(f"{n}.{r} " + words, style)] for r in range(6)]
            flowables.append(Table(rows, splitByRow=1))
        elif n % 3 == 0:
            flowables.append(KeepTogether([CountedParagraph(text, style) for _ in range(3)]))
        else:
            flowables.append(CountedParagraph(text, style))
        flowables.append(Spacer(0, 4 * (n % 4)))
    marks = [PageMark() for _ in range(len(flowables) + 1)]
    woven = [f for pair in zip(marks, flowables, strict=False) for f in pair]
    return [*woven, marks[-1]], marks


def test_a_measured_story_breaks_where_the_drawn_one_does_and_draws_nothing():
    measured, measured_marks = story()
    CountedParagraph.drawn = 0
    measure(measured, LETTER, margin=MARGIN, bottom_margin=BOTTOM)
    assert CountedParagraph.drawn == 0

    drawn, drawn_marks = story()
    doc = SimpleDocTemplate(
        BytesIO(),
        pagesize=LETTER,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=BOTTOM,
    )
    doc.build(drawn)
    assert CountedParagraph.drawn > 0

    where = [(m.page, round(m.y, 3)) for m in measured_marks]
    assert where == [(m.page, round(m.y, 3)) for m in drawn_marks]
    assert len({page for page, _ in where}) >= 4, "the story should fill several pages"


def test_a_measure_told_one_page_is_enough_lays_out_no_more():
    flowables, marks = story()
    measure(flowables, LETTER, margin=MARGIN, bottom_margin=BOTTOM, enough=lambda pages: True)
    reached = [m.page for m in marks if m.page is not None]
    assert reached and set(reached) == {1}
    assert marks[-1].page is None, "the story's end was laid out"


def test_inside_parsing_once_the_same_text_and_style_share_one_parse_and_wrap_alike():
    from generator.pdf.tagged import TaggedParagraph, parsing_once

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=15)
    text = "Stretch <b>gently</b> and hold the stretch until the cramp lets go. " * 4
    alone = TaggedParagraph(text, style)
    with parsing_once():
        first, second = TaggedParagraph(text, style), TaggedParagraph(text, style)
        other = TaggedParagraph(text, ParagraphStyle("other", parent=style))
    assert first.frags is second.frags and other.frags is not first.frags
    assert TaggedParagraph(text, style).frags is not first.frags, "kept after its end"
    for paragraph in (first, alone, second):  # wrapped and split as if parsed alone
        paragraph.wrap(200, 1000)
    lines = [[w.text for w in line.words] for line in alone.blPara.lines]
    assert [[w.text for w in line.words] for line in second.blPara.lines] == lines
    halves = [p.split(200, 40) for p in (alone, second)]
    assert [len(h) for h in halves] == [2, 2]
    assert halves[0][1].getPlainText() == halves[1][1].getPlainText()


def test_inside_parsing_once_a_width_wrapped_before_takes_its_lines_unbroken_again():
    from reportlab.platypus import Paragraph

    from generator.pdf.tagged import TaggedParagraph, parsing_once

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=15)
    text = "Stretch <b>gently</b> and hold the stretch until the cramp lets go. " * 4
    alone = TaggedParagraph(text, style)
    alone_sizes = {width: alone.wrap(width, 1000) for width in (200, 300)}
    broken = []
    real_break = Paragraph.breakLines

    def counting(self: Paragraph, widths: list[float]) -> object:
        broken.append(widths[0])
        return real_break(self, widths)

    Paragraph.breakLines = counting
    try:
        with parsing_once():
            made = [TaggedParagraph(text, style) for _ in range(3)]
            sizes = [made[0].wrap(200, 1000), made[1].wrap(300, 50), made[2].wrap(200, 9)]
            again = made[1].wrap(200, 1000)
            parts = made[2].split(200, 40)
    finally:
        Paragraph.breakLines = real_break
    assert broken == [200, 300], "a width wrapped before was broken into lines again"
    assert sizes == [alone_sizes[200], alone_sizes[300], alone_sizes[200]]
    assert again == alone_sizes[200] and made[1].blPara is made[0].blPara
    alone.wrap(200, 1000)
    lines = [[w.text for w in line.words] for line in alone.blPara.lines]
    assert [[w.text for w in line.words] for line in made[2].blPara.lines] == lines
    assert [p.getPlainText() for p in parts] == [p.getPlainText() for p in alone.split(200, 40)]


def test_a_layout_frame_copied_deep_has_its_values_and_its_own_backgrounds():
    import copy

    from generator.pdf.measuring import LayoutFrame

    frame = LayoutFrame(10, 20, 300, 400, id="normal")
    frame._frameBGs = [["a background", 0, 0, None]]  # as a frame's FrameBG sets it
    made = copy.deepcopy(frame)
    assert vars(made) == vars(frame) and made is not frame
    assert made._frameBGs is not frame._frameBGs, "a list shared with the frame copied"
    made._frameBGs[0].clear()
    made._y -= 100
    assert frame._frameBGs == [["a background", 0, 0, None]] and frame._y == made._y + 100
