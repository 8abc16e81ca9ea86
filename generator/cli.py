"""Command line: parse arguments, load, export, turn errors into exit codes.

Exit codes are defined once: `generator.errors.ExitCode`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from generator import __version__
from generator.authoring.commands import add_commands
from generator.batch import build_all
from generator.build import (
    collect_rarely_while_starting,
    default_jobs,
    distinct_topics,
    find_topics,
)
from generator.errors import ContentError, ExitCode, GeneratorError
from generator.exporters import EXPORTERS, GROUPS, Exporter, select
from generator.lint import topic_warnings
from generator.load import load_clinic, load_topic, refusals
from generator.model import CardLayout, CardSize
from generator.options import BuildOptions, Paper, StudyCardSize, source_date_epoch_from_env
from generator.progress import Reporter
from generator.readability import describe, reading_level

DEFAULT_CONTENT = Path("content")
DEFAULT_OUT = Path("out")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit status. Ctrl-C is left to the caller
    (`generator.__main__`)."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:  # closed before we started (`>&-`)
            setattr(sys, name, Path(os.devnull).open("w"))  # noqa: SIM115 - for the whole run
        _print_anything(getattr(sys, name))
    try:
        try:
            args = make_parser().parse_args(argv)
        except SystemExit as exc:  # --help, --version or a usage error, already printed
            code = int(exc.code or 0)
        else:
            code = _run(args)
        sys.stdout.flush()  # a reader that stopped reading is found here, not at exit
        return code
    except BrokenPipeError:  # see ExitCode.OUTPUT_CLOSED
        _silence(sys.stdout)
        return ExitCode.OUTPUT_CLOSED
    except OSError as exc:  # stdout or stderr cannot be written: a full disk
        with contextlib.suppress(OSError):
            print(f"error: cannot write the output: {exc}", file=sys.stderr, flush=True)
        _silence(sys.stdout)
        _silence(sys.stderr)
        return ExitCode.CONTENT


def _print_anything(stream: TextIO) -> None:
    """Let `stream` print every path: a file name that is not valid UTF-8 (the byte
    0xff, which Python holds as U+DCFF) or a character the terminal's encoding lacks
    is printed as `\\udcff` or `\\u2713`, never an error after the outputs are written
    (`PYTHONIOENCODING=utf-8:strict`, or an ASCII locale, would otherwise raise)."""
    reconfigure = getattr(stream, "reconfigure", None)  # only a TextIOWrapper has it
    if reconfigure is not None:
        with contextlib.suppress(OSError, ValueError):  # closed, or not ours to change
            reconfigure(errors="backslashreplace")


def _silence(stream: TextIO) -> None:
    """Point `stream` at the null device, so that what it holds is not tried again
    (and reported, with exit status 120) when Python flushes it at exit."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def _run(args: argparse.Namespace) -> int:
    try:
        code: int = args.run(args)
        return code
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.CONTENT
    except OSError:  # our output cannot be written: `main` says so
        raise
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        print(
            f"internal error: {type(exc).__name__}: {exc} (please report this; "
            "run again with --debug for details)",
            file=sys.stderr,
        )
        return ExitCode.INTERNAL


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="health-handouts",
        description="Turn health-education topics (YAML) into a pocket card PDF, "
        "a clinic handout (PDF and HTML) and an Anki deck.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    _add_build(commands)
    check = commands.add_parser(
        "check",
        help="validate topics and report their reading level; writes nothing",
        description="Validate each topic file, list every problem, and print the "
        "reading level of its handout text (Flesch-Kincaid for English, INFLESZ for "
        "Spanish). Without FILES, checks every content/*.yaml.",
    )
    _add_files(check)
    check.set_defaults(run=run_check)
    add_commands(commands, _add_files, _folder)
    return parser


