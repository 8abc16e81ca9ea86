"""Whole builds through the CLI: outputs, atomicity, failure isolation, safe paths and
incremental rebuilds."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import batch
from generator import build as build_module
from generator.build import build_topic
from generator.exporters import EXPORTERS, Exporter
from generator.incremental import MANIFEST_NAME
from generator.model import CardLayout, CardSize, Clinic
from generator.options import BuildOptions, Paper, StudyCardSize
from tests.conftest import HAMSTRING, ROOT, copy_hamstring, dump, minimal_topic, run_cli


def digests(folder: Path) -> dict[str, str]:
    """Digest of every output under its final name (hidden files are not outputs)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(".")
    }


def overflowing_topic() -> dict:
    data = minimal_topic()
    data["sections"][0]["items"] = [
        {"id": f"step-{i}", "text": "Rest your leg.", "short": "Rest your leg and wait. " * 4}
        for i in range(30)
    ]
    return data


def test_build_writes_every_output_with_one_line_each(tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", HAMSTRING, "--out", out)
    assert result.returncode == 0, result.stderr
    folder = out / "hamstring-cramp"
    names = [e.filename("hamstring-cramp") for e in EXPORTERS]
    assert sorted(p.name for p in folder.iterdir() if p.name != MANIFEST_NAME) == sorted(names)
    lines = result.stdout.splitlines()
    assert lines[0] == f"{HAMSTRING}: Flesch-Kincaid grade 5.4, SMOG 8.0 (targets 8 or lower)"
    assert lines[1:9] == [f"hamstring-cramp: wrote {folder / n}" for n in names]
    assert lines[9].startswith("built 1 of 1 topics: 8 files written, 0 up to date, in ")


def test_default_build_uses_content_folder(tmp_path):
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    copy_hamstring(project / "content")
    result = run_cli("build", "--jobs", "1", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "out" / "hamstring-cramp" / "hamstring-cramp.apkg").is_file()
    assert "hamstring-cramp: wrote out/hamstring-cramp/hamstring-cramp.apkg" in result.stdout


def test_a_failing_output_keeps_its_previous_file_and_costs_no_other(tmp_path, topic_file):
    """A card that cannot fit keeps the previous card and sheet; every other output is
    made from the new text; the problem is named once, with the outputs it cost."""
    path = topic_file()
    out = tmp_path / "out"
    assert run_cli("build", path, "--out", out).returncode == 0
    before = digests(out / "test-topic")
    path.write_text(dump(overflowing_topic()))
    result = run_cli("build", path, "--out", out)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("too tall") == 1
    assert "test-topic: not made: pocket-card, pocket-card-sheet" in result.stderr
    assert "; 2 outputs not made" in result.stderr.splitlines()[-1]
    after = digests(out / "test-topic")
    unchanged = {name for name in before if before[name] == after[name]}
    assert {e.filename("test-topic") for e in EXPORTERS if e.group == "card"} <= unchanged
    assert not {e.filename("test-topic") for e in EXPORTERS if e.group == "handout"} & unchanged
    assert not list((out / "test-topic").glob(".*.tmp"))
    again = run_cli("build", path, "--out", out)  # the card is tried again, the rest skipped
    assert again.returncode == 1
    assert f"0 files written, {len(EXPORTERS) - 2} up to date" in again.stderr


def test_a_topic_that_fits_no_card_still_gets_its_other_outputs(tmp_path, topic_file):
    path = topic_file(overflowing_topic())
    out = tmp_path / "out"
    result = run_cli("build", path, "--out", out)
    assert result.returncode == 1
    written = sorted(p.name for p in (out / "test-topic").iterdir() if p.name != MANIFEST_NAME)
    assert written == sorted(e.filename("test-topic") for e in EXPORTERS if e.group != "card")


def test_nothing_made_leaves_no_empty_folder(tmp_path, topic_file):
    path = topic_file(overflowing_topic())
    out = tmp_path / "out"
    result = run_cli("build", path, "--out", out, "--only", "card")
    assert result.returncode == 1
    assert "test-topic: not made: pocket-card, pocket-card-sheet" in result.stderr
    assert "unchanged" not in result.stdout  # nothing was up to date: it failed
    assert not (out / "test-topic").exists()


@pytest.mark.parametrize(
    ("only", "groups"),
    [("handout,deck", {"handout", "deck"}), ("card", {"card"}), ("anki,handout-pdf", None)],
)
def test_only_builds_the_outputs_asked_for(tmp_path, topic_file, only, groups):
    out = tmp_path / "out"
    result = run_cli("build", topic_file(), "--out", out, "--only", only)
    assert result.returncode == 0, result.stderr
    made = {p.name for p in (out / "test-topic").iterdir() if p.name != MANIFEST_NAME}
    if groups is None:
        assert made == {"test-topic.apkg", "test-topic-handout.pdf"}
    else:
        assert made == {e.filename("test-topic") for e in EXPORTERS if e.group in groups}


def test_only_refuses_what_is_no_output(tmp_path, topic_file):
    result = run_cli("build", topic_file(), "--out", tmp_path, "--only", "handout,poster")
    assert result.returncode == 2
    assert "argument --only: 'poster' is not an output (use: card, handout, deck" in result.stderr


def test_a_topic_without_a_pocket_card(tmp_path, topic_file):
    out = tmp_path / "out"
    path = topic_file(minimal_topic(pocket_card=False))
    result = run_cli("build", path, "--out", out)
    assert result.returncode == 0, result.stderr
    made = {p.name for p in (out / "test-topic").iterdir() if p.name != MANIFEST_NAME}
    assert made == {e.filename("test-topic") for e in EXPORTERS if e.group != "card"}
    again = run_cli("build", path, "--out", out)
    assert f"{len(EXPORTERS) - 2} files up to date" in again.stdout


def test_one_failing_topic_does_not_stop_the_others(tmp_path, topic_file):
    good = topic_file()
    bad = topic_file(minimal_topic(id="bad-topic", title=None), name="bad-topic")
    out = tmp_path / "out"
    result = run_cli("build", bad, good, "--out", out, "--jobs", "2")
    assert result.returncode == 1
    assert f"{bad}:1: title: missing (the file needs 'title')" in result.stderr
    assert "built 1 of 2 topics: 8 files written, 0 up to date" in result.stderr
    assert "; 1 failed" in result.stderr
    assert len(digests(out / "test-topic")) == 8
    assert not (out / "bad-topic").exists()


def test_same_file_named_twice_builds_once(tmp_path, topic_file):
    path = topic_file()
    same = tmp_path / "." / path.name
    result = run_cli("build", path, same, path, "--out", tmp_path / "out", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("test-topic: wrote ") == 8
    assert "built 1 of 1 topics: 8 files written" in result.stdout


def test_killed_build_leaves_whole_files(tmp_path, topic_file):
    path = topic_file()
    out = tmp_path / "out"
    assert run_cli("build", path, "--out", out).returncode == 0
    old = digests(out / "test-topic")
    path.write_text(dump(minimal_topic(version="2.0", main_message="Rest, then drink water.")))
    assert run_cli("build", path, "--out", tmp_path / "new").returncode == 0
    new = digests(tmp_path / "new" / "test-topic")
    env = {"PYTHONPATH": str(ROOT)}
    for delay in (0.05, 0.2, 0.35, 0.5, 0.8):
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "build", str(path), "--out", str(out), "--force"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        hidden = [p.name for p in (out / "test-topic").iterdir() if p.name.startswith(".")]
        assert all(n == MANIFEST_NAME or n.endswith(".tmp") for n in hidden), hidden
        for name, digest in digests(out / "test-topic").items():
            assert digest in {old[name], new[name]}, f"{name} is neither the old nor the new"
            file = out / "test-topic" / name
            if name.endswith(".pdf"):
                assert len(PdfReader(file).pages) >= 1
            elif name.endswith(".apkg"):
                with zipfile.ZipFile(file) as deck:
                    assert deck.testzip() is None
            elif name.endswith((".csv", ".tsv")):
                assert file.read_text().endswith("\n")  # whole: every row ends
            else:
                assert file.read_text().rstrip().endswith("</html>")
    result = run_cli("build", path, "--out", out, "--force")
    assert result.returncode == 0
    assert not list((out / "test-topic").glob(".*.tmp")), "stale temporaries are cleaned up"


def test_out_dir_symlink_escape_is_refused(tmp_path, topic_file):
    path = topic_file()
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "test-topic").symlink_to(elsewhere)
    result = run_cli("build", path, "--out", out)
    assert result.returncode == 1
    assert f"{path}: {elsewhere} is outside {out}; refusing to write there" in result.stderr
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("where", ["topic folder", "out"])
def test_out_dir_symlink_loop_is_named_not_an_internal_error(tmp_path, topic_file, where):
    """`out/<id>`, or `--out` itself, a link that leads back to itself: a clear error,
    exit 1 (Python 3.11 raised `RuntimeError: Symlink loop`)."""
    path = topic_file()
    out = tmp_path / "out"
    if where == "out":
        out.symlink_to(out.name)
    else:
        out.mkdir()
        (out / "test-topic").symlink_to("test-topic")
    result = run_cli("build", path, "--out", out)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"{path}: cannot use {out / 'test-topic'} as the output folder: Too many levels of "
        "symbolic links (a symbolic link there leads back to itself or cannot be followed: "
        "remove it, or choose another --out)"
    )


