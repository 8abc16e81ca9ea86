"""The deck's two note types, read from `templates/anki/` as plain text.

The card templates use Anki's own `{{Field}}` syntax, so they are never compiled or
rendered by Jinja2: the environment's loader only finds the file and returns its
text (`get_source`), which goes to genanki unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import genanki
import jinja2

from generator.errors import TemplateError
from generator.exporters.anki.ids import model_id

SCHEMA_VERSION = 1
"""Bump when a note type's fields change. Both the model id and the name change with it.

Checked with anki 26.9.3 (`import_anki_package`): the same model id with other fields
makes Anki add a copy named "...+" and skip every note as conflicting; a new id with
the same name does the same. A new id *and* a new name, imported with "Merge note
types", moves the notes to the new type, keeps their reviews and removes the old
type; without merging, the new type is added under its own clear name and the notes
are left as they were. CSS and template text changes need no bump: the note type is
updated whenever the topic's build time is newer."""

BASIC_BASE_NAME = "Health handouts: question"
CLOZE_BASE_NAME = "Health handouts: cloze"

BASIC_FIELDS = ("Front", "Back", "Extra", "Image", "Section", "Source")
CLOZE_FIELDS = ("Text", "Extra", "Image", "Section", "Source")


@dataclass(frozen=True)
class NoteTypes:
    """The deck's two Anki note types, made from the card templates (`note_types`)."""

    basic: genanki.Model
    cloze: genanki.Model


def _read(env: jinja2.Environment, name: str) -> str:
    """The raw text of `templates/anki/<name>`, not compiled by Jinja2."""
    if env.loader is None:
        raise TemplateError("the template environment has no loader")
    try:
        source, _, _ = env.loader.get_source(env, f"anki/{name}")
    except jinja2.TemplateNotFound:
        searched = getattr(env.loader, "searchpath", [])
        raise TemplateError(
            f"Anki template 'anki/{name}' not found (searched: {', '.join(map(str, searched))})"
        ) from None
    return source


def versioned_name(base: str, schema_version: int) -> str:
    return base if schema_version == 1 else f"{base} v{schema_version}"


def note_types(env: jinja2.Environment) -> NoteTypes:
    """Fresh genanki models (genanki mutates them while writing, so never share them)."""
    css = _read(env, "card.css")
    basic = _model(
        env, BASIC_BASE_NAME, BASIC_FIELDS, "Question", "basic", css, genanki.Model.FRONT_BACK
    )
    cloze = _model(env, CLOZE_BASE_NAME, CLOZE_FIELDS, "Cloze", "cloze", css, genanki.Model.CLOZE)
    return NoteTypes(basic, cloze)


def _model(
    env: jinja2.Environment,
    base_name: str,
    fields: Sequence[str],
    card_name: str,
    template_prefix: str,
    css: str,
    model_type: int,
) -> genanki.Model:
    """One note type, its card template read from `templates/anki/<prefix>.*.html`."""
    return genanki.Model(
        model_id(base_name, SCHEMA_VERSION),
        versioned_name(base_name, SCHEMA_VERSION),
        fields=[{"name": name} for name in fields],
        templates=[
            {
                "name": card_name,
                "qfmt": _read(env, f"{template_prefix}.front.html"),
                "afmt": _read(env, f"{template_prefix}.back.html"),
            }
        ],
        css=css,
        model_type=model_type,
    )
