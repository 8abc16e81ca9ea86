"""A label catalogue checked against the English template, every problem at once.

Each problem is a `Problem` naming the catalogue, the line and the label's key
(`msgctxt`): a key the template lacks, a placeholder missing, added, misspelt or
with a format spec, a lone brace, a fuzzy or empty entry, a character no reader
should get (a bidi override), English text the template no longer has. What the
fonts can draw is the PDFs' concern: `generator/pdf/fonts.py` checks every label
a PDF prints, with the same file, line and key.
"""

from __future__ import annotations

import difflib
import re
import string
from dataclasses import dataclass
from pathlib import Path

from generator.characters import character_problem
from generator.errors import Problem, shorten
from generator.labels.po import Entry, PoFile, read_po
from generator.labels.tags import file_key

LINE_BREAKS = re.compile(r"[ \t\r\n]+")
"""What a label's text folds into single spaces; a no-break space (French "Source :")
is kept."""
MAX_LABEL = 300
"""The longest label, in characters: the longest English one is under 100."""
REVIEWER_HEADER = "x-reviewed-by"
"""The header field that names who reviewed a catalogue (`X-Reviewed-By: ...`)."""


@dataclass(frozen=True)
class Catalogue:
    """The labels of one catalogue file, each with the line of its text."""

    path: Path
    name: str
    """The tag it is named for (its file name without `.po`), or `en` for the template."""
    texts: dict[str, tuple[str, int]]
    """Key -> (text, line)."""
    reviewer: str | None
    """Who reviewed it, from its `X-Reviewed-By` header; None: no one yet."""
    problems: tuple[Problem, ...] = ()


def read_template(path: Path) -> Catalogue:
    """The English labels: each `msgid` under its key."""
    po = read_po(path)
    texts = {}
    for entry in po.entries:
        if entry.key and entry.msgid:
            texts[entry.key] = (fold(entry.msgid), entry.line)
            _placeholders(po, entry, entry.msgid, None)
    return Catalogue(path, "en", texts, "the health-handouts project", tuple(po.problems))


def read_catalogue(path: Path, template: Catalogue) -> Catalogue:
    """The translations of catalogue `path`, and every problem of it."""
    po = read_po(path)
    name = path.name.removesuffix(".po")
    _check_header(po, name)
    texts = {}
    for entry in po.entries:
        text = _checked_text(po, entry, template)
        if text is not None and entry.key is not None:
            texts[entry.key] = (text, entry.msgstr_line)
    reviewer = po.header.get(REVIEWER_HEADER) or None
    problems = sorted(po.problems, key=lambda p: p.line or 0)
    return Catalogue(path, name, texts, reviewer, tuple(problems))


def _check_header(po: PoFile, name: str) -> None:
    declared = po.header.get("language")
    if declared and file_key(declared) != file_key(name):
        po.problem(
            po.header_line,
            None,
            f"its header says 'Language: {shorten(declared)}', but the file is named for '{name}'",
            f"name the file {declared.replace('_', '-')}.po, or correct the header",
        )


def _checked_text(po: PoFile, entry: Entry, template: Catalogue) -> str | None:
    """The translation of `entry`, or None (each problem noted)."""
    key = entry.key
    line = entry.msgstr_line or entry.line
    if entry.broken:
        return None  # its problem is noted
    if key is None:
        po.problem(
            entry.line,
            None,
            f"the entry for {shorten(entry.msgid or '')!r} has no msgctxt",
            "every label is found by its key: copy its msgctxt line from messages.pot",
        )
        return None
    if key not in template.texts:
        close = difflib.get_close_matches(key, list(template.texts), n=1, cutoff=0.7)
        hint = f'did you mean "{close[0]}"?' if close else "messages.pot lists every key"
        po.problem(entry.line, key, "is not the key of a label", hint)
        return None
    english = template.texts[key][0]
    if entry.plural:
        po.problem(entry.line, key, "has plural forms", "no label has: delete msgid_plural")
        return None
    if fold(entry.msgid or "") != english:
        po.problem(
            entry.line,
            key,
            f"translates {shorten(entry.msgid or '', 60)!r}, but the English label is "
            f"now {shorten(english, 60)!r}",
            "check the translation says the same, then set its msgid to the new English "
            "(Poedit: Translation > Update from POT file)",
        )
        return None
    text = fold(entry.msgstr or "")
    if "fuzzy" in entry.flags:
        po.problem(
            line,
            key,
            "is marked fuzzy: a guess no one has checked",
            "check it, then remove the fuzzy flag; or delete the entry to print the English",
        )
        return None
    if not text:
        po.problem(
            line, key, "has no translation", "translate it, or delete the entry to print English"
        )
        return None
    return text if _text_ok(po, entry, text, english) else None


def _text_ok(po: PoFile, entry: Entry, text: str, english: str) -> bool:
    line = entry.msgstr_line
    problem = character_problem(text)
    if problem is not None:
        po.problem(line, entry.key, problem, "delete it")
        return False
    if len(text) > MAX_LABEL:
        po.problem(
            line,
            entry.key,
            f"is {len(text)} characters, longer than the {MAX_LABEL} allowed",
            f"shorten it: the English is {len(english)}",
        )
        return False
    return _placeholders(po, entry, text, english)


def _placeholders(po: PoFile, entry: Entry, text: str, english: str | None) -> bool:
    """Whether `text` has exactly the placeholders of `english` (any plain ones for the
    template itself), each a bare name such as {page}; each problem noted."""
    line = entry.msgstr_line if english is not None else entry.line
    try:
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text)]
    except ValueError:
        po.problem(
            line,
            entry.key,
            'has a lone "{" or "}"',
            "write a placeholder as {name}, and a brace itself as {{ or }}",
        )
        return False
    wanted = _names(english) if english is not None else None
    names = set()
    ok = True
    for name, spec, conversion in fields:
        if name is None:
            continue
        shown = "{" + name + (f"!{conversion}" if conversion else "")
        shown += (f":{spec}" if spec else "") + "}"
        if not name.isidentifier() or spec or conversion:
            bare = name.split(".")[0].split("[")[0] or "name"
            po.problem(
                line,
                entry.key,
                f"{shorten(shown)} is not a placeholder: a placeholder holds only its name",
                f"write {{{bare}}}",
            )
            ok = False
            name = bare
        elif wanted is not None and name not in wanted:
            close = difflib.get_close_matches(name, sorted(wanted), n=1, cutoff=0.5)
            has = ", ".join("{" + n + "}" for n in sorted(wanted)) or "no placeholder"
            guess = f"did you mean {{{close[0]}}}? " if close else ""
            message = f"{shown} is not a placeholder of this label"
            po.problem(line, entry.key, message, f"{guess}it has {has}")
            ok = False
        names.add(name)
    for name in sorted((wanted or set()) - names):
        po.problem(
            line,
            entry.key,
            f"lacks the placeholder {{{name}}}",
            "keep every placeholder of the English, as written there",
        )
        ok = False
    return ok


def fold(text: str) -> str:
    """`text` on one line, with single spaces."""
    return LINE_BREAKS.sub(" ", text).strip()


def _names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
