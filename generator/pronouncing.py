"""English syllable counts from the CMU Pronouncing Dictionary, offline.

The package ships the dictionary in a compact form, `generator/data/cmudict-syllables.txt`
(126,000 words, CMU's BSD-style licence in `generator/data/LICENSE-cmudict.txt`; made by
`tools/cmudict_syllables.py` from the dictionary's `cmudict.dict`): one line per word,
`word<TAB>syllables`, the syllables of its first pronunciation (its vowels, the phones
that carry a stress digit), sorted by the bytes of the word. The file is mapped into
memory on first use and each word found by binary search, so nothing is parsed up front
(about 0.2 ms to open, a few microseconds a word). A word the dictionary lacks is
counted with the vowel-group rule (`rule_syllables`); so is every word if the file
cannot be read.
"""

from __future__ import annotations

import mmap
import re
from functools import cache
from pathlib import Path

DICTIONARY = Path(__file__).resolve().parent / "data" / "cmudict-syllables.txt"
_SILENT_ENDING = re.compile(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$")
_VOWEL_GROUP = re.compile(r"[aeiouy]{1,2}")


def rule_syllables(word: str) -> int:
    """Estimated syllables in one English word (at least 1), by the usual vowel-group
    rule (silent final e and -ed/-es endings dropped)."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 1  # a number such as "50" is read as one unit
    if len(letters) <= 3:
        return 1
    letters = _SILENT_ENDING.sub("", letters)
    letters = re.sub(r"^y", "", letters)
    return max(1, len(_VOWEL_GROUP.findall(letters)))


class Dictionary:
    """The compact CMU dictionary file, searched in place."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as file:
            self._data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)

    def _line_at(self, offset: int) -> tuple[int, int]:
        """Start and end of the line that holds `offset`."""
        start = self._data.rfind(b"\n", 0, offset) + 1
        end = self._data.find(b"\n", offset)
        return start, len(self._data) if end < 0 else end

    def _key(self, start: int, end: int) -> bytes:
        tab = self._data.find(b"\t", start, end)
        return self._data[start : end if tab < 0 else tab]

    def syllables(self, word: str) -> int | None:
        """The syllables of `word` (lower case), or None if it is not listed."""
        target = word.encode("utf-8")
        lo, hi = 0, len(self._data)
        while lo < hi:  # the first line whose word is not below `target`
            mid = (lo + hi) // 2
            start, end = self._line_at(mid)
            if self._key(start, end) < target:
                lo = end + 1
            else:
                hi = start
        start, end = self._line_at(lo)
        if lo >= len(self._data) or self._key(start, end) != target:
            return None
        count = self._data[start + len(target) + 1 : end]
        return int(count) if count.isdigit() else None


@cache
def dictionary() -> Dictionary | None:
    """The CMU dictionary shipped with the package, or None if it cannot be read."""
    try:
        return Dictionary(DICTIONARY)
    except (OSError, ValueError):  # missing, unreadable, or empty (mmap refuses 0 bytes)
        return None


@cache
def syllables(word: str) -> int:
    """Syllables in one English word (at least 1): from the CMU dictionary when it lists
    the word, else by rule. A hyphenated word counts the syllables of its parts."""
    parts = [part for part in word.lower().replace("\u2019", "'").split("-") if part]
    if len(parts) > 1:
        return sum(syllables(part) for part in parts)
    found = dictionary()
    listed = found.syllables(parts[0]) if found and parts else None
    return rule_syllables(word) if listed is None else max(1, listed)
