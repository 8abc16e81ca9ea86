"""The top of the handout PDF: the clinic's logo and details (when given), the title,
and the QR code to the topic's page (when it has one)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer

from generator.exporters.handout.content import HandoutText
from generator.exporters.handout.pagination import FUZZ
from generator.exporters.handout.styles import Styles, markup
from generator.labels import unbroken
from generator.model import Clinic, Topic
from generator.pdf.measuring import TALL
from generator.pdf.palette import ACCENT
from generator.pdf.pictures import picture_flowable
from generator.pdf.qr_code import SMALLEST_SIDE, QrWithCaption, UrlText, qr_tag
from generator.pdf.styles import table_style
from generator.pdf.tagged import Decoration, TaggedParagraph, TaggedTable
from generator.pdf.tags import Tag, child
from generator.pdf.writing import from_start, start_side

QR_SIZE = 1.0 * inch
"""Side of the QR code, in points (1 in)."""
QR_CAPTION_EMS = 11
"""Width of the QR caption in ems: long URLs wrap at `/`."""
LOGO_HEIGHT = 0.6 * inch


def masthead(
    topic: Topic, text: HandoutText, clinic: Clinic | None, styles: Styles, width: float
) -> list[Any]:
    """The clinic's logo and details (when given), the title, and the QR code (when the
    topic has a URL) at the right of the first row, so it takes no extra height.
    Beside a clinic's details the code takes its smallest scannable size where the
    full one would wrap the clinic's name onto a third line or break its address,
    phone or website, and moves down beside the title where even that would.
    Tagged in reading order: the clinic's details, the title (`H1`), the QR code."""
    title = TaggedParagraph(markup(topic.title), styles.title, tag=Tag("H1"))
    if clinic is None:
        return [_row([title], qr_block(topic, text, styles, QR_SIZE), styles, width)]
    details = clinic_cells(clinic, styles, width)
    for side in (QR_SIZE, SMALLEST_SIDE):
        qr = qr_block(topic, text, styles, side)
        row = _row(details, qr, styles, width, rule=True)
        if qr is None or _details_fit(details[-1], _widths(details, qr, styles, width)[-2]):
            return [row, Spacer(0, styles.size * 0.6), title]
    below = _row([title], qr_block(topic, text, styles, QR_SIZE), styles, width)
    return [_row(details, None, styles, width, rule=True), Spacer(0, styles.size * 0.6), below]


def _row(
    cells: list[Any], qr: Flowable | None, styles: Styles, width: float, *, rule: bool = False
) -> TaggedTable:
    """`cells` and the QR code (when given) in one row, as wide as `width` (its columns
    by `_widths`); a `rule` row has a line under it."""
    first_row = [*cells, qr] if qr is not None else list(cells)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]
    if rule:
        commands += [
            ("BOTTOMPADDING", (0, 0), (-1, -1), styles.size * 0.5),
            ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
        ]
    widths = from_start(_widths(cells, qr, styles, width))
    row = TaggedTable([from_start(first_row)], colWidths=widths, hAlign=start_side())
    row.setStyle(table_style(styles.body.fontName, styles.size, commands))
    return row


def _widths(cells: list[Any], qr: Flowable | None, styles: Styles, width: float) -> list[float]:
    """The widths of `_row`'s columns in reading order: the QR code's and a logo's
    (a `Decoration` first) as wide as they need, the rest sharing what is left."""
    first_row = [*cells, qr] if qr is not None else list(cells)
    widths: list[float | None] = [None] * len(first_row)
    if isinstance(qr, QrWithCaption):
        widths[-1] = qr.side + styles.size * (0.5 + QR_CAPTION_EMS)
    if isinstance(cells[0], Decoration):
        widths[0] = cells[0].wrap(width, width)[0] + styles.size  # the logo
    fixed = sum(w for w in widths if w is not None)
    return [w if w is not None else width - fixed for w in widths]


def _details_fit(lines: list[Flowable], width: float) -> bool:
    """Whether the clinic's details (`clinic_cells`) keep the name to two lines and
    every other line (address, phone, website) to one at `width`."""
    for number, line in enumerate(lines):
        height = line.wrap(width, TALL)[1]
        leading = line.style.leading
        if height > leading * (2 if number == 0 else 1) + FUZZ:
            return False
    return True


def clinic_cells(clinic: Clinic, styles: Styles, width: float) -> list[Any]:
    """[logo,] details: the clinic's name, address, phone and website, each on its own
    line (a website wraps only after its separators). The logo is decoration: the
    clinic's name is printed beside it."""
    group = Tag("Div")
    lines: list[Flowable] = [
        TaggedParagraph(markup(clinic.name), styles.clinic_name, tag=child(group, "P"))
    ]
    if clinic.address:
        lines.append(TaggedParagraph(markup(clinic.address), styles.footer, tag=child(group, "P")))
    if clinic.phone:
        lines.append(
            TaggedParagraph(markup(unbroken(clinic.phone)), styles.footer, tag=child(group, "P"))
        )
    if clinic.website:
        lines.append(UrlText(clinic.website, styles.footer, child(group, "P")))
    if clinic.logo is None:
        return [lines]
    checked = clinic.logo.usable()
    logo_width = min(LOGO_HEIGHT * checked.width / checked.height, width / 4)
    logo = picture_flowable(
        checked, logo_width, logo_width * checked.height / checked.width, styles.body.fontName
    )
    return [Decoration(logo), lines]


def qr_block(topic: Topic, text: HandoutText, styles: Styles, side: float) -> Flowable | None:
    """The QR code to `topic.url`, `side` points wide, captioned with the URL for
    those who type it."""
    if topic.url is None:
        return None
    group = Tag("Div")
    code = qr_tag(group, text.labels("pdf.qr_code", url=topic.url))
    caption_tag = child(group, "P", lang=text.labels.lang_of("qr.caption"))
    caption = [
        TaggedParagraph(markup(text.qr_caption), styles.footer, tag=caption_tag),
        UrlText(topic.url, styles.footer, child(group, "P")),
    ]
    return QrWithCaption(topic.url, side, caption, gap=styles.size * 0.5, tag=code)
