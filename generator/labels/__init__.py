"""Every fixed word a reader sees, in one gettext catalogue per language.

`locales/messages.pot` holds the English labels, each under a key (its `msgctxt`);
`locales/<language>.po` translates them (Poedit, Weblate or any PO editor reads it).
Exporters and templates never hold reader-facing words of their own: they ask
`labels_for(topic.language)` for a label by key (tests/integration/test_labels.py
builds a topic in a pseudo-language and fails on any English word left in an output).
A label a catalogue lacks, or a language with no catalogue, prints in English; `check`
and `build` warn, and the web page marks each such label `lang="en"`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from generator.model import Clinic, Source, Topic

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
TEMPLATE = "messages.pot"
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Labels:
    """The labels for one language tag."""

    language: str
    """The BCP 47 tag asked for, such as `es-US`."""
    catalogue: str
    """The primary subtag of the catalogue the labels come from, such as `es`."""
    texts: Mapping[str, str]
    missing: tuple[str, ...] = ()
    """Keys the catalogue lacks: those print in English."""
    origins: Mapping[str, tuple[Path, int | None]] = field(default_factory=dict, compare=False)
    """Where each label's text is written: the catalogue file and the line of its
    entry (the English template's, for a label that prints in English), for messages."""

    def __call__(self, key: str, **values: object) -> str:
        """The label `key` as plain text, with `values` filled in."""
        return self.texts[key].format(**values)

    def markup(self, key: str, **values: object) -> Markup:
        """The label `key` as HTML: the pattern and every value escaped, except values
        that are already `Markup` (a link a template made); an English fallback in a
        page of another language is marked `lang="en"`, so it is read aloud right."""
        html = Markup(escape(self.texts[key])).format(**values)
        if key in self.missing:
            return Markup('<span lang="{}">{}</span>').format(SOURCE_LANGUAGE, html)
        return html

    def date(self, day: dt.date) -> str:
        """`day` written out as the language writes it: "November 26, 2026",
        "26 de noviembre de 2026"."""
        from babel.dates import format_date  # imported here: `check` never needs it

        return format_date(day, format="long", locale=_babel_locale(self.language))


def labels_for(language: str) -> Labels:
    """The labels for BCP 47 tag `language`, from the catalogue of its primary subtag,
    English where that catalogue lacks a label or does not exist."""
    return _labels(language)


@cache
def _labels(language: str) -> Labels:
    english = _read(LOCALES_DIR / TEMPLATE, translated=False)
    primary = language.split("-", 1)[0].lower()
    path = LOCALES_DIR / f"{primary}.po"
    if primary == SOURCE_LANGUAGE or not path.is_file():
        translated = {}
    else:
        translated = _read(path, translated=True)
    missing = tuple(key for key in english if key not in translated)
    entries = {key: translated.get(key, entry) for key, entry in english.items()}
    return Labels(
        language,
        primary if translated else SOURCE_LANGUAGE,
        {key: text for key, (text, _) in entries.items()},
        missing if primary != SOURCE_LANGUAGE else (),
        {key: origin for key, (_, origin) in entries.items()},
    )


@cache
def _read(path: Path, *, translated: bool) -> dict[str, tuple[str, tuple[Path, int | None]]]:
    """Key (`msgctxt`) -> text of a catalogue, and the file and line of its entry: the
    `msgid` of the template, else the `msgstr` of each message translated and not
    marked fuzzy."""
    from babel.messages.pofile import read_po  # imported here: `check` never needs it

    with path.open("rb") as file:
        catalogue = read_po(file)
    texts = {}
    for message in catalogue:
        if not message.context or not isinstance(message.id, str):
            continue  # the header, or a plural form (we have none)
        text = message.string if translated else message.id
        if isinstance(text, str) and text and not (translated and message.fuzzy):
            texts[message.context] = (text, (path, message.lineno))
    return texts


def translation_note(topic: Topic, say: Callable[..., str]) -> str | None:
    """For a translation: who reviewed it, or that no health professional has yet."""
    if topic.translation_of is None:
        return None
    if topic.translation_reviewer is None:
        return say("translation.unreviewed")
    return say("translation.reviewed", reviewer=topic.translation_reviewer)


def provenance_note(topic: Topic, labels: Labels, say: Callable[..., str]) -> str:
    """The version and what its date means: "last updated" on the topic's date, or
    "reviewed" then by the reviewer the topic names (name and role). The one rule of
    every output that dates a topic; `say` is `labels` or `labels.markup`."""
    date = labels.date(topic.reviewed)
    if topic.reviewer is None:
        return say("provenance.updated", version=topic.version, date=date)
    reviewer = topic.reviewer
    return say(
        "provenance.reviewed",
        version=topic.version,
        date=date,
        name=reviewer.name,
        role=reviewer.role,
    )


@dataclass(frozen=True)
class CareLine:
    """One line of where to get care (`care_lines`)."""

    text: str
    """What it says, in `say`'s form (plain text or HTML)."""
    urgent: bool = False
    """The emergency instruction: printed first and loudest."""


def unbroken(number: str) -> str:
    """A phone number whose spaces are no-break spaces: a line never ends inside it."""
    return number.replace(" ", "\N{NO-BREAK SPACE}")


def care_lines(
    clinic: Clinic | None,
    say: Callable[..., str],
    shown: Callable[[str], str] = str,
    phone: Callable[[str], object] = unbroken,
    *,
    blanks: bool = False,
) -> tuple[CareLine, ...]:
    """Where to get care, for the handouts and the pocket card alike: the clinic's
    emergency instruction in its own words, its name and phone (a blank for a phone
    it does not give), its after-hours line; with no clinic, a line to write the
    clinic and phone in. With `blanks` (the handout, which has the room), a line to
    write in each route the clinic file does not give, the emergency one first. Never
    a number or an instruction of our own. `shown` passes the clinic's words (escaped,
    say) and `phone` each number (kept on one line, or a link)."""
    emergency = clinic.emergency if clinic else None
    after_hours = clinic.after_hours if clinic else None
    lines = []
    if emergency or blanks:
        urgent = CareLine(shown(emergency), urgent=True) if emergency else None
        lines.append(urgent or CareLine(say("care.write_in.emergency")))
    if clinic is None:
        lines.append(CareLine(say("card.write_in")))
    else:
        number = phone(clinic.phone) if clinic.phone else "________"
        lines.append(CareLine(say("card.clinic", clinic=shown(clinic.name), phone=number)))
    if after_hours:
        lines.append(CareLine(say("care.after_hours", phone=phone(after_hours))))
    elif blanks:
        lines.append(CareLine(say("care.write_in.after_hours")))
    return tuple(lines)


def source_note(
    source: Source,
    say: Callable[..., str],
    key: str,
    shown: Callable[[str], object] = str,
    title: object = None,
) -> str:
    """Where the content comes from, said with label `key` (`source`, `deck.source`) or
    its variant for a source without a title (`KEY.publisher_only`), a publisher
    (`KEY.title_only`) or both (`KEY.unnamed`). Each value is passed through `shown`
    (escaped, say); `title` replaces the title so shown (a link to the source)."""
    if source.title:
        title = shown(source.title) if title is None else title
    publisher = shown(source.publisher) if source.publisher else None
    if title is not None and publisher is not None:
        return say(key, title=title, publisher=publisher)
    if title is not None:
        return say(f"{key}.title_only", title=title)
    if publisher is not None:
        return say(f"{key}.publisher_only", publisher=publisher)
    return say(f"{key}.unnamed")


def catalogues() -> list[str]:
    """The languages with a catalogue of their own, English first."""
    return [SOURCE_LANGUAGE, *sorted(p.stem for p in LOCALES_DIR.glob("*.po"))]


def _babel_locale(language: str) -> str:
    """The Babel locale for `language`, or English when Babel knows no such locale."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(language, sep="-"))
    except (UnknownLocaleError, ValueError):
        return SOURCE_LANGUAGE
