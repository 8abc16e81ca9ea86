"""Build topics into output files: load, validate, export, then write atomically.

One topic is built in one process; a batch runs topics on a standard process pool.
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
import traceback
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.atomic import folder_lock, remove_stale_temporaries, staged, write_text_atomic
from generator.deck_record import ANKI_OUTPUTS, record_path, record_text
from generator.errors import ContentError, GeneratorError
from generator.exporters import EXPORTERS, Exporter, for_topic
from generator.files import FileRefused
from generator.incremental import (
    MANIFEST_NAME,
    Manifest,
    hashes,
    output_hash,
    picture_inputs,
    topic_inputs,
)
from generator.labels import Labels, labels_for
from generator.lint import topic_warnings
from generator.load import load_topic
from generator.model import Topic
from generator.options import BuildOptions
from generator.paths import safe_name, topic_out_dir
from generator.readability import ReadingLevel, reading_level


@dataclass(frozen=True)
class Failure:
    """An output that could not be made; the topic's other outputs still are."""

    exporters: tuple[str, ...]
    """The names of the exporters that failed with this message (a card that cannot
    fit fails the card and its print sheet alike)."""
    message: str
    internal: bool = False
    """A bug of ours, not a problem with the content."""
    traceback: str | None = None


@dataclass
class TopicResult:
    """What happened to one topic file."""

    source: Path
    topic_id: str | None = None
    title: str | None = None
    """The topic's title, when this build loaded it (not when every output was current)."""
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    """Outputs left as they were because nothing they depend on changed."""
    recorded: Path | None = None
    """The record of the last deck beside the topic, when this build changed it."""
    reading: ReadingLevel | None = None
    warnings: list[str] = field(default_factory=list)
    """Printed, never fatal (generator/lint.py)."""
    failed: list[Failure] = field(default_factory=list)
    """Outputs that could not be made; the others were."""
    error: str | None = None
    """Why the topic as a whole could not be built (its file, a full disk)."""
    internal: bool = False
    """The error is a bug of ours, not a problem with the content."""
    traceback: str | None = None
    """Where a bug of ours happened, shown with --debug."""
    seconds: float = 0.0
    labels: Labels | None = None
    """The labels its outputs were made with (`--verbose` says where each came from);
    None when it was not loaded."""

    @property
    def ok(self) -> bool:
        """Every output asked for was made (or was up to date)."""
        return self.error is None and not self.failed


DEFAULT_GC_THRESHOLD = gc.get_threshold()
STARTING_GC_THRESHOLD = (500_000, 50, 50)


def collect_rarely_while_starting() -> None:
    """Garbage collection for a build process. Its first topic makes a few hundred
    thousand objects that live until the process ends (modules, parsed fonts, compiled
    templates): the hamstring topic about 130,000 that the collector tracks. With
    CPython's default threshold the collector walks them hundreds of times, about 30 ms
    of a one-topic build, and even one collection of them costs 15-25 ms
    (docs/performance.md). So the first topic is built without one; then `_settle_gc`
    sets what lives aside. The threshold still bounds a first topic that leaves far more
    behind: it is collected every 500,000 objects."""
    gc.set_threshold(*STARTING_GC_THRESHOLD)


def _settle_gc() -> None:
    """After a process's first topic: what lives now is kept out of the collector's
    way (`gc.freeze`) and the default threshold comes back, so that a long batch
    collects its garbage promptly and its memory stays flat."""
    if gc.get_threshold() == STARTING_GC_THRESHOLD:
        gc.freeze()
        gc.set_threshold(*DEFAULT_GC_THRESHOLD)


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def export_topic(
    topic: Topic,
    out_root: Path,
    options: BuildOptions,
    exporters: Iterable[Exporter] = EXPORTERS,
) -> tuple[dict[Exporter, tuple[Path, os.stat_result, str]], list[Failure]]:
    """Write the outputs of `exporters` for `topic` into `out_root/<topic-id>/`: each
    exporter's file with its stat as renamed into place and its sha256, and what failed.

    All outputs are made under temporary names first, then renamed into place together.
    An exporter that fails (text too tall for the card, a glyph the fonts lack, a bug)
    costs only its own file, which keeps its previous version; every exporter runs, so
    one build reports every problem.
    """
    out_dir = topic_out_dir(out_root, topic.id)
    failures: list[Failure] = []
    made: dict[Path, tuple[Exporter, str]] = {}
    with folder_lock(out_dir), staged() as files:
        remove_stale_temporaries(out_dir, our_files(topic.id))
        for exporter in exporters:
            final = out_dir / exporter.filename(topic.id)
            temp = files.temp_for(final)
            failure = _run(exporter, topic, temp, options)
            if failure is None:
                made[final] = (exporter, output_hash(temp) or "")
            else:
                files.drop(final)
                _add(failures, failure)
        written = files.commit()
    return {made[f][0]: (f, stat, made[f][1]) for f, stat in written.items()}, failures


