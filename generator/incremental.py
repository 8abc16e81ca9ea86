"""Skip outputs that are already up to date.

After a topic is built, `out/<topic-id>/.build-manifest.json` records what the
outputs were made from: the hash of every input file (the topic, its images, the
clinic file and logo), the build options, and a fingerprint of the generator
itself (its code, fonts and templates). A later build whose inputs all hash the
same, and whose outputs are all still there as written, skips the topic without
even parsing it. `--force` rebuilds regardless.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator import __version__
from generator.atomic import write_text_atomic
from generator.model import Topic
from generator.options import BuildOptions
from generator.paths import TEMPLATES_DIR

MANIFEST_NAME = ".build-manifest.json"
PACKAGE_DIR = Path(__file__).resolve().parent


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def generator_fingerprint() -> str:
    """Changes whenever the version, any module, font or template changes."""
    digest = hashlib.sha256(__version__.encode())
    for root in (PACKAGE_DIR, TEMPLATES_DIR):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def options_key(options: BuildOptions) -> str:
    return repr(options)


def topic_inputs(topic: Topic, options: BuildOptions) -> list[Path]:
    """Every file whose content a topic's outputs depend on."""
    inputs = [topic.source_file] if topic.source_file else []
    inputs += [card.image.path for card in topic.flashcards if card.image]
    if options.clinic is not None:
        if options.clinic.source_file is not None:
            inputs.append(options.clinic.source_file)
        if options.clinic.logo is not None:
            inputs.append(options.clinic.logo)
    return inputs


@dataclass(frozen=True)
class Manifest:
    generator: str
    options: str
    inputs: dict[str, str]
    """Input path -> sha256 of its content."""
    outputs: dict[str, list[int]]
    """Output file name -> [size, mtime_ns] as written."""

    @classmethod
    def record(
        cls, inputs: Iterable[Path], outputs: Iterable[Path], options: BuildOptions
    ) -> Manifest:
        return cls(
            generator=generator_fingerprint(),
            options=options_key(options),
            inputs={str(p.resolve()): file_hash(p) for p in inputs},
            outputs={p.name: _size_and_mtime(p) for p in outputs},
        )

    def write(self, out_dir: Path) -> None:
        write_text_atomic(out_dir / MANIFEST_NAME, json.dumps(self.__dict__, indent=1) + "\n")

    @classmethod
    def read(cls, out_dir: Path) -> Manifest | None:
        try:
            data: dict[str, Any] = json.loads((out_dir / MANIFEST_NAME).read_text())
            return cls(**data)
        except (OSError, ValueError, TypeError):
            return None

    def is_current(
        self, source: Path, out_dir: Path, expected_outputs: Iterable[str], options: BuildOptions
    ) -> bool:
        """True when `source` made these outputs, nothing they depend on has changed,
        and they are intact."""
        if self.generator != generator_fingerprint() or self.options != options_key(options):
            return False
        if str(source.resolve()) not in self.inputs:
            return False
        if set(self.outputs) != set(expected_outputs):
            return False
        for name, (size, mtime_ns) in self.outputs.items():
            try:
                if _size_and_mtime(out_dir / name) != [size, mtime_ns]:
                    return False
            except OSError:
                return False
        try:
            return all(file_hash(Path(p)) == h for p, h in self.inputs.items())
        except OSError:
            return False


def _size_and_mtime(path: Path) -> list[int]:
    """What tells us an output is still the one we wrote."""
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]
