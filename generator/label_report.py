"""What `check` and `build` say about label catalogues: the problems of a clinic's
catalogue folders, and with `--verbose` where each label of a topic comes from."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.labels import Labels, label_folder_for, label_origins
from generator.labels.folders import folder_catalogues, folder_problems, sound_catalogues


def label_folder(text: str) -> Path:
    """`--labels DIR`: a folder that exists."""
    folder = Path(text)
    if not text.strip() or not folder.is_dir():
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a folder (name the folder that holds your .po files)"
        )
    return folder


def label_folders(chosen: Path | None, topics: list[Path]) -> list[Path]:
    """The clinic label folders to check: `--labels DIR`, else each `labels/` beside
    the topic files that has one."""
    if chosen is not None:
        return [chosen]
    found = dict.fromkeys(label_folder_for(path, None) for path in topics)
    return [folder for folder in found if folder.is_dir()]


def check_label_folders(folders: list[Path], said: set[str]) -> int:
    """Check every catalogue in each of `folders`, print what is wrong (adding each
    line to `said`) or that it is sound; how many folders have problems."""
    failed = 0
    for folder in folders:
        problems = [str(problem) for problem in folder_problems(folder)]
        if problems:
            print("\n".join(problems), file=sys.stderr)
            said.update(problems)
            failed += 1
        else:
            names = folder_catalogues(folder)
            counted = f"{len(names)} label catalogue{'' if len(names) == 1 else 's'}"
            print(f"{folder}: ok, {counted}{': ' if names else ''}{', '.join(names)}")
        _warn_unprintable(folder)
    return failed


def _warn_unprintable(folder: Path) -> None:
    """A label the PDFs cannot print costs a build only its PDFs, so `check` warns."""
    catalogues = sound_catalogues(folder)
    if not catalogues:
        return
    from generator.pdf.fonts import unprintable_labels  # the fonts: only for catalogues

    for catalogue in catalogues:
        for line in unprintable_labels(catalogue.texts, catalogue.path, catalogue.name):
            print(f"warning: {line}; the PDFs of this language cannot be made", file=sys.stderr)


class LabelOrigins:
    """`--verbose`: where each label of a topic comes from, said once for all the topics
    whose labels come from the same places."""

    def __init__(self) -> None:
        self.seen: dict[tuple[tuple[Path, int | None], ...], Path] = {}

    def show(self, path: Path, labels: Labels) -> None:
        key = tuple(labels.origins.values())
        if key in self.seen:
            print(f"{path}: labels as for {self.seen[key]}")
            return
        self.seen[key] = path
        print(
            "\n".join(
                f"{path}: {line}" if n == 0 else line
                for n, line in enumerate(label_origins(labels))
            )
        )