def _run(exporter: Exporter, topic: Topic, temp: Path, options: BuildOptions) -> Failure | None:
    """Run one exporter; what went wrong, or None. A file that cannot be written (a
    full disk) is no exporter's fault: it stops the topic."""
    try:
        exporter.run(topic, temp, options)
    except GeneratorError as exc:
        message = str(exc)
        if not message.startswith(topic.location):  # a clinic's or a catalogue's file
            message = f"{topic.location}: {message}"
        return Failure((exporter.name,), message)
    except OSError:
        raise
    except Exception as exc:  # a bug: report it for this output and go on
        return Failure(
            (exporter.name,),
            f"{topic.location}: {exporter.name}: internal error: {type(exc).__name__}: {exc} "
            "(please report this with the topic file)",
            internal=True,
            traceback=traceback.format_exc(),
        )
    return None


def _add(failures: list[Failure], failure: Failure) -> None:
    """Add `failure`, folding it into an earlier one with the same message."""
    for index, earlier in enumerate(failures):
        if earlier.message == failure.message:
            names = earlier.exporters + failure.exporters
            failures[index] = Failure(names, earlier.message, earlier.internal, earlier.traceback)
            return
    failures.append(failure)


def our_files(topic_id: str) -> list[str]:
    """The names of the files a build writes into `out/<topic-id>/`."""
    return [e.filename(topic_id) for e in EXPORTERS] + [MANIFEST_NAME]


def up_to_date(
    path: Path, out_root: Path, options: BuildOptions, exporters: Sequence[Exporter] = EXPORTERS
) -> list[Exporter]:
    """The exporters whose file a previous build of `path` made from the same inputs
    and options, and which are still as written: they need not run again."""
    try:
        out_dir = topic_out_dir(out_root, safe_name(path.stem))
    except GeneratorError:
        return []  # not a valid id: the full build will say why
    manifest = Manifest.read(out_dir)
    return [] if manifest is None else manifest.current(path, out_dir, exporters, options)


def build_topic(
    path: Path,
    out_root: Path,
    options: BuildOptions,
    *,
    force: bool = False,
    exporters: Sequence[Exporter] = EXPORTERS,
) -> TopicResult:
    """Load and export one topic file, running those of `exporters` whose file is out
    of date (all with `force`); errors are returned in the result, never raised."""
    started = time.perf_counter()
    result = TopicResult(path)
    try:
        current = [] if force else up_to_date(path, out_root, options, exporters)
        if len(current) == len(exporters):
            _skip(path, out_root, current, result)
        else:
            _rebuild(path, out_root, options, exporters, current, result)
    except ContentError as exc:
        result.error = str(exc)
    except GeneratorError as exc:
        message = str(exc)
        result.error = message if message.startswith(str(path)) else f"{path}: {message}"
    except OSError as exc:
        result.error = f"{path}: cannot write output: {exc} (check --out and free disk space)"
    except Exception as exc:  # a bug: report it for this topic and go on with the others
        result.internal = True
        result.traceback = traceback.format_exc()
        result.error = (
            f"{path}: internal error: {type(exc).__name__}: {exc} "
            "(please report this with the topic file)"
        )
    result.seconds = time.perf_counter() - started
    _settle_gc()
    return result