def test_a_topic_file_that_is_a_symlink_loop_is_named(tmp_path, topic_file):
    """A topic file, built once, then made a link to itself: is it up to date, can it
    be read, is it the same file as another of its name? Each question ends in its
    name, never an internal error."""
    loop = topic_file()
    assert run_cli("build", loop, "--out", tmp_path / "out").returncode == 0
    loop.unlink()
    loop.symlink_to(loop.name)
    result = run_cli("build", loop, "--out", tmp_path / "out")
    assert result.returncode == 1, result.stderr
    assert f"{loop}: cannot read file: Too many levels of symbolic links" in result.stderr
    other = tmp_path / "again" / loop.name
    other.parent.mkdir()
    other.write_text("id: test-topic\n", encoding="utf-8")
    result = run_cli("build", other, loop, "--out", tmp_path / "out")
    assert (result.returncode, result.stderr) == (
        2,
        f"error: {loop}: Too many levels of symbolic links (fix or remove the link)\n",
    )


def test_a_bug_in_a_topic_keeps_its_traceback_for_debug(tmp_path, topic_file, monkeypatch):
    def broken(*args, **kwargs):
        return 1 / 0

    monkeypatch.setattr(build_module, "export_topic", broken)
    result = build_module.build_topic(topic_file(), tmp_path / "out", BuildOptions())
    assert result.internal
    assert result.error.endswith(
        "internal error: ZeroDivisionError: division by zero (please report this with the "
        "topic file)"
    )
    assert "in broken" in result.traceback and "ZeroDivisionError" in result.traceback


