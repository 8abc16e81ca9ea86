"""Every fixed word a reader sees, in one gettext catalogue per language.

`locales/messages.pot` holds the English labels, each under a key (its `msgctxt`);
`locales/<tag>.po` translates them (Poedit, Weblate or any PO editor reads it), and a
clinic's own catalogues, in a `labels/` folder beside its topics or `--labels DIR`,
add languages or override labels (`folders.py`). Every catalogue is untrusted input,
read by a strict PO reader (`po.py`) and checked against the template (`check.py`):
a broken one is a `ContentError` naming its file, line and key, and nothing is built
from it. Exporters and templates never hold reader-facing words of their own: they
ask `labels_for(topic)` for a label by key (tests/integration/test_labels.py builds a
topic in a pseudo-language and fails on any English word left in an output).
A label no catalogue of the language has prints in English; `check` and `build`
warn, and the web page marks each such label `lang="en"`.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from pathlib import Path

from markupsafe import Markup, escape

from generator.errors import ContentError, Problem
from generator.labels.folders import (
    LOCALES_DIR,
    TEMPLATE,
    Stamp,
    candidate_files,
    catalogue_files,
    checked,
    label_folder_for,
    template,
)
from generator.labels.tags import babel_locale, is_right_to_left, subtags
from generator.model import Clinic, Source, Topic
from generator.paths import shown

SOURCE_LANGUAGE = "en"
__all__ = ["LOCALES_DIR", "TEMPLATE", "Labels", "label_folder_for", "labels_for"]


@dataclass(frozen=True, eq=False)
class Labels:
    """The labels for one language tag. Compared and hashed by identity: `labels_for`
    gives the same object while the catalogues are unchanged and a new one after an
    edit, so a cache keyed by it (the pocket card's plan) never serves old labels."""

    language: str
    """The BCP 47 tag asked for, such as `es-US`."""
    catalogue: str
    """The most specific catalogue the labels come from, such as `es` or `zh-Hant`;
    `en` when no catalogue gives one."""
    texts: Mapping[str, str]
    missing: tuple[str, ...] = ()
    """Keys no catalogue of the language has: those print in English."""
    origins: Mapping[str, tuple[Path, int | None]] = field(default_factory=dict, compare=False)
    """Where each label's text is written: the catalogue file and the line of its
    text (the English template's, for a label that prints in English)."""
    unreviewed: tuple[Path, ...] = ()
    """The catalogues that give labels here and name no reviewer (`X-Reviewed-By`):
    every output then says, with label `labels.unreviewed`, that they are not yet
    reviewed."""
    locale: str = SOURCE_LANGUAGE
    """The Babel locale its dates are written in (`tags.babel_locale`)."""

    def __call__(self, key: str, **values: object) -> str:
        """The label `key` as plain text, with `values` filled in."""
        return _fill(self.texts[key], values, str)

    def lang_of(self, key: str) -> str | None:
        """The language label `key` prints in when it is not the document's: English,
        for a label the catalogue lacks (a tagged PDF marks it, as the web page does)."""
        return SOURCE_LANGUAGE if key in self.missing else None

    def markup(self, key: str, **values: object) -> Markup:
        """The label `key` as HTML: the pattern and every value escaped, except values
        that are already `Markup` (a link a template made); an English fallback in a
        page of another language is marked `lang="en"`, so it is read aloud right (and
        `dir="ltr"` in a right-to-left page, so it reads left to right)."""
        html = Markup(_fill(self.texts[key], values, escape))
        if key not in self.missing:
            return html
        if self.direction == "rtl":  # English runs left to right inside the page
            return Markup('<span lang="{}" dir="ltr">{}</span>').format(SOURCE_LANGUAGE, html)
        return Markup('<span lang="{}">{}</span>').format(SOURCE_LANGUAGE, html)

    @property
    def files(self) -> list[Path]:
        """The catalogues the labels come from, most specific first (not the English
        template)."""
        english = LOCALES_DIR / TEMPLATE
        found = dict.fromkeys(path for path, _ in self.origins.values() if path != english)
        return list(found)

    @property
    def direction(self) -> str:
        """`rtl` for a language written right to left (Arabic), else `ltr`
        (`tags.is_right_to_left`): for the web page's and the cards' `dir`."""
        return "rtl" if is_right_to_left(self.language) else "ltr"

    def date(self, day: dt.date) -> str:
        """`day` written out as the language writes it: "November 26, 2026",
        "26 de noviembre de 2026"."""
        from babel.dates import format_date  # imported here: `check` never needs it

        return format_date(day, format="long", locale=self.locale)


def _fill(pattern: str, values: Mapping[str, object], show: Callable[[object], str]) -> str:
    """`pattern` with each `{name}` replaced by `show(values[name])` and each literal
    by `show(literal)`. The catalogue check lets only bare names through, so no format
    spec or attribute is ever evaluated; a value that ends in a period (a date such as
    a Russian one ends in "g.") is followed by one period, not two."""
    parts: list[str] = []
    for literal, name, _, _ in string.Formatter().parse(pattern):
        if literal.startswith(".") and parts and parts[-1].endswith("."):
            literal = literal[1:]
        parts.append(show(literal))
        if name is not None:
            parts.append(show(values[name]))
    return "".join(parts)


def labels_for(what: Topic | str, folder: Path | None = None) -> Labels:
    """The labels of a topic (for its language, with the catalogues of its clinic's
    folder, `Topic.label_folder`), or of a language tag (with those of `folder`): from
    the most specific catalogue that has each, English where none has it. Raises
    `ContentError` listing every problem of a catalogue it reads."""
    if isinstance(what, Topic):
        language, folder = what.language, what.label_folder
    else:
        language = what
    return _labels(language, tuple(catalogue_files(language, folder)))


@lru_cache(maxsize=64)
def _labels(language: str, files: tuple[tuple[Path, Stamp | None], ...]) -> Labels:
    english = template()
    catalogues = [checked(path, stamp) for path, stamp in files]
    problems = [problem for catalogue in catalogues for problem in catalogue.problems]
    if problems:
        raise ContentError(problems)
    in_english = subtags(language).language == SOURCE_LANGUAGE
    texts: dict[str, str] = {}
    origins: dict[str, tuple[Path, int | None]] = {}
    for key in english.texts:
        source = next((c for c in catalogues if key in c.texts), english)
        texts[key], found = source.texts[key]
        origins[key] = (source.path, found)
    used = [c for c in catalogues if any(path == c.path for path, _ in origins.values())]
    missing = tuple(k for k, (path, _) in origins.items() if path == english.path)
    return Labels(
        language,
        used[0].name if used else SOURCE_LANGUAGE,
        texts,
        () if in_english else missing,
        origins,
        () if in_english else tuple(c.path for c in used if c.reviewer is None),
        babel_locale(language),
    )


def catalogue_problems(language: str, folder: Path | None) -> list[Problem]:
    """Every problem of the catalogues that serve `language` (none: they are sound)."""
    try:
        labels_for(language, folder)
    except ContentError as exc:
        return list(exc.problems)
    return []


def label_inputs(topic: Topic) -> list[Path]:
    """The topic's label folder and the files in it its labels are or would be read
    from: a build's inputs (the shipped catalogues are part of the generator)."""
    if topic.label_folder is None:
        return []
    return [topic.label_folder, *candidate_files(topic.language, topic.label_folder)]


def translation_note(topic: Topic, say: Callable[..., str]) -> str | None:
    """What a reader should know of the translation: for a translated topic, who
    reviewed its text or that no health professional has yet; for any topic whose
    labels come from a catalogue no one has reviewed, that they are not reviewed yet."""
    notes = []
    if topic.translation_of is not None and topic.translation_reviewer is None:
        notes.append(say("translation.unreviewed"))
    elif topic.translation_of is not None:
        notes.append(say("translation.reviewed", reviewer=topic.translation_reviewer))
    if labels_for(topic).unreviewed:
        notes.append(say("labels.unreviewed"))
    return reduce(lambda first, then: first + " " + then, notes) if notes else None


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
    key: str | None = None
    """The label it is said with; None for the clinic's own words."""
    lang: str | None = None
    """Its language when it is not the document's (an English fallback), for tags."""


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
        key = "care.write_in.emergency"
        lines.append(urgent or CareLine(say(key), key=key))
    if clinic is None:
        lines.append(CareLine(say("card.write_in"), key="card.write_in"))
    else:
        number = phone(clinic.phone) if clinic.phone else "________"
        said = say("card.clinic", clinic=shown(clinic.name), phone=number)
        lines.append(CareLine(said, key="card.clinic"))
    if after_hours:
        said = say("care.after_hours", phone=phone(after_hours))
        lines.append(CareLine(said, key="care.after_hours"))
    elif blanks:
        key = "care.write_in.after_hours"
        lines.append(CareLine(say(key), key=key))
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


def label_origins(labels: Labels) -> list[str]:
    """Where each label comes from, for `--verbose`: how many from each catalogue,
    then one `file:line: key` line per label."""
    counts: dict[Path, int] = {}
    for path, _ in labels.origins.values():
        counts[path] = counts.get(path, 0) + 1
    summary = ", ".join(f"{n} from {shown(path)}" for path, n in counts.items())
    lines = [f"labels for '{labels.language}': {summary}"]
    for key, (path, line) in labels.origins.items():
        english = " (English)" if key in labels.missing else ""
        lines.append(f"  {shown(path)}:{line}: {key}{english}")
    return lines


def catalogues() -> list[str]:
    """The languages with a catalogue of their own, English first."""
    return [SOURCE_LANGUAGE, *sorted(p.stem for p in LOCALES_DIR.glob("*.po"))]
