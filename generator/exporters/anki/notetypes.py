"""The deck's two note types, read from `templates/anki/` as plain text.

The card templates use Anki's own `{{Field}}` syntax, so they are never compiled or
rendered by Jinja2: the environment's loader only finds the file and returns its
text (`get_source`), which goes to genanki unchanged.

Every deck shares the same two note types, but a deck in a language whose script the
cards must name (`marked_language`: right to left, or Han characters) has two of its
own, named after the language, whose templates hold the cards in
`<div lang="ar-Arab" dir="rtl">`: a note type's templates are shared by every deck
that uses it, so an Arabic deck must not turn a student's English cards right to left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import genanki
import jinja2

from generator.errors import TemplateError
from generator.exporters.anki.ids import model_id
from generator.labels.tags import is_right_to_left, subtags

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

HAN_SCRIPTS = frozenset({"Hans", "Hant", "Jpan", "Kore"})
"""Scripts of Han characters, whose shapes follow the language (one code point is
drawn one way in Simplified Chinese, another in Traditional Chinese or Japanese): the
cards say their language, so the phone picks the right font."""

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


def marked_language(language: str) -> str | None:
    """The language and script (`ar-Arab`, `zh-Hans`) the cards of a deck in
    `language` say on their templates, or None where the shared note types serve: a
    language written right to left (`tags.is_right_to_left`) or in Han characters."""
    found = subtags(language)
    if found.script is None or not (is_right_to_left(language) or found.script in HAN_SCRIPTS):
        return None
    return f"{found.language}-{found.script}"


def note_types(env: jinja2.Environment, language: str) -> NoteTypes:
    """Fresh genanki models for a deck in `language` (genanki mutates them while
    writing, so never share them)."""
    css = _read(env, "card.css")
    lang = marked_language(language)
    opening = ""
    if lang is not None:
        direction = ' dir="rtl"' if is_right_to_left(language) else ""
        opening = f'<div lang="{lang}"{direction}>\n'
    suffix = f" ({lang})" if lang else ""
    basic = _model(
        BASIC_BASE_NAME + suffix, BASIC_FIELDS, "Question", _sides(env, "basic", opening), css,
        genanki.Model.FRONT_BACK,
    )  # fmt: skip
    cloze = _model(
        CLOZE_BASE_NAME + suffix, CLOZE_FIELDS, "Cloze", _sides(env, "cloze", opening), css,
        genanki.Model.CLOZE,
    )  # fmt: skip
    return NoteTypes(basic, cloze)


def _sides(env: jinja2.Environment, prefix: str, opening: str) -> tuple[str, str]:
    """The front and back of card template `prefix` (`templates/anki/<prefix>.*.html`),
    inside the element `opening` starts (none when it is empty)."""
    closing = "</div>\n" if opening else ""
    front, back = (_read(env, f"{prefix}.{side}.html") for side in ("front", "back"))
    return opening + front + closing, opening + back + closing


def _model(
    base_name: str,
    fields: Sequence[str],
    card_name: str,
    template: tuple[str, str],
    css: str,
    model_type: int,
) -> genanki.Model:
    """One note type with one card template (its front and back)."""
    return genanki.Model(
        model_id(base_name, SCHEMA_VERSION),
        versioned_name(base_name, SCHEMA_VERSION),
        fields=[{"name": name} for name in fields],
        templates=[{"name": card_name, "qfmt": template[0], "afmt": template[1]}],
        css=css,
        model_type=model_type,
    )
