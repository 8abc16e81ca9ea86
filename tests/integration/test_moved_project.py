"""A project folder (topics, their pictures, the clinic file, out/) moved or copied to
another path: its manifests name no absolute path, and nothing is rebuilt."""

from __future__ import annotations

import json
import shutil

import pytest

from generator.incremental import MANIFEST_NAME, identity
from tests.conftest import CONTENT, ROOT, copy_hamstring, run_cli

pytestmark = pytest.mark.slow


def make_project(folder):
    """The hamstring topic with its pictures, and a clinic with a logo, in `folder`."""
    (folder / "content").mkdir(parents=True)
    copy_hamstring(folder / "content")
    shutil.copy(CONTENT / "hamstring-cramp-es.yaml", folder / "content")
    shutil.copytree(ROOT / "tests" / "fixtures" / "clinic", folder / "clinic")
    return folder


def build(project):
    result = run_cli("build", "--clinic", "clinic/clinic.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    return result.stdout


def manifests(project):
    return sorted((project / "out").glob(f"*/{MANIFEST_NAME}"))


def test_the_manifest_names_no_absolute_path(tmp_path):
    project = make_project(tmp_path / "home" / "clinic-it" / "project")
    build(project)
    for manifest in manifests(project):
        text = manifest.read_text(encoding="utf-8")
        assert str(tmp_path) not in text
        data = json.loads(text)
        # the clinic's label folder and the catalogues that would serve the topic's
        # language (issue 25): absent, but one made later rebuilds the topic
        labels = [name for name in data["inputs"] if name.split("/")[0] == "labels"]
        assert "labels" in labels and all(n == "labels" or n.endswith(".po") for n in labels)
        assert sorted(set(data["inputs"]) - set(labels)) == sorted(
            [
                f"{manifest.parent.name}.yaml",
                f"{manifest.parent.name}.deck.json",  # the deck students have (issue 27)
                "images/rub-knee-to-hip.svg",
                "images/sitting-stretch.svg",
                "images/standing-stretch.svg",
                "../clinic/logo.png",
            ]
        )


@pytest.mark.parametrize("copy", [shutil.copy2, shutil.copy], ids=["times-kept", "times-new"])
def test_a_copied_project_rebuilds_nothing(tmp_path, copy):
    """Copied (new inodes; with shutil.copy, new times too) and the original removed,
    so that nothing can be read from the old path: every output is up to date, and
    the manifests then record the copies, so the next check needs no hashing."""
    first = make_project(tmp_path / "first")
    build(first)
    moved = tmp_path / "elsewhere" / "moved"
    shutil.copytree(first, moved, copy_function=copy)
    shutil.rmtree(first)
    assert "built 2 of 2 topics: 0 files written, 16 up to date" in build(moved)
    for manifest in manifests(moved):
        outputs = json.loads(manifest.read_text(encoding="utf-8"))["outputs"]
        for name, entry in outputs.items():
            assert entry[:3] == identity((manifest.parent / name).stat()), name


def test_a_changed_output_in_a_copied_project_is_rebuilt(tmp_path):
    """Recognised by content, not by name: a copied output whose bytes differ (same
    size) is made again, the others are kept."""
    first = make_project(tmp_path / "first")
    build(first)
    moved = tmp_path / "moved"
    shutil.copytree(first, moved)
    handout = moved / "out" / "hamstring-cramp" / "hamstring-cramp-handout.html"
    html = handout.read_bytes()
    handout.write_bytes(html.replace(b"<html", b"<HTML", 1))
    output = build(moved)
    assert "hamstring-cramp: wrote out/hamstring-cramp/hamstring-cramp-handout.html" in output
    assert "built 2 of 2 topics: 1 files written, 15 up to date" in output
    assert handout.read_bytes() == html
