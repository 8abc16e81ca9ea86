"""The clinic handout as a printable PDF (Letter or A4).

Order: optional clinic header, title (with a QR code to the topic URL when set),
the main message set apart, then the sections in authored order: steps numbered,
checklists with tick boxes, facts as plain bullets, and warnings in a framed box
with the most urgent group first. Every page has a footer with the source,
version, review date, "Page N of M" and a line saying the handout does not
replace a provider's advice. Body text is 12 pt (16 pt with large print), left
aligned, and every font is embedded DejaVu.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    LayoutError,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from generator.errors import ExportError
from generator.exporters import handout_content as content
from generator.model import Clinic, Section, SectionKind, Topic
from generator.options import BuildOptions, Paper
from generator.pdf_support import (
    FontFamily,
    QrCode,
    UrlText,
    check_glyphs,
    document_info,
    fixed_time_canvas,
    register_fonts,
    topic_text_fields,
)

PAGE_SIZES = {Paper.LETTER: LETTER, Paper.A4: A4}
MARGIN = 0.6 * inch
BODY_PT = 12.0
LARGE_PRINT_PT = 16.0
LEADING = 1.25
"""Line height as a multiple of the font size."""
TEXT = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#0b4f6c")
"""Dark blue of headings and the main message frame (contrast > 8:1 on white)."""
MESSAGE_TINT = colors.HexColor("#e8f1f5")
WARNING = colors.HexColor("#a4161a")
"""Dark red of the warning frame and labels (contrast > 7:1 on the tint)."""
WARNING_TINT = colors.HexColor("#fdf0f0")
CHECKBOX = "\N{BALLOT BOX}"
FRAME_PADDING = 6.0
"""ReportLab's padding inside the page frame: the story is this much narrower than the
space between the margins."""
QR_SIZE = 1.0 * inch
QR_CAPTION_EMS = 11
"""Width of the QR caption in ems: long URLs wrap at `/`."""
LOGO_HEIGHT = 0.6 * inch


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    warning_heading: ParagraphStyle
    box_intro: ParagraphStyle
    message: ParagraphStyle
    label: ParagraphStyle
    clinic_name: ParagraphStyle
    footer: ParagraphStyle
    footer_right: ParagraphStyle
    size: float


def make_styles(fonts: FontFamily, footer_fonts: FontFamily, size: float) -> Styles:
    body = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=size,
        leading=size * LEADING,
        alignment=TA_LEFT,
        spaceShrinkage=0,  # ragged right with even word spaces: never squeeze a line
        textColor=TEXT,
        spaceAfter=size * 0.35,
    )
    bold = ParagraphStyle("bold", parent=body, fontName=fonts.bold)
    heading = ParagraphStyle(
        "heading",
        parent=bold,
        fontSize=size * 1.3,
        leading=size * 1.6,
        textColor=ACCENT,
        spaceBefore=size * 0.7,
        spaceAfter=size * 0.3,
    )
    footer = ParagraphStyle(
        "footer", parent=body, fontName=footer_fonts.regular, leading=size * 1.2, spaceAfter=0
    )
    return Styles(
        body=body,
        title=ParagraphStyle(
            "title", parent=bold, fontSize=size * 1.9, leading=size * 2.2, textColor=ACCENT
        ),
        heading=heading,
        # first in its box, right above the label's space before
        warning_heading=ParagraphStyle(
            "warning-heading", parent=heading, textColor=WARNING, spaceBefore=0, spaceAfter=0
        ),
        # in the warnings box the label's space before separates the intro from the list
        box_intro=ParagraphStyle("box-intro", parent=body, spaceAfter=0),
        message=ParagraphStyle("message", parent=bold, spaceAfter=0),
        label=ParagraphStyle(
            "label", parent=bold, textColor=WARNING, spaceBefore=size * 0.5, spaceAfter=0
        ),
        clinic_name=ParagraphStyle("clinic", parent=bold, fontSize=size * 1.15, leading=size * 1.4),
        footer=footer,
        footer_right=ParagraphStyle("footer-right", parent=footer, alignment=TA_RIGHT),
        size=size,
    )


def markup(text: str) -> str:
    """Authored text as ReportLab paragraph markup: `<`, `&` and quotes print as written."""
    return str(escape(text))


def export(topic: Topic, out_path: Path, options: BuildOptions) -> Path:
    """Write `topic` as a clinic handout PDF to `out_path`."""
    fonts, condensed = register_fonts()
    used = (fonts.regular, fonts.bold, condensed.regular)
    check_glyphs(topic_text_fields(topic), used, topic.where)
    if options.clinic is not None:
        clinic = options.clinic
        source = clinic.source_file or f"{topic.location}: clinic"
        check_glyphs(clinic_text_fields(clinic), used, lambda field: f"{source}: {field}")
    size = LARGE_PRINT_PT if options.large_print else BODY_PT
    styles = make_styles(fonts, condensed, size)
    page_size = PAGE_SIZES[options.paper]
    footer = Footer(topic, styles, page_size[0] - 2 * MARGIN)

    def build(split_blocks: bool) -> None:
        doc = SimpleDocTemplate(
            str(out_path),
            pagesize=page_size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN + footer.height + size,
            **document_info(topic, subject="Clinic handout"),
        )
        width = doc.width - 2 * FRAME_PADDING
        story = build_story(topic, options.clinic, styles, width, split_blocks=split_blocks)
        doc.build(story, canvasmaker=numbered_canvas(options.build_time(topic), footer))

    try:
        build(split_blocks=False)
    except LayoutError:
        # One block is taller than a page (a very long intro and warning under one
        # heading, say). Only then may boxes split inside a block: allowed from the
        # start, ReportLab would split blocks that fit whole on the next page.
        try:
            build(split_blocks=True)
        except LayoutError as exc:
            raise ExportError(
                f"{topic.location}: handout: a block of text does not fit on one page "
                f"even when split ({exc}); shorten the longest intro or item"
            ) from None
    return out_path


def clinic_text_fields(clinic: Clinic) -> list[tuple[str, str | None]]:
    """The clinic branding's printed texts, by field name."""
    return [
        ("name", clinic.name),
        ("phone", clinic.phone),
        ("address", clinic.address),
        ("website", clinic.website),
    ]


