"""Malformed and hostile topic files: one clear error each, exit code 1, bounded
memory, nothing executed, no traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zipfile
from contextlib import closing

import pytest

from generator.build import build_topic
from generator.errors import ContentError
from generator.load import load_topic
from generator.load.yaml_source import MAX_FILE_BYTES
from generator.options import BuildOptions
from tests.conftest import ROOT, dump, minimal_topic, run_cli

BILLION_LAUGHS = "\n".join(
    ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
)


def single_problem(path) -> str:
    with pytest.raises(ContentError) as info:
        load_topic(path)
    [problem] = info.value.problems
    return str(problem)


def first_problem(path) -> str:
    """The first problem of a file whose other problems (the missing title and so
    on) are reported in the same run."""
    with pytest.raises(ContentError) as info:
        load_topic(path)
    return str(info.value.problems[0])


def test_alias_bomb_is_refused_without_expanding(topic_file):
    path = topic_file(BILLION_LAUGHS + "\n")
    with pytest.raises(ContentError) as info:
        load_topic(path)
    aliases = [str(p) for p in info.value.problems if "YAML alias" in str(p)]
    assert aliases[0] == f"{path}:2: YAML alias *a0 is not allowed (write the value out in full)"
    assert len(aliases) == 81  # every alias, each at its own line
    assert aliases[-1].startswith(f"{path}:10: YAML alias *a8 ")


def test_custom_tag_is_never_run(topic_file, tmp_path):
    marker = tmp_path / "pwned"
    path = topic_file(f"id: !!python/object/apply:os.system ['touch {marker}']\n")
    assert first_problem(path) == (
        f"{path}:1: id: YAML tag '!!python/object/apply:os.system' is not allowed (remove the tag)"
    )
    assert not marker.exists()


def test_local_tag(topic_file):
    path = topic_file("id: !secret test-topic\n")
    assert (
        first_problem(path) == f"{path}:1: id: YAML tag '!secret' is not allowed (remove the tag)"
    )


def test_binary_junk(topic_file):
    path = topic_file(bytes(range(256)) * 4)
    assert single_problem(path) == f"{path}:2: file is not valid UTF-8 text (save it as UTF-8)"


def test_nul_bytes(topic_file):
    path = topic_file(b"id: test\x00topic\n")
    assert single_problem(path) == (
        f"{path}:1: the character U+0000 is not allowed (delete it; topic files hold plain text)"
    )


def test_two_documents(topic_file):
    path = topic_file(dump(minimal_topic()) + "---\nid: other\n")
    assert single_problem(path).endswith("more than one YAML document (keep one topic per file)")


def test_huge_file_refused_before_reading(topic_file):
    path = topic_file("")
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse: cheap to make
    assert single_problem(path) == (
        f"{path}: file is 50.0 MiB, larger than the {MAX_FILE_BYTES // 1_048_576} MiB limit "
        "(split the topic into smaller topics)"
    )


def test_deep_nesting(topic_file):
    path = topic_file("id: " + "[" * 5000 + "]" * 5000 + "\n")
    message = single_problem(path)
    assert message.startswith(f"{path}:")


def test_ten_thousand_flashcards_load(topic_file):
    cards = [
        {"id": f"card-{i}", "section": "now", "front": f"Question {i}?", "back": f"Answer {i}."}
        for i in range(10_000)
    ]
    topic = load_topic(topic_file(minimal_topic(flashcards=cards)))
    assert len(topic.flashcards) == 10_000


def test_alias_bomb_memory_is_bounded(topic_file):
    """In a fresh process, loading the bomb stays far below what expanding it would take."""
    path = topic_file(BILLION_LAUGHS + "\n")
    code = (
        "import re\n"
        "from pathlib import Path\n"
        "from generator.load import load_topic\n"
        "from generator.errors import ContentError\n"
        "try:\n"
        f"    load_topic(Path({str(path)!r}))\n"
        "except ContentError:\n"
        "    pass\n"
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent.
        "status = open('/proc/self/status').read()\n"
        "print(re.search(r'VmHWM:\\s+(\\d+)', status).group(1))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) < 100 * 1024  # kB: expanding 10^9 items would need GBs


@pytest.mark.parametrize(
    "text",
    [
        "id: [unclosed\n",
        "\tid: x\n",
        "id: a\nid: b\n",
        BILLION_LAUGHS,
        "id: !!binary aGVsbG8=\n",
        "",
        "just a sentence\n",
    ],
    ids=["syntax", "tab", "duplicate", "bomb", "binary-tag", "empty", "scalar"],
)
def test_cli_reports_hostile_file_without_traceback(topic_file, text):
    result = run_cli("check", topic_file(text))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith("1 of 1 topic files have problems\n")


def test_ten_thousand_flashcards_build(tmp_path, topic_file):
    cards = [
        {"id": f"card-{i}", "section": "now", "front": f"Question {i}?", "back": f"Answer {i}."}
        for i in range(10_000)
    ]
    path = topic_file(minimal_topic(flashcards=cards))
    result = build_topic(path, tmp_path / "out", BuildOptions())
    assert result.ok, result.error
    deck = tmp_path / "out" / "test-topic" / "test-topic.apkg"
    with zipfile.ZipFile(deck) as archive:
        (tmp_path / "c.anki2").write_bytes(archive.read("collection.anki2"))
    with closing(sqlite3.connect(tmp_path / "c.anki2")) as db:
        assert db.execute("select count(*) from notes").fetchone() == (10_000,)


DEPTH_HINT = "a topic needs only a few levels: check the brackets and the indentation"


@pytest.mark.parametrize(
    "nested",
    [
        "[" * 495 + "]" * 495,
        "[" * 999 + "]" * 999,
        "{a: " * 950 + "}" * 950,
        "{a: " * 999 + "}" * 999,
    ],
)
def test_deep_nesting_is_a_content_error(topic_file, nested):
    path = topic_file(dump(minimal_topic()) + f"extra: {nested}\n")
    line = path.read_text().count("\n")
    with pytest.raises(ContentError) as info:
        load_topic(path)
    assert str(info.value.problems[0]) == (
        f"{path}:{line}: extra: values nested more than 100 levels deep ({DEPTH_HINT})"
    )
    result = run_cli("check", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "internal error" not in result.stdout + result.stderr


def test_deep_nesting_in_the_pure_python_composer(topic_file, monkeypatch):
    """Without libyaml, PyYAML's own composer recurses once per level."""
    import yaml

    from generator.load import yaml_source

    monkeypatch.setattr(yaml_source, "_Loader", yaml.SafeLoader)
    path = topic_file("id: test-topic\ntitle:\n  " + "[" * 3000 + "]" * 3000 + "\n")
    assert single_problem(path) == (
        f"{path}:3: values nested more than 100 levels deep ({DEPTH_HINT})"
    )


