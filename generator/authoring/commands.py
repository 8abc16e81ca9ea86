"""The authoring commands of the command line: `new`, `preview` and `serve`.

Thin, like `generator/cli.py`: parse, call `new`, `preview` or `server`, print.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from generator.authoring import preview
from generator.errors import ExitCode, GeneratorError
from generator.paths import shown

DEFAULT_CONTENT = Path("content")
DEFAULT_OUT = Path("out")


def add_commands(commands: Any, add_files: Any, folder: Any) -> None:
    """Add `new`, `preview` and `serve` to the subcommands of the main parser; the
    other three are cli.py's argument helpers, so every command reads them alike."""
    made = commands.add_parser(
        "new",
        help="start a new topic file from a short skeleton",
        description="Write content/ID.yaml: a short topic with a comment on every field "
        "and placeholder text to replace. It passes `check` and builds as it is. An "
        "existing file is never overwritten.",
    )
    made.add_argument("id", metavar="ID", help="the topic's id, such as 'heat-rash'")
    made.add_argument("--title", metavar="TEXT", help="the topic's title")
    made.add_argument(
        "--language", metavar="TAG", default="en-US", help="BCP 47 tag (default: en-US)"
    )
    made.set_defaults(run=run_new)

    shown = commands.add_parser(
        "preview",
        help="build topics and draw every PDF page as a PNG beside the outputs",
        description="Build each topic (as `build` does) into OUT/<topic-id>/, then write "
        "a PNG of every page of every PDF output next to it: <output>-page-N.png.",
    )
    shown.add_argument("files", nargs="+", type=Path, metavar="FILE", help="topic files")
    shown.add_argument(
        "--out",
        type=folder,
        default=DEFAULT_OUT,
        metavar="DIR",
        help="output folder (default: out)",
    )
    shown.add_argument(
        "--dpi",
        type=_dpi,
        default=preview.DEFAULT_DPI,
        metavar="N",
        help=f"pixels per inch, {preview.DPI_RANGE.start} to {preview.DPI_RANGE.stop - 1} "
        f"(default: {preview.DEFAULT_DPI})",
    )
    shown.set_defaults(run=run_preview)
    _add_serve(commands, add_files, folder)


def _add_serve(commands: Any, add_files: Any, folder: Any) -> None:
    served = commands.add_parser(
        "serve",
        help="preview topics in a browser, rebuilt as you save",
        description="Build each topic, then serve a preview of every output on "
        "http://127.0.0.1:PORT/ (this computer only). Saving a topic, its images or "
        "the clinic file rebuilds it, and the open page updates by itself. Ctrl-C stops.",
    )
    add_files(served)
    served.add_argument(
        "--port",
        type=_port,
        default=8000,
        metavar="N",
        help="port (default: 8000; 0: any free one)",
    )
    served.add_argument(
        "--out",
        type=folder,
        default=DEFAULT_OUT,
        metavar="DIR",
        help="output folder (default: out)",
    )
    served.add_argument(
        "--clinic", type=Path, metavar="FILE", help="clinic branding file, watched too"
    )
    served.set_defaults(run=run_serve)


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return int(text)


def run_new(args: argparse.Namespace) -> int:
    from generator.authoring import new  # imported here: `build` and `check` never need it

    path = new.new_topic(DEFAULT_CONTENT, args.id, args.title, args.language, dt.date.today())
    print(f"wrote {path}: replace each PLACEHOLDER text, then run `health-handouts check {path}`")
    return ExitCode.OK


def run_preview(args: argparse.Namespace) -> int:
    from generator.build import build_topic, distinct_topics
    from generator.options import BuildOptions, source_date_epoch_from_env
    from generator.paths import topic_out_dir

    preview.need("pypdfium2")  # before building: say what is missing at once
    options = BuildOptions(source_date_epoch=source_date_epoch_from_env())
    failed = internal = 0
    for path in distinct_topics(args.files):
        result = build_topic(path, args.out, options)
        for note in result.warnings:
            print(note, file=sys.stderr)
        if result.error is not None or result.topic_id is None:
            print(result.error, file=sys.stderr)
            failed += 1
            internal += result.internal
            continue
        out_dir = topic_out_dir(args.out, result.topic_id)
        for image in preview.write_previews(result.topic_id, out_dir, args.dpi):
            print(f"{result.topic_id}: wrote {shown(image)}")
    if internal:
        return ExitCode.INTERNAL
    return ExitCode.CONTENT if failed else ExitCode.OK


def run_serve(args: argparse.Namespace) -> int:
    from generator import cli
    from generator.authoring.server import PreviewServer
    from generator.authoring.session import Session
    from generator.authoring.watch import start_watching
    from generator.build import distinct_topics
    from generator.options import source_date_epoch_from_env

    for module in ("pypdfium2", "watchfiles"):
        preview.need(module)
    paths = distinct_topics(cli.topic_files(args.files))
    session = Session(paths, args.out, args.clinic, source_date_epoch_from_env(), log=_log)
    try:
        server = PreviewServer(("127.0.0.1", args.port), session)
    except OSError as exc:
        raise GeneratorError(
            f"cannot serve on 127.0.0.1:{args.port}: {exc.strerror or exc} "
            "(choose another port with --port)"
        ) from None
    watcher, stop = start_watching(session)  # first: a save during the first build counts
    try:
        session.load_clinic()
        session.rebuild(session.topics.values())
        print(f"serving {server.url()} (Ctrl-C to stop)", flush=True)
        server.serve_forever()
    finally:
        stop.set()
        session.stop()
        server.server_close()
        watcher.join(timeout=5)  # lets a rebuild in hand finish, renamed whole
    return ExitCode.OK


def _log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _dpi(text: str) -> int:
    low, high = preview.DPI_RANGE.start, preview.DPI_RANGE.stop - 1
    if not (text.isascii() and text.isdigit()) or int(text) not in preview.DPI_RANGE:
        raise argparse.ArgumentTypeError(
            f"{text[:20]!r} is not a whole number from {low} to {high}"
        )
    return int(text)
