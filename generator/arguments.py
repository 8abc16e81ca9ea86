"""The command line's shared arguments: what every command reads alike (`cli.py` and
`authoring/commands.py` both build on this module), the options that change what a
build draws, and how they meet the project file's defaults (the command line wins).
"""

from __future__ import annotations

import argparse
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

from generator.errors import GeneratorError
from generator.label_report import label_folder
from generator.load.project import PROJECT_FILE, Project, find_project, load_project
from generator.load.reader import closest
from generator.model import CardLayout, CardSize
from generator.options import BuildOptions, Paper, StudyCardSize, source_date_epoch_from_env
from generator.topic_files import find_topics

DRAWING = (
    "clinic",
    "paper",
    "card_size",
    "card_layout",
    "large_print",
    "study_card_size",
    "labels",
)
"""The options that change what a build draws: `build`, `preview` and `serve` take
each one, and the project file may set each one."""
DEFAULTS = {
    "clinic": "none",
    "paper": "from each topic's language",
    "card_size": "the topic's",
    "card_layout": "the topic's",
    "large_print": "false",
    "study_card_size": "index",
    "labels": "labels/ beside the topic files, if there is one",
}
"""What each drawing option is when neither the command line nor the project sets it,
as --verbose says it."""
CHOICE = re.compile(r"invalid choice: '(?P<word>[^']*)' \(choose from (?P<choices>.*)\)$")


class Parser(argparse.ArgumentParser):
    """argparse, with "did you mean" for a mistyped command, choice or option."""

    def error(self, message: str) -> NoReturn:
        found = CHOICE.search(message)
        if found:
            choices = [c.strip().strip("'") for c in found["choices"].split(",")]
            close = closest(found["word"].lower(), choices)
            said = f"did you mean '{close}'? " if close else ""
            message = (
                f"{message[: found.start()]}invalid choice: {found['word']!r} "
                f"({said}choose from {', '.join(choices)})"
            )
        super().error(message)

    def unknown(self, extras: Sequence[str]) -> NoReturn:
        """A usage error for arguments this (sub)command does not take, with the
        option it most likely meant."""
        known = [name for action in self._actions for name in action.option_strings]
        notes = []
        for extra in extras:
            close = closest(extra.split("=", 1)[0], known) if extra.startswith("-") else None
            notes.append(f"{extra} (did you mean {close}?)" if close else extra)
        self.error(f"unrecognized arguments: {' '.join(notes)}")


def global_options(*, top: bool) -> Parser:
    """The options every command takes, before the command or after it. Only the top
    parser gives them defaults; a command's parser leaves them unset unless given, so
    `--debug build` is not undone by the `build` parser."""
    parent = Parser(add_help=False)
    unset: dict[str, Any] = {} if top else {"default": argparse.SUPPRESS}
    parent.add_argument(
        "--debug", action="store_true", help="show tracebacks of internal errors", **unset
    )
    loudness = parent.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print only problems", **unset)
    loudness.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also say which project file is used and where each setting comes from",
        **unset,
    )
    return parent


def lower_choice(kind: type[StrEnum]) -> dict[str, Any]:
    """`type` and `choices` for an option of `kind`'s values, in any case (`A4`)."""
    return {"type": str.lower, "choices": [member.value for member in kind]}


def add_files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILES",
        help="topic files (default: every content/*.yaml, beside the project file if there is one)",
    )


def add_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=folder,
        metavar="DIR",
        help="output folder (default: out, beside the project file if there is one)",
    )


