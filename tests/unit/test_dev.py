"""dev.py's set-up steps: one line each, the installer's noise hidden, its errors shown."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

NOISY = (
    "import sys; print('Collecting reportlab'); "
    "sys.stderr.write(\"WARNING: Location 'file:///opt/x' is ignored\\n\"); "
    "sys.exit({code})"
)


def run_step(code: int) -> subprocess.CompletedProcess[str]:
    """dev.step run on a command that talks like pip and exits with `code`."""
    script = (
        "import sys; import dev; "
        f"dev.step('set-up: installing things', sys.executable, '-c', {NOISY.format(code=code)!r})"
    )
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_a_step_that_works_says_only_what_it_does():
    done = run_step(0)
    assert (done.returncode, done.stdout, done.stderr) == (0, "set-up: installing things\n", "")


def test_a_step_that_fails_shows_everything_the_installer_said():
    done = run_step(3)
    assert done.returncode == 3
    assert done.stdout == "set-up: installing things\n"
    assert done.stderr == (
        "Collecting reportlab\n"
        "WARNING: Location 'file:///opt/x' is ignored\n"
        "set-up failed (exit code 3): set-up: installing things\n"
    )
