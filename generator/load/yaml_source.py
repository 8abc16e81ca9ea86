"""Read YAML into plain Python values while remembering the line of every value.

PyYAML's `safe_load` forgets where values came from, silently keeps the last of
duplicate keys and expands aliases (the "billion laughs" bomb). We compose the
node tree instead and convert it ourselves, so that we can refuse aliases, custom
tags and duplicate keys, and report `file:line` for every later problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem, nearest_line, shorten
from generator.files import FileRefused, NotUtf8, read_text

try:  # the C parser is ~10x faster on big files; fall back to pure Python.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Topic files larger than this are refused before parsing (a topic is a few KB)."""

MAX_NODES = 200_000
"""Refuse documents with more YAML nodes than this (about 20,000 flashcards)."""

MAX_DEPTH = 100
"""Refuse values nested deeper than this (a topic needs about 6 levels); deeper nesting
would exhaust Python's recursion limit in PyYAML's composer and in our converter."""

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class Located:
    """A YAML document as plain values plus the line of each value, by field path."""

    value: Any
    lines: dict[str, int] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)
    """The text as written of each value YAML read as something other than text (a
    number, a date), for hints that quote what the author wrote."""
    problems: list[Problem] = field(default_factory=list)
    """Values that could not be read (left as None); the loader reports them with the
    rest of the file's problems."""

    def line(self, path: str) -> int | None:
        """Line of `path`, or of its nearest parent that has one, or of the document."""
        return nearest_line(self.lines, path) or self.lines.get("")


class YamlProblems(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def read_yaml(path: Path) -> Located:
    """Parse `path` as one plain YAML document. Raises `YamlProblems` on any problem."""
    try:
        text = read_text(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        message = str(exc)
        hint = "split the topic into smaller topics" if "limit" in message else "check the path"
        if message.startswith("is "):
            message = f"file {message}"
            hint = hint if "limit" in message else "give the path of a saved topic file"
        raise YamlProblems([Problem(path, "", message, hint=hint)]) from None
    except NotUtf8 as exc:
        raise YamlProblems(
            [Problem(path, "", "file is not valid UTF-8 text", exc.line, "save it as UTF-8")]
        ) from None
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path | str) -> Located:
    """Parse YAML `text`; `path` is only used in messages."""
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except RecursionError:
        raise YamlProblems([_too_deep(text, path)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        hint = "fix the YAML syntax near this line"
        lines = text.splitlines()
        if mark and line and line <= len(lines) and "\t" in lines[line - 1][: mark.column + 1]:
            what, hint = "tab character used for indentation", "indent with spaces, not tabs"
        raise YamlProblems([Problem(path, "", f"YAML syntax error: {what}", line, hint)]) from None
    except yaml.reader.ReaderError as exc:  # control characters and the like
        line = text.count("\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise YamlProblems(
            [
                Problem(
                    path,
                    "",
                    f"the character U+{ord(char):04X} is not allowed",
                    line,
                    "delete it; topic files hold plain text",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblems(
            [Problem(path, "", f"YAML error: {exc}", hint="check the file")]
        ) from None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        hint = "see `health-handouts help format`"
        raise YamlProblems([Problem(path, "", "file is empty", 1, hint)])
    if len(nodes) > 1:
        line = nodes[1].start_mark.line + 1
        raise YamlProblems(
            [Problem(path, "", "more than one YAML document", line, "keep one topic per file")]
        )
    converter = _Converter(path)
    value = converter.convert(nodes[0], "")
    if converter.saw_alias:
        converter.problems += _alias_problems(text, path)
        converter.problems.sort(key=lambda p: p.line or 0)
    if converter.count > MAX_NODES:  # the rest was not read: nothing more to check
        raise YamlProblems(converter.problems)
    return Located(value, converter.lines, converter.raw, converter.problems)


def _too_deep(text: str, path: Path | str) -> Problem:
    """The problem of a document nested deeper than `MAX_DEPTH`, at the line where it
    first goes too deep (read from the event stream, which does not recurse)."""
    depth, line = 0, None
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else None
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return _depth_problem(path, "", line)


def _depth_problem(path: Path | str, fld: str, line: int | None) -> Problem:
    return Problem(
        path,
        fld,
        f"values nested more than {MAX_DEPTH} levels deep",
        line,
        "a topic needs only a few levels: check the brackets and the indentation",
    )


def _alias_problems(text: str, path: Path | str) -> list[Problem]:
    """One problem per alias, at the alias itself (the composed tree only knows the
    anchor's position)."""
    return [
        Problem(
            path,
            "",
            f"YAML alias *{event.anchor} is not allowed",
            event.start_mark.line + 1 if event.start_mark else None,
            "write the value out in full",
        )
        for event in yaml.parse(text, Loader=_Loader)
        if isinstance(event, yaml.AliasEvent)
    ]


class _Converter:
    def __init__(self, path: Path | str) -> None:
        self.path = path
        self.lines: dict[str, int] = {}
        self.raw: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.depth = 0
        self.seen: set[int] = set()
        self.saw_alias = False
        """Aliases are reported from the event stream, where each has its own line."""
        self._constructor = yaml.SafeLoader("")  # scalar conversion only

    def _problem(self, node: yaml.Node, fld: str, message: str, hint: str) -> None:
        line = self.lines.get(fld, node.start_mark.line + 1)
        self.problems.append(Problem(self.path, fld, message, line, hint))

    def convert(self, node: yaml.Node, path: str) -> Any:
        if self.depth >= MAX_DEPTH:
            if not any(p.message.startswith("values nested") for p in self.problems):
                top = re.split(r"[.\[]", path, maxsplit=1)[0]
                self.problems.append(_depth_problem(self.path, top, node.start_mark.line + 1))
            return None
        self.depth += 1
        try:
            return self._convert(node, path)
        finally:
            self.depth -= 1

    def _convert(self, node: yaml.Node, path: str) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            if self.count == MAX_NODES + 1:
                self._problem(node, path, f"more than {MAX_NODES:,} YAML values", "split the topic")
            return None
        self.lines.setdefault(path, node.start_mark.line + 1)
        if id(node) in self.seen:
            # The composer hands back the same node object for an alias.
            self.saw_alias = True
            return None
        self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self._problem(node, path, f"YAML tag {tag!r} is not allowed", "remove the tag")
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self._problem(key_node, path, "keys must be plain words", "fix the key")
                    continue
                key = key_node.value
                child = f"{path}.{key}" if path else key
                self.lines[child] = key_node.start_mark.line + 1
                if key in result:
                    self._problem(key_node, child, "duplicate key", "keep one and delete the other")
                    continue
                result[key] = self.convert(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(v, f"{path}[{i}]") for i, v in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        if node.tag != "tag:yaml.org,2002:str":
            self.raw[path] = node.value
        try:
            return self._scalar(node)
        except Exception:  # PyYAML's constructors raise anything on odd values
            shown = shorten(node.value)
            if node.tag == "tag:yaml.org,2002:timestamp":
                self._problem(node, path, f"{shown!r} is not a real date", "check day and month")
            else:
                self._problem(node, path, f"cannot read value {shown!r}", "quote it as text")
            return None

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        return self._constructor.construct_object(node, deep=True)