def _skip(path: Path, out_root: Path, current: list[Exporter], result: TopicResult) -> None:
    """Nothing changed: leave every output as it is (if the project was moved, record
    where its outputs now are on disk)."""
    out_dir = topic_out_dir(out_root, path.stem)
    with folder_lock(out_dir):  # left by a build killed since the last one
        remove_stale_temporaries(out_dir, our_files(path.stem))
        manifest = Manifest.read(out_dir)
        if manifest is not None and (now := manifest.restamped(out_dir)) != manifest:
            now.write(out_dir)
    result.topic_id = path.stem
    result.skipped = [out_dir / e.filename(path.stem) for e in current]


def _rebuild(
    path: Path,
    out_root: Path,
    options: BuildOptions,
    exporters: Sequence[Exporter],
    current: list[Exporter],
    result: TopicResult,
) -> None:
    """Load the topic and run those of `exporters` it wants that are not in `current`;
    record what was made."""
    # Hashed before they are read: a file saved during the build then differs from
    # its hash, and the next build rebuilds.
    source = _hash_or_none(path)
    topic = load_topic(path, options.labels)
    result.topic_id, result.title = topic.id, topic.title
    result.labels = labels_for(topic)
    result.reading = reading_level(topic)
    result.warnings += topic_warnings(topic)
    if source:
        inputs = source | hashes(topic_inputs(topic), path) | picture_inputs(topic, options, path)
    else:
        inputs = {}
    out_dir = topic_out_dir(out_root, topic.id)
    wanted = for_topic(exporters, topic)
    with folder_lock(out_dir):  # the manifest too is written under the lock
        previous = Manifest.read(out_dir)
        if current and not (previous and previous.vouches_for(inputs, current, topic.id)):
            current = []  # changed since the check (an edit, another build): redo all
        current = [e for e in current if e in wanted]
        stale = [e for e in wanted if e not in current]
        made, result.failed = export_topic(topic, out_root, options, stale) if stale else ({}, [])
        result.written = [final for final, _, _ in made.values()]
        result.warnings += exporter_notes(topic, options, made)
        result.skipped = [out_dir / e.filename(topic.id) for e in current]
        if any(e.name in ANKI_OUTPUTS for e in made):
            result.recorded = keep_deck_record(path, topic, options)
            inputs |= hashes([record_path(path)], path) if inputs else {}
        if inputs:
            entries = {
                final.name: Manifest.entry(stat, digest, exporter, options, path)
                for exporter, (final, stat, digest) in made.items()
            }
            was = previous.restamped(out_dir) if previous else None
            kept = {p.name: was.outputs[p.name] for p in result.skipped} if was else {}
            Manifest.record(inputs, kept | entries).write(out_dir)
    _remove_if_empty(out_dir)


def keep_deck_record(path: Path, topic: Topic, options: BuildOptions) -> Path | None:
    """Write the record of the deck just built beside `path` (`deck_record`); its path
    if it changed, None if it was already so."""
    from generator.exporters.anki import next_record  # only a build of a deck needs it

    target = record_path(path)
    text = record_text(next_record(topic, options), path.name)
    try:
        if target.read_text(encoding="utf-8") == text:
            return None
    except (OSError, UnicodeError):
        pass  # none yet, or not ours: the loader read it, so it is replaced
    try:
        write_text_atomic(target, text)
    except OSError as exc:
        why = f"{target}: cannot write the record of the deck: {exc.strerror or exc}"
        raise GeneratorError(f"{why} (make the topic's folder writable)") from None
    return target


def exporter_notes(topic: Topic, options: BuildOptions, made: Iterable[Exporter]) -> list[str]:
    """What the exporters that made their file have to say about it, each note once
    (the card and its print sheet leave off the same pictures)."""
    notes: list[str] = []
    for exporter in made:
        notes += [n for n in exporter.notes_on(topic, options) if n not in notes]
    return notes


def _remove_if_empty(folder: Path) -> None:
    """A topic none of whose outputs could be made leaves no empty folder behind."""
    with contextlib.suppress(OSError):  # not empty, or gone: either is fine
        if not any(p.name != MANIFEST_NAME for p in folder.iterdir()):
            (folder / MANIFEST_NAME).unlink(missing_ok=True)
            folder.rmdir()


def _hash_or_none(path: Path) -> dict[str, str] | None:
    """`hashes([path])`, or None when it cannot be read (loading it says why)."""
    try:
        return hashes([path], path)
    except (OSError, FileRefused):
        return None
