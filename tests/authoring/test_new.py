"""`health-handouts new`: a skeleton that checks and builds, never over a file."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest

from generator.authoring.new import new_topic
from generator.errors import ContentError, GeneratorError
from generator.exporters import EXPORTERS
from generator.lint import placeholder_warnings
from generator.load import load_topic
from tests.conftest import run_cli


def test_new_topic_checks_and_builds_as_it_is(tmp_path):
    made = run_cli("new", "heat-rash", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("wrote content/heat-rash.yaml: ")
    checked = run_cli("check", "content/heat-rash.yaml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("content/heat-rash.yaml: ok, 2 sections, 1 flashcards")
    built = run_cli("build", "content/heat-rash.yaml", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert len(list((tmp_path / "out" / "heat-rash").glob("heat-rash*"))) == len(EXPORTERS)


def test_every_field_of_the_skeleton_has_a_comment(tmp_path):
    """Each key has a comment where it first appears (its later uses repeat it)."""
    path = new_topic(tmp_path, "heat-rash", None, "en-US", dt.date(2026, 1, 2))
    seen, uncommented = set(), []
    for line in path.read_text().splitlines():
        key = re.match(r"\s*(?:- )?([a-z_]+):", line)
        if key and key.group(1) not in seen:
            seen.add(key.group(1))
            if "#" not in line:
                uncommented.append(line)
    assert len(seen) > 20
    assert uncommented == []


def test_the_skeleton_says_nothing_but_placeholders(tmp_path):
    """No medical claim: every text an author writes is a placeholder, and check says so."""
    topic = load_topic(new_topic(tmp_path, "heat-rash", None, "en-US", dt.date(2026, 1, 2)))
    texts = [topic.main_message, topic.source.title, topic.source.publisher, topic.title]
    texts += [item.text for section in topic.sections for item in section.items]
    texts += [card.front + card.back for card in topic.flashcards]
    assert all(text.startswith("PLACEHOLDER") for text in texts)
    (warning,) = placeholder_warnings(topic)
    assert warning.startswith(f"warning: {tmp_path}/heat-rash.yaml:6: title: still a PLACEHOLDER")
    assert "11 texts in all, on lines 6, 10, 13, 14, 21, 25, 26, 32, 37, 42, 43" in warning


def test_the_commented_picture_example_loads_once_uncommented(tmp_path):
    """The skeleton shows how to add a picture, commented out; an author who removes
    the '# ' marks (and adds the file) has a topic that loads with it."""
    path = new_topic(tmp_path, "heat-rash", None, "en-US", dt.date(2026, 1, 2))
    text = path.read_text(encoding="utf-8")
    example = re.findall(r"^ +# (?:image:|  \w+:).*$", text, re.M)
    assert len(example) == 4
    for line in example:
        text = text.replace(line, line.replace("# ", "", 1), 1)
    path.write_text(text, encoding="utf-8")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "first-step.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"/>', encoding="utf-8"
    )
    (picture,) = load_topic(path).pictures
    assert (picture.path.name, picture.on_card) == ("first-step.svg", True)


def test_title_and_language_are_taken_as_text(tmp_path):
    title = 'Heat "rash": # not a comment <b>'
    path = new_topic(tmp_path, "heat-rash", title, "es-MX", dt.date(2026, 1, 2))
    topic = load_topic(path)
    assert (topic.title, topic.language, topic.reviewed) == (title, "es-MX", dt.date(2026, 1, 2))
    assert placeholder_warnings(topic)[0].startswith(f"warning: {path}:10: main_message: ")


def test_new_never_overwrites_a_file(tmp_path):
    (tmp_path / "content").mkdir()
    existing = tmp_path / "content" / "heat-rash.yaml"
    existing.write_text("mine\n")
    result = run_cli("new", "heat-rash", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "error: content/heat-rash.yaml already exists (edit it, or choose another id)\n"
    )
    assert existing.read_text() == "mine\n"
    assert sorted(p.name for p in existing.parent.iterdir()) == ["heat-rash.yaml"]


def test_new_never_follows_a_dangling_link(tmp_path):
    (tmp_path / "heat-rash.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    with pytest.raises(GeneratorError, match="already exists"):
        new_topic(tmp_path, "heat-rash", None, "en-US", dt.date(2026, 1, 2))
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_new_never_follows_a_link_planted_at_its_temporary_name(tmp_path):
    """It wrote `content/.<id>.yaml.<pid>.tmp` without O_EXCL: a link planted at that
    predictable name had the file it points to overwritten."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (tmp_path / f".heat-rash.yaml.{os.getpid()}.tmp").symlink_to(victim)
    path = new_topic(tmp_path, "heat-rash", None, "en-US", dt.date(2026, 1, 2))
    assert victim.read_text() == "keep me\n"
    assert load_topic(path).id == "heat-rash"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.is_symlink()) == [
        "heat-rash.yaml",
        "victim.txt",
    ]


