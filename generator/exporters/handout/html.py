"""The clinic handout as one self-contained, accessible HTML page.

Rendered from `templates/handout_html/handout.html.j2` (autoescaped, strict). CSS is
inline and images are data URIs, so the single file can be emailed or hosted. The
words are the same as the PDF's (`content.py`), and so is their order but for the
warnings box, which follows the main message (`content.web_order`).
"""

from __future__ import annotations

import base64
from pathlib import Path

from markupsafe import Markup

from generator.drawing import CheckedPicture
from generator.exporters.handout.content import handout_text, qr_svg_path, web_order
from generator.labels import Labels
from generator.model import Clinic, Picture, SectionKind, Topic
from generator.options import BuildOptions
from generator.templating import render, shared_env

TEMPLATE = "handout_html/handout.html.j2"


def export(topic: Topic, out_path: Path, options: BuildOptions) -> Path:
    """Write `topic` as a clinic handout web page to `out_path`."""
    text = handout_text(topic, options.clinic, html=True, phone=phone_link, shown=isolated)
    html = render(
        shared_env(),
        TEMPLATE,
        topic=web_order(topic),
        kinds=SectionKind,
        text=text,
        clinic=options.clinic,
        logo_uri=logo_data_uri(options.clinic),
        qr_svg=qr_svg(topic.url) if topic.url else None,
        large_print=options.large_print,
        phone_link=phone_link,
        picture_uri=picture_data_uri,
        page_number=page_number_css(text.labels),
    )
    out_path.write_text(html, encoding="utf-8", newline="\n")
    return out_path


def page_number_css(labels: Labels) -> Markup:
    """The label "Page {page} of {pages}" as a CSS `content` value with the printed
    page's counters, for the page's margin box when a browser prints it."""
    page, pages = "\x00page\x00", "\x00pages\x00"
    parts = []
    for piece in labels("page", page=page, pages=pages).split("\x00"):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts))


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that cannot end its string or its <style>."""
    kept = "".join(c if c.isalnum() or c in " .,:/-" else f"\\{ord(c):x} " for c in text)
    return f'"{kept}"'


def isolated(text: str) -> Markup:
    """A name or title of someone else's (a clinic, a source) inside a sentence of
    ours, escaped and isolated (`<bdi>`): its own direction, so a clinic's Latin name
    keeps its order, and the sentence's around it, in an Arabic page, and the other
    way round."""
    return Markup("<bdi>{}</bdi>").format(text)


def logo_data_uri(clinic: Clinic | None) -> str | None:
    """The clinic logo as a `data:` URI, or None without a logo."""
    if clinic is None or clinic.logo is None:
        return None
    return data_uri(clinic.logo)


def picture_data_uri(picture: Picture) -> str:
    """A picture of the topic as a `data:` URI (an SVG in an `<img>` runs no script
    and loads nothing)."""
    return data_uri(picture.drawing)


def data_uri(picture: CheckedPicture) -> str:
    """A checked picture as a `data:` URI, so the page is one self-contained file;
    `ExportError` when the gate refused it."""
    checked = picture.usable()
    return f"data:{checked.mime};base64,{base64.b64encode(checked.data).decode('ascii')}"


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code for `url`. Only numbers come from us; the URL is not
    part of the SVG (the page prints it as text beside the code)."""
    path, side = qr_svg_path(url)
    return Markup(
        f'<svg class="qr" viewBox="0 0 {side} {side}" width="{side * 3}" height="{side * 3}" '
        'aria-hidden="true" focusable="false" shape-rendering="crispEdges">'
        f'<rect width="{side}" height="{side}" fill="#fff"/>'
        f'<path d="{path}" fill="#000"/></svg>'
    )


def phone_link(phone: str) -> Markup:
    """`phone` as a link that dials it: the number as printed, the spaces left out of
    the link; left to right (`dir`), so that "+1 555 0100" keeps its order inside
    right-to-left text."""
    return Markup('<a href="tel:{}" dir="ltr">{}</a>').format(phone.replace(" ", ""), phone)