def _add_build(commands: Any) -> None:
    build = commands.add_parser(
        "build",
        help="build topics into out/",
        description="Build every output of each topic "
        "into OUT/<topic-id>/. Without FILES, builds every content/*.yaml.",
    )
    _add_files(build)
    build.add_argument(
        "--out",
        type=_folder,
        default=DEFAULT_OUT,
        metavar="DIR",
        help="output folder (default: out)",
    )
    build.add_argument(
        "--paper",
        choices=[p.value for p in Paper],
        help="paper for the print sheet and the handout (default: letter where the "
        "region of the topic's language prints on letter, such as en-US or es-MX; else a4)",
    )
    _add_card_options(build)
    build.add_argument(
        "--large-print", action="store_true", help="handout body text at 16 pt instead of 12 pt"
    )
    build.add_argument(
        "--clinic",
        type=Path,
        metavar="FILE",
        help="YAML file with clinic name, phone, address, website and logo",
    )
    build.add_argument(
        "--jobs",
        "-j",
        type=_positive_int,
        default=default_jobs(),
        metavar="N",
        help=f"build N topics at once (default: all {default_jobs()} cores)",
    )
    build.add_argument(
        "--force", action="store_true", help="rebuild every output, even those up to date"
    )
    build.add_argument(
        "--only",
        type=_outputs,
        default=EXPORTERS,
        metavar="LIST",
        help=f"build only these outputs, comma-separated: {', '.join(GROUPS)}, or an "
        f"output's own name ({', '.join(e.name for e in EXPORTERS)})",
    )
    build.set_defaults(run=run_build)


def _add_card_options(build: argparse.ArgumentParser) -> None:
    build.add_argument(
        "--card-size",
        choices=[s.value for s in CardSize],
        help="pocket card size (default: as the topic file says)",
    )
    build.add_argument(
        "--card-layout",
        choices=[s.value for s in CardLayout],
        help="pocket card layout (default: as the topic file says)",
    )
    build.add_argument(
        "--study-card-size",
        choices=[s.value for s in StudyCardSize],
        default=StudyCardSize.INDEX.value,
        help="printed study card size (default: index, 5 x 3 in)",
    )


def _outputs(text: str) -> tuple[Exporter, ...]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    try:
        chosen = select(names)
    except KeyError as exc:
        known = [*GROUPS, *(e.name for e in EXPORTERS)]
        raise argparse.ArgumentTypeError(
            f"{exc.args[0]!r} is not an output (use: {', '.join(known)})"
        ) from None
    if not chosen:
        raise argparse.ArgumentTypeError("name at least one output, such as 'handout'")
    return chosen


def _positive_int(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def _folder(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "an empty name is not a folder (omit --out to write into 'out')"
        )
    return Path(text)


def _add_files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILES",
        help="topic files (default: every content/*.yaml)",
    )


def topic_files(files: list[Path]) -> list[Path]:
    """`files`, or every topic in content/ (an error if there is none)."""
    if files:
        return files
    if not DEFAULT_CONTENT.is_dir():
        raise GeneratorError(
            f"no {DEFAULT_CONTENT}/ folder here (run from the project folder, or name topic files)"
        )
    found = find_topics(DEFAULT_CONTENT)
    if not found:
        raise GeneratorError(f"{DEFAULT_CONTENT}/ has no .yaml topic files")
    return found


def run_check(args: argparse.Namespace) -> int:
    paths = topic_files(args.files)
    paths = distinct_topics(paths)
    failed = 0
    for path in paths:
        try:
            topic = load_topic(path)
        except ContentError as exc:
            print(exc, file=sys.stderr)
            failed += 1
            continue
        if refused := refusals(topic):  # a picture no output that draws it can be made with
            print("\n".join(refused), file=sys.stderr)
            failed += 1
            continue
        level = reading_level(topic)
        print(
            f"{path}: ok, {len(topic.sections)} sections, {len(topic.flashcards)} "
            f"flashcards, {describe(level)}"
        )
        if level and (note := level.warning(path)):
            print(note, file=sys.stderr)
        for note in topic_warnings(topic):
            print(note, file=sys.stderr)
    if failed:
        print(f"{failed} of {len(paths)} topic files have problems", file=sys.stderr)
        return ExitCode.CONTENT
    return ExitCode.OK


def run_build(args: argparse.Namespace) -> int:
    collect_rarely_while_starting()
    paths = distinct_topics(topic_files(args.files))
    options = BuildOptions(
        paper=Paper(args.paper) if args.paper else None,
        card_size=CardSize(args.card_size) if args.card_size else None,
        card_layout=CardLayout(args.card_layout) if args.card_layout else None,
        study_card_size=StudyCardSize(args.study_card_size),
        large_print=args.large_print,
        clinic=load_clinic(args.clinic) if args.clinic else None,
        source_date_epoch=source_date_epoch_from_env(),
    )
    reporter = Reporter(len(paths), stream=sys.stdout, errors=sys.stderr, debug=args.debug)
    results = build_all(
        paths,
        args.out,
        options,
        jobs=args.jobs,
        force=args.force,
        exporters=args.only,
        on_result=reporter.report,
    )
    return reporter.finish(results)
