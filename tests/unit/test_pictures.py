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


def test_the_same_svg_bytes_are_parsed_once_and_each_file_keeps_its_own_name(tmp_path):
    """A folder's topics that share a picture, or a clinic's logo, parse it once per
    process; each checked picture still names its own file."""
    from generator.load import pictures

    side = 137  # bytes no other test writes
    first = svg_picture(tmp_path / "a.svg", side)
    parsed = pictures._checked_svg.cache_info().misses
    second = svg_picture(tmp_path / "b.svg", side)
    assert pictures._checked_svg.cache_info().misses == parsed
    assert (first.source.name, second.source.name) == ("a.svg", "b.svg")
    assert first.shapes is second.shapes and first.digest == second.digest
    changed = svg_picture(tmp_path / "b.svg", side + 1)  # the file edited: parsed again
    assert pictures._checked_svg.cache_info().misses == parsed + 1
    assert changed.width == (side + 1) * 0.75  # CSS pixels, in points
