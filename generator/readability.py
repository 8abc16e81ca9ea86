"""Reading level of a handout's text, offline, on the scales made for its language.

- English: Flesch-Kincaid grade,
  0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59, and SMOG grade,
  1.043 * sqrt(30 * polysyllables / sentences) + 3.1291 (a polysyllable has 3 or more
  syllables); target 8 or lower on both.
- Spanish: INFLESZ (Barrio-Cantalejo et al., 2008, on Szigriszt-Pazos' formula),
  206.835 - 62.3 * (syllables / words) - (words / sentences); target 55 or higher,
  the start of the scale's "normal" band (below 55 it calls a text somewhat hard).

What is scored is the running text a reader reads: the main message, each section's
introduction and its items. The title and the section headings are left out, as
readability scorers do (a heading is not a sentence, and counting each one as a short
sentence made the handout look easier than it is). Sentences end at `.`, `!` or `?`,
and each separate piece of text (an item) ends one. English syllables come from the CMU
Pronouncing Dictionary (generator/pronouncing.py), Spanish syllables from the regular
rules of Spanish spelling (`spanish_syllables`).

Other languages get no number, and `check` and `build` say so plainly, naming the
language: for a script whose text shows no syllables to count (Chinese, Japanese and
Korean characters; Arabic and Hebrew, which leave most vowels unwritten; Thai and the
other scripts written without spaces) no formula of this kind suits it at all; for
any other language none is implemented here yet. Either way a reader of the language
is the check.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.labels.tags import subtags
from generator.model import Topic
from generator.pronouncing import syllables

UNCOUNTABLE_SCRIPTS = frozenset(
    {"Hans", "Hant", "Hani", "Jpan", "Kore", "Hang", "Arab", "Hebr", "Syrc", "Thaa"}
    | {"Thai", "Laoo", "Khmr", "Mymr", "Tibt"}
)
"""Scripts whose spelling shows no syllables or words to count: Han characters, kana
and Hangul (a character is a syllable or a word, and Chinese and Japanese set no
spaces), the abjads (Arabic, Hebrew, Syriac, Thaana: short vowels unwritten) and the
scripts of Southeast Asia and Tibet written without spaces between words."""

_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
_WORD = re.compile("[^\\W_][\\w'\u2019-]*")


@dataclass(frozen=True)
class Counts:
    """Words, sentences and syllables counted in a text, for the reading-level formulas."""

    words: int
    sentences: int
    syllables: int
    polysyllables: int
    """Words of 3 syllables or more (SMOG)."""


_STRONG = set("aeoáéíóú")
"""Vowels that stand in a syllable of their own next to another strong one (hiatus);
an accent on i or u makes it strong (dí-a, re-ú-ne)."""
_WEAK = set("iuü")


def spanish_syllables(word: str) -> int:
    """Syllables in one Spanish word (at least 1): one per vowel nucleus, where weak
    vowels (i, u, ü) join a neighbour in a diphthong or triphthong and two strong ones
    split; the u of que, qui, gue, gui is silent; y is a vowel only at the end after a
    vowel (hoy, muy) or alone."""
    letters = unicodedata.normalize("NFC", word.lower())
    letters = re.sub(r"(?<=[qg])u(?=[eéií])", "", letters)
    letters = re.sub(r"(?<=[aeiouáéíóú])y$", "i", letters)
    letters = "i" if letters == "y" else letters
    count, previous = 0, ""
    for char in letters:
        if char not in _STRONG and char not in _WEAK:
            previous = ""
            continue
        if not previous or (previous in _STRONG and char in _STRONG):
            count += 1  # a new nucleus: after a consonant, or a hiatus
        previous = char
    return max(1, count)


def measure(texts: Iterable[str], count: Callable[[str], int] = syllables) -> Counts:
    words = sentences = syl = poly = 0
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            found = _WORD.findall(sentence)
            if found:
                sentences += 1
                words += len(found)
                counted = [count(w) for w in found]
                syl += sum(counted)
                poly += sum(1 for n in counted if n >= 3)
    return Counts(words, sentences, syl, poly)


def flesch_kincaid(c: Counts) -> float:
    return 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59


def smog(c: Counts) -> float:
    return 1.043 * math.sqrt(30 * c.polysyllables / c.sentences) + 3.1291


def inflesz(c: Counts) -> float:
    return 206.835 - 62.3 * c.syllables / c.words - c.words / c.sentences


@dataclass(frozen=True)
class Score:
    """A text's score on one scale."""

    scale: str
    score: float
    target: float
    higher_is_easier: bool

    @property
    def shown(self) -> float:
        """The score as printed, to one decimal: these formulas are not finer than
        that, and a target is met or missed as the reader of `check` sees it."""
        return round(self.score, 1)

    @property
    def ok(self) -> bool:
        return self.shown >= self.target if self.higher_is_easier else self.shown <= self.target

    def describe(self) -> str:
        return f"{self.scale} {self.shown:.1f}"


