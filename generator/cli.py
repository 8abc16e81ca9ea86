"""Command line: parse arguments, load, export, turn errors into exit codes.

Exit codes: 0 all good; 2 a content or usage problem (the message says what and
where); 1 an unexpected internal error (reported without a traceback unless
--debug is given); 130 interrupted (Ctrl-C); 141 the reader of our output stopped
reading (`| head`): outputs written are whole, as after Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from generator import __version__, gc_tuning
from generator.build import (
    build_all,
    default_jobs,
    distinct_topics,
    find_topics,
)
from generator.errors import ContentError, GeneratorError
from generator.interrupts import held_interrupt
from generator.lint import review_date_warning
from generator.load import load_clinic, load_topic
from generator.model import CardLayout, CardSize
from generator.options import BuildOptions, Paper, source_date_epoch_from_env
from generator.progress import (
    EXIT_CONTENT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_OUTPUT_CLOSED,
    Reporter,
)
from generator.readability import describe_grade, grade_warning, handout_grade

DEFAULT_CONTENT = Path("content")
DEFAULT_OUT = Path("out")


def run_and_exit() -> NoReturn:
    """The command's entry point: `main`, then exit without taking Python apart.

    Freeing the objects of ReportLab, genanki and Jinja2 one by one costs a one-topic
    build about 8 ms, a thirtieth of it, for a process that is ending anyway. Every
    file we write is closed and renamed, and every worker process joined, before
    `main` returns, so only Python's own streams are left to flush. (mypy ends the
    same way.) Under a profiler or coverage, which write their results at exit, or
    if a worker process were still alive, Python ends the usual way."""
    try:
        code = main()
    except SystemExit as exc:  # from argparse: --help, --version, a usage error
        code = _exit_code(exc)
    except KeyboardInterrupt:  # a second Ctrl-C, the first one already said
        code = EXIT_INTERRUPTED
    except BrokenPipeError:  # printing an error to a closed stderr
        code = EXIT_OUTPUT_CLOSED
    except OSError:  # printing an error to a failing stderr: nowhere left to say it
        code = EXIT_CONTENT
    code = _flush_streams(code)
    if _observed() or _workers_alive():
        raise SystemExit(code)
    os._exit(code)


def _observed() -> bool:
    """Whether a profiler or coverage runs us: they write their results at exit."""
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return True
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12+: how they run there
    return monitoring is not None and any(
        monitoring.get_tool(tool) is not None for tool in range(6)
    )


def _exit_code(exc: SystemExit) -> int:
    """The status Python would exit with for `exc` (a message is printed, status 1)."""
    if exc.code is None or isinstance(exc.code, int):
        return exc.code or 0
    print(exc.code, file=sys.stderr)
    return 1


def _flush_streams(code: int) -> int:
    """Flush stdout, then stderr; `code`, or if it was 0 and a flush failed, why."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # closed before we started (`>&-`): nothing to flush
            continue
        try:
            stream.flush()
        except KeyboardInterrupt:  # Ctrl-C while a reader is slow (`| less`)
            return code or EXIT_INTERRUPTED
        except BrokenPipeError:  # see EXIT_OUTPUT_CLOSED
            code = code or EXIT_OUTPUT_CLOSED
            _discard(stream)
        except OSError as exc:  # a full disk
            if not code and stream is sys.stdout:
                with contextlib.suppress(OSError, ValueError):
                    print(f"error: cannot write the output: {exc}", file=sys.stderr, flush=True)
            code = code or EXIT_CONTENT
            _discard(stream)
    return code


def _discard(stream: TextIO) -> None:
    """Point `stream` at /dev/null: what it could not write is dropped, not tried
    again (and reported with exit status 120) if Python ends the usual way."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def _workers_alive() -> bool:
    """Whether a process pool left a worker running (it never should)."""
    multiprocessing = sys.modules.get("multiprocessing")  # not imported: no workers
    return multiprocessing is not None and bool(multiprocessing.active_children())


def main(argv: Sequence[str] | None = None) -> int:
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:  # closed before we started (`>&-`)
            setattr(sys, name, Path(os.devnull).open("w"))  # noqa: SIM115 - for the whole run
    try:
        args = make_parser().parse_args(argv)
        return _run(args)
    except KeyboardInterrupt:
        with held_interrupt():  # a second Ctrl-C: after this line (run_and_exit: quiet)
            print(
                "interrupted: outputs already written are whole; nothing is half-written",
                file=sys.stderr,
            )
        return EXIT_INTERRUPTED


def _run(args: argparse.Namespace) -> int:
    try:
        code: int = args.run(args)
        return code
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    except BrokenPipeError:  # not a bug of ours: see EXIT_OUTPUT_CLOSED
        return EXIT_OUTPUT_CLOSED
    except OSError as exc:  # not a bug of ours either: a full disk for stdout, say
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        print(
            f"internal error: {type(exc).__name__}: {exc} (please report this; "
            "run again with --debug for details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="health-handouts",
        description="Turn health-education topics (YAML) into a pocket card PDF, "
        "a clinic handout (PDF and HTML) and an Anki deck.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

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
        default=Paper.LETTER.value,
        help="paper for the print sheet and the handout (default: letter)",
    )
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
        help=f"build N topics at once; one topic with N >= 2 makes its PDFs and its "
        f"other files side by side (default: all {default_jobs()} cores)",
    )
    build.add_argument(
        "--force", action="store_true", help="rebuild every output, even those up to date"
    )
    build.set_defaults(run=run_build)

    check = commands.add_parser(
        "check",
        help="validate topics and report their reading grade; writes nothing",
        description="Validate each topic file, list every problem, and print the "
        "Flesch-Kincaid grade of its handout text. Without FILES, checks every content/*.yaml.",
    )
    _add_files(check)
    check.set_defaults(run=run_check)
    return parser


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


def _topic_files(files: list[Path]) -> list[Path]:
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
    paths = _topic_files(args.files)
    paths = distinct_topics(paths)
    failed = 0
    for path in paths:
        try:
            topic = load_topic(path)
        except ContentError as exc:
            print(exc, file=sys.stderr)
            failed += 1
            continue
        grade = handout_grade(topic)
        print(
            f"{path}: ok, {len(topic.sections)} sections, {len(topic.flashcards)} "
            f"flashcards, {describe_grade(grade)}"
        )
        if note := grade_warning(path, grade):
            print(note, file=sys.stderr)
        if note := review_date_warning(topic, dt.date.today()):
            print(note, file=sys.stderr)
    if failed:
        print(f"{failed} of {len(paths)} topic files have problems", file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    gc_tuning.start()
    paths = distinct_topics(_topic_files(args.files))
    options = BuildOptions(
        paper=Paper(args.paper),
        card_size=CardSize(args.card_size) if args.card_size else None,
        card_layout=CardLayout(args.card_layout) if args.card_layout else None,
        large_print=args.large_print,
        clinic=load_clinic(args.clinic) if args.clinic else None,
        source_date_epoch=source_date_epoch_from_env(),
    )
    reporter = Reporter(len(paths), stream=sys.stdout, errors=sys.stderr, debug=args.debug)
    results = build_all(
        paths, args.out, options, jobs=args.jobs, force=args.force, on_result=reporter.report
    )
    return reporter.finish(results)
