"""Where outputs go. Topic ids become file names only here."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from generator.errors import GeneratorError
from generator.model import MAX_ID, SLUG

PACKAGE_DIR = Path(__file__).resolve().parent


def _shipped(folder: str) -> Path:
    """Where a top-level folder of the repository that the wheel carries is: inside
    the package when installed from a wheel (pyproject.toml puts the repository's
    `templates/` and `docs/` there), else beside the package, in a checkout or an
    editable install."""
    installed = PACKAGE_DIR / folder
    return installed if installed.is_dir() else PACKAGE_DIR.parent / folder


TEMPLATES_DIR = _shipped("templates")
"""The templates: one subfolder per exporter that uses them."""
DOCS_DIR = _shipped("docs")
"""The documentation that `health-handouts help` prints (in the wheel: only those pages)."""


def safe_name(topic_id: str) -> str:
    """`topic_id` as a file-name stem, or `GeneratorError` if it could be anything else.

    The loader already accepts only slugs; checking again here means no other
    code path can hand us a name such as `../x` or `con`.
    """
    if not SLUG.fullmatch(topic_id) or len(topic_id) > MAX_ID:
        raise GeneratorError(f"{topic_id!r} is not a safe file name (use a slug such as 'a-b')")
    return topic_id


def resolved(path: Path) -> Path:
    """`path.resolve()`, with a symbolic link loop on the way an `OSError` (ELOOP),
    as Python 3.13 makes it, rather than the `RuntimeError` of Python 3.11 and 3.12."""
    try:
        return path.resolve()
    except RuntimeError:  # "Symlink loop from ..."
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path)) from None


def topic_out_dir(out_root: Path, topic_id: str) -> Path:
    """`out_root/<topic-id>`, guaranteed to lie inside `out_root`."""
    folder = out_root / safe_name(topic_id)
    try:
        root = resolved(out_root)
        target = resolved(root / folder.name)
    except OSError as exc:  # a link that leads back to itself, a folder we may not read
        raise GeneratorError(
            f"cannot use {folder} as the output folder: {exc.strerror or exc} "
            "(a symbolic link there leads back to itself or cannot be followed: "
            "remove it, or choose another --out)"
        ) from None
    if target.parent != root:
        raise GeneratorError(f"{target} is outside {root}; refusing to write there")
    return target


def shown(path: Path) -> Path:
    """`path` as the user would write it: relative to the working folder when inside."""
    cwd = Path.cwd()
    return path.relative_to(cwd) if path.is_relative_to(cwd) else path
