"""Build topics into output files: load, validate, export, then write atomically."""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import forked, gc_tuning
from generator.atomic import remove_stale_temporaries, staged
from generator.errors import ContentError, GeneratorError
from generator.exporters import EXPORTERS, Exporter
from generator.incremental import Manifest, hashes, topic_inputs
from generator.interrupts import held_interrupt
from generator.lint import review_date_warning
from generator.load import load_topic
from generator.model import Topic
from generator.options import BuildOptions
from generator.paths import safe_name, topic_out_dir
from generator.readability import handout_grade

if TYPE_CHECKING:
    from concurrent.futures import Executor

    import jinja2


@dataclass
class TopicResult:
    """What happened to one topic file."""

    source: Path
    topic_id: str | None = None
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    """Outputs left as they were because nothing they depend on changed."""
    grade: float | None = None
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
        elif seen[path.stem].resolve() != path.resolve():
            raise GeneratorError(
                f"{path}: same topic name as {seen[path.stem]} (each topic needs its own id)"
            )
    return list(seen.values())


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
    *,
    two_processes: bool = False,
) -> dict[Path, os.stat_result]:
    """Write every output of `topic` into `out_root/<topic-id>/`; each file written,
    with its stat as renamed into place.

    All outputs are made under temporary names first; only when every exporter has
    succeeded are they renamed into place, so a failure leaves the previous build whole.
    With `two_processes` (and where forked.available()), the exporters of the first
    group run here and the others in a second process at the same time.
    """
    out_dir = topic_out_dir(out_root, topic.id)
    remove_stale_temporaries(out_dir)
    with staged() as files:
        jobs = [(e, files.temp_for(out_dir / e.filename(topic.id))) for e in exporters]

        def run(part: list[tuple[Exporter, Path]]) -> None:
            for exporter, temp in part:
                env = _template_env() if exporter.templates else None
                exporter.run(topic, temp, env=env, options=options)

        here = [job for job in jobs if job[0].group == jobs[0][0].group] if jobs else []
        aside = [job for job in jobs if job not in here]
        if two_processes and aside and forked.available():
            forked.run_both([partial(run, [job]) for job in here], partial(run, aside))
        else:
            run(jobs)
        with held_interrupt():  # every file renamed, or none: never half old, half new
            return files.commit()


def _template_env() -> jinja2.Environment:
    # Imported here: `check`, and a process that makes only PDFs, never load Jinja2.
    from generator.templating import shared_env

    return shared_env()


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
    path: Path,
    out_root: Path,
    options: BuildOptions,
    *,
    force: bool = False,
    two_processes: bool = False,
) -> TopicResult:
    """Load and export one topic file, running only the exporters whose file is out of
    date (all with `force`), in two processes if asked (`export_topic`); errors are
    returned, never raised."""
    started = time.perf_counter()
    result = TopicResult(path)
    try:
        current = [] if force else up_to_date(path, out_root, options)
        stale = [e for e in EXPORTERS if e not in current]
        if not stale:
            out_dir = topic_out_dir(out_root, path.stem)
            remove_stale_temporaries(out_dir)  # left by a build killed since the last one
            result.topic_id = path.stem
            result.skipped = [out_dir / e.filename(path.stem) for e in current]
        else:
            # Hashed before they are read: a file saved during the build then differs
            # from its hash, and the next build rebuilds.
            source = _hash_or_none(path)
            topic = load_topic(path)
            result.topic_id = topic.id
            result.grade = handout_grade(topic)
            if note := review_date_warning(topic, dt.date.today()):
                result.warnings.append(note)
            inputs = source | hashes(topic_inputs(topic, options)) if source else {}
            out_dir = topic_out_dir(out_root, topic.id)
            previous = Manifest.read(out_dir)
            kept = [e.filename(topic.id) for e in current]
            if current and (  # changed since the check (an edit, another build): redo all
                previous is None
                or previous.inputs != inputs
                or any(name not in previous.outputs for name in kept)
            ):
                current, stale = [], list(EXPORTERS)
            made = export_topic(topic, out_root, options, stale, two_processes=two_processes)
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
    gc_tuning.settle()
    return result


def _hash_or_none(path: Path) -> dict[str, str] | None:
    """`hashes([path])`, or None when it cannot be read (loading it says why)."""
    try:
        return hashes([path])
    except OSError:
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
    if jobs <= 1 or len(paths) <= 1:
        # One topic with cores to spare: its PDFs here, its other files beside them.
        results = []
        for path in paths:
            result = build_topic(path, out_root, options, force=force, two_processes=jobs > 1)
            on_result(result)
            results.append(result)
        return results
    # Imported here: multiprocessing costs a one-topic build about 10 ms for nothing.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    by_path: dict[Path, TopicResult] = {}
    others = set(multiprocessing.active_children())  # not ours to stop (an embedding program's)
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(paths)), initializer=_start_worker)
    try:
        try:
            with held_interrupt():  # workers are forked here
                futures = [
                    pool.submit(build_topic, p, out_root, options, force=force) for p in paths
                ]
        except (OSError, RuntimeError):  # no process or thread to spare (a limit on them)
            _abandon(pool, others)
            return build_all(paths, out_root, options, jobs=1, force=force, on_result=on_result)
        for future in as_completed(futures):
            result = future.result()
            on_result(result)
            by_path[result.source] = result
    except BaseException:
        # Ctrl-C, or nobody left to read what we print (`| head`), or a bug: the
        # workers finish the topic in hand (its files are renamed whole, or not at
        # all) and start no other. A second Ctrl-C must not cut that short.
        with held_interrupt():
            try:
                pool.shutdown(wait=True, cancel_futures=True)
            except RuntimeError:  # its manager thread never started: nothing to wait for
                _abandon(pool, others)
        raise
    pool.shutdown(wait=True)
    return [by_path[p] for p in paths]


def _abandon(pool: Executor, others: set[Any]) -> None:
    """Stop a pool that could not start all its workers: those that did start (the
    children not in `others`) are killed and nothing is waited for. A topic one of
    them had in hand is built again by the caller, whole."""
    import multiprocessing

    with held_interrupt():
        for worker in set(multiprocessing.active_children()) - others:
            worker.kill()
            worker.join()
        pool.shutdown(wait=False, cancel_futures=True)


def _start_worker() -> None:
    """In each worker process: Ctrl-C goes to the main process, which stops the
    batch; a worker interrupted mid-topic would print a traceback and could leave
    temporaries. Then the start-up garbage collection policy."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc_tuning.start()
