"""Staged writes and the clean-up of what killed builds leave behind."""

from __future__ import annotations

import os

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


def test_stale_temporaries_are_ours_only(tmp_path):
    """Called under the folder's lock, so no live build owns a temporary there: ours
    are removed whatever pid they name (in a container every build can be pid 1);
    a file that is not unmistakably ours is kept."""
    ours = [
        tmp_path / ".a.pdf.1-0123abcd.tmp",
        tmp_path / f".a.pdf.{os.getpid()}-89abcdef.tmp",
        tmp_path / ".b.apkg.4242-00112233.tmp",
    ]
    kept = [
        tmp_path / ".leftover.tmp",
        tmp_path / ".my-notes.tmp",
        tmp_path / ".notes.txt.1-0123abcd.tmp",  # not the temporary of an output
        tmp_path / ".a.pdf.tmp",
        tmp_path / "a.pdf",
    ]
    for path in ours + kept:
        path.write_text("x")
    remove_stale_temporaries(tmp_path, ["a.pdf", "b.apkg"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in kept)