def test_folder_named_like_an_output_replaces_none_of_them(tmp_path, topic_file):
    """The renames into place are checked first: before, four outputs were replaced
    and then the fifth failed, while the summary said none was written."""
    path = topic_file()
    out = tmp_path / "out"
    assert run_cli("build", path, "--out", out).returncode == 0
    before = digests(out / "test-topic")
    (out / "test-topic" / "test-topic.apkg").unlink()
    (out / "test-topic" / "test-topic.apkg").mkdir()
    path.write_text(dump(minimal_topic(main_message="Rest, then drink water.")))
    result = run_cli("build", path, "--out", out)
    assert result.returncode == 1
    assert "a folder has the name of an output" in result.stderr
    del before["test-topic.apkg"]
    assert digests(out / "test-topic") == before
    assert not list((out / "test-topic").glob(".*.tmp"))


class TestIncremental:
    def test_unchanged_rebuild_skips_and_changes_rebuild(self, tmp_path, topic_file):
        first, second = topic_file(), topic_file(minimal_topic(id="second"), name="second")
        out = tmp_path / "out"
        run_cli("build", first, second, "--out", out)
        stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")}

        again = run_cli("build", first, second, "--out", out)
        assert again.returncode == 0
        assert f"{first}: unchanged, 8 files up to date" in again.stdout
        assert "0 files written, 16 up to date" in again.stdout
        assert {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")} == stamps

        first.write_text(dump(minimal_topic(main_message="Rest. Then drink water.")))
        changed = run_cli("build", first, second, "--out", out)
        assert "8 files written, 8 up to date" in changed.stdout
        assert f"{second}: unchanged" in changed.stdout

        forced = run_cli("build", first, second, "--out", out, "--force")
        assert "16 files written, 0 up to date" in forced.stdout

    def test_an_option_rebuilds_only_the_files_it_changes(self, tmp_path, topic_file):
        path = topic_file()
        out = tmp_path / "out"
        run_cli("build", path, "--out", out)
        a4 = run_cli("build", path, "--out", out, "--paper", "a4")
        assert "3 files written, 5 up to date" in a4.stdout
        assert sorted(
            line.split("/")[-1] for line in a4.stdout.splitlines() if "wrote" in line
        ) == [
            "test-topic-flashcards.pdf",
            "test-topic-handout.pdf",
            "test-topic-pocket-card-sheet.pdf",
        ]
        (out / "test-topic" / "test-topic.apkg").unlink()
        again = run_cli("build", path, "--out", out, "--paper", "a4")
        assert "1 files written, 7 up to date" in again.stdout
        assert "0 files written" in run_cli("build", path, "--out", out, "--paper", "a4").stdout

    @pytest.mark.parametrize("place", ["flashcard", "item", "section"])
    def test_image_change_rebuilds(self, tmp_path, topic_file, place):
        images = tmp_path / "images"
        images.mkdir()
        png = ROOT / "tests" / "fixtures" / "clinic" / "logo.png"
        shutil.copy(png, images / "a.png")
        data = minimal_topic()
        owner = {
            "flashcard": data["flashcards"][0],
            "item": data["sections"][0]["items"][0],
            "section": data["sections"][0],
        }[place]
        owner["image"] = {"path": "images/a.png", "alt": "A logo"}
        path = topic_file(data)
        out = tmp_path / "out"
        run_cli("build", path, "--out", out)
        manifest = json.loads((out / "test-topic" / MANIFEST_NAME).read_text())
        assert "images/a.png" in manifest["inputs"]  # relative to the topic's folder
        (images / "a.png").write_bytes(png.read_bytes() + b"\0")
        assert "8 files written" in run_cli("build", path, "--out", out).stdout

    def test_topic_saved_during_its_build_is_rebuilt_next_time(
        self, tmp_path, topic_file, monkeypatch
    ):
        """The manifest holds the hash of what was read, not of the file afterwards."""
        path = topic_file()
        out = tmp_path / "out"
        real_export = build_module.export_topic

        def export_while_the_author_saves(*args, **kwargs):
            path.write_text(dump(minimal_topic(main_message="Saved mid-build.")))
            return real_export(*args, **kwargs)

        monkeypatch.setattr(build_module, "export_topic", export_while_the_author_saves)
        assert build_module.build_topic(path, out, BuildOptions()).ok
        monkeypatch.undo()
        assert build_module.up_to_date(path, out, BuildOptions()) == []
        html = (out / "test-topic" / "test-topic-handout.html").read_text(encoding="utf-8")
        assert "Saved mid-build." not in html
        assert "8 files written" in run_cli("build", path, "--out", out).stdout

    def test_an_output_replaced_by_another_build_is_not_recorded_as_ours(
        self, tmp_path, topic_file, monkeypatch
    ):
        """Two builds of one topic at once: if the other renames its file over ours
        before our manifest is written, our manifest must not vouch for that file."""
        path = topic_file()
        out = tmp_path / "out"
        real_export = build_module.export_topic
        handout = out / "test-topic" / "test-topic-handout.pdf"

        def export_then_another_build_replaces_the_handout(*args, **kwargs):
            made = real_export(*args, **kwargs)
            other = handout.with_name("other.pdf")
            other.write_bytes(b"%PDF- the other build's A4 handout")
            other.replace(handout)
            return made

        monkeypatch.setattr(
            build_module, "export_topic", export_then_another_build_replaces_the_handout
        )
        assert build_module.build_topic(path, out, BuildOptions()).ok
        monkeypatch.undo()
        current = build_module.up_to_date(path, out, BuildOptions())
        assert [e.name for e in current] == [e.name for e in EXPORTERS if e.name != "handout-pdf"]

    @pytest.mark.parametrize(
        "entry", [[0, 1, 2], None, 5, "big", [1, True]], ids=["three", "null", "int", "str", "bool"]
    )
    def test_a_manifest_we_did_not_write_means_rebuild(self, tmp_path, topic_file, entry):
        path = topic_file()
        out = tmp_path / "out"
        run_cli("build", path, "--out", out)
        manifest = out / "test-topic" / MANIFEST_NAME
        data = json.loads(manifest.read_text())
        data["outputs"]["test-topic.apkg"] = entry  # one output's [size, mtime], hand-edited
        manifest.write_text(json.dumps(data))
        result = run_cli("build", path, "--out", out)
        assert result.returncode == 0, result.stderr
        assert "8 files written" in result.stdout

    @pytest.mark.parametrize("named", ["/dev/zero", "fifo", "folder", "relative", "nul"])
    def test_a_manifest_naming_anything_as_input_means_rebuild(self, tmp_path, topic_file, named):
        """The manifest is input too: an input it names is hashed only if it is a
        regular file of bounded size; /dev/zero ran out of memory, a FIFO hung."""
        path = topic_file()
        out = tmp_path / "out"
        run_cli("build", path, "--out", out)
        os.mkfifo(tmp_path / "fifo")
        (tmp_path / "folder").mkdir()
        target = {
            "/dev/zero": "/dev/zero",
            "fifo": str(tmp_path / "fifo"),
            "folder": str(tmp_path / "folder"),
            "relative": "fifo",
            "nul": "/tmp/a\0b",
        }[named]
        manifest = out / "test-topic" / MANIFEST_NAME
        data = json.loads(manifest.read_text())
        data["inputs"][target] = "0" * 64
        manifest.write_text(json.dumps(data))
        result = run_cli("build", path, "--out", out, timeout=60)
        assert result.returncode == 0, result.stderr
        assert f"{len(EXPORTERS)} files written" in result.stdout

    @pytest.mark.parametrize("kind", ["fifo", "device", "huge"])
    def test_a_manifest_that_is_not_a_file_means_rebuild(self, tmp_path, topic_file, kind):
        path = topic_file()
        out = tmp_path / "out"
        run_cli("build", path, "--out", out)
        manifest = out / "test-topic" / MANIFEST_NAME
        manifest.unlink()
        if kind == "fifo":
            os.mkfifo(manifest)
        elif kind == "device":
            manifest.symlink_to("/dev/zero")
        else:
            with manifest.open("wb") as handle:
                handle.truncate(100 * 1024 * 1024)
        result = run_cli("build", path, "--out", out, timeout=60)
        assert result.returncode == 0, result.stderr
        assert f"{len(EXPORTERS)} files written" in result.stdout

    def test_skipped_topic_still_clears_a_killed_builds_temporaries(self, tmp_path, topic_file):
        path = topic_file()
        out = tmp_path / "out"
        run_cli("build", path, "--out", out)
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)  # fmt: skip
        left = out / "test-topic" / f".test-topic.apkg.{int(dead.stdout)}-0123abcd.tmp"
        left.write_bytes(b"half")
        assert "unchanged" in run_cli("build", path, "--out", out).stdout
        assert not left.exists()

    def test_clinic_counts_by_content_not_by_how_its_path_is_written(self, tmp_path, topic_file):
        path = topic_file()
        out = tmp_path / "out"
        clinic = tmp_path / "clinic.yaml"
        clinic.write_text("name: Riverside Clinic\n", encoding="utf-8")
        run_cli("build", path, "--out", out, "--clinic", clinic)
        relative = run_cli("build", path, "--out", out, "--clinic", "clinic.yaml", cwd=tmp_path)
        assert "unchanged" in relative.stdout
        clinic.write_text("name: Hillside Clinic\n", encoding="utf-8")
        renamed = run_cli("build", path, "--out", out, "--clinic", clinic)
        # the two handouts, and the card and its sheet (they print the clinic's name)
        assert "4 files written, 4 up to date" in renamed.stdout


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_paper_option_reaches_pdfs(tmp_path, paper):
    out = tmp_path / "out"
    assert run_cli("build", HAMSTRING, "--out", out, "--paper", paper).returncode == 0
    handout = PdfReader(out / "hamstring-cramp" / "hamstring-cramp-handout.pdf")
    width = round(float(handout.pages[0].mediabox.width))
    assert width == (612 if paper == "letter" else 595)


