"""The short test topics in other scripts (`tests/fixtures/scripts/`), loaded beside a
copy of the hamstring pictures: Arabic (right to left) and Simplified Chinese."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.load import load_topic
from generator.model import Topic
from tests.conftest import CONTENT, ROOT

SCRIPTS = ROOT / "tests" / "fixtures" / "scripts"
TOPICS = {"ar": "cramp-ar", "zh-Hans": "cramp-zh"}
"""The catalogue each topic speaks -> its id (and file name)."""


def script_topic_file(catalogue: str, folder: Path) -> Path:
    """The topic in `catalogue`'s language copied into `folder`, with the pictures it
    names; its path."""
    shutil.copytree(CONTENT / "images", folder / "images", dirs_exist_ok=True)
    return Path(shutil.copy(SCRIPTS / f"{TOPICS[catalogue]}.yaml", folder))


def script_topic(catalogue: str, folder: Path) -> Topic:
    return load_topic(script_topic_file(catalogue, folder))
