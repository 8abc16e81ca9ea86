"""Skip outputs that are already up to date.

After a topic is built, `out/<topic-id>/.build-manifest.json` records what the
outputs were made from: the hash of every input file (the topic, its images, the
clinic logo), a fingerprint of the generator itself (its code, fonts and
templates, the libraries that write the files, and Python), and for each output
the build options it depends on (`Exporter.options`; the clinic by its printed
details). A later build skips a topic without even parsing it when the inputs all
hash the same and every output is still there as written; when only options
changed, it rebuilds just the outputs that depend on them. `--force` rebuilds all.

Inputs are hashed before they are read for the build, so a file saved while it is
being built is seen as changed by the next build. A manifest that cannot be read
or is not what we write is ignored: the topic is rebuilt.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from generator import __version__
from generator.atomic import write_text_atomic
from generator.card_history import CardRecord
from generator.exporters import Exporter
from generator.files import MAX_HASHED_BYTES, FileRefused, read_limited
from generator.model import Topic
from generator.options import BuildOptions
from generator.paths import PACKAGE_DIR, TEMPLATES_DIR, resolved

MANIFEST_NAME = ".build-manifest.json"


def file_hash(path: Path) -> str:
    """sha256 of `path`, a regular file of at most `MAX_HASHED_BYTES`; `FileRefused`
    otherwise (a manifest can name anything: /dev/zero, a pipe)."""
    return hashlib.sha256(read_limited(path, MAX_HASHED_BYTES)).hexdigest()


LIBRARIES = ("reportlab", "_rl_accel", "genanki", "jinja2", "markupsafe", "yaml", "babel")
"""What writes or shapes the files: upgrading one of them must rebuild."""


@cache
def generator_fingerprint() -> str:
    """Changes whenever the version, any module, font or template changes, a library
    in LIBRARIES is upgraded (its module file is rewritten), or Python changes."""
    digest = hashlib.sha256(f"{__version__} {sys.version}".encode())
    inside = TEMPLATES_DIR.is_relative_to(PACKAGE_DIR)  # installed from a wheel
    for root in (PACKAGE_DIR,) if inside else (PACKAGE_DIR, TEMPLATES_DIR):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    for name in LIBRARIES:  # found, not imported: a skipped build stays light
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None and spec.origin else None
        stat = Path(origin).stat() if origin else None
        digest.update(f"{name} {origin} {stat and (stat.st_size, stat.st_mtime_ns)}".encode())
    return digest.hexdigest()


def options_key(options: BuildOptions, fields: Iterable[str]) -> str:
    """The `fields` of `options` as they affect an output: the clinic by its content,
    not by how its file was named on the command line."""
    clinic = options.clinic
    values: dict[str, Any] = {
        "paper": options.paper and options.paper.value,
        "card_size": options.card_size and options.card_size.value,
        "card_layout": options.card_layout and options.card_layout.value,
        "study_card_size": options.study_card_size.value,
        "large_print": options.large_print,
        "source_date_epoch": options.source_date_epoch,
        "clinic": clinic
        and [
            clinic.name,
            clinic.phone,
            clinic.address,
            clinic.website,
            str(clinic.logo.source) if clinic.logo else "None",
        ],
    }
    return json.dumps({name: values[name] for name in sorted(fields)})


def picture_inputs(topic: Topic, options: BuildOptions) -> dict[str, str]:
    """The files besides the topic file whose content the outputs depend on (the
    pictures of sections and items, flashcard images, the clinic logo), each with the
    sha256 of the bytes the picture gate read when it was loaded: what the outputs were
    made from, even if the file changed since (then the next build rebuilds). A file it
    could not read has no digest: the next build, unable to hash it either, rebuilds."""
    drawings = [picture.drawing for picture in topic.pictures]
    drawings += [card.image.drawing for card in topic.flashcards if card.image]
    if options.clinic is not None and options.clinic.logo is not None:
        drawings.append(options.clinic.logo)
    return {str(resolved(d.source)): d.digest for d in drawings}


def hashes(paths: Iterable[Path]) -> dict[str, str]:
    """Resolved path -> sha256 of content, for a manifest."""
    return {str(resolved(p)): file_hash(p) for p in paths}


@dataclass(frozen=True)
class Manifest:
    """What the last build of a topic read and wrote, kept beside its outputs, so that the
    next build can tell which outputs are up to date."""

    generator: str
    inputs: dict[str, str]
    """Input path -> sha256 of its content."""
    outputs: dict[str, list[Any]]
    """Output file name -> [size, mtime_ns, inode, options key] as written."""
    cards: CardRecord | None = None
    """The flashcards' text and `reviewed` date of the last deck built (card_history)."""

    @classmethod
    def record(
        cls, inputs: dict[str, str], outputs: dict[str, list[Any]], cards: CardRecord | None
    ) -> Manifest:
        """`inputs` as hashed (by `hashes`) before the build read them; `outputs` by
        name, each an `entry` or the previous manifest's for a file left in place."""
        return cls(generator_fingerprint(), inputs, outputs, cards)

    @staticmethod
    def entry(stat: os.stat_result, exporter: Exporter, options: BuildOptions) -> list[Any]:
        """What to record of a file we wrote: its `stat` taken before it was renamed
        into place (after, another build may already have replaced it)."""
        return [*identity(stat), options_key(options, exporter.options)]

    def write(self, out_dir: Path) -> None:
        data = {"generator": self.generator, "inputs": self.inputs, "outputs": self.outputs}
        if self.cards is not None:
            data["cards"] = self.cards.as_json()
        write_text_atomic(out_dir / MANIFEST_NAME, json.dumps(data, indent=1) + "\n")

    @classmethod
    def read(cls, out_dir: Path) -> Manifest | None:
        """The manifest in `out_dir`, or None if missing, unreadable or not ours."""
        try:
            raw = read_limited(out_dir / MANIFEST_NAME, MAX_HASHED_BYTES)
            data: Any = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError, FileRefused, RecursionError):
            return None
        if not (
            isinstance(data, dict)
            and set(data) - {"cards"} == {"generator", "inputs", "outputs"}
            and isinstance(data["generator"], str)
            and _is_map(data["inputs"], lambda h: isinstance(h, str))
            and all(Path(p).is_absolute() and "\0" not in p for p in data["inputs"])
            and _is_map(data["outputs"], _is_output_entry)
        ):
            return None
        cards = CardRecord.parse(data["cards"]) if "cards" in data else None
        if "cards" in data and cards is None:
            return None
        return cls(data["generator"], data["inputs"], data["outputs"], cards)

    def vouches_for(
        self, inputs: dict[str, str], exporters: Iterable[Exporter], topic_id: str
    ) -> bool:
        """Whether this manifest was recorded from `inputs` and lists the file of each
        of `exporters`: read again after loading, it catches an edit or another build
        since the first check."""
        return self.inputs == inputs and all(
            e.filename(topic_id) in self.outputs for e in exporters
        )

    def current(
        self, source: Path, out_dir: Path, exporters: Iterable[Exporter], options: BuildOptions
    ) -> list[Exporter]:
        """Those of `exporters` whose file `source` made with this generator, from the
        same inputs and the same options, and which is still as written."""
        if self.generator != generator_fingerprint():
            return []
        try:
            if str(resolved(source)) not in self.inputs:
                return []
            if any(file_hash(Path(p)) != h for p, h in self.inputs.items()):
                return []
        except (OSError, ValueError, FileRefused):  # ValueError: a NUL in a path
            return []
        return [e for e in exporters if self._intact(out_dir, e, options)]

    def _intact(self, out_dir: Path, exporter: Exporter, options: BuildOptions) -> bool:
        name = exporter.filename(out_dir.name)
        entry = self.outputs.get(name)
        if entry is None or entry[3] != options_key(options, exporter.options):
            return False
        try:
            return identity((out_dir / name).stat()) == entry[:3]
        except OSError:
            return False


def _is_map(value: Any, valid: Callable[[Any], bool]) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and valid(v) for k, v in value.items()
    )


def _is_output_entry(value: Any) -> bool:
    """[size, mtime_ns, inode, options key]"""
    return (
        isinstance(value, list)
        and len(value) == 4
        and all(isinstance(n, int) and not isinstance(n, bool) for n in value[:3])
        and isinstance(value[3], str)
    )


def identity(stat: os.stat_result) -> list[int]:
    """What tells us an output is still the one we wrote: a rename keeps all three,
    and another build's file differs in at least the inode."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]
