"""What makes a topic's outputs out of date, besides its own files (those are tested
through whole builds in tests/integration/test_build.py)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from generator import incremental
from generator.load import load_clinic
from generator.options import BuildOptions


@pytest.fixture(autouse=True)
def no_cached_fingerprint():
    """Each test computes the fingerprint afresh, and leaves no stale one behind."""
    incremental.generator_fingerprint.cache_clear()
    yield
    incremental.generator_fingerprint.cache_clear()


def fresh_fingerprint() -> str:
    incremental.generator_fingerprint.cache_clear()
    return incremental.generator_fingerprint()


def test_upgrading_a_library_changes_the_fingerprint(tmp_path, monkeypatch):
    library = tmp_path / "fakepdf.py"
    library.write_text("VERSION = '1.0'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(incremental, "LIBRARIES", ("fakepdf",))
    before = fresh_fingerprint()
    library.write_text("VERSION = '1.1'\n", encoding="utf-8")  # what pip install -U does
    os.utime(library, ns=(library.stat().st_atime_ns, library.stat().st_mtime_ns + 10**9))
    assert fresh_fingerprint() != before
    assert "fakepdf" not in sys.modules  # found, never imported


def test_options_key_names_the_clinic_by_content(tmp_path, monkeypatch):
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Riverside Clinic\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    by_relative = BuildOptions(clinic=load_clinic(Path("clinic.yaml")))
    by_absolute = BuildOptions(clinic=load_clinic(clinic))
    fields = ("clinic",)
    key = incremental.options_key(by_absolute, fields, tmp_path)
    assert incremental.options_key(by_relative, fields, tmp_path) == key
    clinic.write_text("name: Hillside Clinic\n", encoding="utf-8")
    renamed = BuildOptions(clinic=load_clinic(clinic))
    assert incremental.options_key(renamed, fields, tmp_path) != key


def test_the_syllable_dictionary_is_not_in_the_fingerprint(tmp_path, monkeypatch):
    """No output is made from it (only the printed reading level), so regenerating it
    rebuilds nothing; a module of the package does."""
    package = tmp_path / "generator"
    (package / "data").mkdir(parents=True)
    module = package / "build.py"
    module.write_text("X = 1\n", encoding="utf-8")
    dictionary = package / "data" / "cmudict-syllables.txt"
    dictionary.write_text("a\t1\n", encoding="utf-8")
    monkeypatch.setattr(incremental, "PACKAGE_DIR", package)
    monkeypatch.setattr(incremental, "TEMPLATES_DIR", package / "templates")
    monkeypatch.setattr(incremental, "UNPRINTED", (dictionary,))
    before = fresh_fingerprint()
    dictionary.write_text("a\t1\nb\t1\n", encoding="utf-8")
    assert fresh_fingerprint() == before
    module.write_text("X = 2\n", encoding="utf-8")
    assert fresh_fingerprint() != before