def table_style(styles: Styles, commands: list[tuple[Any, ...]]) -> TableStyle:
    """`commands` plus our font: a Table otherwise sets Helvetica, a base-14 font that
    would not be embedded, even when no cell draws text with it."""
    font = ("FONT", (0, 0), (-1, -1), styles.body.fontName, styles.size)
    return TableStyle([font, *commands])


# --- the story --------------------------------------------------------------------


def build_story(
    topic: Topic, clinic: Clinic | None, styles: Styles, width: float, *, split_blocks: bool
) -> list[Any]:
    story: list[Any] = masthead(topic, clinic, styles, width)
    message = [[Paragraph(markup(topic.main_message), styles.message)]]
    story.append(framed(message, styles, ACCENT, split_blocks=split_blocks))
    for section in topic.sections:
        story += section_block(section, styles, split_blocks=split_blocks)
    return story


def masthead(topic: Topic, clinic: Clinic | None, styles: Styles, width: float) -> list[Any]:
    """The clinic's logo and details (when given), the title, and the QR code (when the
    topic has a URL) at the right of the first row, so it takes no extra height."""
    title = Paragraph(markup(topic.title), styles.title)
    first_row: list[Any] = [] if clinic is None else clinic_cells(clinic, styles, width)
    if clinic is None:
        first_row.append(title)
    qr = qr_cell(topic, styles)
    if qr is not None:
        first_row.append(qr)
    widths: list[float | None] = [None] * len(first_row)
    if qr is not None:
        widths[-1] = QR_SIZE + styles.size * (0.5 + QR_CAPTION_EMS)
    if clinic is not None and clinic.logo is not None:
        widths[0] = first_row[0].drawWidth + styles.size
    fixed = sum(w for w in widths if w is not None)
    widths = [w if w is not None else width - fixed for w in widths]
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]
    if clinic is not None:
        commands += [
            ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size * 0.5),
            ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
        ]
    row = Table([first_row], colWidths=widths, hAlign="LEFT")
    row.setStyle(table_style(styles, commands))
    story: list[Any] = [row]
    if clinic is not None:
        story += [Spacer(0, styles.size * 0.6), title]
    return story


