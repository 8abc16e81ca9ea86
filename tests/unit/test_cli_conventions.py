"""Command-line conventions a CI script relies on: --strict, -q and -v, "did you mean",
choices in any case, global options after the command, `help`, the project file."""

from __future__ import annotations

import shutil

import pytest

from generator.errors import ExitCode
from tests.conftest import ROOT, dump, minimal_topic, run_cli

PLACEHOLDER_TOPIC = minimal_topic(main_message="PLACEHOLDER: the main message.")


def test_exit_codes_are_the_documented_table():
    assert [(code.name, int(code)) for code in ExitCode] == [
        ("OK", 0),
        ("CONTENT", 1),
        ("ERROR", 2),
        ("INTERRUPTED", 130),
        ("OUTPUT_CLOSED", 141),
    ]
    readme = (ROOT / "README.md").read_text()
    for code in (0, 1, 2, 130, 141):
        assert f"| `{code}` |" in readme


@pytest.mark.parametrize("command", ["check", "build"])
def test_strict_turns_warnings_into_a_failure(tmp_path, topic_file, command):
    path = topic_file(PLACEHOLDER_TOPIC)
    out = ["--out", tmp_path / "out"] if command == "build" else []
    lenient = run_cli(command, path, *out)
    assert lenient.returncode == 0, lenient.stderr
    assert "still a PLACEHOLDER text" in lenient.stderr
    strict = run_cli(command, path, *out, "--strict")
    assert strict.returncode == 1
    assert strict.stderr.endswith(
        "--strict: 1 warning, so this fails (fix them, or run without --strict)\n"
    )
    if command == "build":  # an unchanged topic is built again: its warnings count
        again = run_cli(command, path, *out, "--strict")
        assert again.returncode == 1, again.stdout
    clean = run_cli(command, topic_file(), *out, "--strict")
    assert clean.returncode == 0, clean.stderr


def test_quiet_prints_only_problems(tmp_path, topic_file):
    good = topic_file()
    warned = topic_file(minimal_topic(id="warned", reviewed="2099-01-01"), name="warned")
    checked = run_cli("-q", "check", good, warned)
    assert (checked.returncode, checked.stdout) == (0, "")
    assert checked.stderr.startswith(f"warning: {warned}:")
    built = run_cli("build", good, "--out", tmp_path / "out", "--quiet")
    assert (built.returncode, built.stdout, built.stderr) == (0, "", "")
    assert len(list((tmp_path / "out" / "test-topic").glob("test-topic*"))) == 8
    bad = topic_file(minimal_topic(id="bad", title=None), name="bad")
    failed = run_cli("build", bad, "--out", tmp_path / "out", "-q")
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert failed.stderr.startswith(f"{bad}:1: title: missing")


def test_quiet_and_verbose_together_is_a_usage_error():
    result = run_cli("-q", "check", "-v")
    assert result.returncode == 2
    assert "choose one of -q/--quiet and -v/--verbose" in result.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["biuld"], "invalid choice: 'biuld' (did you mean 'build'? choose from build, "),
        (["build", "--papr", "a4"], "unrecognized arguments: --papr (did you mean --paper?)"),
        (["build", "--card-size", "walet"], "invalid choice: 'walet' (did you mean 'wallet'? "),
        (["build", "--only", "handot"], "'handot' is not an output (did you mean 'handout'? "),
        (["help", "fromat"], "no help on 'fromat' (did you mean 'format'? "),
    ],
)
def test_a_mistyped_name_gets_a_suggestion(args, said):
    result = run_cli(*args)
    assert result.returncode == 2
    assert said in result.stderr
    assert "Traceback" not in result.stderr


def test_choices_in_any_case_and_global_options_after_the_command(tmp_path, topic_file):
    path = topic_file()
    result = run_cli(
        "build", path, "--out", tmp_path / "out", "--paper", "A4", "--card-size", "A7",
        "--only", "Handout", "--debug", "-v",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "  paper: a4 (--paper)\n" in result.stdout
    assert "  card-size: a7 (--card-size)\n" in result.stdout
    assert len(list((tmp_path / "out" / "test-topic").glob("*handout*"))) == 2


def test_help_format_prints_the_content_format():
    result = run_cli("help", "format")
    assert result.returncode == 0
    assert result.stdout == (ROOT / "docs" / "content-format.md").read_text()
    project = run_cli("help", "Project")
    assert project.stdout == (ROOT / "docs" / "project-file.md").read_text()
    command = run_cli("help", "build")
    assert command.stdout.startswith("usage: health-handouts build ")


def project(tmp_path, text: str, topic=None):
    """A project folder: health-handouts.toml, content/ with one topic, a .git."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "content" / "images").mkdir(parents=True)
    (tmp_path / "health-handouts.toml").write_text(text)
    (tmp_path / "content" / "test-topic.yaml").write_text(dump(topic or minimal_topic()))
    return tmp_path


def test_the_project_file_sets_defaults_from_any_subfolder(tmp_path):
    shutil.copy(ROOT / "tests" / "fixtures" / "clinic" / "clinic.yaml", tmp_path / "clinic.yaml")
    shutil.copy(ROOT / "tests" / "fixtures" / "clinic" / "logo.png", tmp_path / "logo.png")
    folder = project(tmp_path, 'paper = "a4"\nclinic = "clinic.yaml"\nlarge-print = true\n')
    result = run_cli("build", "-v", "--no-large-print", cwd=folder / "content" / "images")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "project file: ../../health-handouts.toml\n"
        "  clinic: ../../clinic.yaml (../../health-handouts.toml:2)\n"
        "  paper: a4 (../../health-handouts.toml:1)\n"
        "  card-size: the topic's (default)\n"
        "  card-layout: the topic's (default)\n"
        "  large-print: false (--no-large-print)\n"
    )
    built = folder / "out" / "test-topic"  # out/ beside the project file
    assert len(list(built.glob("test-topic*"))) == 8
    from pypdf import PdfReader

    page = PdfReader(built / "test-topic-handout.pdf").pages[0]
    assert round(float(page.mediabox.width)) == 595  # A4, though the topic is en-US
    assert "Riverside Sports Medicine Clinic" in page.extract_text()


def test_an_option_wins_over_the_project_file(tmp_path):
    folder = project(tmp_path, 'paper = "a4"\n')
    result = run_cli("build", "--paper", "letter", "--only", "handout", cwd=folder)
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader

    pdf = folder / "out" / "test-topic" / "test-topic-handout.pdf"
    assert round(float(PdfReader(pdf).pages[0].mediabox.width)) == 612


def test_a_broken_project_file_stops_every_command_with_exit_2(tmp_path):
    folder = project(tmp_path, 'papr = "a4"\n')
    for command in ("check", "build"):
        result = run_cli(command, cwd=folder)
        assert result.returncode == 2
        assert result.stderr == (
            "health-handouts.toml:1: papr: unknown key (did you mean 'paper'?)\n"
        )
    assert not (folder / "out").exists()
