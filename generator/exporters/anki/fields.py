"""Note field values: escaped HTML made from the topic, plain texts escaped with
MarkupSafe (as Jinja2's autoescape does), the rest rendered from templates/anki.

Text from a topic never becomes markup. Cloze text keeps its `{{cN::...}}`
deletions working: the text inside and outside each deletion is escaped on its
own and the deletion markers are put back around it. Any other brace in the text
becomes an HTML entity, so Anki can never read authored text as a cloze marker,
and so does every `[`, so that `[sound:...]`, `[anki:...]`, `[latex]` and `[$]`
show as written instead of playing a file or rendering LaTeX.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import jinja2
from markupsafe import Markup, escape

from generator.labels import Labels, provenance_note, source_note, translation_note
from generator.model import CLOZE_DELETION, Flashcard, Source, Topic
from generator.templating import render

_ANKI_MARKUP = str.maketrans({"{": "&#123;", "}": "&#125;", "[": "&#91;"})


def text_html(env: jinja2.Environment, text: str) -> str:
    """`text` as escaped HTML with no literal braces or square brackets."""
    return str(escape(text)).translate(_ANKI_MARKUP)


def anki_markup(text: str) -> Markup:
    """`text` escaped for HTML and for Anki, as `Markup` a template leaves alone: every
    value a template puts on a card goes through this (or `text_html`)."""
    return Markup(str(escape(text)).translate(_ANKI_MARKUP))


@dataclass(frozen=True)
class ClozeText:
    """A cloze flashcard's sentence, ready for Anki's cloze note type."""

    html: str
    """Escaped HTML with the `{{cN::...}}` deletions intact."""
    numbers: tuple[int, ...]
    """The deletion numbers, in order of appearance."""


def cloze_html(env: jinja2.Environment, text: str) -> ClozeText:
    parts: list[str] = []
    numbers: list[int] = []
    end = 0
    for match in CLOZE_DELETION.finditer(text):
        parts.append(text_html(env, text[end : match.start()]))
        number, answer, hint = int(match.group(1)), match.group(2), match.group(3)
        numbers.append(number)
        deletion = f"{{{{c{number}::{text_html(env, answer)}"
        if hint is not None:
            deletion += f"::{text_html(env, hint)}"
        parts.append(deletion + "}}")
        end = match.end()
    parts.append(text_html(env, text[end:]))
    return ClozeText("".join(parts), tuple(numbers))


FORMULA_START = "=+-@\t\r"
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


def formula_safe(html: str) -> str:
    """`html` with a first character that would start a spreadsheet formula written
    as a character reference instead: Anki shows the same text, and a spreadsheet
    that opens the CSV file (which carries these fields) sees no formula."""
    if html[:1] and html[0] in FORMULA_START:
        return f"&#{ord(html[0])};{html[1:]}"
    return html


def image_html(env: jinja2.Environment, filename: str, alt: str) -> str:
    return render(
        env, "anki/image.html.j2", filename=anki_markup(filename), alt=anki_markup(alt)
    ).strip()


def source_html(env: jinja2.Environment, topic: Topic, labels: Labels) -> str:
    """Where the card comes from, on the back of every card (with the translation
    note of a translated topic). Every value is escaped for HTML and for Anki."""
    source = topic.source
    return render(
        env,
        "anki/source.html.j2",
        source=source_note(
            source, labels.markup, "deck.source", anki_markup, title=_linked_title(source)
        ),
        url=anki_markup(source.url) if source.url and not source.title else None,
        labels=labels,
        translation=translation_note(topic, labels.markup),
    ).strip()


def _linked_title(source: Source) -> Markup | None:
    """The source's title escaped, as a link to its `url` when it has one."""
    if not source.title:
        return None
    title = anki_markup(source.title)
    if not source.url:
        return title
    return Markup('<a href="{}">{}</a>').format(anki_markup(source.url), title)


def deck_description_html(env: jinja2.Environment, topic: Topic, labels: Labels) -> str:
    return render(
        env,
        "anki/deck_description.html.j2",
        main_message=anki_markup(topic.main_message),
        provenance=provenance_note(topic, labels, _anki_say(labels)),
        translation=translation_note(topic, labels.markup),
    ).strip()


def _anki_say(labels: Labels) -> Callable[..., str]:
    """`labels.markup` with every value escaped for HTML and for Anki."""

    def say(key: str, **values: object) -> str:
        return labels.markup(key, **{k: anki_markup(str(v)) for k, v in values.items()})

    return say


def extra_html(env: jinja2.Environment, card: Flashcard) -> str:
    return text_html(env, card.extra) if card.extra else ""
