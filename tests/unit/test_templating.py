"""The compiled-template cache: used when it can be, never a reason to fail."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic

from generator.templating import make_env, render
from generator.user_cache import CACHE_DIR_VARIABLE


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "hello.txt.j2").write_text("Hello {{ who }}!", encoding="utf-8")
    return folder


def cache_files(cache: Path) -> list[Path]:
    return sorted((cache / "templates").glob("__jinja2_*.cache"))


def test_second_environment_renders_from_the_cache(templates, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(cache))
    assert render(make_env(templates), "hello.txt.j2", who="<you>") == "Hello &lt;you&gt;!"
    [entry] = cache_files(cache)
    written = entry.stat().st_mtime_ns
    assert render(make_env(templates), "hello.txt.j2", who="Sam") == "Hello Sam!"
    assert cache_files(cache) == [entry]
    assert entry.stat().st_mtime_ns == written  # read, not rewritten


def test_edited_template_is_compiled_again(templates, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "cache"))
    render(make_env(templates), "hello.txt.j2", who="Sam")
    (templates / "hello.txt.j2").write_text("Bye {{ who }}.", encoding="utf-8")
    assert render(make_env(templates), "hello.txt.j2", who="Sam") == "Bye Sam."


@pytest.mark.parametrize(
    "garbage",
    [b"", b"\x00" * 3, bc_magic + b"\xff" * 64, bc_magic + pickle.dumps("x") + b"\x00" * 8],
    ids=["empty", "short", "unreadable-checksum", "stale-checksum"],
)
def test_corrupt_cache_entry_is_compiled_from_source(templates, tmp_path, monkeypatch, garbage):
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(cache))
    render(make_env(templates), "hello.txt.j2", who="Sam")
    [entry] = cache_files(cache)
    entry.write_bytes(garbage)
    assert render(make_env(templates), "hello.txt.j2", who="Sam") == "Hello Sam!"


def test_unusable_cache_folder_means_no_cache(templates, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(blocker / "cache"))
    env = make_env(templates)
    assert env.bytecode_cache is None
    assert render(env, "hello.txt.j2", who="Sam") == "Hello Sam!"


def test_empty_variable_turns_the_cache_off(templates, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_VARIABLE, "")
    assert make_env(templates).bytecode_cache is None
