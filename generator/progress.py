"""What a build prints: one line per topic and file, or a progress bar on a terminal."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Sequence
from typing import TextIO

from generator.build import TopicResult
from generator.errors import ExitCode
from generator.paths import shown
from generator.readability import describe

BAR_FROM = 10
"""On a terminal, builds of this many topics or more show a progress bar instead of
one line per file."""

BAR_WIDTH = 30
"""Columns of the bar itself, in a terminal wide enough."""


def terminal_columns(stream: TextIO) -> int:
    """The width, in columns, of the terminal `stream` writes to (80 if it cannot say),
    asked at each redraw so that a resized window is followed."""
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return 80


def bar_line(done: int, total: int, columns: int) -> str:
    """The progress line, narrower than `columns`: a line that fills the terminal's
    last column wraps, and `\r` then goes back only to its last row, so each redraw
    would leave a row behind. The bar shrinks to fit, is left out when fewer than 10 of
    its columns fit, and the count is cut last."""
    count = f"{done}/{total} topics"
    room = columns - 1 - len(count) - 3  # "[", "] "
    if room < 10:
        return count[: max(columns - 1, 0)]
    width = min(BAR_WIDTH, room)
    filled = width * done // total
    return f"[{'#' * filled}{'-' * (width - filled)}] {count}"


class Reporter:
    def __init__(self, total: int, *, stream: TextIO, errors: TextIO, debug: bool = False) -> None:
        self.total = total
        self.debug = debug
        self.done = 0
        self.stream = stream
        self.errors = errors
        self.bar = total >= BAR_FROM and stream.isatty()
        self.started = time.perf_counter()

    def report(self, result: TopicResult) -> None:
        """Called once per topic, as it finishes."""
        self.done += 1
        if result.error is not None:
            self._clear_bar()
            self.stream.flush()  # what was said before it first, when both go to one pipe
            if self.debug and result.traceback:
                print(result.traceback, end="", file=self.errors)
            print(result.error, file=self.errors, flush=True)
        elif not self.bar:
            self._print_lines(result)
        elif notes := self.warnings(result):  # the bar hides the lines, not the warnings
            self._clear_bar()
            print("\n".join(notes), file=self.errors, flush=True)
        if result.failed:
            self._report_failures(result)
        if self.bar:
            self._draw_bar()
        self.stream.flush()  # a reader sees each topic as it is done (and `| head` stops us)

    def _report_failures(self, result: TopicResult) -> None:
        """Each output that could not be made, once per problem; the others were."""
        self._clear_bar()
        self.stream.flush()
        for failure in result.failed:
            if self.debug and failure.traceback:
                print(failure.traceback, end="", file=self.errors)
            names = ", ".join(failure.exporters)
            print(f"{failure.message}\n{result.topic_id}: not made: {names}", file=self.errors)
        self.errors.flush()

    @staticmethod
    def warnings(result: TopicResult) -> list[str]:
        level = result.reading and result.reading.warning(result.source)
        return [*([level] if level else []), *result.warnings]

    def _print_lines(self, result: TopicResult) -> None:
        if not result.written and not result.failed:
            print(
                f"{result.source}: unchanged, {len(result.skipped)} files up to date",
                file=self.stream,
            )
            return
        print(f"{result.source}: {describe(result.reading)}", file=self.stream)
        if notes := self.warnings(result):
            self.stream.flush()
            print("\n".join(notes), file=self.errors, flush=True)
        for path in result.written:
            print(f"{result.topic_id}: wrote {shown(path)}", file=self.stream)
        if result.recorded:
            print(
                f"{result.topic_id}: recorded the deck students will have in "
                f"{shown(result.recorded)} (commit it with the topic)",
                file=self.stream,
            )
        if result.skipped:
            print(f"{result.topic_id}: {len(result.skipped)} files up to date", file=self.stream)

    def _draw_bar(self) -> None:
        line = bar_line(self.done, self.total, terminal_columns(self.stream))
        self.stream.write(f"\r\033[K{line}")
        self.stream.flush()

    def _clear_bar(self) -> None:
        if self.bar:
            self.stream.write("\r\033[K")

    def finish(self, results: Sequence[TopicResult]) -> int:
        """Print the summary; return the exit code."""
        self._clear_bar()
        failed = [r for r in results if not r.ok]
        written = sum(len(r.written) for r in results)
        skipped = sum(len(r.skipped) for r in results)
        outputs = sum(len(f.exporters) for r in results for f in r.failed)
        seconds = time.perf_counter() - self.started
        summary = (
            f"built {len(results) - len(failed)} of {len(results)} topics: "
            f"{written} files written, {skipped} up to date, in {seconds:.2f} s"
        )
        if failed:
            self.stream.flush()
            whole = sum(r.error is not None for r in failed)
            parts = [f"{whole} failed"] if whole else []
            parts += (
                [f"{outputs} {'output' if outputs == 1 else 'outputs'} not made"] if outputs else []
            )
            print(f"{summary}; {', '.join(parts)}", file=self.errors)
            internal = any(r.internal or any(f.internal for f in r.failed) for r in failed)
            return ExitCode.ERROR if internal else ExitCode.CONTENT
        print(summary, file=self.stream)
        return ExitCode.OK
