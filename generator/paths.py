"""Where outputs go. Topic ids become file names only here."""

from __future__ import annotations

from pathlib import Path

from generator.errors import GeneratorError
from generator.model import MAX_ID, SLUG

PACKAGE_DIR = Path(__file__).resolve().parent


def _templates_dir() -> Path:
    """Where the templates are: inside the package when installed from a wheel
    (pyproject.toml puts the repository's `templates/` there), else `templates/`
    beside the package, in a checkout or an editable install."""
    installed = PACKAGE_DIR / "templates"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "templates"


TEMPLATES_DIR = _templates_dir()
"""The templates: one subfolder per exporter that uses them."""


def safe_name(topic_id: str) -> str:
    """`topic_id` as a file-name stem, or `GeneratorError` if it could be anything else.

    The loader already accepts only slugs; checking again here means no other
    code path can hand us a name such as `../x` or `con`.
    """
    if not SLUG.fullmatch(topic_id) or len(topic_id) > MAX_ID:
        raise GeneratorError(f"{topic_id!r} is not a safe file name (use a slug such as 'a-b')")
    return topic_id


def topic_out_dir(out_root: Path, topic_id: str) -> Path:
    """`out_root/<topic-id>`, guaranteed to lie inside `out_root`."""
    root = out_root.resolve()
    target = (root / safe_name(topic_id)).resolve()
    if target.parent != root:
        raise GeneratorError(f"{target} is outside {root}; refusing to write there")
    return target