@dataclass(frozen=True)
class ReadingLevel:
    """A handout's scores on its language's scales, which share one target; or, for a
    language with no scale, why there is no score (`unscored`)."""

    scores: tuple[Score, ...]
    unscored: str | None = None
    """What `check` says instead of a number: why the language has no score."""

    @property
    def ok(self) -> bool:
        return all(score.ok for score in self.scores)

    def describe(self) -> str:
        if not self.scores:
            return self.unscored or "reading level not scored"
        first = self.scores[0]
        bound = "or higher" if first.higher_is_easier else "or lower"
        targets = "targets" if len(self.scores) > 1 else "target"
        text = ", ".join(score.describe() for score in self.scores)
        return f"{text} ({targets} {first.target:g} {bound})"

    def warning(self, source: Path) -> str | None:
        """A warning when the handout reads harder than a target, naming the scales."""
        if self.ok:
            return None
        above = ", ".join(score.scale for score in self.scores if not score.ok)
        return (
            f"warning: {source}: handout text scores {self.describe()}: {above} "
            "not met (use shorter sentences and everyday words)"
        )


def handout_texts(topic: Topic) -> list[str]:
    """The text a reader of the handout reads, in order."""
    texts = [topic.title, topic.main_message]
    for section in topic.sections:
        texts.append(section.heading)
        if section.intro:
            texts.append(section.intro)
        texts.extend(item.text for item in section.items)
    return texts


def scored_texts(topic: Topic) -> list[str]:
    """The running text that is scored: the handout's text without title and headings."""
    texts = [topic.main_message]
    for section in topic.sections:
        if section.intro:
            texts.append(section.intro)
        texts.extend(item.text for item in section.items)
    return texts


def reading_level(topic: Topic) -> ReadingLevel | None:
    """The handout text's scores on its language's scales (none, and why, for a
    language with none: `unscored`); None for a text with no words."""
    language = subtags(topic.language).language
    if language == "en":
        c = measure(scored_texts(topic))
        if not c.words:
            return None
        return ReadingLevel(
            (
                Score("Flesch-Kincaid grade", flesch_kincaid(c), 8.0, higher_is_easier=False),
                Score("SMOG", smog(c), 8.0, higher_is_easier=False),
            )
        )
    if language == "es":
        c = measure(scored_texts(topic), spanish_syllables)
        if not c.words:
            return None
        return ReadingLevel((Score("INFLESZ", inflesz(c), 55.0, higher_is_easier=True),))
    return ReadingLevel((), unscored(topic.language))


def unscored(tag: str) -> str:
    """Why a text in language `tag` has no reading level, in plain words."""
    name = language_name(tag)
    if subtags(tag).script in UNCOUNTABLE_SCRIPTS:
        why = (
            f"no reading-level formula suits {name}: the formulas count words and "
            "syllables as English and Spanish spell them"
        )
    else:
        why = f"no reading-level scale for {name} here yet (English and Spanish have one)"
    return f"reading level not scored, {why}; ask a reader of {name} to check that it is plain"


def language_name(tag: str) -> str:
    """The English name of the language of `tag` ("Chinese", "Arabic"), or the tag."""
    from babel import Locale, UnknownLocaleError  # imported here: unscored languages only

    try:
        name = Locale.parse(subtags(tag).language).get_language_name("en")
    except (UnknownLocaleError, ValueError):
        name = None
    return name or f"'{tag}'"


def describe(level: ReadingLevel | None) -> str:
    return level.describe() if level else "reading level n/a (no words to score)"
