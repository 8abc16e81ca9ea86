"""Staged writes and the clean-up of what killed builds leave behind."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from generator.atomic import remove_stale_temporaries, staged


def test_commit_renames_every_file(tmp_path):
    with staged() as files:
        for name in ("a.pdf", "b.apkg"):
            files.temp_for(tmp_path / name).write_text(name)
        files.commit()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.apkg"]


def test_failure_discards_temporaries_and_keeps_old_file(tmp_path):
    (tmp_path / "a.pdf").write_text("old")
    with pytest.raises(RuntimeError), staged() as files:
        files.temp_for(tmp_path / "a.pdf").write_text("new")
        raise RuntimeError("exporter failed")
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]
    assert (tmp_path / "a.pdf").read_text() == "old"


def test_stale_temporaries_are_removed_and_those_of_running_builds_kept(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        left = tmp_path / f".a.pdf.{int(dead.stdout)}-0123abcd.tmp"
        running = tmp_path / f".a.pdf.{other.pid}-89abcdef.tmp"
        reused = tmp_path / f".b.pdf.{other.pid}-00112233.tmp"  # alive pid, but old
        mine = tmp_path / f".c.pdf.{os.getpid()}-44556677.tmp"  # a killed run's, same pid
        odd = tmp_path / ".leftover.tmp"
        output = tmp_path / "a.pdf"
        for path in (left, running, reused, mine, odd, output):
            path.write_text("x")
        two_hours_ago = time.time() - 7200
        os.utime(reused, (two_hours_ago, two_hours_ago))
        remove_stale_temporaries(tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name, output.name])
    finally:
        other.kill()
        other.wait()
