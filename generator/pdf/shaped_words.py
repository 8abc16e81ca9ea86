"""ReportLab's shaping of a word (HarfBuzz), done once for each word a process sets: an
Arabic topic's study cards shape about 1,300 words, fewer than 500 of them different
("على" 33 times), and shaping was a third of their time.

What HarfBuzz gives depends only on the word's text and each part's font and size, so
a word is kept by exactly those (and which parts share one style); a word met again is
ReportLab's result made anew around its own parts' styles (colour, links and the rest
are the style's, never the kept word's). The shaped texts themselves are shared: no
one changes them. At most `KEPT` words are kept, the oldest dropped first.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from reportlab.pdfbase.ttfonts import ShapedFragWord

KEPT = 4096
"""Words kept at most: a few megabytes, more than a topic's distinct words."""

Shaper = Callable[[Any], Any]
Kept = tuple[type, float, list[tuple[int, str]]] | None
"""A shaped word: its class, width and texts, each with the index of its part; None
for a word that shaping left as it was."""


class ShapedWords:
    """The words `shape` has shaped (ReportLab's `shapeFragWord`), by what their shaping
    depends on."""

    def __init__(self, shape: Shaper, kept: int = KEPT) -> None:
        self.shape = shape
        self.kept = kept
        self._words: dict[Hashable, Kept] = {}

    def forget(self) -> None:
        """Drop every word kept: its glyphs are numbered as fonts no longer registered
        number them (`fonts.register_fonts`)."""
        self._words.clear()

    def __call__(self, word: Any) -> Any:
        """`shape(word)`, or what it gave for the same word before, around this word's
        parts."""
        parts = word[1:]
        key = _key(word)
        if key is None:
            return self.shape(word)
        try:
            kept = self._words[key]
        except KeyError:  # not met yet (or dropped since)
            pass
        else:
            return _rebuilt(kept, word, parts)
        shaped = self.shape(word)
        if len(self._words) >= self.kept:
            self._words.pop(next(iter(self._words)), None)
        self._words[key] = _kept(shaped, word, parts)
        return shaped


def _key(word: Any) -> Hashable | None:
    """What shaping `word` depends on, or None for a word not kept (one with a picture
    or a link's anchor inside it, already shaped, or of parts without a font)."""
    parts = word[1:]
    if not parts or isinstance(word, ShapedFragWord):
        return None
    frags = [frag for frag, _ in parts]
    if any(hasattr(frag, "cbDefn") or not hasattr(frag, "fontName") for frag in frags):
        return None
    styles = [id(frag) for frag in frags]
    return (
        type(word),
        tuple((frag.fontName, frag.fontSize, text) for frag, text in parts),
        tuple(styles.index(style) for style in styles),
    )


def _kept(shaped: Any, word: Any, parts: list[Any]) -> Kept:
    """`shaped` with each part's style replaced by the part's index (None: the word
    came back as it was)."""
    if shaped is word:
        return None
    frags = [id(frag) for frag, _ in parts]
    return type(shaped), shaped[0], [(frags.index(id(frag)), text) for frag, text in shaped[1:]]


def _rebuilt(kept: Kept, word: Any, parts: list[Any]) -> Any:
    if kept is None:
        return word
    kind, width, texts = kept
    return kind([width, *((parts[index][0], text) for index, text in texts)])
