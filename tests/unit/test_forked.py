"""Work in a second, forked process: its result, its errors, and how it ends."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from generator import forked
from generator.errors import ContentError, ExportError, Problem

pytestmark = pytest.mark.skipif(not forked.available(), reason="forks on Linux only")


def write_pid(path: Path) -> None:
    path.write_text(str(os.getpid()), encoding="utf-8")


def test_work_runs_in_another_process_at_the_same_time(tmp_path):
    beside, here = tmp_path / "beside", tmp_path / "here"
    with forked.beside(lambda: write_pid(beside)):
        write_pid(here)
    assert int(here.read_text()) == os.getpid()
    assert int(beside.read_text()) != os.getpid()


def fails_with(error: BaseException) -> None:
    raise error


@pytest.mark.parametrize(
    "error",
    [
        ExportError("t.yaml:3: title: too long for the card"),
        ContentError([Problem(Path("t.yaml"), "title", "missing", 1, "add it")]),
        OSError(28, "No space left on device", "out/x.pdf"),
        KeyError("internal"),
    ],
    ids=["export", "content", "disk-full", "bug"],
)
def test_error_comes_back_as_raised(error):
    with pytest.raises(type(error)) as raised, forked.beside(lambda: fails_with(error)):
        pass
    assert str(raised.value) == str(error)
    assert raised.value.args == error.args
    [note] = raised.value.__notes__
    assert "in the second build process" in note
    assert "fails_with" in note  # the child's own traceback, for --debug


def test_content_error_keeps_its_problems():
    problem = Problem(Path("t.yaml"), "title", "missing", 1, "add it")
    with (
        pytest.raises(ContentError) as raised,
        forked.beside(lambda: fails_with(ContentError([problem]))),
    ):
        pass
    assert raised.value.problems == (problem,)


class Unpicklable(Exception):
    def __init__(self, message: str, handle: object) -> None:
        super().__init__(message)
        self.handle = handle

    def __reduce__(self):
        raise TypeError("cannot pickle")


def test_error_that_cannot_travel_becomes_a_runtime_error_with_its_message():
    with (
        pytest.raises(RuntimeError) as raised,
        forked.beside(lambda: fails_with(Unpicklable("no way back", object()))),
    ):
        pass
    assert str(raised.value) == "Unpicklable: no way back"


def test_child_killed_is_an_error_that_says_so(tmp_path):
    killed = r"ended without a result \(killed by signal 9\)"
    with pytest.raises(RuntimeError, match=killed), forked.beside(lambda: os.kill(os.getpid(), 9)):
        pass


def test_child_exiting_without_a_word_is_an_error():
    exited = r"ended without a result \(exit status 3\)"
    with pytest.raises(RuntimeError, match=exited), forked.beside(lambda: os._exit(3)):
        pass


def slow_write(path: Path) -> None:
    time.sleep(0.3)
    path.write_text("whole", encoding="utf-8")


def test_failure_here_waits_for_the_child_and_wins(tmp_path):
    """The caller deletes temporaries on failure: the child must be done by then."""
    late = tmp_path / "late"
    with pytest.raises(ExportError, match="here"), forked.beside(lambda: slow_write(late)):
        raise ExportError("here")
    assert late.read_text() == "whole"


def test_ctrl_c_reaches_the_child_which_finishes_its_work(tmp_path):
    done = tmp_path / "done"

    def interrupted_then_writes() -> None:
        os.kill(os.getpid(), signal.SIGINT)
        slow_write(done)

    with forked.beside(interrupted_then_writes):
        pass
    assert done.read_text() == "whole"


def test_ctrl_c_here_waits_for_the_child(tmp_path):
    late = tmp_path / "late"
    with pytest.raises(KeyboardInterrupt), forked.beside(lambda: slow_write(late)):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)  # the interrupt arrives here
    assert late.read_text() == "whole"


def test_text_printed_before_the_fork_is_printed_once(tmp_path, capfd):
    print("before", end="")  # buffered: a child that flushed it would print it again
    with forked.beside(lambda: None):
        pass
    sys.stdout.flush()
    assert capfd.readouterr().out == "before"


def test_only_linux_forks(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not forked.available()


def open_fds() -> int:
    return len(list(Path("/proc/self/fd").iterdir()))


def test_fork_that_fails_is_the_error_and_leaks_nothing(monkeypatch):
    def no_more_processes():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_more_processes)
    before = open_fds()
    with pytest.raises(BlockingIOError), forked.beside(lambda: None):
        pytest.fail("the block must not run without its child")
    assert open_fds() == before
