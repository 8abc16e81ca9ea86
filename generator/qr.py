"""QR codes as a grid of modules: what the HTML handout draws as SVG and the PDFs draw
as filled rectangles. Knows nothing of either."""

from __future__ import annotations

QUIET_ZONE = 4
"""Light modules around the code on every side, as the QR standard asks."""


def qr_modules(url: str) -> list[list[bool]]:
    """The dark (True) and light modules of a QR code for `url`, error correction M,
    row by row from the top, without the quiet zone."""
    # Imported here: it loads all of reportlab.graphics.barcode (about 12 ms), which
    # topics without a URL never need.
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    count = code.getModuleCount()
    return [[bool(code.isDark(row, col)) for col in range(count)] for row in range(count)]


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
