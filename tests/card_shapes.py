"""Pocket card faces measured, not looked at: how full each face (front and back) of a
card is, for the shipped topics and for a small and a large test topic made from the
English one (no sentence that the topics do not have), at every card size.

Read back with pdfplumber from the fold-over card as printed. A face's fill is how far
down its text area the lowest text, box or picture reaches: 1.0 is a face filled to
its foot. The front is the face a reader starts at: the right one in a right-to-left
topic.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber

from generator.errors import ExportError
from generator.exporters.pocket_card import export_card, plan_card
from generator.exporters.pocket_card.geometry import PANEL_PADDING
from generator.labels import labels_for
from generator.load import load_clinic, load_topic
from generator.model import CardLayout, CardSize, Topic
from generator.options import BuildOptions

ROOT = Path(__file__).resolve().parent.parent
CLINIC_FILE = ROOT / "tests" / "fixtures" / "clinic" / "clinic.yaml"
SHIPPED = {
    "hamstring": "hamstring-cramp",
    "hamstring-es": "hamstring-cramp-es",
    "hamstring-ar": "hamstring-cramp-ar",
    "hamstring-zh-hans": "hamstring-cramp-zh-hans",
    "hamstring-vi": "hamstring-cramp-vi",
}


@dataclass(frozen=True)
class Faces:
    """One fold-over card as measured."""

    body_size: float
    front: float
    """How full the front's text area is (0 to 1)."""
    back: float

    @property
    def emptier(self) -> float:
        """How much emptier the emptier face is than the fuller one (0 to 1)."""
        return abs(self.front - self.back)


def measure(path: Path, right_to_left: bool) -> tuple[float, float]:
    """The fill of the front and of the back of the fold-over card at `path`."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        half = page.width / 2
        top, foot = PANEL_PADDING, page.height - PANEL_PADDING
        marks = [*page.chars, *page.rects, *page.curves, *page.images]
        marks += [line for line in page.lines if line["bottom"] - line["top"] < foot - top]
        fills = []
        for left in (0.0, half):
            bottoms = [m["bottom"] for m in marks if left <= (m["x0"] + m["x1"]) / 2 < left + half]
            fills.append(round((max(bottoms, default=top) - top) / (foot - top), 2))
    front, back = fills[::-1] if right_to_left else fills
    return front, back


def card_faces(topic: Topic, folder: Path, size: CardSize, **options: object) -> Faces | None:
    """The fold-over card of `topic` at `size` written in `folder` and measured, or
    None when its text does not fit that card."""
    built = BuildOptions(card_size=size, card_layout=CardLayout.FOLD_OVER, **options)  # type: ignore[arg-type]
    try:
        path = export_card(topic, folder / f"{topic.id}-{size.value}.pdf", built)
    except ExportError:
        return None
    right_to_left = labels_for(topic).direction == "rtl"
    return Faces(plan_card(topic, built).body_size, *measure(path, right_to_left))


def _every_item_on_card(topic: Topic) -> Topic:
    """`topic` with every item of every section but its causes and closing summary on
    the card (as the card-fitting tests' crowded card)."""
    sections = tuple(
        replace(s, on_card=True, items=tuple(replace(i, on_card=True) for i in s.items))
        for s in topic.sections
        if s.id not in {"causes", "remember"}
    )
    return replace(topic, sections=sections)


def warnings_only(topic: Topic) -> Topic:
    """`topic` with its warnings section alone: a card whose back begins inside it."""
    return replace(topic, sections=tuple(s for s in topic.sections if s.id == "get-care"))


SMALL = {
    "small (warnings only)": "hamstring",
    "small, Spanish": "hamstring-es",
    "small, Arabic": "hamstring-ar",
    "small, Chinese": "hamstring-zh-hans",
}
"""The warnings-only shape in four languages (one of them right to left)."""


def shapes() -> dict[str, tuple[Topic, dict[str, object]]]:
    """Topics of several shapes, each with the build options that make its shape: the
    shipped topics as they are; English with the sample clinic (its phone lines);
    a small one (the warnings alone), also in Spanish, Arabic and Chinese; a large one
    (every item of six sections on the card)."""
    found: dict[str, tuple[Topic, dict[str, object]]] = {
        name: (load_topic(ROOT / "content" / f"{stem}.yaml"), {}) for name, stem in SHIPPED.items()
    }
    english = found["hamstring"][0]
    found["hamstring with a clinic"] = (english, {"clinic": load_clinic(CLINIC_FILE)})
    found |= {name: (warnings_only(found[of][0]), {}) for name, of in SMALL.items()}
    found["large (every item)"] = (_every_item_on_card(english), {})
    return found


if __name__ == "__main__":  # the table of docs/card-layout.md
    import sys
    import tempfile

    print("| topic | card | body pt | front fill | back fill |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (topic, options) in shapes().items():
            for size in CardSize:
                faces = card_faces(topic, Path(tmp), size, **options)
                if faces is None:
                    print(f"| {name} | {size.value} | does not fit | | |")
                else:
                    print(
                        f"| {name} | {size.value} | {faces.body_size:g} | "
                        f"{faces.front:.0%} | {faces.back:.0%} |"
                    )
    sys.exit(0)
