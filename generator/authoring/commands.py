"""The authoring commands of the command line: `new`, `preview` and `serve`.

Thin, like `generator/cli.py`: parse, call `new`, `preview` or `server`, print. The
arguments they share with `build` come from `generator/arguments.py`. The command line
is made with these commands for every command, so the modules that do their work are
imported only when one of them runs: a `build` or `check` imports none of them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from generator.arguments import (
    add_drawing_options,
    add_files,
    add_out,
    build_options,
    clinic_file,
    content_dir,
    current_project,
    global_options,
    out_dir,
    project_of,
    topic_files,
)
from generator.errors import ExitCode, GeneratorError
from generator.paths import shown

DEFAULT_DPI = 100
"""Pixels per inch of a preview: a pocket card is then about 400 pixels wide."""
DPI_RANGE = range(18, 601)
"""The resolutions `preview --dpi` takes: a Letter page at 600 is 5100 x 6600 pixels
(100 MB to draw); at 100000 it was a MemoryError."""


def add_commands(commands: Any) -> None:
    """Add `new`, `preview` and `serve` to the subcommands of the main parser."""
    made = commands.add_parser(
        "new",
        help="start a new topic file (or, with --project, a project file)",
        description="Write content/ID.yaml: a short topic with a comment on every field "
        "and placeholder text to replace. It passes `check` and builds as it is. With "
        "--project instead of ID, write health-handouts.toml here: the project's defaults, "
        "each commented out. An existing file is never overwritten.",
        parents=[global_options(top=False)],
    )
    made.add_argument("id", nargs="?", metavar="ID", help="the topic's id, such as 'heat-rash'")
    made.add_argument("--title", metavar="TEXT", help="the topic's title")
    made.add_argument(
        "--language", metavar="TAG", default="en-US", help="BCP 47 tag (default: en-US)"
    )
    made.add_argument(
        "--project", action="store_true", help="write a project file (health-handouts.toml)"
    )
    made.set_defaults(run=run_new, parser=made)

    drawn = commands.add_parser(
        "preview",
        help="build topics and draw every PDF page as a PNG beside the outputs",
        description="Build each topic (as `build` does, with the same options) into "
        "OUT/<topic-id>/, then write a PNG of every page of every PDF output next to it: "
        "<output>-page-N.png.",
        parents=[global_options(top=False)],
    )
    drawn.add_argument("files", nargs="+", type=Path, metavar="FILE", help="topic files")
    add_out(drawn)
    add_drawing_options(drawn)
    drawn.add_argument(
        "--dpi",
        type=_dpi,
        default=DEFAULT_DPI,
        metavar="N",
        help=f"pixels per inch, {DPI_RANGE.start} to {DPI_RANGE.stop - 1} (default: {DEFAULT_DPI})",
    )
    drawn.set_defaults(run=run_preview, parser=drawn)
    _add_serve(commands)


def _add_serve(commands: Any) -> None:
    served = commands.add_parser(
        "serve",
        help="preview topics in a browser, rebuilt as you save",
        description="Build each topic (with the options `build` takes), then serve a "
        "preview of every output on http://127.0.0.1:PORT/ (this computer only). Saving a "
        "topic, its images or the clinic file rebuilds it, and the open page updates by "
        "itself. Ctrl-C stops.",
        parents=[global_options(top=False)],
    )
    add_files(served)
    served.add_argument(
        "--port",
        type=_port,
        default=8000,
        metavar="N",
        help="port (default: 8000; 0: any free one)",
    )
    add_out(served)
    add_drawing_options(served)
    served.set_defaults(run=run_serve, parser=served)


def _port(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535)")
    return int(text)


def run_new(args: argparse.Namespace) -> int:
    from generator.authoring import new  # imported here: `build` and `check` never need it

    if args.project:
        if args.id is not None:
            args.parser.error("give an ID or --project, not both")
        path = new.new_project(Path())
        print(f"wrote {path}: uncomment the settings you want; `health-handouts help project`")
        return ExitCode.OK
    if args.id is None:
        args.parser.error("the following arguments are required: ID (or --project)")
    folder = content_dir(current_project())
    path = new.new_topic(folder, args.id, args.title, args.language, dt.date.today())
    print(f"wrote {path}: replace each PLACEHOLDER text, then run `health-handouts check {path}`")
    print(new.labels_note(path, args.language))
    return ExitCode.OK


def run_preview(args: argparse.Namespace) -> int:
    from generator.authoring import preview
    from generator.build import build_topic
    from generator.paths import topic_out_dir
    from generator.topic_files import distinct_topics

    preview.need("pypdfium2")  # before building: say what is missing at once
    project = project_of(args)
    options = build_options(args, project)
    out_root = out_dir(args, project)
    failed = internal = 0
    for path in distinct_topics(args.files):
        result = build_topic(path, out_root, options)
        for note in result.warnings:
            print(note, file=sys.stderr)
        if result.error is not None or result.topic_id is None:
            print(result.error, file=sys.stderr)
            failed += 1
            internal += result.internal
            continue
        folder = topic_out_dir(out_root, result.topic_id)
        for image in preview.write_previews(result.topic_id, folder, args.dpi):
            if not args.quiet:
                print(f"{result.topic_id}: wrote {shown(image)}")
    if internal:
        return ExitCode.ERROR
    return ExitCode.CONTENT if failed else ExitCode.OK


def run_serve(args: argparse.Namespace) -> int:
    from generator.authoring import preview
    from generator.authoring.server import PreviewServer
    from generator.authoring.session import Session
    from generator.authoring.watch import start_watching
    from generator.topic_files import distinct_topics

    for module in ("pypdfium2", "watchfiles"):
        preview.need(module)
    project = project_of(args)
    paths = distinct_topics(topic_files(args.files, project))
    options = build_options(args, project, load_clinic=False)
    clinic = clinic_file(args, project)
    session = Session(paths, out_dir(args, project), clinic, options, log=_log, quiet=args.quiet)
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
    low, high = DPI_RANGE.start, DPI_RANGE.stop - 1
    if not (text.isascii() and text.isdigit()) or int(text) not in DPI_RANGE:
        raise argparse.ArgumentTypeError(
            f"{text[:20]!r} is not a whole number from {low} to {high}"
        )
    return int(text)
