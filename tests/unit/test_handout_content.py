"""The words and order both handouts share."""

from __future__ import annotations

from generator.exporters.handout.content import qr_svg_path
from generator.qr import qr_modules
from tests.conftest import svg_path_cells


def test_qr_svg_path_draws_every_dark_module_inside_the_quiet_zone():
    url = "https://example.org/x"
    modules = qr_modules(url)
    path, side = qr_svg_path(url)
    assert side == len(modules) + 8
    dark = {(r + 4, c + 4) for r, row in enumerate(modules) for c, on in enumerate(row) if on}
    assert svg_path_cells(path) == dark
    assert path.startswith("M4 4")  # the finder pattern's corner, after the quiet zone
