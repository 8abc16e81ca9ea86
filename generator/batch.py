"""Build many topics: one after another, or on a standard process pool whose workers
never outlive the build."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path

from generator.build import TopicResult, build_topic
from generator.exporters import EXPORTERS, Exporter
from generator.options import BuildOptions
from generator.topic_files import distinct_topics


def build_all(
    paths: Sequence[Path],
    out_root: Path,
    options: BuildOptions,
    *,
    jobs: int = 1,
    force: bool = False,
    exporters: Sequence[Exporter] = EXPORTERS,
    on_result: Callable[[TopicResult], None] = lambda r: None,
) -> list[TopicResult]:
    """Build the outputs of `exporters` for every topic in `paths` once, on `jobs`
    processes; one failing topic does not stop the others. Results come back in the
    order of `paths`; `on_result` is called as each finishes."""
    paths = distinct_topics(paths)
    build = partial(
        build_topic, out_root=out_root, options=options, force=force, exporters=exporters
    )
    if jobs > 1 and len(paths) > 1:
        return _build_in_pool(paths, build, jobs, on_result)
    return _build_here(paths, build, on_result)


def _build_here(
    paths: list[Path],
    build: Callable[[Path], TopicResult],
    on_result: Callable[[TopicResult], None],
) -> list[TopicResult]:
    """`build_all` in this process, one topic after another."""
    results = []
    for path in paths:
        results.append(build(path))
        on_result(results[-1])
    return results


def _build_in_pool(
    paths: list[Path],
    build: Callable[[Path], TopicResult],
    jobs: int,
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
                with _ctrl_c_held():
                    futures = [pool.submit(build, path) for path in paths]
            except OSError:  # no process to spare (a limit on processes): build here
                pool.shutdown(wait=True, cancel_futures=True)
                return _build_here(paths, build, on_result)
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


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold a Ctrl-C while the pool starts its workers (submit forks them): a worker
    forked then would take it before its initializer ignores it (a traceback), and the
    pool would be stopped half started. The Ctrl-C is delivered when this ends."""
    main = threading.current_thread() is threading.main_thread()
    main = main and hasattr(signal, "pthread_sigmask")  # POSIX
    if main:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if main:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _start_worker(parent: int) -> None:
    """In each worker process. Ctrl-C is the main process's to handle: it stops the
    batch, and each worker finishes its topic. On Linux the worker is killed when
    the main process dies (kill -9, or SIGTERM): a pool's workers would otherwise
    build on, then wait for work for ever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # held while forked (POSIX)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if _DIES_WITH_PARENT:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl: nobody to build for
            os._exit(1)
