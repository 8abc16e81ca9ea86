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
from generator.arguments import (
    Parser,
    add_drawing_options,
    add_files,
    add_labels,
    add_out,
    build_options,
    content_dir,
    global_options,
    labels_dir,
    out_dir,
    positive_int,
    project_of,
    topic_files,
)
from generator.authoring.commands import add_commands
from generator.batch import build_all
from generator.build import (
    TopicResult,
    collect_rarely_while_starting,
    default_jobs,
)
from generator.errors import ContentError, ExitCode, GeneratorError
from generator.exporters import EXPORTERS, GROUPS, Exporter, select
from generator.label_report import LabelOrigins, check_label_folders, label_folders
from generator.labels import labels_for
from generator.lint import topic_warnings
from generator.load import load_topic, refusals
from generator.load.project import ProjectError
from generator.load.reader import closest
from generator.manual import add_help
from generator.progress import Reporter
from generator.readability import describe, reading_level
from generator.topic_files import distinct_topics


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit status. Ctrl-C is left to the caller
    (`generator.__main__`)."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:  # closed before we started (`>&-`)
            setattr(sys, name, Path(os.devnull).open("w"))  # noqa: SIM115 - for the whole run
        _print_anything(getattr(sys, name))
    try:
        try:
            args = parse(make_parser(), argv)
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
        return ExitCode.ERROR


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
    except ContentError as exc:  # a topic or clinic file: `check` says the same
        print(exc, file=sys.stderr)
        return ExitCode.CONTENT
    except ProjectError as exc:  # `file:line: key: what` lines, as for a topic
        print(exc, file=sys.stderr)
        return ExitCode.ERROR
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.ERROR
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
        return ExitCode.ERROR


def parse(parser: Parser, argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments; a usage error (exit 2) names what a command does not take, with
    the option it most likely meant."""
    args, extras = parser.parse_known_args(argv)
    if extras:
        args.parser.unknown(extras)
    if args.quiet and args.verbose:  # one before the command, one after it
        args.parser.error("choose one of -q/--quiet and -v/--verbose")
    return args


def make_parser() -> Parser:
    parser = Parser(
        prog="health-handouts",
        description="Turn health-education topics (YAML) into a pocket card PDF, its print "
        "sheet, a clinic handout (PDF and HTML), an Anki deck, printable study cards, and "
        "flashcards as CSV and TSV.",
        epilog="Exit codes: 0 done; 1 the content has problems (with --strict, warnings "
        "too); 2 the command could not do its job (usage, files, project file, internal "
        "error); 130 Ctrl-C. `health-handouts help format` prints the topic file format.",
        parents=[global_options(top=True)],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(
        title="commands", required=True, metavar="COMMAND", parser_class=Parser
    )
    _add_build(commands)
    check = commands.add_parser(
        "check",
        help="validate topics and report their reading level; writes nothing",
        description="Validate each topic file, list every problem, and print the "
        "reading level of its handout text (Flesch-Kincaid for English, INFLESZ for "
        "Spanish). Without FILES, checks every content/*.yaml.",
        parents=[global_options(top=False)],
    )
    add_files(check)
    add_labels(check)
    _add_strict(check)
    check.set_defaults(run=run_check, parser=check)
    add_commands(commands)
    add_help(commands, parser)
    return parser


def _add_strict(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit code 1) on any warning too, such as PLACEHOLDER text left or a "
        "reading level over its target (build: implies --force, so every warning is seen)",
    )


def _add_build(commands: Any) -> None:
    build = commands.add_parser(
        "build",
        help="build topics into out/",
        description="Build every output of each topic "
        "into OUT/<topic-id>/. Without FILES, builds every content/*.yaml.",
        parents=[global_options(top=False)],
    )
    add_files(build)
    add_out(build)
    add_drawing_options(build)
    build.add_argument(
        "--jobs",
        "-j",
        type=positive_int,
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
    _add_strict(build)
    build.set_defaults(run=run_build, parser=build)


def _outputs(text: str) -> tuple[Exporter, ...]:
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    try:
        chosen = select(names)
    except KeyError as exc:
        known = [*GROUPS, *(e.name for e in EXPORTERS)]
        close = closest(exc.args[0], known)
        said = f"did you mean {close!r}? " if close else ""
        raise argparse.ArgumentTypeError(
            f"{exc.args[0]!r} is not an output ({said}use: {', '.join(known)})"
        ) from None
    if not chosen:
        raise argparse.ArgumentTypeError("name at least one output, such as 'handout'")
    return chosen


def run_check(args: argparse.Namespace) -> int:
    project = project_of(args)
    labels = labels_dir(args, project)
    only_labels = labels is not None and not args.files and not content_dir(project).is_dir()
    paths = [] if only_labels else distinct_topics(topic_files(args.files, project))
    said: set[str] = set()  # a catalogue's problem, said once for all its topics
    broken = check_label_folders(label_folders(labels, paths), said)
    failed = warned = 0
    origins = LabelOrigins() if args.verbose else None
    for path in paths:
        try:
            topic = load_topic(path, labels)
        except ContentError as exc:
            problems = [p for p in map(str, exc.problems) if p not in said]
            print(
                "\n".join(problems or [f"{path}: its label catalogues have the problems above"]),
                file=sys.stderr,
            )
            failed += 1
            continue
        if refused := refusals(topic):  # a picture no output that draws it can be made with
            print("\n".join(refused), file=sys.stderr)
            failed += 1
            continue
        level = reading_level(topic)
        if not args.quiet:
            print(
                f"{path}: ok, {len(topic.sections)} sections, {len(topic.flashcards)} "
                f"flashcards, {describe(level)}"
            )
        notes = [*([note] if level and (note := level.warning(path)) else [])]
        notes += topic_warnings(topic)
        warned += len(notes)
        if notes:
            sys.stdout.flush()
            print("\n".join(notes), file=sys.stderr)
        if origins is not None:
            origins.show(path, labels_for(topic))
    if failed:
        print(f"{failed} of {len(paths)} topic files have problems", file=sys.stderr)
    if failed or broken:
        return ExitCode.CONTENT
    return strict_result(args, warned)


def strict_result(args: argparse.Namespace, warnings: int) -> int:
    """OK, or with --strict and `warnings`, CONTENT (said on stderr)."""
    if args.strict and warnings:
        sys.stdout.flush()
        print(
            f"--strict: {warnings} {'warning' if warnings == 1 else 'warnings'}, so this "
            "fails (fix them, or run without --strict)",
            file=sys.stderr,
        )
        return ExitCode.CONTENT
    return ExitCode.OK


def run_build(args: argparse.Namespace) -> int:
    collect_rarely_while_starting()
    project = project_of(args)
    paths = distinct_topics(topic_files(args.files, project))
    options = build_options(args, project)
    with contextlib.ExitStack() as stack:
        stream = stack.enter_context(Path(os.devnull).open("w")) if args.quiet else sys.stdout
        reporter = Reporter(len(paths), stream=stream, errors=sys.stderr, debug=args.debug)
        on_result = reporter.report
        if args.verbose:
            origins = LabelOrigins()

            def on_result(result: TopicResult) -> None:
                reporter.report(result)
                if result.labels is not None:
                    origins.show(result.source, result.labels)

        results = build_all(
            paths,
            out_dir(args, project),
            options,
            jobs=args.jobs,
            force=args.force or args.strict,  # a skipped topic would say no warning
            exporters=args.only,
            on_result=on_result,
        )
        code = reporter.finish(results)
    if code != ExitCode.OK:
        return code
    return strict_result(args, sum(len(Reporter.warnings(result)) for result in results))
