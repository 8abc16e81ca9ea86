"""Skip outputs that are already up to date.

After a topic is built, `out/<topic-id>/.build-manifest.json` records what the
outputs were made from: the hash of every input file (the topic, its images, the
clinic logo), each named by its path relative to the topic's folder, a fingerprint of
the generator itself (its code, fonts and templates, the libraries that write the
files, and Python), and for each output its size, time, inode and hash and the build
options it depends on (`Exporter.options`; the clinic by its printed details). A later
build skips a topic without even parsing it when the inputs all hash the same and
every output is still there as written; when only options changed, it rebuilds just
the outputs that depend on them. `--force` rebuilds all. No absolute path is recorded:
a project moved or copied with its `out/` folder rebuilds nothing (an output whose
inode or time changed is recognised by its hash, and its new identity recorded).

Inputs are hashed before they are read for the build, so a file saved while it is
being built is seen as changed by the next build. A manifest that cannot be read
or is not what we write is ignored: the topic is rebuilt.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import stat as stat_mode
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from generator import __version__
from generator.atomic import write_text_atomic
from generator.deck_record import record_path
from generator.exporters import Exporter
from generator.files import MAX_HASHED_BYTES, FileRefused, read_limited
from generator.labels import label_folder_for, label_inputs
from generator.model import Topic
from generator.options import BuildOptions
from generator.paths import PACKAGE_DIR, TEMPLATES_DIR, resolved
from generator.pronouncing import DICTIONARY

MANIFEST_NAME = ".build-manifest.json"


def file_hash(path: Path) -> str:
    """sha256 of `path`, a regular file of at most `MAX_HASHED_BYTES`; `FileRefused`
    otherwise (a manifest can name anything: /dev/zero, a pipe)."""
    return hashlib.sha256(read_limited(path, MAX_HASHED_BYTES)).hexdigest()


def output_hash(path: Path) -> str | None:
    """sha256 of the output file at `path`, of any size; None unless it is a regular
    file (out/ can hold anything: a FIFO, a link to /dev/zero)."""
    try:
        with path.open("rb") as file:
            if not stat_mode.S_ISREG(os.fstat(file.fileno()).st_mode):
                return None
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None


def input_key(path: Path, base: Path) -> str:
    """How a manifest names an input: its resolved path relative to the topic's
    folder (`base`, resolved), with `/` between parts, so that the manifest holds no
    absolute path and stays true when the project moves. On Windows, a file on another
    drive than the topic's keeps its absolute path."""
    try:
        return Path(os.path.relpath(resolved(path), base)).as_posix()
    except ValueError:  # another drive
        return str(resolved(path))


def topic_dir(source: Path) -> Path:
    """The folder an input's key is relative to: the topic file's, resolved."""
    return resolved(source).parent


LIBRARIES = ("reportlab", "_rl_accel", "genanki", "jinja2", "markupsafe", "yaml", "babel")
"""What writes or shapes the files: upgrading one of them must rebuild."""

UNPRINTED = (DICTIONARY,)
"""Package files that no output is made from, left out of the fingerprint: the
syllables only score the reading level `check` and `build` print (1.3 MB, which would
add about 1.3 ms of hashing to every build)."""


@cache
def generator_fingerprint() -> str:
    """Changes whenever the version, any module, font or template changes, a library
    in LIBRARIES is upgraded (its module file is rewritten), or Python changes."""
    digest = hashlib.sha256(f"{__version__} {sys.version}".encode())
    inside = TEMPLATES_DIR.is_relative_to(PACKAGE_DIR)  # installed from a wheel
    for root in (PACKAGE_DIR,) if inside else (PACKAGE_DIR, TEMPLATES_DIR):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path not in UNPRINTED:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    for name in LIBRARIES:  # found, not imported: a skipped build stays light
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        stat = origin.stat() if origin else None
        where = origin and origin.parts[-2:]  # not the whole path: a moved .venv is the same
        digest.update(f"{name} {where} {stat and (stat.st_size, stat.st_mtime_ns)}".encode())
    return digest.hexdigest()


def options_key(options: BuildOptions, fields: Iterable[str], base: Path) -> str:
    """The `fields` of `options` as they affect an output: the clinic by its content,
    not by how its file was named on the command line; its logo by its `input_key`
    from `base`, the topic's folder."""
    clinic = options.clinic
    logo = clinic and clinic.logo and input_key(clinic.logo.source, base)
    values: dict[str, Any] = {
        "paper": options.paper and options.paper.value,
        "card_size": options.card_size and options.card_size.value,
        "card_layout": options.card_layout and options.card_layout.value,
        "study_card_size": options.study_card_size.value,
        "large_print": options.large_print,
        "source_date_epoch": options.source_date_epoch,
        "clinic": clinic and [clinic.name, clinic.phone, clinic.address, clinic.website, str(logo)],
    }
    return json.dumps({name: values[name] for name in sorted(fields)})


def topic_inputs(topic: Topic) -> list[Path]:
    """Files besides the topic file and its pictures whose content the outputs depend
    on: the clinic's label catalogues that serve its language, or would if they existed
    (`ABSENT`), and the record of the last deck (read with the topic)."""
    inputs = label_inputs(topic)
    if topic.last_deck is not None and topic.source_file is not None:
        inputs.append(record_path(topic.source_file))
    return inputs


