"""Build topics into output files: load, validate, export, then write atomically.

One topic is built in one process; a batch runs topics on a standard process pool.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.atomic import folder_lock, remove_stale_temporaries, staged
from generator.errors import ContentError, GeneratorError
from generator.exporters import EXPORTERS, Exporter
from generator.files import FileRefused
from generator.incremental import MANIFEST_NAME, Manifest, hashes, topic_inputs
from generator.lint import topic_warnings
from generator.load import load_topic
from generator.model import Topic
from generator.options import BuildOptions
from generator.paths import resolved, safe_name, topic_out_dir
from generator.readability import ReadingLevel, reading_level


@dataclass
class TopicResult:
    """What happened to one topic file."""

    source: Path
    topic_id: str | None = None
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    """Outputs left as they were because nothing they depend on changed."""
    reading: ReadingLevel | None = None
    warnings: list[str] = field(default_factory=list)
    """Printed, never fatal (generator/lint.py)."""
    error: str | None = None
    internal: bool = False
    """The error is a bug of ours, not a problem with the content."""
    traceback: str | None = None
    """Where a bug of ours happened, shown with --debug."""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


DEFAULT_GC_THRESHOLD = gc.get_threshold()
STARTING_GC_THRESHOLD = (100_000, 50, 50)


def collect_rarely_while_starting() -> None:
    """Garbage collection for a build process. Its first topic makes a few hundred
    thousand objects that live until the process ends (modules, parsed fonts, compiled
    templates); with CPython's default threshold the collector walks them hundreds of
    times, about 30 ms of a one-topic build (docs/performance.md). So it collects
    rarely until the first topic is built; then `_settle_gc` sets them aside."""
    gc.set_threshold(*STARTING_GC_THRESHOLD)


def _settle_gc() -> None:
    """After a process's first topic: what lives now is kept out of the collector's
    way (`gc.freeze`) and the default threshold comes back, so that a long batch
    collects its garbage promptly and its memory stays flat."""
    if gc.get_threshold() == STARTING_GC_THRESHOLD:
        gc.freeze()
        gc.set_threshold(*DEFAULT_GC_THRESHOLD)


def find_topics(content_dir: Path) -> list[Path]:
    """Every topic file in `content_dir`, sorted by name."""
    return sorted(p for p in content_dir.glob("*.yaml") if p.is_file())


def distinct_topics(paths: Sequence[Path]) -> list[Path]:
    """`paths` with repeats of the same file dropped, in order. Two different files
    that would write to the same `out/<topic-id>/` are refused."""
    seen: dict[str, Path] = {}
    for path in paths:
        if path.stem not in seen:
            seen[path.stem] = path
        elif not _same_file(seen[path.stem], path):
            raise GeneratorError(
                f"{path}: same topic name as {seen[path.stem]} (each topic needs its own id)"
            )
    return list(seen.values())


def _same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file; `GeneratorError` if a symbolic link on the way
    leads back to itself."""
    try:
        return resolved(first) == resolved(second)
    except OSError as exc:
        raise GeneratorError(
            f"{exc.filename or second}: {exc.strerror or exc} (fix or remove the link)"
        ) from None


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
) -> dict[Path, os.stat_result]:
    """Write every output of `topic` into `out_root/<topic-id>/`; each file written,
    with its stat as renamed into place.

    All outputs are made under temporary names first; only when every exporter has
    succeeded are they renamed into place, so a failure leaves the previous build whole.
    """
    out_dir = topic_out_dir(out_root, topic.id)
    with folder_lock(out_dir), staged() as files:
        remove_stale_temporaries(out_dir, our_files(topic.id))
        for exporter in exporters:
            exporter.run(topic, files.temp_for(out_dir / exporter.filename(topic.id)), options)
        return files.commit()


def our_files(topic_id: str) -> list[str]:
    """The names of the files a build writes into `out/<topic-id>/`."""
    return [e.filename(topic_id) for e in EXPORTERS] + [MANIFEST_NAME]


def up_to_date(path: Path, out_root: Path, options: BuildOptions) -> list[Exporter]:
    """The exporters whose file a previous build of `path` made from the same inputs
    and options, and which are still as written: they need not run again."""
    try:
        out_dir = topic_out_dir(out_root, safe_name(path.stem))
    except GeneratorError:
        return []  # not a valid id: the full build will say why
    manifest = Manifest.read(out_dir)
    return [] if manifest is None else manifest.current(path, out_dir, EXPORTERS, options)