def clinic_cells(clinic: Clinic, styles: Styles, width: float) -> list[Any]:
    """[logo,] details: the clinic's name, address, phone and website, each on its own
    line (a website wraps only after its separators)."""
    lines = [Paragraph(markup(clinic.name), styles.clinic_name)]
    if clinic.address:
        lines.append(Paragraph(markup(clinic.address), styles.footer))
    if clinic.phone:
        lines.append(Paragraph(markup(clinic.phone), styles.footer))
    if clinic.website:
        lines.append(UrlText(clinic.website, styles.footer))
    if clinic.logo is None:
        return [lines]
    try:
        logo_w, logo_h = ImageReader(str(clinic.logo)).getSize()
    except (OSError, ValueError):  # damaged: PIL's errors are OSErrors, ReportLab's noisy
        raise ExportError(
            f"{clinic.source_file or 'clinic'}: logo: {clinic.logo.name} is damaged or not "
            "really an image (save or export it again)"
        ) from None
    logo_width = min(LOGO_HEIGHT * logo_w / logo_h, width / 4)
    logo = Image(str(clinic.logo), width=logo_width, height=logo_width * logo_h / logo_w)
    logo.hAlign = "LEFT"
    return [logo, lines]


def qr_cell(topic: Topic, styles: Styles) -> Table | None:
    """The QR code to `topic.url`, captioned with the URL for those who type it."""
    if topic.url is None:
        return None
    cell = Table(
        [
            [
                QrCode(topic.url, QR_SIZE),
                [
                    Paragraph(f"{content.QR_CAPTION}:", styles.footer),
                    UrlText(topic.url, styles.footer),
                ],
            ]
        ],
        colWidths=[QR_SIZE + styles.size * 0.5, QR_CAPTION_EMS * styles.size],
    )
    cell.setStyle(
        table_style(
            styles,
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ],
        )
    )
    return cell


