"""Work in a second, forked process: its result, its errors, and how it ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import forked
from generator.errors import ContentError, ExportError, Problem
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not forked.available(), reason="forks on Linux only")


def write_pid(path: Path) -> None:
    path.write_text(str(os.getpid()), encoding="utf-8")


def nothing() -> None:
    pass


def test_work_runs_in_another_process_at_the_same_time(tmp_path):
    beside, first, second = tmp_path / "beside", tmp_path / "first", tmp_path / "second"
    forked.run_both(
        [lambda: write_pid(first), lambda: write_pid(second)], lambda: write_pid(beside)
    )
    assert int(first.read_text()) == int(second.read_text()) == os.getpid()
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
    with pytest.raises(type(error)) as raised:
        forked.run_both([nothing], lambda: fails_with(error))
    assert str(raised.value) == str(error)
    assert raised.value.args == error.args
    [note] = raised.value.__notes__
    assert "in the second build process" in note
    assert "fails_with" in note  # the child's own traceback, for --debug


def test_content_error_keeps_its_problems():
    problem = Problem(Path("t.yaml"), "title", "missing", 1, "add it")
    with pytest.raises(ContentError) as raised:
        forked.run_both([nothing], lambda: fails_with(ContentError([problem])))
    assert raised.value.problems == (problem,)


class Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle")


class Unspeakable(Unpicklable):
    def __str__(self):
        raise ValueError("cannot say")


@pytest.mark.parametrize(
    ("error", "message"),
    [(Unpicklable("no way back"), "Unpicklable: no way back"), (Unspeakable(), "Unspeakable")],
)
def test_error_that_cannot_travel_becomes_a_runtime_error(error, message, capfd):
    with pytest.raises(RuntimeError) as raised:
        forked.run_both([nothing], lambda: fails_with(error))
    assert str(raised.value) == message
    assert capfd.readouterr() == ("", "")  # the child never ran on into our code


def test_child_killed_is_an_error_that_says_so():
    with pytest.raises(RuntimeError, match=r"ended without a result \(killed by signal 9\)"):
        forked.run_both([nothing], lambda: os.kill(os.getpid(), signal.SIGKILL))


def test_child_exiting_without_a_word_is_an_error():
    with pytest.raises(RuntimeError, match=r"ended without a result \(exit status 3\)"):
        forked.run_both([nothing], lambda: os._exit(3))


def slow_write(path: Path, seconds: float = 0.5) -> None:
    time.sleep(seconds)
    path.write_text("whole", encoding="utf-8")


def test_failure_here_kills_the_child_before_raising(tmp_path):
    """The caller deletes temporaries on failure: nothing may be written after."""
    late = tmp_path / "late"
    with pytest.raises(ExportError, match="here"):
        forked.run_both([lambda: fails_with(ExportError("here"))], lambda: slow_write(late))
    time.sleep(0.8)
    assert not late.exists()


def test_ctrl_c_reaches_the_child_which_leaves_it_to_us(tmp_path):
    done = tmp_path / "done"

    def interrupted_then_writes() -> None:
        os.kill(os.getpid(), signal.SIGINT)
        slow_write(done, 0.1)

    forked.run_both([nothing], interrupted_then_writes)
    assert done.read_text() == "whole"


def test_ctrl_c_here_ends_the_step_then_kills_the_child(tmp_path):
    step_done, second_step, late = tmp_path / "step", tmp_path / "second", tmp_path / "late"

    def pressed_during_a_step() -> None:
        os.kill(os.getpid(), signal.SIGINT)
        step_done.write_text("whole", encoding="utf-8")  # the step is not cut short

    with pytest.raises(KeyboardInterrupt):
        forked.run_both(
            [pressed_during_a_step, lambda: write_pid(second_step)], lambda: slow_write(late)
        )
    assert step_done.read_text() == "whole"
    assert not second_step.exists()  # no new step after Ctrl-C
    time.sleep(0.8)
    assert not late.exists()


def test_ctrl_c_while_waiting_for_the_child_kills_it(tmp_path):
    late = tmp_path / "late"

    def press_soon() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0.2)

    previous = signal.signal(signal.SIGALRM, lambda *_: os.kill(os.getpid(), signal.SIGINT))
    try:
        with pytest.raises(KeyboardInterrupt):
            forked.run_both([press_soon], lambda: slow_write(late, 3))
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert not late.exists()  # killed, not waited for to the end
    time.sleep(0.2)
    assert not late.exists()


def test_fork_that_fails_runs_everything_here(tmp_path, monkeypatch):
    def no_more_processes():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_more_processes)
    before = len(list(Path("/proc/self/fd").iterdir()))
    here, beside = tmp_path / "here", tmp_path / "beside"
    forked.run_both([lambda: write_pid(here)], lambda: write_pid(beside))
    assert int(here.read_text()) == int(beside.read_text()) == os.getpid()
    assert len(list(Path("/proc/self/fd").iterdir())) == before


def test_sigchld_ignored_by_whoever_started_us_changes_nothing(tmp_path):
    """Then the kernel reaps the child and waitpid() finds none: the report counts."""
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        forked.run_both([nothing], lambda: write_pid(tmp_path / "beside"))
        with pytest.raises(ExportError, match="from the child"):
            forked.run_both([nothing], lambda: fails_with(ExportError("from the child")))
    finally:
        signal.signal(signal.SIGCHLD, previous)
    assert (tmp_path / "beside").exists()


def test_child_dies_with_its_parent(tmp_path):
    """A supervisor that kills only the parent: the child writes nothing afterwards."""
    forked_now, late = tmp_path / "forked", tmp_path / "late"
    code = (
        "import time; from pathlib import Path; from generator import forked\n"
        "def here():\n"
        f"    Path({str(forked_now)!r}).touch()\n"
        "    time.sleep(30)\n"
        "def slow():\n"
        "    time.sleep(1.0)\n"
        f"    Path({str(late)!r}).write_text('written after the parent died')\n"
        "forked.run_both([here], slow)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env={"PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 60
    while not forked_now.exists():  # the child exists: its one second has begun
        assert time.monotonic() < deadline and parent.poll() is None
        time.sleep(0.01)
    parent.kill()
    parent.wait()
    time.sleep(1.5)
    assert not late.exists()


def test_text_printed_before_the_fork_is_printed_once(capfd):
    print("before", end="")  # buffered: a child that flushed it would print it again
    forked.run_both([nothing], nothing)
    sys.stdout.flush()
    assert capfd.readouterr().out == "before"


def test_closed_standard_streams_are_no_error(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    forked.run_both([nothing], lambda: write_pid(tmp_path / "beside"))
    assert (tmp_path / "beside").exists()


def test_only_linux_forks(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not forked.available()


class UnpicklableDiskError(OSError):
    def __reduce__(self):
        raise TypeError("cannot pickle")


def test_os_error_that_cannot_travel_stays_an_os_error():
    """`--jobs 1` reports an OSError as 'cannot write output' (exit 2), not a bug."""
    with pytest.raises(OSError, match="UnpicklableDiskError: disk on fire"):
        forked.run_both([nothing], lambda: fails_with(UnpicklableDiskError("disk on fire")))


def test_a_child_already_reaped_is_never_signalled():
    """With SIGCHLD ignored the kernel reaps the child at once; its pid may then be
    another process's. Kill through a pidfd, or not at all."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    child = forked.Child(pid)  # its pid is free again
    child.kill()  # must not reach whoever has that pid now
    assert child.pidfd is None and child.pid == 0
    child.close()


def test_ctrl_c_is_not_lost_when_a_step_here_fails(tmp_path):
    def pressed_then_fails() -> None:
        os.kill(os.getpid(), signal.SIGINT)
        raise ExportError("here")

    with pytest.raises(KeyboardInterrupt) as raised:
        forked.run_both([pressed_then_fails], nothing)
    assert isinstance(raised.value.__context__, ExportError)
