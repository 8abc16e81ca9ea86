#!/usr/bin/env python3
"""One entry point for people and CI: sets up what it needs, then does the job.

    python3 dev.py build [ARGS...]   build every topic in content/ into out/
    python3 dev.py test [PYTEST ARGS...]   lint (ruff, mypy) and run every test
    python3 dev.py bench [ARGS...]   run the benchmark (benchmarks/bench.py)
    python3 dev.py goldens           rewrite tests/golden/expected from content/
    python3 dev.py pictures          redraw the README's pictures in docs/pictures/

Set-up is a virtual environment in .venv (re-installed when pyproject.toml
changes) and, for `test`, axe-core from package-lock.json in node_modules. Each step
of it prints one line saying what it does; the installers' own messages are shown
only when they fail.
Only the standard library is used here, so this runs on a bare Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    shown = [
        a.relative_to(ROOT) if isinstance(a, Path) and a.is_relative_to(ROOT) else a for a in args
    ]
    print("+", " ".join(map(str, shown)), flush=True)
    code = subprocess.call([str(a) for a in args], cwd=ROOT, env=env)
    if code:
        raise SystemExit(code)


def step(description: str, *args: str | Path) -> None:
    """One step of set-up: a line saying what it does, then the command, whose output
    (pip's warnings, npm's notices) is shown only if it fails, with its exit code."""
    print(description, flush=True)
    done = subprocess.run(
        [str(a) for a in args], cwd=ROOT, capture_output=True, text=True, errors="replace"
    )
    if done.returncode:
        sys.stdout.flush()
        sys.stderr.write(done.stdout + done.stderr)
        print(f"set-up failed (exit code {done.returncode}): {description}", file=sys.stderr)
        raise SystemExit(done.returncode)


WHAT = {
    None: "health-handouts and the libraries it needs",
    "test": "health-handouts, its libraries and the test tools",
    "preview": "health-handouts, its libraries and the preview tools",
    "scripts": "health-handouts, its libraries and the fonts of every script",
}


def ensure_venv(extra: str | None) -> None:
    """Create .venv and install the project (with `extra`) unless already current."""
    if sys.version_info < (3, 11):  # noqa: UP036 - runs before any install: say why, clearly
        raise SystemExit(f"Python 3.11 or newer is needed, this is {sys.version.split()[0]}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = VENV / f".installed-{extra or 'base'}"
    if stamp.exists() and stamp.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print(f"set-up: creating the virtual environment {VENV.name} (first run only)", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    elif stamp.exists():
        print(f"set-up: pyproject.toml changed since {VENV.name} was set up", flush=True)
    target = f".[{extra}]" if extra else "."
    step(
        f"set-up: installing {WHAT[extra]} into {VENV.name} (a minute or two, once)",
        PYTHON,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--editable",
        target,
    )
    stamp.write_text(wanted)


def ensure_node_modules() -> None:
    """Install axe-core (for the accessibility test) from package-lock.json."""
    lock = ROOT / "package-lock.json"
    marker = ROOT / "node_modules" / ".package-lock.json"
    if marker.exists() and marker.stat().st_mtime >= lock.stat().st_mtime:
        return
    npm = shutil.which("npm")
    if npm is None:
        print("npm not found: the accessibility test will be skipped (CI installs it)")
        return
    step(
        "set-up: installing axe-core, for the accessibility test, into node_modules (npm ci)",
        npm,
        "ci",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
    )


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"build", "test", "bench", "goldens", "pictures"}:
        print(__doc__)
        raise SystemExit(2)
    command, rest = argv[0], argv[1:]
    if command == "build":
        ensure_venv("scripts")
        run(PYTHON, "-m", "generator", "build", *rest)
    elif command == "test":
        ensure_venv("test")
        ensure_node_modules()
        run(BIN / "ruff", "check", ".")
        run(BIN / "ruff", "format", "--check", ".")
        run(PYTHON, "-m", "mypy")
        run(PYTHON, "-m", "pytest", *rest)
    elif command == "bench":
        ensure_venv("test")
        run(PYTHON, "benchmarks/bench.py", *rest)
    elif command == "goldens":
        ensure_venv("test")
        run(PYTHON, "-m", "tests.golden.update")
    elif command == "pictures":
        ensure_venv("preview")
        run(PYTHON, "docs/pictures/make.py", env={**os.environ, "PYTHONPATH": str(ROOT)})


if __name__ == "__main__":
    main(sys.argv[1:])
