"""The top of the handout PDF: the clinic's logo and details (when given), the title,
and the QR code to the topic's page (when it has one)."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer

from generator.exporters.handout.content import HandoutText
from generator.exporters.handout.styles import Styles, markup
from generator.model import Clinic, Topic
from generator.pdf.palette import ACCENT
from generator.pdf.pictures import picture_flowable
from generator.pdf.qr_code import QrWithCaption, UrlText, qr_tag
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
    Tagged in reading order: the clinic's details, the title (`H1`), the QR code."""
    title = TaggedParagraph(markup(topic.title), styles.title, tag=Tag("H1"))
    first_row: list[Any] = [] if clinic is None else clinic_cells(clinic, styles, width)
    if clinic is None:
        first_row.append(title)
    qr = qr_block(topic, text, styles)
    if qr is not None:
        first_row.append(qr)
    widths: list[float | None] = [None] * len(first_row)
    if qr is not None:
        widths[-1] = QR_SIZE + styles.size * (0.5 + QR_CAPTION_EMS)
    if clinic is not None and clinic.logo is not None:
        widths[0] = first_row[0].wrap(width, width)[0] + styles.size  # the logo
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
    row = TaggedTable([from_start(first_row)], colWidths=from_start(widths), hAlign=start_side())
    row.setStyle(table_style(styles.body.fontName, styles.size, commands))
    story: list[Any] = [row]
    if clinic is not None:
        story += [Spacer(0, styles.size * 0.6), title]
    return story


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
        lines.append(TaggedParagraph(markup(clinic.phone), styles.footer, tag=child(group, "P")))
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


def qr_block(topic: Topic, text: HandoutText, styles: Styles) -> Flowable | None:
    """The QR code to `topic.url`, captioned with the URL for those who type it."""
    if topic.url is None:
        return None
    group = Tag("Div")
    code = qr_tag(group, text.labels("pdf.qr_code", url=topic.url))
    caption_tag = child(group, "P", lang=text.labels.lang_of("qr.caption"))
    caption = [
        TaggedParagraph(markup(text.qr_caption), styles.footer, tag=caption_tag),
        UrlText(topic.url, styles.footer, child(group, "P")),
    ]
    return QrWithCaption(topic.url, QR_SIZE, caption, gap=styles.size * 0.5, tag=code)
