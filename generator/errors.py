"""Exceptions. The library raises these; only the CLI turns them into exit codes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """How the command ends; the one place these numbers are defined (README.md,
    "Exit codes", has the table). 0, 1 and 2 mean what they mean for ruff, mypy, grep
    and diff, which a CI script already runs: 1 is "the answer is no" (here: what a
    topic needs is said with the topic's file), 2 is "could not do the job" (fix the
    command or the project, or report a bug)."""

    OK = 0
    """Done; with --strict, without a warning."""
    CONTENT = 1
    """A topic could not be checked or built as asked, each problem said with its file:
    the topic or its clinic file has problems (`file:line: field: what`), an output
    could not be made, the topic file or its output folder cannot be used; or, with
    --strict, a warning."""
    ERROR = 2
    """The command could not run at all: a usage error (as for every argparse tool),
    a project file that is not valid, no topic to work on, a bad SOURCE_DATE_EPOCH,
    output that cannot be written, or an internal error (a bug of ours: --debug shows
    the traceback)."""
    INTERRUPTED = 130
    """Ctrl-C (128 + SIGINT, as a shell reports it): outputs already written are whole."""
    OUTPUT_CLOSED = 141
    """As for a program ended by SIGPIPE: the reader of our output stopped (`| head`)."""


class GeneratorError(Exception):
    """Base of every error this package raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, with where it is and how to fix it."""

    file: Path | str
    field: str
    message: str
    line: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        text = (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )
        return f"{text} ({self.hint})" if self.hint else text


class ContentError(GeneratorError):
    """One or more problems in a content (or clinic) file; every one is listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in problems))


class TemplateError(GeneratorError):
    """A template is missing or fails to render."""


class ExportError(GeneratorError):
    """An exporter cannot produce its file from valid content (for example: text too
    long for the card at the minimum font size, or a character the font cannot draw)."""


def shorten(text: str, limit: int = 40) -> str:
    """`text` cut to `limit` characters for a message, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "\N{HORIZONTAL ELLIPSIS}"


def nearest_line(lines: Mapping[str, int], path: str) -> int | None:
    """The line of field `path` (`sections[1].items[0].text`), or of its nearest
    parent that has one; None if none has (the document itself, "", is not a parent)."""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None