def test_a_staged_file_is_never_a_file_someone_planted(tmp_path, monkeypatch):
    """The build's staging makes each temporary file itself (O_EXCL): a name already
    taken (here a planted link) is an error, never a file written through."""
    from generator.atomic import StagedFiles

    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    monkeypatch.setattr(os, "urandom", bytes)  # the random part of the name: 00000000
    (tmp_path / f".out.pdf.{os.getpid()}-00000000.tmp").symlink_to(victim)
    with pytest.raises(FileExistsError):
        StagedFiles().temp_for(tmp_path / "out.pdf")
    assert victim.read_text() == "keep me\n"


@pytest.mark.parametrize("bad", ["Heat_Rash", "heat--rash", "../x", "", "a" * 65])
def test_an_invalid_id_gets_the_usual_message(tmp_path, bad):
    result = run_cli("new", bad, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {bad!r} is not a valid id (use 1-64 lower-case letters, digits and "
        "single hyphens, such as 'warm-up')\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_title_or_language_the_loader_refuses_is_named_by_its_option(tmp_path):
    with pytest.raises(ContentError) as caught:
        new_topic(tmp_path, "heat-rash", "x" * 121, "e n", dt.date(2026, 1, 2))
    assert str(caught.value).splitlines() == [
        "--title: is 121 characters, longer than the 120 allowed (shorten it or split it into more items)",
        "--language: 'e n' is not a BCP 47 language tag (use a tag such as 'en', 'en-US' or 'es-MX')",
    ]
    assert list(tmp_path.iterdir()) == []


def test_real_topics_have_no_placeholder_warning(hamstring):
    assert placeholder_warnings(hamstring) == []


def test_the_skeleton_points_to_help_format_not_the_repository(tmp_path):
    text = new_topic(tmp_path, "heat-rash", None, "en-US", dt.date(2026, 1, 2)).read_text()
    assert "`health-handouts help format`" in text.splitlines()[0]
    assert "docs/" not in text


def test_new_project_writes_a_project_file_once(tmp_path):
    made = run_cli("new", "--project", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert made.stdout == (
        "wrote health-handouts.toml: uncomment the settings you want; "
        "`health-handouts help project`\n"
    )
    assert (tmp_path / "health-handouts.toml").read_text().startswith("# health-handouts project")
    again = run_cli("new", "--project", cwd=tmp_path)
    assert (again.returncode, again.stdout) == (2, "")
    assert again.stderr == (
        "error: health-handouts.toml already exists (edit it: `health-handouts help project`)\n"
    )
    both = run_cli("new", "heat-rash", "--project", cwd=tmp_path)
    assert both.returncode == 2
    assert "give an ID or --project, not both" in both.stderr


def test_new_writes_into_the_projects_content_folder(tmp_path):
    (tmp_path / "health-handouts.toml").write_text('paper = "a4"\n')
    (tmp_path / ".git").mkdir()
    below = tmp_path / "content" / "images"
    below.mkdir(parents=True)
    made = run_cli("new", "heat-rash", cwd=below)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "content" / "heat-rash.yaml").is_file()


@pytest.mark.parametrize(
    ("language", "urgent"), [("vi", "Hãy đi khám ngay"), ("zh-TW", "請立即就醫")]
)
def test_a_new_topic_in_a_language_previews_its_labels_in_it(tmp_path, language, urgent):
    made = run_cli("new", "heat-rash", "--language", language, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "labels: in '" in made.stdout and "locales/" in made.stdout
    text = (tmp_path / "content" / "heat-rash.yaml").read_text(encoding="utf-8")
    assert "# A health-education topic." in text  # the comments stay in English
    built = run_cli("build", "content/heat-rash.yaml", "--only", "handout-html", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "out" / "heat-rash" / "heat-rash-handout.html").read_text()
    assert urgent in page and 'lang="en"' not in page


def test_new_says_when_a_language_has_no_labels_yet(tmp_path):
    made = run_cli("new", "heat-rash", "--language", "de-DE", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "labels: no catalogue for 'de-DE', so they print in English (add " in made.stdout
    assert "content/labels/de.po: docs/translating-labels.md" in made.stdout