def test_reportlab_accelerator_changes_speed_not_bytes(tmp_path):
    """rl_accel (a dependency where PyPI has a wheel) replaces ReportLab's Python number
    formatting, string widths and stream encoding; the files must not change."""
    if sys.platform == "linux" and platform.machine() in ("x86_64", "aarch64"):
        import _rl_accel  # noqa: F401  (installed from pyproject.toml here)
    with_c = tmp_path / "with-c"
    assert run_cli("build", HAMSTRING, "--out", with_c, "--paper", "a4").returncode == 0
    without_c = tmp_path / "without-c"
    python_only = "import sys; sys.modules['_rl_accel'] = None; from generator.cli import main; raise SystemExit(main())"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            python_only,
            "build",
            HAMSTRING,
            "--out",
            without_c,
            "--paper",
            "a4",
        ],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert digests(without_c / "hamstring-cramp") == digests(with_c / "hamstring-cramp")


OPTION_CHANGES = {
    "paper": {"paper": Paper.A4},
    "card_size": {"card_size": CardSize.INDEX},
    "card_layout": {"card_layout": CardLayout.TWO_SIDED},
    "large_print": {"large_print": True},
    "study_card_size": {"study_card_size": StudyCardSize.A7},
    "clinic": {"clinic": Clinic(name="Riverside Clinic", phone="+1 555 0100")},
    "source_date_epoch": {"source_date_epoch": 1_800_000_000},
}


