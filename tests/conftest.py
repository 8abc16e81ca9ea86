"""Shared fixtures: the real hamstring topic, small valid topics to break, the CLI."""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.load import load_topic
from generator.model import Topic

ROOT = Path(__file__).resolve().parent.parent
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63606060600000000500017aa857500000000049454e44ae426082"
)
"""A real one-pixel PNG (transparent; Pillow decodes it), for tests that need an image."""
CONTENT = ROOT / "content"
HAMSTRING = CONTENT / "hamstring-cramp.yaml"


def copy_hamstring(folder: Path) -> Path:
    """The hamstring topic copied into `folder` with the pictures it names; its path."""
    shutil.copytree(CONTENT / "images", folder / "images", dirs_exist_ok=True)
    return Path(shutil.copy(HAMSTRING, folder))


MINIMAL: dict[str, Any] = {
    "id": "test-topic",
    "title": "Test topic",
    "language": "en-US",
    "version": "1.0",
    "reviewed": "2026-01-15",
    "main_message": "Rest and drink water.",
    "source": {"title": "A source", "publisher": "A publisher"},
    "sections": [
        {
            "id": "now",
            "heading": "Do this now",
            "kind": "steps",
            "items": [{"id": "rest", "text": "Rest your leg.", "short": "Rest."}],
        },
        {
            "id": "care",
            "heading": "Get care",
            "kind": "warnings",
            "items": [
                {"id": "swelling", "text": "Get care now if your leg swells.", "urgency": "now"},
                {"id": "often", "text": "See a provider if it happens often.", "urgency": "soon"},
            ],
        },
    ],
    "flashcards": [
        {"id": "q1", "section": "now", "front": "What do you do first?", "back": "Rest."},
        {"id": "c1", "section": "care", "cloze": "Get care now if your leg {{c1::swells}}."},
    ],
}


def minimal_topic(**changes: Any) -> dict[str, Any]:
    """A deep copy of MINIMAL with top-level keys replaced (None deletes a key)."""
    data = copy.deepcopy(MINIMAL)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def dump(data: dict[str, Any]) -> str:
    # reviewed must stay a YAML date, not a quoted string
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    return text.replace(f"reviewed: '{data.get('reviewed')}'", f"reviewed: {data.get('reviewed')}")


@pytest.fixture
def topic_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a topic file into tmp_path: from a dict (dumped as YAML) or raw text."""

    def write(data: dict[str, Any] | str | bytes | None = None, name: str = "test-topic") -> Path:
        path = tmp_path / f"{name}.yaml"
        if data is None:
            data = minimal_topic()
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data if isinstance(data, str) else dump(data), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def hamstring() -> Topic:
    return load_topic(HAMSTRING)


@pytest.fixture(scope="session")
def hamstring_full_card(hamstring: Topic) -> Topic:
    """The hamstring topic with every section but the causes and the closing summary,
    and every item, on its pocket card: the crowded card the card-fitting tests need.
    The real card carries only the stretches and the warnings (issue 16)."""
    sections = tuple(
        replace(
            section,
            on_card=section.id not in {"causes", "remember"},
            items=tuple(replace(item, on_card=True) for item in section.items),
        )
        for section in hamstring.sections
    )
    return replace(hamstring, sections=sections)


def run_cli(
    *args: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator ARGS` in a subprocess, as a user would."""
    full_env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    full_env.update({"PYTHONPATH": str(ROOT), **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def system_tool(name: str, package: str, why: str) -> str:
    """The path of command `name`, from Debian's `package`. Skipped without it, except
    under CI (env CI set), where .ci/run installs it and a missing tool is a failure."""
    found = shutil.which(name)
    if found is None:
        reason = f"{why} needs {name} (apt-get install {package})"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run it, not skip it")
        pytest.skip(reason)
    return found


def svg_path_cells(path: str) -> set[tuple[int, int]]:
    """The unit squares (row, column) an `M x y h n v1 h-n z` path fills."""
    cells = set()
    for x, y, length in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", path):
        cells |= {(int(y), int(x) + i) for i in range(int(length))}
    return cells


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """Line number of the `nth` line of `path` that contains `needle`."""
    hits = [n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line]
    return hits[nth - 1]
