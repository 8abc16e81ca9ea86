"""Checks of single values, shared by the topic and clinic readers: each problem is
collected with its file, line and field, never raised on its own."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from generator.characters import character_problem
from generator.drawing import CheckedPicture
from generator.errors import ContentError, Problem, shorten
from generator.load.pictures import check_picture, refused
from generator.load.raster import Refused
from generator.load.yaml_source import Located, YamlProblems, read_yaml
from generator.model import EARLIEST_DATE, LATEST_DATE, MAX_ID, SLUG
from generator.qr import ascii_url

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
WEB_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
MAX_TEXT = {"title": 120, "heading": 80, "short": 120, "caption": 60, "default": 1000}
"""Longest text, in characters, by field name."""
ID_HINT = f"use 1-{MAX_ID} lower-case letters, digits and single hyphens, such as 'warm-up'"
"""How to write a valid id: said wherever an id is refused."""

E = TypeVar("E")


def read_located(path: Path) -> Located:
    try:
        return read_yaml(path)
    except YamlProblems as exc:
        raise ContentError(exc.problems) from None


class Reader:
    """Checks values of one file and collects the problems it finds."""

    def __init__(self, path: Path, located: Located) -> None:
        self.path = path
        self.located = located
        self.problems: list[Problem] = list(located.problems)  # values YAML could not read

    def problem(self, field: str, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.path, field, message, self.located.line(field), hint))

    def raise_if_problems(self, elsewhere: Iterable[Problem] = ()) -> None:
        """Raise every problem of this file, by line, then those of `elsewhere` (the
        label catalogues a topic reads), as one `ContentError`."""
        found = sorted(self.problems, key=lambda p: p.line or 0) + list(elsewhere)
        if found:
            self.problems = found
            raise ContentError(found)

    def mapping(
        self,
        value: Any,
        field: str,
        *,
        required: Iterable[str],
        optional: Iterable[str] = (),
    ) -> dict[str, Any] | None:
        """`value` as a mapping with exactly the allowed keys, or None (problem noted)."""
        what = field or "the file"
        if value is None and self._reported(field):
            return None
        if not isinstance(value, dict):
            self.problem(
                field,
                f"expected a mapping of keys, got {kind_of(value)}",
                f"{what} holds 'key: value' lines",
            )
            return None
        allowed = [*required, *optional]
        for key in value:
            if key not in allowed:
                close = closest(key, allowed)
                hint = f"did you mean '{close}'?" if close else f"allowed: {', '.join(allowed)}"
                self.problem(join(field, key), "unknown key", hint)
        for key in required:
            if key not in value:
                self.problem(join(field, key), "missing", f"{what} needs '{key}'")
        return value

    def sequence(self, value: Any, field: str, what: str) -> list[Any]:
        """A required, non-empty list (a key with nothing after it is empty too)."""
        if value is None:
            self.empty(field, f"add at least one {what}")
            return []
        if not isinstance(value, list):
            self.problem(
                field,
                f"expected a list, got {kind_of(value)}",
                f"write each {what} on its own line starting with '- '",
            )
            return []
        if not value:
            self.problem(field, "is empty", f"add at least one {what}")
        return value

    def text(
        self,
        value: Any,
        field: str,
        *,
        optional: bool = False,
        max_len: int = MAX_TEXT["default"],
    ) -> str | None:
        """Plain text with whitespace folded to single spaces."""
        if value is None:
            if not optional:
                self.empty(field, "write the text")
            return None
        if isinstance(value, bool | int | float | dt.date):
            # YAML read `yes`, `1.0` or `2026-01-01` as a non-text value: keep the
            # author's intent but tell them to quote it.
            self.problem(field, f"expected text, got {kind_of(value)}", "put the value in quotes")
            return None
        if not isinstance(value, str):
            self.problem(field, f"expected text, got {kind_of(value)}", "write plain text")
            return None
        folded = " ".join(value.split())
        if not folded:
            if not optional:
                self.problem(field, "is empty", "write the text or delete the key")
            return None
        problem = character_problem(folded)
        if problem is not None:
            self.problem(field, problem, "delete it")
            return None
        if len(folded) > max_len:
            self.problem(
                field,
                f"is {len(folded)} characters, longer than the {max_len} allowed",
                "shorten it or split it into more items",
            )
            return None
        return folded

    def _reported(self, field: str) -> bool:
        return any(p.field == field for p in self.problems)

    def empty(self, field: str, hint: str) -> None:
        """Note that a required value is empty, unless it was already noted as missing."""
        if not self._reported(field):
            self.problem(field, "is empty", hint)

    def date(self, value: Any, field: str) -> dt.date | None:
        if value is None:
            self.empty(field, "write it as YYYY-MM-DD")
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        elif isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError:
                self.problem(field, f"{value!r} is not a real date", "check the day and month")
                return None
        if not isinstance(value, dt.date):
            self.problem(field, f"{shorten(str(value))!r} is not a date", "write it as YYYY-MM-DD")
            return None
        if not EARLIEST_DATE <= value <= LATEST_DATE:
            self.problem(
                field,
                f"{value.isoformat()} is outside the years "
                f"{EARLIEST_DATE.year}-{LATEST_DATE.year} that an Anki deck can hold",
                "check the year",
            )
            return None
        return value

    def slug(self, value: Any, field: str) -> str | None:
        if value is None:
            self.empty(field, "write an id such as 'warm-up'")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.problem(
                field,
                f"expected an id, got {kind_of(value)}",
                "use lower-case letters, digits and hyphens",
            )
            return None
        slug = str(value)
        written = self.located.raw.get(field, slug)
        if written != slug:  # 010 is octal 8 and 0x10 is 16 to YAML: never what was meant
            self.problem(
                field,
                f"{shorten(written)!r} is read as the number {value}",
                f'put it in quotes: "{shorten(written)}"',
            )
            return None
        if not SLUG.fullmatch(slug) or len(slug) > MAX_ID:
            self.problem(field, f"{slug[:80]!r} is not a valid id", ID_HINT)
            return None
        return slug

    def choice(self, value: Any, field: str, enum: type[E], default: E | None = None) -> E | None:
        if value is None:
            if default is None:
                self.empty(field, f"use one of: {', '.join(e.value for e in enum)}")  # type: ignore[attr-defined]
            return default
        options = [e.value for e in enum]  # type: ignore[attr-defined]
        if value not in options:
            close = closest(str(value), options)
            hint = f"did you mean '{close}'?" if close else f"use one of: {', '.join(options)}"
            self.problem(field, f"{str(value)[:80]!r} is not allowed", hint)
            return default
        return enum(value)  # type: ignore[call-arg]

    def boolean(self, value: Any, field: str, default: bool) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problem(
                field, f"expected true or false, got {kind_of(value)}", "write true or false"
            )
            return default
        return value

    def url(self, value: Any, field: str) -> str | None:
        text = self.text(value, field, optional=True, max_len=500)
        if text is not None and not WEB_URL.fullmatch(text):
            self.problem(
                field,
                f"{text[:80]!r} is not a web address",
                "use a full address starting with https://",
            )
            return None
        if text is not None:
            try:
                ascii_url(text)  # as its QR code will hold it
            except ValueError as exc:
                self.problem(field, str(exc), "check the spelling of the web address")
                return None
        return text

    def picture_file(
        self, value: Any, field: str, suffixes: set[str], what: str
    ) -> CheckedPicture | None:
        """A picture file named relative to this file's folder, through the picture gate
        (`pictures.py`). A name that is outside the folder, of another kind or not there
        is a problem of this file (None); a file the gate refuses is a refused picture,
        which costs only the outputs that draw it."""
        text = self.text(value, field, max_len=300)
        if text is None:
            return None
        base = self.path.parent.resolve()
        candidate = Path(text)
        try:
            resolved = (base / candidate).resolve()
        except (OSError, RuntimeError):  # RuntimeError: a link that leads back to itself
            self.problem(field, f"{text!r} is a link that never reaches a file", "fix the link")
            return None
        if candidate.is_absolute() or not resolved.is_relative_to(base):
            self.problem(
                field,
                f"{text!r} is outside the folder of {self.path.name}",
                f"put the file in {base} or a folder below it, and give a relative path",
            )
            return None
        if resolved.suffix.lower() not in suffixes:
            self.problem(
                field, f"{text!r} is not {what}", f"use one of: {', '.join(sorted(suffixes))}"
            )
            return None
        if not resolved.exists():
            self.problem(field, f"file {text!r} not found", f"looked in {base}")
            return None
        try:
            return check_picture(resolved)
        except Refused as exc:
            space = "" if exc.message.startswith(":") else " "
            message = f"{text!r}{space}{exc.message}"
            where = Problem(self.path, field, message, self.located.line(field), exc.hint)
            return refused(resolved, str(where), exc.digest)

    def unique_id(self, value: Any, field: str, seen: dict[str, str], what: str) -> str | None:
        """A valid id not already in `seen` (id -> the field that has it), or None
        after recording the problem; `what` names the thing that needs its own id."""
        found = self.slug(value, field)
        if found is None:
            return None
        if found in seen:
            self.problem(
                field,
                f"duplicate id {found!r}, already used by {seen[found]}",
                f"give every {what} its own id",
            )
        else:
            seen[found] = field.rsplit(".", 1)[0]
        return found


def join(parent: str, key: str) -> str:
    return f"{parent}.{key}" if parent else key


def kind_of(value: Any) -> str:
    names: dict[type, str] = {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        dt.date: "a date",
        dt.datetime: "a date",
        type(None): "nothing",
    }
    return names.get(type(value), type(value).__name__)


def closest(word: str, options: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.7)
    return matches[0] if matches else None
