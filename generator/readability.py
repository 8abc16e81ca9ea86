"""Flesch-Kincaid grade level, offline and without dictionaries.

grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

Sentences end at `.`, `!` or `?`, and every separate piece of text (a heading, a
list item) counts as its own sentence, as a reader meets it. Syllables are counted
with the usual vowel-group rule (silent final e and -ed/-es endings dropped), the
rule most readability tools use when no pronouncing dictionary is loaded. The
formula is defined for English only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.model import Topic

TARGET_GRADE = 8.0
"""Handouts should read at this US school grade or lower."""

_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
_WORD = re.compile("[^\\W_][\\w'\u2019-]*")
_SILENT_ENDING = re.compile(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$")
_VOWEL_GROUP = re.compile(r"[aeiouy]{1,2}")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        if not self.words:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59


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


def measure(texts: Iterable[str]) -> Readability:
    words = sentences = syl = 0
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            found = _WORD.findall(sentence)
            if found:
                sentences += 1
                words += len(found)
                syl += sum(syllables(w) for w in found)
    return Readability(words, sentences, syl)


def handout_texts(topic: Topic) -> list[str]:
    """The text a reader of the handout reads, in order."""
    texts = [topic.title, topic.main_message]
    for section in topic.sections:
        texts.append(section.heading)
        if section.intro:
            texts.append(section.intro)
        texts.extend(item.text for item in section.items)
    return texts


def handout_grade(topic: Topic) -> float | None:
    """Flesch-Kincaid grade of the handout text, or None for non-English topics."""
    if not topic.language.lower().startswith("en"):
        return None
    return measure(handout_texts(topic)).grade


def describe_grade(grade: float | None) -> str:
    if grade is None:
        return "reading grade n/a (Flesch-Kincaid is for English)"
    return f"reading grade {grade:.1f} (target {TARGET_GRADE:g} or lower)"


def grade_warning(source: Path, grade: float | None) -> str | None:
    """A warning when the handout reads above the target grade."""
    if grade is not None and grade > TARGET_GRADE:
        return (
            f"warning: {source}: handout text reads at grade {grade:.1f}, above the "
            f"target of {TARGET_GRADE:g} (use shorter sentences and everyday words)"
        )
    return None
