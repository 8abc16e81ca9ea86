"""The flashcards of a built deck, as Anki shows them: question and answer HTML.

Read from the `.apkg` the build wrote (its notes, note types and media), so the
preview shows the deck a student imports. The cards' templates are Anki's own
`{{Field}}` syntax; only what our note types use is rendered here: fields,
`{{#Field}}...{{/Field}}` sections and `{{cloze:Field}}` (with deletions for
several numbers, `{{c1,2::...}}`, as a withdrawn cloze card has). Field values are the
escaped HTML the exporter made; images become `data:` URIs. A withdrawn card (tagged
`WITHDRAWN_TAG`) is marked so, as the page shows it.
"""

from __future__ import annotations

import base64
import json
import re
import sqlite3
import zipfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from generator.exporters.anki.notes import WITHDRAWN_TAG

MODEL_CLOZE = 1
"""Anki's type of a cloze note type."""
MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}
MIME |= {".svg": "image/svg+xml", ".webp": "image/webp"}
_SECTION = re.compile(r"\{\{([#^])([^}]+)\}\}(.*?)\{\{/\2\}\}", re.DOTALL)
_FIELD = re.compile(r"\{\{(?:(cloze):)?([^}#^/]+)\}\}")
_DELETION = re.compile(r"\{\{c(\d+(?:,\d+)*)::(.+?)(?:::(.*?))?\}\}", re.DOTALL)
"""A cloze deletion for one number or several (Anki 23.10 and later)."""


@dataclass(frozen=True)
class CardView:
    question: str
    """HTML of the question side."""
    answer: str
    """HTML of the answer side."""
    withdrawn: bool = False
    """The topic withdrew the card: it shows only the notice of that."""


def deck_cards(apkg: Path) -> list[CardView]:
    """Every card of the deck in `apkg`, in the order the topic lists its flashcards
    (a cloze note gives one card per deletion number)."""
    with zipfile.ZipFile(apkg) as archive:
        collection = archive.read("collection.anki2")
        names = json.loads(archive.read("media"))
        media = {name: archive.read(index) for index, name in names.items()}
    with closing(sqlite3.connect(":memory:")) as db:
        db.deserialize(collection)
        (models_json,) = db.execute("select models from col").fetchone()
        notes = db.execute("select mid, flds, tags from notes order by id").fetchall()
    models = json.loads(models_json)
    cards = []
    for model_id, fields_text, tags in notes:
        model = models[str(model_id)]
        names_ = [field["name"] for field in model["flds"]]
        fields = dict(zip(names_, fields_text.split("\x1f"), strict=True))
        fields = {name: _inline_images(value, media) for name, value in fields.items()}
        template = model["tmpls"][0]
        if model["type"] == MODEL_CLOZE:
            numbers = sorted({int(n) for v in fields.values() for n in _cloze_numbers(v)})
        else:
            numbers = [0]
        for number in numbers:
            question = render(template["qfmt"], fields, number, answer=False)
            answer = render(template["afmt"], fields, number, answer=True)
            answer = answer.replace("{{FrontSide}}", question)
            cards.append(CardView(question, answer, WITHDRAWN_TAG in tags.split()))
    return cards


def _cloze_numbers(text: str) -> list[str]:
    return [n for match in _DELETION.finditer(text) for n in match.group(1).split(",")]


def render(template: str, fields: dict[str, str], number: int, *, answer: bool) -> str:
    """`template` with `fields` filled in, for cloze card `number` (0: not a cloze)."""

    def section(match: re.Match[str]) -> str:
        kind, name, inner = match.groups()
        filled = bool(fields.get(name.strip(), "").strip())
        return inner if filled == (kind == "#") else ""

    def field(match: re.Match[str]) -> str:
        cloze, name = match.groups()
        value = fields.get(name.strip())
        if value is None:
            return match.group(0)  # FrontSide and the like: left for the caller
        return cloze_side(value, number, answer=answer) if cloze else value

    return _FIELD.sub(field, _SECTION.sub(section, template))


def cloze_side(text: str, number: int, *, answer: bool) -> str:
    """A cloze field as card `number` shows it: that deletion hidden (`[...]`, or
    its hint) on the question, shown on the answer; the others as plain text."""

    def deletion(match: re.Match[str]) -> str:
        shown, hint = match.group(2), match.group(3)
        if str(number) not in match.group(1).split(","):
            return shown
        if answer:
            return f'<span class="cloze">{shown}</span>'
        return f'<span class="cloze">[{hint or "..."}]</span>'

    return _DELETION.sub(deletion, text)


def _inline_images(html: str, media: dict[str, bytes]) -> str:
    """`<img src="name">` of the deck's media as a `data:` URI, so the page needs
    no other request; a name the deck does not hold is left as it is."""

    def inline(match: re.Match[str]) -> str:
        name = match.group(1)
        content = media.get(name)
        mime = MIME.get(Path(name).suffix.lower())
        if content is None or mime is None:
            return match.group(0)
        return f'src="data:{mime};base64,{base64.b64encode(content).decode("ascii")}"'

    return re.sub(r'src="([^"]+)"', inline, html)
