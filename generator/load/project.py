"""The project file, `health-handouts.toml`: the defaults a clinic would otherwise
repeat on every command (clinic file, paper, card size and layout, large print, study
card size). Found from the working folder upward; the command line overrides it.

Checked like a topic: every problem at once, as `file:line: key: what (how to fix)`.
TOML is read by the standard library's `tomllib`, which gives no line numbers, so the
line of each top-level key is found in the text (`key_lines`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from generator.errors import GeneratorError, Problem, shorten
from generator.load.reader import closest
from generator.model import CardLayout, CardSize
from generator.options import Paper, StudyCardSize

PROJECT_FILE = "health-handouts.toml"
HELP = "see `health-handouts help project`"


class ProjectError(GeneratorError):
    """The project file cannot be used; every problem is listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Project:
    """The project file's settings, by the name of the option each one stands for
    (`card_size` for the key `card-size` and the option `--card-size`)."""

    path: Path | None
    """The file; None when there is none."""
    folder: Path
    """Where `content/` and `out/` are: the file's folder, else the working folder."""
    settings: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each setting, for saying where a value came from."""

    def origin(self, name: str) -> str:
        """Where the setting `name` is written: `health-handouts.toml:3`."""
        return f"{self.path}:{self.lines[name]}" if name in self.lines else f"{self.path}"


def find_project(start: Path) -> Path | None:
    """The nearest `health-handouts.toml` in `start` or a folder above it. The search
    stops at a folder that holds `.git` (the root of a repository: a file outside the
    repository is not its project's) or at the filesystem root."""
    for folder in (start, *start.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def _enum(kind: type[StrEnum]) -> Callable[[Any], tuple[Any, str | None, str | None]]:
    def read(value: Any) -> tuple[Any, str | None, str | None]:
        options = [member.value for member in kind]
        if not isinstance(value, str):
            return None, f"expected text, got {_kind(value)}", f"use one of: {', '.join(options)}"
        if value.lower() in options:
            return kind(value.lower()), None, None
        close = closest(value.lower(), options)
        hint = f"did you mean '{close}'?" if close else f"use one of: {', '.join(options)}"
        return None, f"{shorten(value)!r} is not allowed", hint

    return read


def _boolean(value: Any) -> tuple[Any, str | None, str | None]:
    if isinstance(value, bool):
        return value, None, None
    return None, f"expected true or false, got {_kind(value)}", "write true or false, unquoted"


def _path(value: Any) -> tuple[Any, str | None, str | None]:
    if isinstance(value, str) and value.strip():
        return Path(value), None, None
    got = "empty text" if isinstance(value, str) else _kind(value)
    return None, f"expected a file name, got {got}", "a path in quotes, from this file's folder"


KEYS: dict[str, Callable[[Any], tuple[Any, str | None, str | None]]] = {
    "clinic": _path,
    "paper": _enum(Paper),
    "card-size": _enum(CardSize),
    "card-layout": _enum(CardLayout),
    "large-print": _boolean,
    "study-card-size": _enum(StudyCardSize),
    "labels": _path,
}
"""Each key of the project file, spelt as its command-line option, and how its value
is read: (value, problem, hint)."""


def load_project(path: Path) -> Project:
    """Read and check the project file at `path`; `ProjectError` lists every problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise ProjectError([Problem(path, "", f"cannot read the project file: {reason}")]) from None
    import tomllib  # here: a build without a project file never needs it (about 3 ms)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProjectError([_syntax_problem(path, str(exc))]) from None
    lines = key_lines(text)
    problems: list[Problem] = []
    settings: dict[str, Any] = {}
    for key, value in data.items():
        where = lines.get(key)
        read = KEYS.get(key)
        if read is None:
            close = closest(key.replace("_", "-").lower(), KEYS)
            advice = f"did you mean '{close}'?" if close else f"known keys: {', '.join(KEYS)}"
            problems.append(Problem(path, shorten(key), "unknown key", where, advice))
            continue
        setting, message, hint = read(value)
        if message is None and key == "clinic":
            setting, message, hint = _clinic_file(path.parent, setting)
        if message is None and key == "labels":
            setting, message, hint = _label_folder(path.parent, setting)
        if message is not None:
            problems.append(Problem(path, key, message, where, hint))
        else:
            settings[key.replace("-", "_")] = setting
    if problems:
        raise ProjectError(sorted(problems, key=lambda p: p.line or 0))
    named = {key.replace("-", "_"): line for key, line in lines.items() if key in KEYS}
    return Project(path, path.parent, settings, named)


def _clinic_file(folder: Path, name: Path) -> tuple[Any, str | None, str | None]:
    """The clinic file, from the project file's folder; a problem if it is not a file."""
    clinic = folder / name
    if clinic.is_file():
        return clinic, None, None
    return None, f"no file {clinic}", "a path from the project file's folder, such as 'clinic.yaml'"


def _label_folder(folder: Path, name: Path) -> tuple[Any, str | None, str | None]:
    """The label folder, from the project file's folder; a problem if it is not one."""
    labels = folder / name
    if labels.is_dir():
        return labels, None, None
    return None, f"no folder {labels}", "a folder from the project file's folder, such as 'labels'"


def _syntax_problem(path: Path, message: str) -> Problem:
    """tomllib's message, `Invalid value (at line 3, column 9)`, as a problem there."""
    found = re.search(r" \(at line (\d+), column \d+\)$", message)
    line = int(found.group(1)) if found else None
    what = message[: found.start()] if found else message
    return Problem(path, "", f"not valid TOML: {what}", line, f"{HELP} for an example")


KEY_LINE = re.compile(
    r"""^\s*(\[+\s*)?(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(?(1)[\].]|[=.])"""
)
"""A line that starts a top-level key (`key =`, `key.sub =`, `"key" =`) or a table
(`[key]`, `[[key]]`, `[key.sub]`)."""


def key_lines(text: str) -> dict[str, int]:
    """The line on which each top-level key is first written. Keys after a table header
    belong to that table, and are not top-level."""
    lines: dict[str, int] = {}
    in_table = False
    for number, line in enumerate(text.splitlines(), 1):
        found = KEY_LINE.match(line)
        if found is None:
            continue
        header, *names = found.groups()
        key = next(name for name in names if name is not None)
        if header or not in_table:
            lines.setdefault(key, number)
        in_table = in_table or bool(header)
    return lines


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "text"}
    names |= {list: "a list", dict: "a table"}
    return names.get(type(value), "a date")
