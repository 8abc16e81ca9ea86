"""The package stays small enough to read: modules of about 350 lines at most,
functions of about 50 (docs/architecture.md says where things go instead)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

MAX_MODULE_LINES = 350
MAX_FUNCTION_LINES = 55
"""About 50: a long argument list, set out one per line, may take a few more."""


def python_files() -> list[Path]:
    return sorted((ROOT / "generator").rglob("*.py"))


def test_no_module_is_too_long():
    long = {
        str(p.relative_to(ROOT)): n
        for p in python_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_too_long():
    long = {}
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = lines
    assert long == {}