@pytest.mark.parametrize("field", sorted(OPTION_CHANGES))
def test_each_exporter_declares_exactly_the_options_that_change_its_file(
    tmp_path, topic_file, field
):
    """What incremental builds trust: changing an option changes the bytes of exactly
    the files whose exporter lists it, so skipping the others is safe."""
    inputs = {"labels"}  # a folder of inputs, hashed file by file: test_user_labels.py
    assert set(OPTION_CHANGES) | inputs == {f.name for f in dataclasses.fields(BuildOptions)}
    path = topic_file()
    before, after = tmp_path / "before", tmp_path / "after"
    changed_options = BuildOptions(**OPTION_CHANGES[field])
    assert build_module.build_topic(path, before, BuildOptions(), force=True).ok
    assert build_module.build_topic(path, after, changed_options, force=True).ok
    old, new = digests(before / "test-topic"), digests(after / "test-topic")
    changed = {name for name in old if old[name] != new[name]}
    assert changed == {e.filename("test-topic") for e in EXPORTERS if field in e.options}


@pytest.mark.parametrize("moment", ["starting", "forking", "mid-batch", "twice"])
def test_ctrl_c_at_any_moment_is_quiet_and_leaves_whole_files(tmp_path, topic_file, moment):
    """Ctrl-C while Python starts, while workers are forked, or mid-batch: one line,
    no traceback (workers printed theirs), no temporaries, and the batch stops."""
    paths = [
        topic_file(minimal_topic(id=f"topic-{i:03d}"), name=f"topic-{i:03d}") for i in range(120)
    ]
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    build = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", *map(str, paths), "--out", str(out),
         "--jobs", "2"],
        cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    assert build.stdout is not None
    seen = ""
    if moment in ("mid-batch", "twice"):
        while "wrote " not in seen:  # the first topic is done: the others are under way
            seen += build.stdout.readline()
    else:  # once our imports are under way (a busy machine starts Python slowly)
        wait_for(lambda: "yaml" in Path(f"/proc/{build.pid}/maps").read_text(), build)
        time.sleep({"starting": 0.0, "forking": 0.1}[moment])
    os.killpg(build.pid, signal.SIGINT)
    if moment == "twice":  # impatient: again while the workers finish their topics
        time.sleep(0.05)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, signal.SIGINT)
    stdout, stderr = build.communicate(timeout=120)
    stdout = seen + stdout
    assert build.returncode in (130, -signal.SIGINT), (stdout[-300:], stderr)
    assert "Traceback" not in stderr
    assert stderr.strip().startswith("interrupted: ")
    assert stdout.count("wrote ") < 120 * 8  # it stopped
    assert not list(out.rglob(".*.tmp"))


