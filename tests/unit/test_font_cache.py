"""The parsed-font cache: the same font as parsing gives, or no cache at all."""

from __future__ import annotations

import os
import pickle
import shutil
import weakref
import zlib
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFile

from generator.font_cache import (
    MAGIC,
    MAX_ENTRY_BYTES,
    FontPickler,
    NotStorable,
    Scale,
    entry_name,
    load_font,
    read_entry,
)
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


def plant(entry: Path, payload: bytes) -> None:
    """Write `payload` as an entry whose checksum matches: past the first check."""
    entry.write_bytes(MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload)


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


def test_font_replaced_with_the_same_size_and_time_is_parsed_again(cache, tmp_path):
    font = tmp_path / "font.ttf"
    shutil.copyfile(SANS, font)
    load_font("F", font)
    [old] = entries(cache)
    stat = font.stat()
    replacement = tmp_path / "new.ttf"
    shutil.copyfile(SANS, replacement)  # another file, same bytes here: what matters is
    os.utime(replacement, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # it is not the old one
    replacement.replace(font)
    assert font.stat().st_size == stat.st_size and font.stat().st_mtime_ns == stat.st_mtime_ns
    load_font("F", font)
    [new] = entries(cache)
    assert new != old


def test_reportlab_settings_a_font_keeps_are_part_of_its_key(cache, monkeypatch):
    """ttfAsciiReadable=0 (RL_ttfAsciiReadable in the environment) changes the PDFs: a
    font parsed under it must not be served to a build without it, nor the reverse."""
    plain = entry_name("DejaVuSans", SANS)
    monkeypatch.setattr(rl_config, "ttfAsciiReadable", 0)
    assert entry_name("DejaVuSans", SANS) != plain


def test_other_settings_keep_their_own_entries(cache, monkeypatch):
    """Two Pythons or two ReportLab settings sharing one cache must not keep deleting
    each other's entries."""
    load_font("DejaVuSans", SANS)
    monkeypatch.setattr(rl_config, "ttfAsciiReadable", 0)
    load_font("DejaVuSans", SANS)
    assert len(entries(cache)) == 2


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
@pytest.mark.parametrize("checksum", ["wrong", "right"])
def test_damaged_entry_is_parsed_again(cache, damage, checksum):
    parsed = load_font("DejaVuSans", SANS)
    [entry] = entries(cache)
    if checksum == "right":
        plant(entry, damage)
    else:
        entry.write_bytes(damage)
    same_font(load_font("DejaVuSans", SANS), parsed)
    assert isinstance(read_entry(entry, "DejaVuSans"), TTFont)  # rewritten whole


def test_one_flipped_bit_is_caught_by_the_checksum(cache):
    load_font("DejaVuSans", SANS)
    [entry] = entries(cache)
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0x10
    entry.write_bytes(bytes(data))
    assert read_entry(entry, "DejaVuSans") is None


@pytest.mark.parametrize("kind", ["link", "fifo", "folder", "huge"])
def test_entry_that_is_not_a_plain_file_of_ours_is_not_read(cache, tmp_path, kind):
    load_font("DejaVuSans", SANS)
    [entry] = entries(cache)
    elsewhere = tmp_path / "elsewhere.pickle"
    entry.replace(elsewhere)
    if kind == "link":  # a valid entry, but reached through a link
        entry.symlink_to(elsewhere)
    elif kind == "fifo":  # would block a plain open() for ever
        os.mkfifo(entry)
    elif kind == "folder":
        entry.mkdir()
    else:
        with entry.open("wb") as file:
            file.truncate(MAX_ENTRY_BYTES + 1)
    assert read_entry(entry, "DejaVuSans") is None
    assert load_font("DejaVuSans", SANS).fontName == "DejaVuSans"


def test_old_entry_that_cannot_be_removed_fails_nothing(cache, tmp_path):
    font = tmp_path / "font.ttf"
    shutil.copyfile(SANS, font)
    load_font("F", font)
    [old] = entries(cache)
    old.unlink()
    old.mkdir()  # unlink() fails on it
    os.utime(font, ns=(0, font.stat().st_mtime_ns + 1_000_000_000))
    assert load_font("F", font).fontName == "F"


def test_temporaries_of_killed_processes_are_removed_later(cache, tmp_path):
    load_font("DejaVuSans", SANS)
    folder = cache / "fonts"
    old, recent = folder / ".a.pickle.x1.tmp", folder / ".b.pickle.x2.tmp"
    for temporary in (old, recent):
        temporary.write_bytes(b"half")
    os.utime(old, (0, 0))
    load_font("DejaVuSans-Bold", FONTS_DIR / "DejaVuSans-Bold.ttf")  # writes an entry
    assert not old.exists()
    assert recent.exists()  # another process may be writing it


def test_read_only_folder_is_not_written_to(cache, monkeypatch):
    load_font("DejaVuSans", SANS)
    [entry] = entries(cache)
    entry.unlink()
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert load_font("DejaVuSans", SANS).fontName == "DejaVuSans"
    assert entries(cache) == []


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
    """Even with a right checksum, the unpickler makes only font classes."""
    load_font("DejaVuSans", SANS)
    [entry] = entries(cache)
    marker = tmp_path / "ran"
    plant(entry, pickle.dumps(Planted(marker)))
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
