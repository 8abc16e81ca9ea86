"""Reading level of a handout's text, offline and without dictionaries, on a scale
made for its language.

- English: Flesch-Kincaid grade,
  0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59; target 8 or lower.
- Spanish: INFLESZ (Barrio-Cantalejo et al., 2008, on Szigriszt-Pazos' formula),
  206.835 - 62.3 * (syllables / words) - (words / sentences); target 55 or higher,
  the start of the scale's "normal" band (below 55 it calls a text somewhat hard).

Sentences end at `.`, `!` or `?`, and every separate piece of text (a heading, a
list item) counts as its own sentence, as a reader meets it. English syllables are
counted with the usual vowel-group rule (silent final e and -ed/-es endings dropped),
the rule most tools use when no pronouncing dictionary is loaded; Spanish syllables
with the regular rules of Spanish spelling (`spanish_syllables`). Other languages
have no scale here: `check` says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.model import Topic

_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
_WORD = re.compile("[^\\W_][\\w'\u2019-]*")
_SILENT_ENDING = re.compile(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$")
_VOWEL_GROUP = re.compile(r"[aeiouy]{1,2}")


@dataclass(frozen=True)
class Counts:
    words: int
    sentences: int
    syllables: int


def syllables(word: str) -> int:
    """Estimated syllables in one English word (at least 1)."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 1  # a number such as "50" is read as one unit
    if len(letters) <= 3:
        return 1
    letters = _SILENT_ENDING.sub("", letters)
    letters = re.sub(r"^y", "", letters)
    return max(1, len(_VOWEL_GROUP.findall(letters)))


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
    words = sentences = syl = 0
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            found = _WORD.findall(sentence)
            if found:
                sentences += 1
                words += len(found)
                syl += sum(count(w) for w in found)
    return Counts(words, sentences, syl)


@dataclass(frozen=True)
class ReadingLevel:
    """A handout's score on its language's scale."""

    scale: str
    score: float
    target: float
    higher_is_easier: bool

    @property
    def ok(self) -> bool:
        return self.score >= self.target if self.higher_is_easier else self.score <= self.target

    def describe(self) -> str:
        bound = "or higher" if self.higher_is_easier else "or lower"
        return f"{self.scale} {self.score:.1f} (target {self.target:g} {bound})"

    def warning(self, source: Path) -> str | None:
        """A warning when the handout reads harder than the target."""
        if self.ok:
            return None
        return (
            f"warning: {source}: handout text scores {self.describe()} "
            "(use shorter sentences and everyday words)"
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


def reading_level(topic: Topic) -> ReadingLevel | None:
    """The handout text's score on its language's scale; None for a language with none."""
    language = topic.language.split("-", 1)[0].lower()
    if not measure(handout_texts(topic)).words:
        return None  # a title of punctuation alone: nothing to score
    if language == "en":
        c = measure(handout_texts(topic))
        grade = 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59
        return ReadingLevel("Flesch-Kincaid grade", grade, 8.0, higher_is_easier=False)
    if language == "es":
        c = measure(handout_texts(topic), spanish_syllables)
        score = 206.835 - 62.3 * c.syllables / c.words - c.words / c.sentences
        return ReadingLevel("INFLESZ", score, 55.0, higher_is_easier=True)
    return None


def describe(level: ReadingLevel | None) -> str:
    return level.describe() if level else "reading level n/a (no scale for this language)"