# --- exporters made for these tests ---------------------------------------------


def pid_export(topic, out_path, options):
    """A test exporter: writes the id of the process that ran it."""
    out_path.write_text(str(os.getpid()), encoding="utf-8")
    return out_path


def made_by(name: str, suffix: str, target: str = "pid_export"):
    return Exporter(name, "test", suffix, f"{__name__}:{target}", ())


def test_ctrl_c_while_renaming_renames_every_file(tmp_path, hamstring, monkeypatch):
    """The renames of a topic are never cut in two: half old, half new."""
    exporters = [made_by("pdf", ".a"), made_by("pdf", ".b"), made_by("pdf", ".c")]
    real_replace = Path.replace

    def replace_then_ctrl_c(self, target):
        moved = real_replace(self, target)
        os.kill(os.getpid(), signal.SIGINT)
        return moved

    monkeypatch.setattr(Path, "replace", replace_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        build_module.export_topic(hamstring, tmp_path, BuildOptions(), exporters)
    monkeypatch.undo()
    folder = tmp_path / "hamstring-cramp"
    assert sorted(p.name for p in folder.iterdir()) == [
        "hamstring-cramp.a",
        "hamstring-cramp.b",
        "hamstring-cramp.c",
    ]


def no_second_worker(monkeypatch) -> None:
    """As under a limit on processes (a container, RLIMIT_NPROC): the pool forks its
    first worker, then no other."""
    from concurrent.futures import ProcessPoolExecutor

    real_submit = ProcessPoolExecutor.submit
    calls = []

    def submit_until_no_more_processes(self, *args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise BlockingIOError(11, "Resource temporarily unavailable")
        return real_submit(self, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", submit_until_no_more_processes)


def test_batch_that_cannot_start_its_workers_builds_in_one_process(
    tmp_path, topic_file, monkeypatch
):
    """A limit on processes (a container, RLIMIT_NPROC): the pool's second worker
    cannot be forked. The batch goes on in this process and leaves no worker behind."""
    import multiprocessing

    paths = [topic_file(minimal_topic(id=f"t-{i}"), name=f"t-{i}") for i in range(4)]
    no_second_worker(monkeypatch)
    results = batch.build_all(paths, tmp_path / "out", BuildOptions(), jobs=2)
    assert [r.ok for r in results] == [True] * 4
    assert [r.source for r in results] == paths
    assert multiprocessing.active_children() == []


def test_ctrl_c_while_workers_are_forked_stops_the_batch(tmp_path, topic_file, monkeypatch):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    paths = [topic_file(minimal_topic(id=f"t-{i}"), name=f"t-{i}") for i in range(8)]
    real_submit = ProcessPoolExecutor.submit

    def submit_with_ctrl_c(self, *args, **kwargs):
        os.kill(os.getpid(), signal.SIGINT)  # held while forking, raised after
        return real_submit(self, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", submit_with_ctrl_c)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        batch.build_all(paths, out, BuildOptions(), jobs=2)
    assert multiprocessing.active_children() == []  # workers joined: nothing runs on
    built = [p for p in out.iterdir() if (p / f"{p.name}.apkg").exists()] if out.exists() else []
    assert len(built) < len(paths)  # the queued topics were cancelled, not built


def test_falling_back_to_one_process_stops_only_the_pools_workers(
    tmp_path, topic_file, monkeypatch
):
    """A program that embeds build_all keeps its own child processes."""
    import multiprocessing

    own = multiprocessing.get_context("fork").Process(target=time.sleep, args=(60,))
    own.start()
    try:
        paths = [topic_file(minimal_topic(id=f"t-{i}"), name=f"t-{i}") for i in range(3)]
        no_second_worker(monkeypatch)
        results = batch.build_all(paths, tmp_path / "out", BuildOptions(), jobs=2)
        assert all(r.ok for r in results)
        assert own.is_alive()
        assert multiprocessing.active_children() == [own]
    finally:
        own.kill()
        own.join()


def wait_for(condition, process: subprocess.Popen, seconds: float = 60) -> None:
    """Poll `condition` until it holds, while `process` runs."""
    deadline = time.monotonic() + seconds
    while True:
        with contextlib.suppress(OSError):
            if condition():
                return
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.002)


def pids_in_group(group: int) -> list[int]:
    """The processes still running in process group `group` (zombies excepted)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group and fields[0] != "Z":
                found.append(int(stat.parent.name))
    return found


def all_files(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


@pytest.mark.skipif(platform.system() != "Linux", reason="workers die with the build on Linux")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_no_worker_outlives_a_killed_batch(tmp_path, topic_file, how):
    """`kill -9` of the build, or the SIGTERM of `docker stop` or a CI cancel: within
    2 s no worker is left, and no file appears after that."""
    paths = [topic_file(minimal_topic(id=f"t-{i:02d}"), name=f"t-{i:02d}") for i in range(50)]
    out = tmp_path / "out"
    build = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", *map(str, paths), "--out", str(out),
         "--jobs", "2"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True, start_new_session=True,
    )  # fmt: skip
    assert build.stdout is not None
    while "wrote " not in build.stdout.readline():  # workers are busy with topics
        assert build.poll() is None
    build.send_signal(how)
    build.wait(timeout=30)
    build.stdout.close()
    time.sleep(2)
    assert pids_in_group(build.pid) == []
    files = all_files(out)
    time.sleep(1)
    assert all_files(out) == files
    assert len({p.parent for p in files}) < 50  # it was stopped, not finished


def test_a_build_never_deletes_a_live_builds_temporaries(tmp_path, topic_file):
    """Two builds in separate PID namespaces (containers sharing out/) can have the same
    pid: cleaning up by pid deleted the other build's temporaries. Here another process
    holds out/<id>/ as a build does, with a temporary named with *our* pid; our build
    waits for it, and its temporary is there until it renames it."""
    path = topic_file()
    out = tmp_path / "out"
    folder = out / "test-topic"
    folder.mkdir(parents=True)
    temp = folder / f".test-topic.apkg.{os.getpid()}-0123abcd.tmp"
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import fcntl, os, sys, time\n"
            "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "open(sys.argv[2], 'w').write('half')\n"
            "print('locked', flush=True)\n"
            "time.sleep(1.5)\n"
            "os.replace(sys.argv[2], sys.argv[3])\n"
        ), str(folder), str(temp), str(folder / "renamed")],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    (folder / ".my-notes.tmp").write_text("mine")
    result = build_topic(path, out, BuildOptions())
    assert holder.wait(timeout=30) == 0, "the other build's temporary was deleted"
    holder.stdout.close()
    assert result.ok, result.error
    assert (folder / ".my-notes.tmp").read_text() == "mine"


def test_one_build_reports_every_outputs_problems(tmp_path, topic_file):
    """Every exporter runs, and the same problem is said once with every output it
    cost; the outputs it does not touch are made."""
    path = topic_file(
        minimal_topic(main_message="Rest \U0001f9ca and drink water.", version="1.0 \U0001f9b5")
    )
    result = run_cli("build", path, "--out", tmp_path / "out")
    assert result.returncode == 1
    assert result.stderr.count("the character '\U0001f9ca'") == 1
    assert result.stderr.count("the character '\U0001f9b5'") == 1
    pdfs = [e.name for e in EXPORTERS if e.suffix.endswith(".pdf")]
    assert f"test-topic: not made: {', '.join(pdfs)}" in result.stderr
    made = {p.name for p in (tmp_path / "out" / "test-topic").iterdir()} - {MANIFEST_NAME}
    assert made == {e.filename("test-topic") for e in EXPORTERS if e.name not in pdfs}


GC_PROBE = """
import gc, sys
from pathlib import Path
from generator import build
from generator.options import BuildOptions

build.collect_rarely_while_starting()
collected = []
gc.callbacks.append(lambda phase, info: phase == "start" and collected.append(info))
result = build.build_topic(Path(sys.argv[1]), Path(sys.argv[2]), BuildOptions())
assert result.ok, result.error
print(len(collected), gc.get_threshold() == build.DEFAULT_GC_THRESHOLD, gc.get_freeze_count())
"""


def test_a_build_process_first_topic_runs_without_a_garbage_collection(tmp_path):
    """A build process's first topic leaves some 130,000 objects the collector tracks,
    most of them kept until the process ends: one collection of them costs a one-topic
    build 15-25 ms (docs/performance.md). The hamstring topic, all outputs, is built
    without one; then those objects are frozen and the default threshold is back, so
    the topics after it are collected as usual."""
    topic = copy_hamstring(tmp_path)
    probe = subprocess.run(
        [sys.executable, "-c", GC_PROBE, str(topic), str(tmp_path / "out")],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    collections, default_again, frozen = probe.stdout.split()
    assert (collections, default_again) == ("0", "True")
    assert int(frozen) > 100_000
