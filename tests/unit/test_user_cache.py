"""Where the caches live: one folder, chosen as users of other tools expect."""

from __future__ import annotations

import os

import pytest

from generator.user_cache import CACHE_DIR_VARIABLE, cache_folder, cache_root

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX cache folders")


def test_variable_names_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "c"))
    assert cache_folder("fonts") == tmp_path / "c" / "fonts"
    assert (tmp_path / "c" / "fonts").is_dir()


def test_empty_variable_turns_caching_off(monkeypatch):
    monkeypatch.setenv(CACHE_DIR_VARIABLE, "")
    assert cache_root() is None
    assert cache_folder("fonts") is None


def test_xdg_cache_home_is_used_when_absolute(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_DIR_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "health-handouts"


@pytest.mark.parametrize("xdg", ["", "relative/cache"])
def test_home_cache_folder_otherwise(xdg, tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_DIR_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_root() == tmp_path / "home" / ".cache" / "health-handouts"


def test_new_folder_is_private_to_the_user(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "c"))
    folder = cache_folder("templates")
    assert folder is not None
    assert folder.stat().st_mode & 0o077 == 0


def test_folder_that_cannot_be_made_means_no_cache(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "file" / "c"))
    assert cache_folder("fonts") is None


def test_home_without_a_usable_cache_folder_means_no_cache(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    (home / ".cache").write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.delenv(CACHE_DIR_VARIABLE)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    assert cache_folder("fonts") is None


def test_folder_others_may_write_to_is_not_used(tmp_path, monkeypatch):
    """Both caches are read back as code or objects: a folder another user can write
    to would let them run code as you."""
    shared = tmp_path / "shared"
    (shared / "fonts").mkdir(parents=True)
    shared.chmod(0o777)
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(shared))
    assert cache_folder("fonts") is None
    shared.chmod(0o700)
    (shared / "fonts").chmod(0o775)
    assert cache_folder("fonts") is None
    (shared / "fonts").chmod(0o700)
    assert cache_folder("fonts") == shared / "fonts"


def test_folder_of_another_user_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "c"))
    assert cache_folder("fonts") is not None
    monkeypatch.setattr(os, "getuid", lambda: tmp_path.stat().st_uid + 1)
    assert cache_folder("fonts") is None


def test_new_root_is_private_whatever_the_umask(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "c"))
    old = os.umask(0)
    try:
        assert cache_folder("templates") is not None
    finally:
        os.umask(old)
    assert (tmp_path / "c").stat().st_mode & 0o077 == 0


def test_variable_with_tilde_or_relative_path_is_made_absolute(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv(CACHE_DIR_VARIABLE, "~/hh-cache")
    assert cache_root() == tmp_path / "home" / "hh-cache"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(CACHE_DIR_VARIABLE, "relative")
    assert cache_root() == tmp_path / "relative"


def test_empty_home_means_no_cache(monkeypatch):
    """Python takes an empty HOME for '/': root would make /.cache."""
    monkeypatch.delenv(CACHE_DIR_VARIABLE)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", "")
    assert cache_root() is None