def positive_int(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def folder(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "an empty name is not a folder (omit --out to write into 'out')"
        )
    return Path(text)


def add_drawing_options(parser: argparse.ArgumentParser) -> None:
    """Every option that changes what a build draws (`DRAWING`). Unset, each one
    takes the project file's value, else its default (`settings`)."""
    parser.add_argument(
        "--paper",
        **lower_choice(Paper),
        help="paper for the print sheets and the handout (default: letter where the "
        "region of the topic's language prints on letter, such as en-US or es-MX; else a4)",
    )
    parser.add_argument(
        "--card-size",
        **lower_choice(CardSize),
        help="pocket card size (default: as the topic file says)",
    )
    parser.add_argument(
        "--card-layout",
        **lower_choice(CardLayout),
        help="pocket card layout (default: as the topic file says)",
    )
    parser.add_argument(
        "--study-card-size",
        **lower_choice(StudyCardSize),
        help="printed study card size (default: index, 5 x 3 in)",
    )
    parser.add_argument(
        "--large-print",
        action=argparse.BooleanOptionalAction,
        help="handout body text at 16 pt instead of 12 pt (--no-large-print: 12 pt, "
        "whatever the project file says)",
    )
    parser.add_argument(
        "--clinic",
        type=Path,
        metavar="FILE",
        help="YAML file with clinic name, phone, address, website and logo",
    )
    add_labels(parser)


def add_labels(parser: argparse.ArgumentParser) -> None:
    """`--labels DIR`: a clinic's own label catalogues (`check` takes it too)."""
    parser.add_argument(
        "--labels",
        type=label_folder,
        metavar="DIR",
        help="folder of your own label catalogues (<language>.po), which add languages "
        "or override shipped labels (default: a labels/ folder beside the topic files)",
    )


def labels_dir(args: argparse.Namespace, project: Project) -> Path | None:
    """--labels, else the project file's `labels`, else None (each topic's own
    `labels/` folder, if it has one)."""
    chosen: Path | None = args.labels
    return chosen if chosen is not None else project.settings.get("labels")


def current_project() -> Project:
    """The project file found from the working folder upward (`find_project`), read
    and checked; a project without a file when there is none. Its paths are shown
    relative to the working folder."""
    found = find_project(Path.cwd())
    if found is None:
        return Project(None, Path())
    return load_project(_relative(found))


def project_of(args: argparse.Namespace) -> Project:
    """`current_project()`; with --verbose, said first, with where each drawing option
    of the command (if it takes them) comes from."""
    project = current_project()
    if args.verbose:
        drawing = all(hasattr(args, name) for name in DRAWING)
        describe_settings(project, settings(args, project) if drawing else ())
    return project


def _relative(path: Path) -> Path:
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # another drive (Windows)
        return path


def content_dir(project: Project) -> Path:
    return project.folder / "content"


def out_dir(args: argparse.Namespace, project: Project) -> Path:
    """--out, else `out/` beside the project file (or in the working folder)."""
    return args.out if args.out is not None else project.folder / "out"


@dataclass(frozen=True)
class Setting:
    name: str
    value: Any
    origin: str
    """`--paper`, `health-handouts.toml:3` or `default`."""


def settings(args: argparse.Namespace, project: Project) -> list[Setting]:
    """Each drawing option's value and where it comes from: the command line, else the
    project file, else the default."""
    found = []
    for name in DRAWING:
        given = getattr(args, name)
        if given is not None:
            option = f"--{'no-' if given is False else ''}{name.replace('_', '-')}"
            found.append(Setting(name, given, option))
        elif name in project.settings:
            found.append(Setting(name, project.settings[name], project.origin(name)))
        else:
            found.append(Setting(name, None, "default"))
    return found


def build_options(
    args: argparse.Namespace, project: Project, load_clinic: bool = True
) -> BuildOptions:
    """The build options of `args` over the project file's; the clinic file is read
    (unless `load_clinic` is false: the preview server reads and watches it itself)."""
    value = {s.name: s.value for s in settings(args, project)}
    clinic = None
    if load_clinic and value["clinic"] is not None:
        from generator.load import load_clinic as read_clinic

        clinic = read_clinic(value["clinic"])
    return BuildOptions(
        paper=Paper(value["paper"]) if value["paper"] else None,
        card_size=CardSize(value["card_size"]) if value["card_size"] else None,
        card_layout=CardLayout(value["card_layout"]) if value["card_layout"] else None,
        study_card_size=StudyCardSize(value["study_card_size"] or StudyCardSize.INDEX),
        large_print=bool(value["large_print"]),
        clinic=clinic,
        source_date_epoch=source_date_epoch_from_env(),
        labels=value["labels"],
    )


def clinic_file(args: argparse.Namespace, project: Project) -> Path | None:
    clinic: Path | None = {s.name: s.value for s in settings(args, project)}["clinic"]
    return clinic


def describe_settings(
    project: Project, found: Sequence[Setting] = (), say: Callable[[str], None] = print
) -> None:
    """For --verbose: the project file, and where each setting comes from."""
    if project.path is None:
        say(f"project file: none ({PROJECT_FILE} not found here or above, up to a .git folder)")
    else:
        say(f"project file: {project.path}")
    for setting in found:
        shown = DEFAULTS[setting.name] if setting.value is None else str(setting.value)
        shown = shown.lower() if isinstance(setting.value, bool) else shown
        say(f"  {setting.name.replace('_', '-')}: {shown} ({setting.origin})")


def topic_files(files: list[Path], project: Project) -> list[Path]:
    """`files`, or every topic in the project's content/ (an error if there is none)."""
    if files:
        return files
    content = content_dir(project)
    if not content.is_dir():
        raise GeneratorError(
            f"no {content}/ folder here (run from the project folder, or name topic files)"
        )
    found = find_topics(content)
    if not found:
        raise GeneratorError(f"{content}/ has no .yaml topic files")
    return found
