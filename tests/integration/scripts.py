"""The test topics in other scripts (`tests/fixtures/scripts/`), loaded beside a copy of
the hamstring pictures: short ones in Arabic (right to left) and Simplified Chinese,
and the whole hamstring topic in Arabic, Simplified Chinese and Vietnamese."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.load import load_topic
from generator.model import Topic
from tests.conftest import CONTENT, ROOT

SCRIPTS = ROOT / "tests" / "fixtures" / "scripts"
TOPICS = {"ar": "cramp-ar", "zh-Hans": "cramp-zh"}
"""The catalogue each topic speaks -> its id (and file name)."""
SAMPLES = {
    "ar": "hamstring-cramp-ar",
    "zh-Hans": "hamstring-cramp-zh-hans",
    "vi": "hamstring-cramp-vi",
}
"""The hamstring topic translated (the samples of content/, as the issue 24 branch made
them) -> its id (and file name)."""


def script_topic_file(catalogue: str, folder: Path) -> Path:
    """The topic in `catalogue`'s language copied into `folder`, with the pictures it
    names; its path."""
    return copied(TOPICS[catalogue], folder)


def sample_file(catalogue: str, folder: Path) -> Path:
    """The whole hamstring topic in `catalogue`'s language copied into `folder`, with
    its pictures; its path."""
    return copied(SAMPLES[catalogue], folder)


def copied(topic_id: str, folder: Path) -> Path:
    shutil.copytree(CONTENT / "images", folder / "images", dirs_exist_ok=True)
    return Path(shutil.copy(SCRIPTS / f"{topic_id}.yaml", folder))


def script_topic(catalogue: str, folder: Path) -> Topic:
    return load_topic(script_topic_file(catalogue, folder))