def test_topic_that_is_not_a_regular_file(tmp_path):
    """A FIFO hung `check` and `build`; a link to /dev/zero ran out of memory."""
    fifo, zero, folder = tmp_path / "fifo.yaml", tmp_path / "zero.yaml", tmp_path / "dir.yaml"
    os.mkfifo(fifo)
    zero.symlink_to("/dev/zero")
    folder.mkdir()
    kinds = {fifo: "a pipe (FIFO)", zero: "a device", folder: "a folder"}
    for path, kind in kinds.items():
        expected = (
            f"{path}: file is {kind}, not a regular file (give the path of a saved topic file)"
        )
        for command in (["check"], ["build", "--out", str(tmp_path / "out")]):
            result = run_cli(*command, path, timeout=30)
            assert result.returncode == 1, result.stderr
            assert expected in result.stdout + result.stderr
            assert "Traceback" not in result.stderr


def test_topic_through_a_pipe_is_not_read_whole(tmp_path):
    """`<(...)` reports size 0 to stat; the read itself is bounded, the pipe refused."""
    script = (
        "import subprocess, sys\n"
        "p = subprocess.Popen(['cat'], stdin=subprocess.PIPE, stdout=subprocess.PIPE)\n"
        "path = f'/dev/fd/{p.stdout.fileno()}'\n"
        "r = subprocess.run([sys.executable, '-m', 'generator', 'check', path],\n"
        "    pass_fds=[p.stdout.fileno()], capture_output=True, text=True, timeout=60)\n"
        "print(r.returncode); print(r.stdout + r.stderr)\n"
        "p.kill()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=90,
    )
    code, *lines = result.stdout.splitlines()
    assert code == "1"
    assert "is a pipe (FIFO), not a regular file" in lines[0]
