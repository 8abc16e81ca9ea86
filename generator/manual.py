"""`health-handouts help [TOPIC]`: a command's help, or a page of the documentation
shipped inside the package (`paths.DOCS_DIR`), so that an installed user can read the
topic file format without the repository."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from generator.arguments import global_options
from generator.errors import ExitCode, GeneratorError
from generator.load.reader import closest
from generator.paths import DOCS_DIR

PAGES = {
    "format": ("content-format.md", "the topic file format, with an example of every field"),
    "project": ("project-file.md", "the project file, health-handouts.toml"),
}
"""What `help` prints besides a command's help: its page in docs/, and what it is."""


def add_help(commands: Any, top: argparse.ArgumentParser) -> None:
    """Add `help` to the subcommands of `top`."""
    pages = "; ".join(f"{name}: {what}" for name, (_, what) in PAGES.items())
    shown = commands.add_parser(
        "help",
        help="print a command's help, or the topic file format (help format)",
        description=f"Print the help of COMMAND, or a page of the documentation ({pages}). "
        "Without TOPIC, the list of commands.",
        parents=[global_options(top=False)],
    )
    shown.add_argument("topic", nargs="?", metavar="TOPIC", help="a command, or: format, project")
    shown.set_defaults(run=run_help, parser=shown, top=top)


def run_help(args: argparse.Namespace) -> int:
    top: argparse.ArgumentParser = args.top
    if args.topic is None:
        top.print_help()
        return ExitCode.OK
    topic = args.topic.lower()
    if topic in PAGES:
        sys.stdout.write(read_page(PAGES[topic][0]))
        return ExitCode.OK
    commands = _commands(top)
    if topic in commands:
        commands[topic].print_help()
        return ExitCode.OK
    known = [*commands, *PAGES]
    close = closest(topic, known)
    said = f"did you mean '{close}'? " if close else ""
    raise GeneratorError(
        f"no help on {args.topic[:40]!r} ({said}use a command or one of: {', '.join(PAGES)})"
    )


def read_page(name: str) -> str:
    """The text of docs/`name`, from the package (installed) or the checkout."""
    try:
        return (DOCS_DIR / name).read_text(encoding="utf-8")
    except OSError as exc:
        raise GeneratorError(
            f"cannot read {DOCS_DIR / name}: {exc.strerror} (the installation is incomplete: "
            "install health-handouts again)"
        ) from None


def _commands(top: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}
