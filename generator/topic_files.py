"""Which topic files a command works on: every topic in a folder, each file once."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.errors import GeneratorError
from generator.paths import resolved


def find_topics(content_dir: Path) -> list[Path]:
    """Every topic file in `content_dir`, sorted by name."""
    return sorted(p for p in content_dir.glob("*.yaml") if p.is_file())


def distinct_topics(paths: Sequence[Path]) -> list[Path]:
    """`paths` with repeats of the same file dropped, in order. Two different files
    that would write to the same `out/<topic-id>/` are refused."""
    seen: dict[str, Path] = {}
    for path in paths:
        if path.stem not in seen:
            seen[path.stem] = path
        elif not _same_file(seen[path.stem], path):
            raise GeneratorError(
                f"{path}: same topic name as {seen[path.stem]} (each topic needs its own id)"
            )
    return list(seen.values())


def _same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file; `GeneratorError` if a symbolic link on the way
    leads back to itself."""
    try:
        return resolved(first) == resolved(second)
    except OSError as exc:
        raise GeneratorError(
            f"{exc.filename or second}: {exc.strerror or exc} (fix or remove the link)"
        ) from None
