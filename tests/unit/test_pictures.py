"""Pictures for the PDFs: an SVG drawing is parsed once, by the picture gate, and every
use of it is drawn at its own size."""

from __future__ import annotations

from pathlib import Path

from generator.build import build_topic
from generator.drawing import CheckedPicture
from generator.load.pictures import check_picture
from generator.options import BuildOptions
from generator.pdf.pictures import picture_flowable
from tests.conftest import copy_hamstring

SQUARE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{0}">'
    '<rect width="{0}" height="{0}"/></svg>'
)


def svg_picture(path: Path, side: int) -> CheckedPicture:
    path.write_text(SQUARE.format(side), encoding="utf-8")
    return check_picture(path)


def test_one_drawing_at_two_sizes_keeps_each_size(tmp_path):
    picture = svg_picture(tmp_path / "square.svg", 100)
    small = picture_flowable(picture, 50, 50, "DejaVuSans")
    large = picture_flowable(picture, 200, 200, "DejaVuSans")
    again = picture_flowable(picture, 50, 50, "DejaVuSans")
    assert (small.width, large.width, again.width) == (50, 200, 50)
    assert large.inner.transform[0] == 4 * small.inner.transform[0]
    assert again.inner.transform == small.inner.transform


def test_a_drawing_saved_again_under_the_same_name_is_read_again(tmp_path):
    path = tmp_path / "square.svg"
    first = picture_flowable(svg_picture(path, 100), 50, 50, "DejaVuSans").inner.transform[0]
    second = picture_flowable(svg_picture(path, 200), 50, 50, "DejaVuSans").inner.transform[0]
    assert second == first / 2


def test_a_topic_built_twice_in_one_process_gives_the_same_bytes(tmp_path):
    """The second build draws the drawings parsed by the first: they must come out the
    same, and as the first did (nothing of one build is left in the shared shapes)."""
    topic = copy_hamstring(tmp_path / "content")
    made = []
    for run in ("first", "second"):
        result = build_topic(topic, tmp_path / run, BuildOptions(), force=True)
        assert result.ok, result.error
        made.append({p.name: p.read_bytes() for p in sorted((tmp_path / run).rglob("*.pdf"))})
    assert made[0] == made[1]
