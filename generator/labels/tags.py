"""Language tags (BCP 47) as the labels read them: which catalogues serve a tag, most
specific first, the Babel locale its dates are written in, and which way its text runs
(`is_right_to_left`, for the web page, the deck and the PDFs alike). All come from one
reading of the tag, so a tag's labels, its dates and its direction never disagree."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

CATALOGUE_NAME = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
"""How a catalogue file is named: a language tag, with `-` or `_` between subtags
(`vi`, `zh-Hant`, `pt_BR`)."""


@dataclass(frozen=True)
class Subtags:
    """What of a tag the labels and dates follow: its language, script and region.
    Variants, extensions (`-u-...`) and private use (`-x-...`) are left out."""

    language: str
    """Lower case: `zh`."""
    script: str | None
    """Title case, as written or as CLDR's likely subtags give it: `Hant` for `zh-TW`."""
    region: str | None
    """Upper case: `TW`, or three digits: `419`."""


@cache
def subtags(tag: str) -> Subtags:
    """The language, script and region of `tag`; the script, when the tag has none,
    is the one CLDR expects for its language and region (`zh-TW`, `zh-HK`: Hant;
    `zh`, `zh-CN`, `zh-SG`: Hans)."""
    parts = tag.replace("_", "-").split("-")
    language, script, region = parts[0].lower(), None, None
    for part in parts[1:]:
        if len(part) == 1:  # a singleton starts an extension or private use
            break
        if len(part) == 4 and part.isalpha() and script is None and region is None:
            script = part.title()
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            region = region or part.upper()
    return Subtags(language, script or _likely_script(language, region), region)


def _likely_script(language: str, region: str | None) -> str | None:
    from babel.core import get_global  # imported here: a tag without script only

    likely = get_global("likely_subtags")
    found = (region and likely.get(f"{language}_{region}")) or likely.get(language) or ""
    parts = found.split("_")
    return parts[1] if len(parts) > 2 and len(parts[1]) == 4 else None


RIGHT_TO_LEFT_SCRIPTS = frozenset(
    {"Adlm", "Arab", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"}
)
"""The ISO 15924 scripts written right to left that a living language uses: Arabic
(Arabic, Persian, Urdu, Pashto, Sorani, Uyghur...), Hebrew (Hebrew, Yiddish), Thaana
(Dhivehi), Syriac, N'Ko, Adlam (Fulani), Hanifi Rohingya, Mandaic, Mende Kikakui,
Samaritan and Yezidi. CLDR marks exactly its locales in these scripts right-to-left
(tests/unit/test_writing_direction.py checks every Babel locale)."""


@cache
def is_right_to_left(language: str) -> bool:
    """Whether text in `language` (a BCP 47 tag) runs right to left: by its script, as
    the tag writes it (`ku-Arab`, `pa-Arab`) or as CLDR's likely subtags give it (`ar`,
    `fa-IR`, `he`, `ur`: right to left; `ku`, `az`, `pa`, `en`: left to right). The one
    answer every output follows (the web page's `dir`, the deck's card templates, the
    PDFs' layout)."""
    return subtags(language).script in RIGHT_TO_LEFT_SCRIPTS


UNSPACED_SCRIPTS = frozenset({"Hans", "Hant", "Jpan"})
"""Scripts written without spaces between words, Chinese and Japanese: a sentence
ends with the ideographic full stop and no space after it, and a line may break
between any two characters (never before closing punctuation). Korean, written with
spaces, is not one of them: it breaks between words, as Korean typesetters keep it
(CSS's `word-break: keep-all`)."""


def full_stop(language: str) -> tuple[str, str]:
    """How a sentence of `language` ends, and what comes before the next one: `("。",
    "")` in Chinese and Japanese, else `(".", " ")`. For sentences joined in one line
    (the handout PDF's footer); a label ends its own sentence as its language does."""
    return ("。", "") if subtags(language).script in UNSPACED_SCRIPTS else (".", " ")


ALIASES = {"fil": "tl"}
"""Languages another tag's catalogue serves when they have none of their own:
Filipino (`fil`, CLDR's tag) reads the Tagalog catalogue (`tl`)."""


def catalogue_names(tag: str) -> list[str]:
    """The catalogue names that serve `tag`, most specific first: `zh-TW` is served by
    `zh-Hant-TW`, `zh-Hant`, `zh-TW` and `zh`, `es-US` by `es-US` and `es`; `fil` last
    by `tl` (`ALIASES`)."""
    found = subtags(tag)
    names = []
    if found.script and found.region:
        names.append(f"{found.language}-{found.script}-{found.region}")
    if found.script:
        names.append(f"{found.language}-{found.script}")
    if found.region:
        names.append(f"{found.language}-{found.region}")
    names.append(found.language)
    if found.language in ALIASES:
        names.append(ALIASES[found.language])
    return names


def file_key(name: str) -> str:
    """How a catalogue's file name (without `.po`) is matched to `catalogue_names`:
    case and `-` or `_` between subtags do not matter."""
    return name.replace("_", "-").lower()


@cache
def babel_locale(tag: str) -> str:
    """The Babel locale for the dates of `tag`, or English when Babel knows none."""
    from babel import Locale, UnknownLocaleError

    found = subtags(tag)
    tries = [
        "_".join(p for p in (found.language, found.script, found.region) if p),
        "_".join(p for p in (found.language, found.region) if p),
        found.language,
    ]
    for identifier in tries:
        try:
            return str(Locale.parse(identifier))
        except (UnknownLocaleError, ValueError):
            continue
    return "en"
