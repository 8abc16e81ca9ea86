"""A strict reader of gettext PO files, the format of every label catalogue.

A catalogue may come from a clinic, so it is untrusted input: every line is read by
the PO grammar, and what does not fit (a string without its closing quote, bytes
that are not UTF-8, a line that is no PO line) is a `Problem` with its file and
line, never a label cut short or a message printed by a library. Poedit, Weblate,
Babel and GNU gettext write what this reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problem, shorten
from generator.files import FileRefused, NotUtf8, read_text

MAX_CATALOGUE_BYTES = 1024 * 1024
"""A catalogue of every label is about 10 KB; a larger file is refused unread."""

KEYWORD_LINE = re.compile(r"(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s*(.*)")
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    """One message of a catalogue: a label's key, its English text and its translation."""

    line: int
    """Where the entry starts (its `msgctxt`, else its `msgid`)."""
    key: str | None = None
    """The `msgctxt`: the label's key."""
    msgid: str | None = None
    msgstr: str | None = None
    msgstr_line: int = 0
    """The line of the `msgstr`: where a problem with the translation is."""
    flags: frozenset[str] = frozenset()
    """`#,` flags: `fuzzy`, `python-brace-format`."""
    plural: bool = False
    broken: bool = False
    """A string of it could not be read (a problem says why): nothing more to check."""


@dataclass
class PoFile:
    """A catalogue as read: its header fields, its entries, and what is wrong with it."""

    path: Path
    header: dict[str, str] = field(default_factory=dict)
    """Its header's fields, by lower-case name (`language`, `x-reviewed-by`)."""
    header_line: int | None = None
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int | None, key: str | None, message: str, hint: str) -> None:
        where = f'msgctxt "{key}"' if key else ""
        self.problems.append(Problem(self.path, where, message, line, hint))


def read_po(path: Path) -> PoFile:
    """The catalogue in `path`, with every problem of its bytes and its grammar."""
    po = PoFile(path)
    try:
        text = read_text(path, MAX_CATALOGUE_BYTES)
    except FileRefused as exc:
        po.problem(None, None, str(exc), "a label catalogue is a PO text file")
        return po
    except NotUtf8 as exc:
        po.problem(
            exc.line,
            None,
            f"the byte 0x{exc.byte:02X} is not UTF-8 text",
            "save the file as UTF-8; Poedit and Weblate always do",
        )
        return po
    _Parser(po).parse(text.splitlines())
    return po


class _Parser:
    """PO lines -> entries, one line at a time."""

    def __init__(self, po: PoFile) -> None:
        self.po = po
        self.entry: Entry | None = None
        self.part: str | None = None  # the keyword the last string belongs to
        self.flags: set[str] = set()
        self.seen: dict[str, int] = {}

    def parse(self, lines: list[str]) -> None:
        for number, raw in enumerate(lines, 1):
            line = raw.strip()
            if not line:
                self.finish()
            elif line.startswith("#~"):  # an obsolete entry: kept by editors, not a label
                continue
            elif line.startswith("#"):  # a comment or flags: the next entry's
                if self.part == "msgstr":
                    self.finish()
                if line.startswith("#,"):
                    self.flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            elif line.startswith('"'):
                self.continuation(number, line)
            else:
                self.keyword(number, line)
        self.finish()

    def keyword(self, number: int, line: str) -> None:
        match = KEYWORD_LINE.fullmatch(line)
        if match is None:
            self.po.problem(
                number,
                None,
                f"{shorten(line)!r} is not a line of a PO file",
                "each line is a comment (#), a keyword such as msgstr with a quoted "
                'string, or a "quoted string" that continues the one above',
            )
            return
        word, rest = match.groups()
        if word in ("msgctxt", "msgid") and (self.part == "msgstr" or word == "msgctxt"):
            self.finish()
        if self.entry is None:
            self.entry = Entry(number)
        entry = self.entry
        if word == "msgctxt":
            entry.key = ""
        elif word == "msgid":
            entry.msgid = ""
        elif word == "msgid_plural":
            entry.plural = True
        else:
            entry.msgstr, entry.msgstr_line = "", number
            word = "msgstr"
        self.part = word
        self.continuation(number, rest)

    def continuation(self, number: int, text: str) -> None:
        value = self.string(number, text)
        entry = self.entry
        if value is None and entry is not None:
            entry.broken = True
        if value is None or entry is None or self.part is None:
            if entry is None and value is not None:
                self.po.problem(
                    number, None, "a string outside any entry", "put msgid or msgstr before it"
                )
            return
        if self.part == "msgctxt":
            entry.key = (entry.key or "") + value
        elif self.part == "msgid":
            entry.msgid = (entry.msgid or "") + value
        elif self.part == "msgstr":
            entry.msgstr = (entry.msgstr or "") + value

    def string(self, number: int, text: str) -> str | None:
        """The value of the quoted string `text`, escapes undone; None (a problem
        noted) if it is not one whole string."""
        match = STRING.fullmatch(text.strip())
        if match is None:
            closed = text.strip().startswith('"') and not STRING.match(text.strip())
            self.po.problem(
                number,
                self.entry.key if self.entry else None,
                "a string without its closing quote"
                if closed
                else f"{shorten(text)!r} is not a quoted string",
                'end it with ", and write \\" for a quote inside it'
                if closed
                else 'write the text in double quotes: "..."',
            )
            return None
        value, unknown = _unescape(match.group(1))
        if unknown:
            self.po.problem(
                number,
                self.entry.key if self.entry else None,
                f"the escape \\{unknown} is not one a PO file has",
                'write \\\\ for a backslash; \\" for a quote',
            )
        return value

    def finish(self) -> None:
        """The entry read so far is complete: add it, or say what it lacks."""
        entry, self.entry, self.part = self.entry, None, None
        if entry is None:
            return
        entry.flags, self.flags = frozenset(self.flags), set()
        if entry.msgid is None or entry.msgstr is None:
            lacks = "msgid" if entry.msgid is None else "msgstr"
            self.po.problem(
                entry.line, entry.key, f"an entry without its {lacks}", f"add its {lacks} line"
            )
            return
        if entry.key is None and entry.msgid == "":
            self.po.header, self.po.header_line = _header(entry.msgstr), entry.line
            return
        if entry.key is not None and entry.key in self.seen:
            self.po.problem(
                entry.line,
                entry.key,
                f"a second entry for this key (the first is on line {self.seen[entry.key]})",
                "keep one of them",
            )
            return
        if entry.key is not None:
            self.seen[entry.key] = entry.line
        self.po.entries.append(entry)


def _unescape(body: str) -> tuple[str, str | None]:
    """The text of a PO string's body, and the first escape it has that PO lacks."""
    unknown = None
    parts = []
    chars = iter(body)
    for char in chars:
        if char != "\\":
            parts.append(char)
            continue
        following = next(chars, "")
        if following in ESCAPES:
            parts.append(ESCAPES[following])
        else:
            unknown = unknown or following
    return "".join(parts), unknown


def _header(text: str) -> dict[str, str]:
    """The `Name: value` lines of a catalogue's header entry."""
    fields = {}
    for line in text.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            fields[name.strip().lower()] = value.strip()
    return fields
