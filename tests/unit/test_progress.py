"""What a build prints: lines when piped, a bar on a terminal, and the exit code."""

from __future__ import annotations

import fcntl
import io
import os
import re
import struct
import termios
from pathlib import Path

import pytest

from generator.build import TopicResult
from generator.errors import ExitCode
from generator.progress import BAR_FROM, Reporter, bar_line
from generator.readability import ReadingLevel, Score


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def results(count: int) -> list[TopicResult]:
    return [
        TopicResult(
            Path(f"t{i}.yaml"),
            f"t{i}",
            written=[Path(f"/o/t{i}.pdf")],
            reading=ReadingLevel(
                (
                    Score("Flesch-Kincaid grade", 5.0, 8.0, higher_is_easier=False),
                    Score("SMOG", 7.5, 8.0, higher_is_easier=False),
                )
            ),
        )
        for i in range(count)
    ]


def test_piped_output_has_a_line_per_topic_and_file():
    out, err = io.StringIO(), io.StringIO()
    reporter = Reporter(BAR_FROM, stream=out, errors=err)
    done = results(BAR_FROM)
    for result in done:
        reporter.report(result)
    assert reporter.finish(done) == ExitCode.OK
    lines = out.getvalue().splitlines()
    assert lines[:2] == [
        "t0.yaml: Flesch-Kincaid grade 5.0, SMOG 7.5 (targets 8 or lower)",
        "t0: wrote /o/t0.pdf",
    ]
    assert len(lines) == 2 * BAR_FROM + 1
    assert err.getvalue() == ""


def test_terminal_shows_a_bar_and_errors():
    out, err = Terminal(), io.StringIO()
    done = results(BAR_FROM)
    done[3].error = "t3.yaml:1: title: missing (the file needs 'title')"
    reporter = Reporter(BAR_FROM, stream=out, errors=err)
    for result in done:
        reporter.report(result)
    assert reporter.finish(done) == ExitCode.CONTENT
    assert f"] {BAR_FROM}/{BAR_FROM} topics" in out.getvalue()
    assert "wrote" not in out.getvalue()
    assert err.getvalue().splitlines()[0] == done[3].error
    assert "; 1 failed" in err.getvalue()


def test_internal_error_exit_code():
    done = results(1)
    done[0].error, done[0].internal = "t0.yaml: internal error: KeyError: 'x'", True
    reporter = Reporter(1, stream=io.StringIO(), errors=io.StringIO())
    assert reporter.finish(done) == ExitCode.ERROR == 2


def test_debug_shows_where_an_internal_error_happened():
    """--debug promised a traceback, but a failed topic's was lost in its worker."""
    failed = TopicResult(
        Path("t.yaml"), internal=True, traceback="Traceback (most recent call last):\n  ...\n",
        error="t.yaml: internal error: ZeroDivisionError: division by zero",
    )  # fmt: skip
    for debug in (False, True):
        err = io.StringIO()
        Reporter(1, stream=io.StringIO(), errors=err, debug=debug).report(failed)
        assert ("Traceback (most recent call last)" in err.getvalue()) is debug
        assert err.getvalue().endswith("ZeroDivisionError: division by zero\n")


def test_warnings_show_with_the_progress_bar_too():
    """On a terminal the bar replaces the per-file lines, and took the warnings along."""
    term, err = Terminal(), io.StringIO()
    reporter = Reporter(BAR_FROM, stream=term, errors=err)
    done = results(BAR_FROM)
    done[3].warnings.append("warning: t3.yaml:5: reviewed: 2099-01-15 is in the future")
    for result in done:
        reporter.report(result)
    assert err.getvalue() == "warning: t3.yaml:5: reviewed: 2099-01-15 is in the future\n"


class SizedTerminal(Terminal):
    """What the reporter writes, kept; its size is a real pseudo-terminal's, set to
    `columns` (the reporter asks the stream's file descriptor, as for a real one)."""

    def __init__(self, columns: int) -> None:
        super().__init__()
        self._controller, self._tty = os.openpty()
        fcntl.ioctl(self._tty, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))

    def fileno(self) -> int:
        return self._tty

    def close(self) -> None:
        os.close(self._tty)
        os.close(self._controller)
        super().close()


def rows_used(text: str, columns: int) -> int:
    """The rows `text` fills on a terminal `columns` wide that wraps at its edge, as
    xterm and the Linux console do: a character written past the last column starts a
    new row; `\r` goes back to the start of the row; `\033[K` clears to its end."""
    rows, column = 1, 0
    for token in re.findall(r"\033\[K|.", text, flags=re.DOTALL):
        if token == "\r":
            column = 0
        elif token == "\n":
            rows, column = rows + 1, 0
        elif token != "\033[K":
            if column == columns:
                rows, column = rows + 1, 0
            column += 1
    return rows


@pytest.mark.parametrize("columns", [80, 30, 12, 4, 1])
def test_the_bar_fits_a_narrow_terminal(columns):
    """The bar (about 45 columns) used to wrap in a narrower terminal, and each redraw
    left rows behind: 10 topics filled 21 rows of a 20-column terminal, 11 of a 40."""
    term, err = SizedTerminal(columns), io.StringIO()
    try:
        reporter = Reporter(BAR_FROM, stream=term, errors=err)
        done = results(BAR_FROM)
        for result in done[:-1]:
            reporter.report(result)
        assert rows_used(term.getvalue(), columns) == 1
        assert f"{BAR_FROM - 1}/{BAR_FROM}"[: columns - 1] in term.getvalue()
    finally:
        term.close()


def test_the_bar_shrinks_before_the_count_is_cut():
    assert bar_line(5, 10, 80) == f"[{'#' * 15}{'-' * 15}] 5/10 topics"
    assert bar_line(5, 10, 30) == "[#######--------] 5/10 topics"  # 29 columns
    assert bar_line(5, 10, 20) == "5/10 topics"
    assert bar_line(5, 10, 6) == "5/10 "