def picture_inputs(topic: Topic, options: BuildOptions, source: Path) -> dict[str, str]:
    """The pictures the outputs depend on (of sections and items, flashcard images, the
    clinic logo), each by its `input_key` from the topic file `source`'s folder, with the
    sha256 of the bytes the picture gate read when it was loaded: what the outputs were
    made from, even if the file changed since (then the next build rebuilds). A file it
    could not read has no digest: the next build, unable to hash it either, rebuilds."""
    drawings = [picture.drawing for picture in topic.pictures]
    drawings += [card.image.drawing for card in topic.flashcards if card.image]
    if options.clinic is not None and options.clinic.logo is not None:
        drawings.append(options.clinic.logo)
    base = topic_dir(source)
    return {input_key(d.source, base): d.digest for d in drawings}


ABSENT = "absent"
"""The hash recorded for an input that does not exist: a label catalogue that would
serve the topic's language. Once there, it differs, and the topic is rebuilt."""
FOLDER = "folder"
"""The hash recorded for the topic's label folder: which folder it is counts (a build
with another `--labels` rebuilds), its files are inputs of their own."""


def input_hash(path: Path) -> str:
    """`file_hash(path)`; `ABSENT` when there is nothing at all at `path`, `FOLDER`
    for a folder."""
    if not os.path.lexists(path):
        return ABSENT
    return FOLDER if path.is_dir() else file_hash(path)


def hashes(paths: Iterable[Path], source: Path) -> dict[str, str]:
    """`input_key` -> sha256 of content (or `ABSENT`, `FOLDER`), for the manifest of the
    topic file `source`."""
    base = topic_dir(source)
    return {input_key(p, base): input_hash(p) for p in paths}


@dataclass(frozen=True)
class Manifest:
    """What the last build of a topic read and wrote, kept beside its outputs, so that the
    next build can tell which outputs are up to date."""

    generator: str
    inputs: dict[str, str]
    """Input path relative to the topic's folder (`input_key`) -> sha256 of its content."""
    outputs: dict[str, list[Any]]
    """Output file name -> [size, mtime_ns, inode, sha256, options key] as written."""

    @classmethod
    def record(cls, inputs: dict[str, str], outputs: dict[str, list[Any]]) -> Manifest:
        """`inputs` as hashed (by `hashes`) before the build read them; `outputs` by
        name, each an `entry` or the previous manifest's for a file left in place."""
        return cls(generator_fingerprint(), inputs, outputs)

    @staticmethod
    def entry(
        stat: os.stat_result, digest: str, exporter: Exporter, options: BuildOptions, source: Path
    ) -> list[Any]:
        """What to record of a file we wrote: its `stat` and sha256 `digest` taken before
        it was renamed into place (after, another build may already have replaced it)."""
        return [*identity(stat), digest, options_key(options, exporter.options, topic_dir(source))]

    def write(self, out_dir: Path) -> None:
        data = {"generator": self.generator, "inputs": self.inputs, "outputs": self.outputs}
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
            and set(data) == {"generator", "inputs", "outputs"}
            and isinstance(data["generator"], str)
            and _is_map(data["inputs"], lambda h: isinstance(h, str))
            and all("\0" not in p for p in data["inputs"])
            and _is_map(data["outputs"], _is_output_entry)
        ):
            return None
        return cls(data["generator"], data["inputs"], data["outputs"])

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
            base = topic_dir(source)
            folder = label_folder_for(source, options.labels)
            if not {input_key(source, base), input_key(folder, base)} <= set(self.inputs):
                return []  # another topic file, or other label catalogues
            if any(input_hash(base / p) != h for p, h in self.inputs.items()):
                return []
        except (OSError, ValueError, FileRefused):  # ValueError: a NUL in a path
            return []
        return [e for e in exporters if self._intact(out_dir, e, options, base)]

    def _intact(self, out_dir: Path, exporter: Exporter, options: BuildOptions, base: Path) -> bool:
        name = exporter.filename(out_dir.name)
        entry = self.outputs.get(name)
        if entry is None or entry[4] != options_key(options, exporter.options, base):
            return False
        return _still_as_written(out_dir / name, entry) is not None

    def restamped(self, out_dir: Path) -> Manifest:
        """This manifest with each output that was recognised by its hash (its inode or
        time changed: the project was copied or moved) recorded as it is now, so that
        the next check is the quick one again."""
        outputs = {}
        for name, entry in self.outputs.items():
            now = _still_as_written(out_dir / name, entry)
            outputs[name] = entry if now is None else [*identity(now), *entry[3:]]
        return replace(self, outputs=outputs)


def _is_map(value: Any, valid: Callable[[Any], bool]) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and valid(v) for k, v in value.items()
    )


def _is_output_entry(value: Any) -> bool:
    """[size, mtime_ns, inode, sha256, options key]"""
    return (
        isinstance(value, list)
        and len(value) == 5
        and all(isinstance(n, int) and not isinstance(n, bool) for n in value[:3])
        and all(isinstance(text, str) for text in value[3:])
    )


def _still_as_written(path: Path, entry: list[Any]) -> os.stat_result | None:
    """The stat of the output at `path` if it is the file `entry` recorded: the same
    size, inode and time, or else (a copied or moved project) the same size and hash."""
    try:
        now = path.stat()
    except OSError:
        return None
    if identity(now) == entry[:3]:
        return now
    same = now.st_size == entry[0] and output_hash(path) == entry[3]
    return now if same else None


def identity(stat: os.stat_result) -> list[int]:
    """What tells us an output is still the one we wrote: a rename keeps all three,
    and another build's file differs in at least the inode."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]
