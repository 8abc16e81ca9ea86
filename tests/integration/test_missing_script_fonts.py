"""A topic whose script's font package is not installed (an install without the `rtl`
or `cjk` extra): its PDFs are not made, the build says once which font, for which
field and language, and the install command; its other outputs are made. The
package is hidden from a real `build` as if never installed (`sys.modules[name] = None`:
`importlib.util.find_spec` says None, `import` fails)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.exporters import EXPORTERS
from tests.conftest import ROOT, line_of
from tests.integration.scripts import script_topic_file

HIDDEN = """
import runpy, sys
sys.modules.update(dict.fromkeys({hidden!r}))  # None: not installed, to find_spec and import
sys.argv = ["generator", *sys.argv[1:]]
runpy.run_module("generator", run_name="__main__")
"""


def build_without(packages: set[str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", HIDDEN.format(hidden=packages), "build", *map(str, args)],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("catalogue", "package", "font", "extra"),
    [
        ("ar", "fontpkg_almarai", "Almarai", "rtl"),
        ("zh-Hans", "justmytype_intl_cjk", "Noto Sans SC", "cjk"),
    ],
)
def test_a_missing_script_font_costs_only_the_pdfs(tmp_path, catalogue, package, font, extra):
    path = script_topic_file(catalogue, tmp_path)
    out = tmp_path / "out"
    result = build_without({package}, path, "--out", out)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    language = next(
        line for line in path.read_text("utf-8").splitlines() if line.startswith("language:")
    )
    said = (
        f"{path}:{line_of(path, 'title:')}: title: text in this script needs the font {font}, "
        f"which is not installed (language '{language.split(': ')[1]}'): run pip install "
        f"'health-handouts[{extra}]'"
    )
    assert result.stderr.count(said) == 1, result.stderr
    made = {p.suffix for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert ".pdf" not in made
    others = {e.suffix.rsplit(".", 1)[-1] for e in EXPORTERS if not e.suffix.endswith(".pdf")}
    assert {suffix.lstrip(".") for suffix in made} >= others
