"""Decoration drawn once and its operators written again (`generator.pdf.repeats`): the
same bytes as drawing it again, and never for what is not only operators."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from generator.pdf.document import TaggedCanvas
from generator.pdf.fonts import SANS, register_fonts
from generator.pdf.palette import ACCENT
from generator.pdf.repeats import Repeats
from generator.pdf.styles import text_style
from generator.pdf.tagged import TextParagraph
from generator.pdf.tags import Tag, artifact, marked


def _head(canvas: Canvas) -> None:
    head = TextParagraph("Hamstring cramps &#183; Ease a cramp now", _style())
    head.wrap(300, 100)
    with artifact(canvas, "header"):
        head.drawOn(canvas, 10, 50)
        canvas.saveState()
        canvas.setLineWidth(0.5)
        canvas.line(10, 45, 310, 45)
        canvas.restoreState()


def _style() -> object:
    return text_style("repeat-test", SANS.regular, 7.5, 9, textColor=ACCENT)


def _pages(path: Path, draw: Callable[[Canvas, float, float], None]) -> bytes:
    """A PDF of two pages, each drawing at three places."""
    register_fonts()
    canvas = TaggedCanvas(str(path), invariant=1, initialFontName=SANS.regular)
    for _ in range(2):
        for x, y in ((0, 0), (40, 200), (80, 400)):
            canvas.saveState()
            canvas.translate(x, y)
            draw(canvas, x, y)
            canvas.restoreState()
        canvas.showPage()
    canvas.save()
    return path.read_bytes()


def test_a_repeated_drawing_writes_what_drawing_it_again_would(tmp_path: Path) -> None:
    drawn: list[tuple[float, float]] = []

    def counted(canvas: Canvas) -> None:
        drawn.append(canvas._currentMatrix[4:])
        _head(canvas)

    again = _pages(tmp_path / "again.pdf", lambda canvas, x, y: _head(canvas))
    repeats: list[Repeats] = []

    def repeat(canvas: Canvas, x: float, y: float) -> None:
        if not repeats:
            repeats.append(Repeats(canvas))
        repeats[0].draw("head", counted)

    repeated = _pages(tmp_path / "repeated.pdf", repeat)
    assert repeated == again
    assert len(drawn) == 1  # drawn once, written five times more


def test_marked_content_is_drawn_each_time_with_its_own_id(tmp_path: Path) -> None:
    def text(canvas: Canvas) -> None:
        with marked(canvas, Tag("P")):
            canvas.setFont(SANS.regular, 8)
            canvas.drawString(0, 0, "Stretch gently")

    canvas = TaggedCanvas(str(tmp_path / "marked.pdf"), invariant=1)
    repeats = Repeats(canvas)
    for _ in range(3):
        repeats.draw("text", text)
    assert len(canvas.tags.pages[0]) == 3
    assert [code for code in canvas._code if "MCID" in code] == [
        f"/P <</MCID {n}>> BDC" for n in range(3)
    ]


def test_a_drawing_that_leaves_the_state_changed_is_drawn_again(tmp_path: Path) -> None:
    register_fonts()
    calls: list[None] = []

    def unbalanced(canvas: Canvas) -> None:
        calls.append(None)
        canvas.setLineWidth(5)  # left set: what is drawn next is written from it

    canvas = TaggedCanvas(str(tmp_path / "state.pdf"), invariant=1)
    repeats = Repeats(canvas)
    for _ in range(3):
        canvas.setLineWidth(1)
        repeats.draw("rule", unbalanced)
        assert canvas._lineWidth == 5
    assert len(calls) == 3


def test_a_drawing_is_repeated_only_from_the_state_it_was_drawn_in(tmp_path: Path) -> None:
    register_fonts()

    def faint(canvas: Canvas) -> None:  # what ReportLab writes depends on the alpha set
        canvas.saveState()
        canvas.setFillAlpha(0.5)
        canvas.rect(0, 0, 10, 10, stroke=0, fill=1)
        canvas.restoreState()

    def page(canvas: Canvas, draw: Callable[[Canvas], None]) -> None:
        draw(canvas)
        canvas.setFillAlpha(0.5)
        draw(canvas)

    plain = TaggedCanvas(str(tmp_path / "plain.pdf"), invariant=1)
    page(plain, faint)
    kept = TaggedCanvas(str(tmp_path / "kept.pdf"), invariant=1)
    repeats = Repeats(kept)
    page(kept, lambda canvas: repeats.draw("faint", faint))
    assert kept._code == plain._code
