"""The parsed-font cache: the same font as parsing gives, or no cache at all."""

from __future__ import annotations

import os
import pickle
import shutil
import weakref
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFile

from generator.font_cache import FontPickler, NotStorable, Scale, load_font, read_entry
from generator.pdf_support import FONTS_DIR
from generator.user_cache import CACHE_DIR_VARIABLE
from tests.conftest import HAMSTRING, run_cli

SANS = FONTS_DIR / "DejaVuSans.ttf"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(folder))
    return folder


def entries(cache: Path) -> list[Path]:
    return sorted((cache / "fonts").glob("*.pickle"))


def same_font(a: TTFont, b: TTFont) -> None:
    """Everything ReportLab keeps of a parsed font is equal, the scale function by its
    results."""
    assert a.fontName == b.fontName
    face_a, face_b = vars(a.face), vars(b.face)
    assert face_a.keys() == face_b.keys()
    for key, value in face_a.items():
        if callable(value):
            assert [value(x) for x in (1, 2048, -7.5)] == [face_b[key](x) for x in (1, 2048, -7.5)]
        else:
            assert value == face_b[key], key
    assert vars(a.encoding) == vars(b.encoding)


def test_second_load_reads_the_cache_not_the_font(cache, monkeypatch):
    parsed = load_font("DejaVuSans", SANS)
    [entry] = entries(cache)

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(TTFontFile, "__init__", no_parsing)
    cached = load_font("DejaVuSans", SANS)
    same_font(cached, parsed)
    assert entries(cache) == [entry]
    assert cached.stringWidth("Hamstring cramps", 10) == parsed.stringWidth("Hamstring cramps", 10)


def test_each_font_keeps_its_own_entry(cache):
    """'DejaVuSans' is the start of 'DejaVuSans-Bold': writing one must not remove the other."""
    load_font("DejaVuSans-Bold", FONTS_DIR / "DejaVuSans-Bold.ttf")
    load_font("DejaVuSans", SANS)
    assert [p.name.split(".")[0] for p in entries(cache)] == ["DejaVuSans-Bold", "DejaVuSans"]


def test_changed_font_file_is_parsed_again_and_its_old_entry_removed(cache, tmp_path):
    font = tmp_path / "font.ttf"
    shutil.copyfile(SANS, font)
    load_font("F", font)
    [old] = entries(cache)
    os.utime(font, ns=(0, font.stat().st_mtime_ns + 1_000_000_000))
    load_font("F", font)
    [new] = entries(cache)
    assert new != old


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x80\x05garbage",
        pickle.dumps("not a font"),
        pickle.dumps({"a": 1}),
    ],
    ids=["empty", "garbage", "other-object", "other-dict"],
)
def test_damaged_entry_is_parsed_again(cache, damage):
    parsed = load_font("DejaVuSans", SANS)
    [entry] = entries(cache)
    entry.write_bytes(damage)
    same_font(load_font("DejaVuSans", SANS), parsed)
    assert isinstance(read_entry(entry, "DejaVuSans"), TTFont)  # rewritten whole


def test_truncated_entry_is_parsed_again(cache):
    parsed = load_font("DejaVuSans", SANS)
    [entry] = entries(cache)
    entry.write_bytes(entry.read_bytes()[:100_000])
    same_font(load_font("DejaVuSans", SANS), parsed)


def test_entry_of_another_font_name_is_not_used(cache):
    load_font("DejaVuSans", SANS)
    [entry] = entries(cache)
    assert read_entry(entry, "Other") is None


class Planted:
    """Unpickling this would run a shell command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_planted_entry_cannot_run_code(cache, tmp_path):
    load_font("DejaVuSans", SANS)
    [entry] = entries(cache)
    marker = tmp_path / "ran"
    entry.write_bytes(pickle.dumps(Planted(marker)))
    assert isinstance(load_font("DejaVuSans", SANS), TTFont)
    assert not marker.exists()


def test_unusable_cache_folder_parses_without_a_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(blocker / "cache"))
    assert load_font("DejaVuSans", SANS).fontName == "DejaVuSans"


def test_empty_variable_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_VARIABLE, "")
    monkeypatch.chdir(tmp_path)
    assert load_font("DejaVuSans", SANS).fontName == "DejaVuSans"
    assert list(tmp_path.iterdir()) == []


def test_missing_font_file_is_reportlabs_error(cache, tmp_path):
    with pytest.raises(TTFError, match=r"gone\.ttf"):
        load_font("Gone", tmp_path / "gone.ttf")


class Holder:
    def __init__(self, value: object) -> None:
        self.value = value


@pytest.mark.parametrize(
    "value",
    [lambda x: x + 1, lambda x: x * 2.0, lambda x: 1 / 0],
    ids=["adds", "other-factor", "raises"],
)
def test_function_that_is_not_the_scale_is_never_stored(value, tmp_path):
    with (tmp_path / "x").open("wb") as file, pytest.raises(NotStorable):
        FontPickler(file, Scale.for_units_per_em(2048)).dump(Holder(value))


def test_the_scale_is_stored_when_it_computes_the_same(tmp_path):
    factor = 1000 / 2048
    with (tmp_path / "x").open("wb") as file:
        FontPickler(file, Scale.for_units_per_em(2048)).dump(Holder(lambda x: x * factor))
    stored = pickle.loads((tmp_path / "x").read_bytes())
    assert stored.value == Scale(factor)


def test_font_used_in_a_document_is_never_stored(tmp_path):
    class Doc:
        pass

    doc = Doc()
    state: weakref.WeakKeyDictionary[object, int] = weakref.WeakKeyDictionary({doc: 1})
    with (tmp_path / "x").open("wb") as file, pytest.raises(NotStorable):
        FontPickler(file, Scale(None)).dump(Holder(state))


def test_scale_for_a_font_of_1000_units_returns_its_input_unchanged():
    assert Scale.for_units_per_em(1000)(7) == 7
    assert type(Scale.for_units_per_em(1000)(7)) is int


def test_outputs_are_the_same_bytes_parsed_and_from_the_cache(tmp_path):
    """Three fresh processes: no cache, an empty one (parses, then stores), a full
    one (reads): every file they write is the same."""
    built = {}
    for run, cache_dir in [("off", ""), ("cold", tmp_path / "c"), ("warm", tmp_path / "c")]:
        out = tmp_path / run
        result = run_cli("build", HAMSTRING, "--out", out, env={CACHE_DIR_VARIABLE: str(cache_dir)})
        assert result.returncode == 0, result.stderr
        files = (out / "hamstring-cramp").glob("hamstring-cramp*")  # not the manifest
        built[run] = {p.name: p.read_bytes() for p in files}
    assert len(list((tmp_path / "c" / "fonts").glob("*.pickle"))) == 4
    assert len(built["off"]) == 5
    assert built["off"] == built["cold"] == built["warm"]