def framed(
    rows: list[list[Flowable]], styles: Styles, colour: colors.Color, *, split_blocks: bool
) -> Flowable:
    """`rows` of flowables in a tinted box with a thick border, to set them apart. A long
    box breaks across pages between rows, so what must stay together (a heading, a
    label and the first item under it) goes in one row; with `split_blocks`, also
    inside a row, keeping at least three lines on each side."""
    tint = WARNING_TINT if colour == WARNING else MESSAGE_TINT
    pad = styles.size * 0.6
    min_lines = round(styles.size * LEADING * 3) if split_blocks else 0
    box = Table([[row] for row in rows], hAlign="LEFT", splitInRow=min_lines)
    label_rows = [  # a label's space before, which a cell drops at its top
        ("TOPPADDING", (0, number), (-1, number), styles.label.spaceBefore)
        for number, row in enumerate(rows)
        if number > 0 and isinstance(row[0], Paragraph) and row[0].style is styles.label
    ]
    box.setStyle(
        table_style(
            styles,
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


def section_block(section: Section, styles: Styles, *, split_blocks: bool) -> list[Flowable]:
    """Heading, optional intro and the items laid out for the section's kind. The
    heading and intro are kept with the first item, never left at the foot of a page."""
    heading_style = (
        styles.warning_heading if section.kind is SectionKind.WARNINGS else styles.heading
    )
    lead: list[Flowable] = [Paragraph(markup(section.heading), heading_style)]
    if section.intro:
        intro_style = styles.box_intro if section.kind is SectionKind.WARNINGS else styles.body
        lead.append(Paragraph(markup(section.intro), intro_style))
    if section.kind is SectionKind.WARNINGS:
        rows: list[list[Flowable]] = []
        for group in content.warning_groups(section):
            label = Paragraph(markup(group.label), styles.label)
            items = [bullets([item.text], styles, "\N{BULLET}") for item in group.items]
            rows.append([*lead, label, items[0]])
            rows += [[item] for item in items[1:]]
            lead = []
        return [
            Spacer(0, styles.size * 0.7),
            framed(rows, styles, WARNING, split_blocks=split_blocks),
        ]
    texts = [item.text for item in section.items]
    parts = [texts[:1], texts[1:]] if len(texts) > 1 else [texts]
    if section.kind is SectionKind.STEPS:
        lists = [numbered(part, styles, len(texts), start=1 + i) for i, part in enumerate(parts)]
    else:
        glyph = CHECKBOX if section.kind is SectionKind.CHECKLIST else "\N{BULLET}"
        lists = [bullets(part, styles, glyph) for part in parts]
    return [KeepTogether([*lead, lists[0]]), *lists[1:]]


def numbered(texts: list[str], styles: Styles, count: int, start: int = 1) -> Flowable:
    """Steps `start`, `start` + 1, ... of `count`; the numbers get room for the widest."""
    widest = stringWidth(f"{count}.", styles.label.fontName, styles.size)
    dedent = max(styles.size * 1.6, widest + styles.size * 0.4)
    return ListFlowable(
        [ListItem(Paragraph(markup(t), styles.body)) for t in texts],
        bulletType="1",
        bulletFormat="%s.",
        start=start,
        bulletFontName=styles.label.fontName,
        bulletFontSize=styles.size,
        leftIndent=dedent + styles.size * 0.2,
        bulletDedent=dedent,
    )


def bullets(texts: list[str], styles: Styles, glyph: str) -> Flowable:
    return ListFlowable(
        [ListItem(Paragraph(markup(t), styles.body), value=glyph) for t in texts],
        bulletType="bullet",
        start=glyph,
        bulletFontName=styles.body.fontName,
        bulletFontSize=styles.size,
        leftIndent=styles.size * 1.8,
        bulletDedent=styles.size * 1.6,
    )


# --- footer and page numbers ------------------------------------------------------


class Footer:
    """Source, version and review date across the page; below them the disclaimer,
    with "Page N of M" at the right of its last line."""

    def __init__(self, topic: Topic, styles: Styles, width: float) -> None:
        self.styles = styles
        self.width = width
        self.page_width = stringWidth(
            content.page_label(999, 999), styles.footer.fontName, styles.size
        )
        self.source = Paragraph(
            markup(f"{content.source_line(topic)}. {content.version_line(topic)}."),
            styles.footer,
        )
        self.disclaimer = Paragraph(markup(content.DISCLAIMER), styles.footer)
        self.source_height = self.source.wrap(width, 10_000)[1]
        self.disclaimer_height = self.disclaimer.wrap(
            width - self.page_width - styles.size, 10_000
        )[1]
        self.height = self.source_height + self.disclaimer_height

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        rule = MARGIN + self.height + self.styles.size * 0.5
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.75)
        canvas.line(MARGIN, rule, MARGIN + self.width, rule)
        self.source.drawOn(canvas, MARGIN, MARGIN + self.disclaimer_height)
        self.disclaimer.drawOn(canvas, MARGIN, MARGIN)
        number = Paragraph(content.page_label(page, pages), self.styles.footer_right)
        number.wrap(self.page_width, 10_000)
        number.drawOn(canvas, MARGIN + self.width - self.page_width, MARGIN)
        canvas.restoreState()


def numbered_canvas(build_time: int, footer: Footer) -> Callable[..., Canvas]:
    """A canvas factory that holds pages until the end, so each footer can say
    "Page N of M", with the fixed PDF dates of `pdf_support.fixed_time_canvas`."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = footer.styles.body.fontName
            kwargs["initialFontSize"] = footer.styles.size
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            pages = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                footer.draw(self, number, pages)
                super().showPage()
            super().save()

    return fixed_time_canvas(build_time, base=NumberedCanvas)
