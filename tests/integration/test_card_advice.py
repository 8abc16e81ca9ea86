"""The pocket card's advice when its text does not fit (issue 31, item 4), followed as
printed: a test applies each line mechanically (`on_card: false` on the section or item
it names), rebuilds, and the card fits in one round, with every 'now' warning and, unless
the advice warns so, all of its first aid.

TEST FIXTURE: the topic is the hamstring topic with every section and item on the card:
the shape of a heat-illness topic (first aid first, then other steps, warnings,
prevention, causes, a summary), made only of the hamstring topic's own sentences. It is
not content to publish: the real hamstring card carries the stretches and the warnings.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

from generator.errors import ExportError
from generator.exporters.pocket_card import export_card
from generator.load import load_topic
from generator.model import CardSize, Section, SectionKind, Urgency
from generator.options import BuildOptions
from tests.conftest import HAMSTRING, dump
from tests.integration.test_pocket_card import long_steps

CUT = re.compile(r"^  \S+:\d+: sections\[(\d+)\](?:\.items\[(\d+)\])? \(")
HEAD = re.compile(
    r"about (\d+) pt too tall .* it needs (\d+) pt, and the two \w+ hold 2 x (\d+) pt"
    r"(?:; a section splits .*, so the fuller of them needs (\d+) pt)?"
)


def everything_on_the_card() -> dict[str, Any]:
    """The hamstring topic's data with every section and item on the pocket card."""
    data: dict[str, Any] = yaml.safe_load(HAMSTRING.read_text(encoding="utf-8"))
    for section in data["sections"]:
        section["on_card"] = True
        for item in section["items"]:
            item["on_card"] = True
    return data


def on(part: dict[str, Any]) -> bool:
    """Whether a section's or item's data puts it on the card (the default)."""
    return bool(part.get("on_card", True))


def write(data: dict[str, Any], folder: Path) -> Path:
    path = folder / f"{data['id']}.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path


def follow(advice: str, data: dict[str, Any]) -> int:
    """Leave off the card each section and item `advice` names; how many it named."""
    named = 0
    for line in advice.splitlines():
        found = CUT.match(line)
        if found and line.endswith(("pt less", "pt less, a first-aid step")):
            section = data["sections"][int(found[1])]
            target = section if found[2] is None else section["items"][int(found[2])]
            target["on_card"] = False
            named += 1
    return named


def numbers_agree(advice: str) -> None:
    """How much too tall, what it needs and what the panels hold agree, and so do the
    savings with what the card needs once they are made."""
    head = HEAD.search(advice.splitlines()[0])
    assert head, advice
    over, total, held, fuller = (int(n) if n else None for n in head.groups())
    assert over is not None and total is not None and held is not None
    assert over == max(total - 2 * held, (fuller or 0) - held), advice
    saved = sum(int(n) for n in re.findall(r": (?:the whole section, )?(\d+) pt less", advice))
    needs = re.search(r"the card then needs (\d+) pt and fits", advice)
    assert needs and int(needs[1]) == total - saved, advice


def safety_kept(advice: str, data: dict[str, Any], sections: tuple[Section, ...]) -> None:
    """With the advice followed (`data`): no warnings section left off whole, no 'now'
    warning left off; the first aid (the first section, of steps) cut only with the
    advice's warning, and only once nothing else optional is left on the card."""
    for section, model in zip(data["sections"], sections, strict=True):
        if model.kind is SectionKind.WARNINGS:
            assert on(section), advice
        for item, sign in zip(section["items"], model.items, strict=True):
            if getattr(sign, "urgency", None) is Urgency.NOW:
                assert on(item), advice
    assert sections[0].kind is SectionKind.STEPS
    first_aid = data["sections"][0]
    lacks_first_aid = not on(first_aid) or not all(on(i) for i in first_aid["items"])
    assert lacks_first_aid == ("steps of the card's first aid" in advice), advice
    if lacks_first_aid:
        for section, model in zip(data["sections"][1:], sections[1:], strict=True):
            urgent = [getattr(i, "urgency", None) is Urgency.NOW for i in model.items]
            assert not on(section) or [on(i) for i in section["items"]] == urgent, advice


CASES = {
    "hamstring, everything on the card": everything_on_the_card,
    "thirty long steps": long_steps,  # a first aid taller than the card: it must give
}


@pytest.mark.parametrize(
    ("case", "size"),
    [
        *(("hamstring, everything on the card", size) for size in CardSize if size != "auto"),
        ("thirty long steps", CardSize.INDEX),
    ],
)
def test_following_the_advice_as_printed_makes_the_card_fit_in_one_round(tmp_path, case, size):
    shutil.copytree(HAMSTRING.parent / "images", tmp_path / "images")
    data = CASES[case]()
    options = BuildOptions(card_size=size)
    with pytest.raises(ExportError) as error:
        export_card(load_topic(write(data, tmp_path)), tmp_path / "card.pdf", options)
    advice = str(error.value)
    numbers_agree(advice)
    sections = load_topic(write(CASES[case](), tmp_path)).sections
    assert follow(advice, data) > 0
    safety_kept(advice, data, sections)

    shown = load_topic(write(data, tmp_path))  # one round: it now fits
    card = export_card(shown, tmp_path / "card.pdf", options)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(card).pages)
    for section in shown.sections:
        for item in section.card_items:
            assert " ".join(item.card_text.split())[:40] in text, item.id
