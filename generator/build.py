"""Build topics into output files: load, validate, export, then write atomically."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.atomic import staged
from generator.errors import ContentError, GeneratorError
from generator.exporters import EXPORTERS, Exporter
from generator.load import load_topic
from generator.model import Topic
from generator.options import BuildOptions
from generator.paths import topic_out_dir
from generator.readability import handout_grade
from generator.templating import make_env


@dataclass
class TopicResult:
    """What happened to one topic file."""

    source: Path
    topic_id: str | None = None
    written: list[Path] = field(default_factory=list)
    grade: float | None = None
    error: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


def find_topics(content_dir: Path) -> list[Path]:
    """Every topic file in `content_dir`, sorted by name."""
    return sorted(p for p in content_dir.glob("*.yaml") if p.is_file())


def check_unique_names(paths: Sequence[Path]) -> None:
    """Refuse two files that would write to the same `out/<topic-id>/`."""
    seen: dict[str, Path] = {}
    for path in paths:
        if path.stem in seen and seen[path.stem].resolve() != path.resolve():
            raise GeneratorError(
                f"{path}: same topic name as {seen[path.stem]} (each topic needs its own id)"
            )
        seen[path.stem] = path


def export_topic(
    topic: Topic,
    out_root: Path,
    options: BuildOptions,
    exporters: Iterable[Exporter] = EXPORTERS,
) -> list[Path]:
    """Write every output of `topic` into `out_root/<topic-id>/`.

    All outputs are made under temporary names first; only when every exporter has
    succeeded are they renamed into place, so a failure leaves the previous build whole.
    """
    out_dir = topic_out_dir(out_root, topic.id)
    env = make_env()
    with staged() as files:
        for exporter in exporters:
            final = out_dir / exporter.filename(topic.id)
            exporter.run(topic, files.temp_for(final), env=env, options=options)
        return files.commit()


def build_topic(path: Path, out_root: Path, options: BuildOptions) -> TopicResult:
    """Load and export one topic file; errors are returned, never raised."""
    started = time.perf_counter()
    result = TopicResult(path)
    try:
        topic = load_topic(path)
        result.topic_id = topic.id
        result.grade = handout_grade(topic)
        result.written = export_topic(topic, out_root, options)
    except ContentError as exc:
        result.error = str(exc)
    except GeneratorError as exc:
        message = str(exc)
        result.error = message if message.startswith(str(path)) else f"{path}: {message}"
    result.seconds = time.perf_counter() - started
    return result


def build_all(
    paths: Sequence[Path],
    out_root: Path,
    options: BuildOptions,
    on_result: Callable[[TopicResult], None] = lambda r: None,
) -> list[TopicResult]:
    """Build every topic in `paths`; one failing topic does not stop the others."""
    check_unique_names(paths)
    results = []
    for path in paths:
        result = build_topic(path, out_root, options)
        on_result(result)
        results.append(result)
    return results
