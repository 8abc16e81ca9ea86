"""QR codes as a grid of modules: what the HTML handout draws as SVG and the PDFs draw
as filled rectangles. Knows nothing of either."""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

QUIET_ZONE = 4
"""Light modules around the code on every side, as the QR standard asks."""


def qr_modules(url: str) -> list[list[bool]]:
    """The dark (True) and light modules of a QR code for `url`, error correction M,
    row by row from the top, without the quiet zone."""
    # Imported here: it loads all of reportlab.graphics.barcode (about 12 ms), which
    # topics without a URL never need.
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(ascii_url(url))
    code.make()
    count = code.getModuleCount()
    return [[bool(code.isDark(row, col)) for col in range(count)] for row in range(count)]


def ascii_url(url: str) -> str:
    """`url` in ASCII, as scanners read QR codes reliably: the host in IDNA (`xn--`),
    every other non-ASCII character percent-encoded as UTF-8. An ASCII URL is returned
    as it is. Raises `ValueError` for a host IDNA cannot encode."""
    if url.isascii():
        return url
    parts = urlsplit(url)
    userinfo, at, hostport = parts.netloc.rpartition("@")
    host, colon, port = hostport.rpartition(":") if "]" not in hostport else ("", "", hostport)
    if not colon or not port.isdigit():
        host, colon, port = hostport, "", ""
    try:
        ascii_host = ".".join(
            label.encode("idna").decode("ascii") if not label.isascii() else label
            for label in host.split(".")
        )
    except UnicodeError as exc:
        raise ValueError(f"the host {host!r} is not a valid domain name") from exc
    netloc = _percent(userinfo) + at + ascii_host + colon + port
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            _percent(parts.path),
            _percent(parts.query),
            _percent(parts.fragment),
        )
    )


def _percent(text: str) -> str:
    """Non-ASCII characters of `text` percent-encoded as UTF-8; ASCII left alone."""
    return "".join(c if c.isascii() else quote(c, safe="") for c in text)


def dark_runs(modules: list[list[bool]]) -> list[tuple[int, int, int]]:
    """Each horizontal run of dark modules as (row, first column, length), so that a
    drawing needs one shape per run rather than one per module."""
    runs = []
    for row, line in enumerate(modules):
        col = 0
        while col < len(line):
            if line[col]:
                start = col
                while col < len(line) and line[col]:
                    col += 1
                runs.append((row, start, col - start))
            else:
                col += 1
    return runs