def build_topic(
    path: Path, out_root: Path, options: BuildOptions, *, force: bool = False
) -> TopicResult:
    """Load and export one topic file, running only the exporters whose file is out of
    date (all with `force`); errors are returned in the result, never raised."""
    started = time.perf_counter()
    result = TopicResult(path)
    try:
        current = [] if force else up_to_date(path, out_root, options)
        if len(current) == len(EXPORTERS):
            _skip(path, out_root, current, result)
        else:
            _rebuild(path, out_root, options, current, result)
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
    """Nothing changed: leave every output as it is."""
    out_dir = topic_out_dir(out_root, path.stem)
    with folder_lock(out_dir):  # left by a build killed since the last one
        remove_stale_temporaries(out_dir, our_files(path.stem))
    result.topic_id = path.stem
    result.skipped = [out_dir / e.filename(path.stem) for e in current]


def _rebuild(
    path: Path, out_root: Path, options: BuildOptions, current: list[Exporter], result: TopicResult
) -> None:
    """Load the topic and run the exporters not in `current`; record what was made."""
    # Hashed before they are read: a file saved during the build then differs from
    # its hash, and the next build rebuilds.
    source = _hash_or_none(path)
    topic = load_topic(path)
    result.topic_id = topic.id
    result.reading = reading_level(topic)
    result.warnings += topic_warnings(topic)
    inputs = source | hashes(topic_inputs(topic, options)) if source else {}
    out_dir = topic_out_dir(out_root, topic.id)
    previous = Manifest.read(out_dir)
    if current and not (previous and previous.vouches_for(inputs, current, topic.id)):
        current = []  # changed since the check (an edit, another build): redo all
    stale = [e for e in EXPORTERS if e not in current]
    with folder_lock(out_dir):  # the manifest too is written under the lock
        made = export_topic(topic, out_root, options, stale)
        result.written = list(made)
        result.skipped = [out_dir / e.filename(topic.id) for e in current]
        if inputs:
            entries = {
                final.name: Manifest.entry(stat, exporter, options)
                for (final, stat), exporter in zip(made.items(), stale, strict=True)
            }
            if previous is not None:  # the files left in place, as checked
                entries |= {p.name: previous.outputs[p.name] for p in result.skipped}
            Manifest.record(inputs, entries).write(out_dir)


def _hash_or_none(path: Path) -> dict[str, str] | None:
    """`hashes([path])`, or None when it cannot be read (loading it says why)."""
    try:
        return hashes([path])
    except (OSError, FileRefused):
        return None


def build_all(
    paths: Sequence[Path],
    out_root: Path,
    options: BuildOptions,
    *,
    jobs: int = 1,
    force: bool = False,
    on_result: Callable[[TopicResult], None] = lambda r: None,
) -> list[TopicResult]:
    """Build every topic in `paths` once, on `jobs` processes; one failing topic does
    not stop the others. Results come back in the order of `paths`; `on_result` is
    called as each finishes."""
    paths = distinct_topics(paths)
    if jobs > 1 and len(paths) > 1:
        return _build_in_pool(paths, out_root, options, jobs, force, on_result)
    results = []
    for path in paths:
        results.append(build_topic(path, out_root, options, force=force))
        on_result(results[-1])
    return results


def _build_in_pool(
    paths: list[Path],
    out_root: Path,
    options: BuildOptions,
    jobs: int,
    force: bool,
    on_result: Callable[[TopicResult], None],
) -> list[TopicResult]:
    """`build_all` on a pool of `jobs` worker processes."""
    # Imported here: a one-topic build does not need them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    by_path: dict[Path, TopicResult] = {}
    context = multiprocessing.get_context("fork" if _DIES_WITH_PARENT else None)
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(paths)),
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(),),
    ) as pool:
        try:
            try:
                futures = [
                    pool.submit(build_topic, p, out_root, options, force=force) for p in paths
                ]
            except OSError:  # no process to spare (a limit on processes): build here
                pool.shutdown(wait=True, cancel_futures=True)
                return build_all(paths, out_root, options, force=force, on_result=on_result)
            for future in as_completed(futures):
                result = future.result()
                on_result(result)
                by_path[result.source] = result
        except BaseException:
            # Ctrl-C, a reader that stopped reading (`| head`), or a bug: each worker
            # finishes the topic in hand (renamed whole, or not at all) and starts no
            # other. A second Ctrl-C must not cut that wait short: Python 3.11 would
            # then take the pool's threads for ended, and exit under its workers.
            main = threading.current_thread() is threading.main_thread()
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
            try:
                pool.shutdown(wait=True, cancel_futures=True)
            finally:
                if previous is not None:
                    signal.signal(signal.SIGINT, previous)
            raise
    return [by_path[p] for p in paths]


_PR_SET_PDEATHSIG = 1
_DIES_WITH_PARENT = hasattr(os, "sched_getaffinity")  # Linux: prctl(PR_SET_PDEATHSIG)


def _start_worker(parent: int) -> None:
    """In each worker process. Ctrl-C is the main process's to handle: it stops the
    batch, and each worker finishes its topic. On Linux the worker is killed when
    the main process dies (kill -9, or SIGTERM): a pool's workers would otherwise
    build on, then wait for work for ever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _DIES_WITH_PARENT:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl: nobody to build for
            os._exit(1)
