"""The project file, health-handouts.toml: found upward, checked like a topic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.authoring.new import PROJECT_SKELETON
from generator.load.project import (
    KEYS,
    PROJECT_FILE,
    ProjectError,
    find_project,
    key_lines,
    load_project,
)
from generator.model import CardLayout, CardSize
from generator.options import Paper, StudyCardSize


def write(folder: Path, text: str) -> Path:
    path = folder / PROJECT_FILE
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ProjectError) as caught:
        load_project(path)
    return str(caught.value).splitlines()


def test_every_key_is_read_with_its_line_and_paths_are_from_the_files_folder(tmp_path):
    (tmp_path / "clinic").mkdir()
    (tmp_path / "clinic" / "clinic.yaml").write_text("name: A clinic\n")
    path = write(
        tmp_path,
        '# defaults\nclinic = "clinic/clinic.yaml"\npaper = "A4"\ncard-size = "a7"\n'
        'card-layout = "Two-Sided"\nlarge-print = true\nstudy-card-size = "a7"\n',
    )
    project = load_project(path)
    assert project.settings == {
        "clinic": tmp_path / "clinic" / "clinic.yaml",
        "paper": Paper.A4,
        "card_size": CardSize.A7,
        "card_layout": CardLayout.TWO_SIDED,
        "large_print": True,
        "study_card_size": StudyCardSize.A7,
    }
    assert project.origin("paper") == f"{path}:3"
    assert project.folder == tmp_path


def test_every_problem_at_once_with_line_key_and_fix(tmp_path):
    path = write(
        tmp_path,
        'paper = "A5"\ncard_size = "a7"\nlarge-print = "yes"\nclinic = "nope.yaml"\n'
        "study-card-size = 3\n\n[build]\njobs = 2\n",
    )
    assert problems(path) == [
        f"{path}:1: paper: 'A5' is not allowed (use one of: letter, a4)",
        f"{path}:2: card_size: unknown key (did you mean 'card-size'?)",
        f"{path}:3: large-print: expected true or false, got text (write true or false, unquoted)",
        f"{path}:4: clinic: no file {tmp_path / 'nope.yaml'} (a path from the project "
        "file's folder, such as 'clinic.yaml')",
        f"{path}:5: study-card-size: expected text, got a number (use one of: index, a7)",
        f"{path}:7: build: unknown key (known keys: {', '.join(KEYS)})",
    ]


def test_a_close_value_is_suggested(tmp_path):
    path = write(tmp_path, 'card-layout = "fold-ovr"\n')
    assert problems(path) == [
        f"{path}:1: card-layout: 'fold-ovr' is not allowed (did you mean 'fold-over'?)"
    ]


def test_toml_syntax_error_names_its_line(tmp_path):
    path = write(tmp_path, 'paper = "a4"\n\ncard-size = \n')
    assert problems(path) == [
        f"{path}:3: not valid TOML: Invalid value (see `health-handouts help project` for "
        "an example)"
    ]


def test_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / PROJECT_FILE
    path.write_bytes(b'paper = "\xff"\n')
    assert problems(path) == [f"{path}: cannot read the project file: not UTF-8 text"]


def test_key_lines_skip_keys_of_tables_and_text_in_arrays():
    text = 'a = [\n  "b",\n]\n"c" = 1\nd.e = 2\n[f]\ng = 3\n[[h]]\n'
    assert key_lines(text) == {"a": 1, "c": 4, "d": 5, "f": 6, "h": 8}


def test_found_upward_from_a_subfolder(tmp_path):
    path = write(tmp_path, "")
    below = tmp_path / "content" / "images"
    below.mkdir(parents=True)
    assert find_project(below) == path


def test_search_stops_at_the_root_of_a_repository(tmp_path):
    """A project file above the repository is not the repository's."""
    write(tmp_path, "")
    clone = tmp_path / "clone"
    (clone / "content").mkdir(parents=True)
    (clone / ".git").write_text("gitdir: elsewhere\n")  # a worktree's .git is a file
    assert find_project(clone / "content") is None
    own = write(clone, "")
    assert find_project(clone / "content") == own


def test_the_skeleton_new_writes_is_valid_and_names_every_key(tmp_path):
    assert load_project(write(tmp_path, PROJECT_SKELETON)).settings == {}
    lines = [
        line[2:] if re.match(r"# [a-z-]+ = ", line) else line
        for line in PROJECT_SKELETON.splitlines()
    ]
    (tmp_path / "clinic.yaml").write_text("name: A clinic\n")
    (tmp_path / "labels").mkdir()
    project = load_project(write(tmp_path, "\n".join(lines)))
    assert sorted(project.settings) == sorted(key.replace("-", "_") for key in KEYS)
