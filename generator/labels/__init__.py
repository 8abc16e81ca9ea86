"""Every fixed word a reader sees, in one catalogue per language.

Exporters and templates never hold reader-facing words of their own: they ask
`labels_for(topic.language)` for a label by key (tests/unit/test_labels.py builds a
topic in a pseudo-language and checks that no English word is left in any output).
A catalogue maps each key to a pattern whose `{names}` are filled in when used.
A language without a catalogue gets English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.labels.en import ENGLISH

DEFAULT_LANGUAGE = "en"

CATALOGUES: dict[str, Mapping[str, str]] = {"en": ENGLISH}
"""Catalogue by primary language subtag (`es` for `es-US`)."""


@dataclass(frozen=True)
class Labels:
    """The labels of one language."""

    language: str
    """The primary language subtag of the catalogue, such as `en`."""
    texts: Mapping[str, str]

    def __call__(self, key: str, **values: object) -> str:
        """The label `key` as plain text, with `values` filled in."""
        return self.texts[key].format(**values)

    def markup(self, key: str, **values: object) -> Markup:
        """The label `key` as HTML: the pattern and every value escaped, except values
        that are already `Markup` (a link the template made)."""
        return Markup(escape(self.texts[key])).format(**values)


def labels_for(language: str) -> Labels:
    """The catalogue for BCP 47 tag `language` (by its primary subtag), or English."""
    primary = language.split("-", 1)[0].lower()
    if primary in CATALOGUES:
        return Labels(primary, CATALOGUES[primary])
    return Labels(DEFAULT_LANGUAGE, CATALOGUES[DEFAULT_LANGUAGE])
