"""The handout's layout measured on topics of several shapes (`tests/layout_shapes.py`),
at Letter and A4: the page each one's first urgent warning prints on. The table of
these numbers, before and after, is in docs/handout-layout.md."""

from __future__ import annotations

import pytest

from generator.options import Paper
from tests.layout_shapes import build_and_measure, shapes

SHAPES = shapes()


@pytest.mark.parametrize("paper", list(Paper))
@pytest.mark.parametrize("shape", list(SHAPES))
def test_the_first_urgent_warning_prints_on_page_1(shape, paper, tmp_path):
    topic, options = SHAPES[shape]
    _, layout = build_and_measure(topic, tmp_path, paper, **options)
    assert layout.urgent_page == 1, layout
    assert all(0 < fill <= 1.01 for fill in layout.fills), layout
