"""Where outputs go. Topic ids become file names only here."""

from __future__ import annotations

from pathlib import Path

from generator.errors import GeneratorError
from generator.load import MAX_ID, SLUG

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
"""`templates/` beside the package: one subfolder per exporter."""


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
