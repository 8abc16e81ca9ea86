"""Benchmark: how long builds take and how much memory they use, as ratios.

    python3 dev.py bench              # full run (1,000 topics)
    python3 dev.py bench --topics 100 --repeat 3

Every measurement runs the real command in a fresh process, as a user would:

- import floor: `python -c "import reportlab.platypus, genanki, jinja2"`, the least
  any build can cost;
- libraries alone: a process that imports every module outside `generator` that a
  build of the topic imports (the probe run lists them), has ReportLab parse the
  bundled fonts and Babel read the label catalogue and its locale data, and does
  nothing else, with garbage collection off: the least a build with today's features
  pays before any code of ours runs;
- build: one topic, all outputs, cold process, `--force` (one topic is always built
  in one process, and nothing is cached on disk between runs);
- check: one topic;
  these single-topic commands take turns, run by run, so that the shared machine's
  changes of speed weigh on each alike;
- batch: N generated topics, all outputs, `--jobs 2`;
- unchanged rebuild: the same N topics again, nothing changed, so all skipped.
- with `--card-sections 1000,2000,4000` instead: only `build --only card` of a topic
  of that many one-item sections (refused as too tall), one run each: how fitting
  a card grows with its text.
- preview server, warm: `serve` running on the hamstring topic, its page open in
  headless Chromium; from saving the file (a changed title) to the page showing the
  new outputs and page images (`preview_page.py`, where the page itself notes the
  moment). Fonts and templates are loaded already: the server is one long-lived
  process.

Peak memory is the largest sum of resident memory over the build's whole process
tree (the CLI and its workers), sampled from /proc every 20 ms. CPU is user + system
time of the process and its workers.
Results go to stdout as a Markdown table; docs/performance.md keeps a copy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import preview_page  # beside this file: run as `python benchmarks/bench.py`

ROOT = Path(__file__).resolve().parent.parent
TOPIC = ROOT / "content" / "hamstring-cramp.yaml"


@dataclass
class Run:
    seconds: float
    peak_mb: float
    cpu_seconds: float


def tree_rss_mb(root_pid: int) -> float:
    """Resident memory of `root_pid` and all its descendants, in MB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(pid)
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[pid] = int(line.split()[1])
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total / 1024


def timed(args: list[str], expected: int = 0) -> Run:
    """Run `args`, which must exit with `expected`; return wall time, peak memory and
    CPU time of its process tree."""
    # As on a user's machine: Python writes and reuses bytecode (a setting that stops
    # it would make every run compile our modules), no fixed build date.
    unset = ("SOURCE_DATE_EPOCH", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env["PYTHONPATH"] = str(ROOT)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != expected:
        raise SystemExit(f"{' '.join(args[:4])} ... failed ({proc.returncode}):\n{err[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, peak, cpu)


def medians(repeat: int, commands: list[list[str]]) -> list[Run]:
    """The median of `repeat` runs of each command, after one unmeasured run of each
    (Python compiles and writes our modules' bytecode, as on a user's first run). The
    commands take turns, run by run, and each leads one turn in every few, so that a
    change in the shared machine's speed weighs on all of them alike and their ratios
    hold."""
    for args in commands:
        timed(args)
    runs: list[list[Run]] = [[] for _ in commands]
    for turn in range(repeat):
        for k in range(len(commands)):
            which = (turn + k) % len(commands)
            runs[which].append(timed(commands[which]))
    return [
        Run(
            statistics.median(r.seconds for r in done),
            max(r.peak_mb for r in done),
            statistics.median(r.cpu_seconds for r in done),
        )
        for done in runs
    ]


def warm_preview(repeat: int) -> Run:
    """Median time from saving the topic to the page open in headless Chromium showing
    its new outputs and page images (`preview_page.py`), and the server's memory."""
    (served,) = preview_page.measure([ROOT], repeat)
    return Run(statistics.median(served.shown), served.rss_mb, 0.0)


PROBE = """
import json, sys
from generator.cli import main
try:
    code = main(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
names = [  # our own left out, and modules an extension made (no spec: not importable)
    name
    for name, module in sys.modules.items()
    if name.partition(".")[0] not in ("generator", "__main__")
    and getattr(module, "__spec__", None) is not None
]
from reportlab.pdfbase import pdfmetrics
from generator.pdf.fonts import PDF_FONTS
fonts = [(name, pdfmetrics.getFont(name).face.filename) for name in PDF_FONTS]
with open(sys.argv[1], "w", encoding="utf-8") as file:
    json.dump([names, fonts], file)
sys.exit(code)
"""
"""Run a build, then write the names of the modules it imported, our own left out, and
the font files it registered (the faces cut to the alphabets clinics print, or the
whole ones); its exit status is the build's, so that a failed build (fewer modules)
is not measured."""

LIBRARIES_ALONE = """
import gc
gc.disable()
import datetime, importlib, json, sys
with open(sys.argv[1], encoding="utf-8") as file:
    names, fonts, catalogue = json.load(file)
for name in names:
    importlib.import_module(name)
from babel.dates import format_date
from babel.messages.pofile import read_po
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
for name, path in fonts:
    pdfmetrics.registerFont(TTFont(name, path))
with open(catalogue, "rb") as file:
    read_po(file)
format_date(datetime.date(2026, 1, 1), format="long", locale="en")
"""
"""What a build pays once a process before any code of ours runs: the same modules
imported, the same fonts parsed, the same catalogue and locale data read. Garbage
collection is off, so it is a lower bound (a build collects rarely, not never)."""


def libraries_alone(py: str, build_args: list[str], folder: Path) -> list[str]:
    """The command of the `libraries alone` row for the build `build_args`."""
    from generator.labels import LOCALES_DIR, TEMPLATE

    listed = folder / "modules.json"
    probe = [py, "-c", PROBE, str(listed), *build_args]
    subprocess.run(probe, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    names, fonts = json.loads(listed.read_text(encoding="utf-8"))
    work = folder / "libraries.json"
    work.write_text(json.dumps([names, fonts, str(LOCALES_DIR / TEMPLATE)]), encoding="utf-8")
    return [py, "-c", LIBRARIES_ALONE, str(work)]


def make_topics(folder: Path, count: int) -> list[Path]:
    """`count` distinct topics: the hamstring topic under new ids, texts varied."""
    text = TOPIC.read_text(encoding="utf-8")
    shutil.copytree(TOPIC.parent / "images", folder / "images")  # the topic's pictures
    paths = []
    for i in range(count):
        topic_id = f"bench-topic-{i:04d}"
        body = text.replace("id: hamstring-cramp", f"id: {topic_id}", 1)
        body = body.replace("title: Hamstring cramps", f"title: Hamstring cramps {i}", 1)
        path = folder / f"{topic_id}.yaml"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def many_sections(folder: Path, count: int) -> Path:
    """A topic of `count` one-item sections: far too much for any card, so the build
    of its card ends with the message that names the section that overflows."""
    item = {"id": "a", "text": "Rest."}
    sections = [
        {"id": f"s{i}", "heading": f"Part {i}", "kind": "steps", "items": [item]}
        for i in range(count)
    ]
    topic = {
        "id": f"sections-{count}", "title": "Many sections", "language": "en-US",
        "version": "1.0", "reviewed": "2026-01-15", "main_message": "Rest.",
        "source": {"title": "A source", "publisher": "A publisher"},
        "sections": sections,
        "flashcards": [{"id": "q", "section": "s0", "front": "What?", "back": "Rest."}],
    }  # fmt: skip
    path = folder / f"sections-{count}.yaml"
    path.write_text(json.dumps(topic), encoding="utf-8")  # JSON is YAML
    return path


def card_fitting(cli: list[str], folder: Path, counts: list[int]) -> None:
    """`build --only card` of a topic of N sections, for each N: how the card's fitting
    (and its refusal) grows with the text. One run each; printed as its own table."""
    print("| sections | seconds | x the first | peak MB |")
    print("| ---: | ---: | ---: | ---: |")
    first = None
    for count in counts:
        path = many_sections(folder, count)
        build = [*cli, "build", str(path), "--out", str(folder / "out"), "--only", "card"]
        run = timed(build, expected=2)  # 2: too tall for the card, as it must be
        first = first or run.seconds
        print(f"| {count:,} | {run.seconds:.2f} | {run.seconds / first:.1f} | {run.peak_mb:.0f} |")


CORE_OUTPUTS = "card,handout,deck"
"""The five outputs the core's targets were set for (the pocket card and its sheet, the
handout PDF and HTML, the Anki deck); the study cards, CSV and TSV came after."""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topics", type=int, default=1000, help="batch size (default 1000)")
    parser.add_argument("--repeat", type=int, default=9, help="runs per single measurement")
    parser.add_argument(
        "--card-sections",
        metavar="N,N,...",
        help="only time the card of topics of N sections each (1000,2000,4000)",
    )
    args = parser.parse_args(argv)
    py = sys.executable
    cli = [py, "-m", "generator"]
    if args.card_sections:
        with tempfile.TemporaryDirectory() as tmp:
            card_fitting(cli, Path(tmp), [int(n) for n in args.card_sections.split(",")])
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        one = [*cli, "build", str(TOPIC), "--out", str(out), "--force"]
        imports = [py, "-c", "import reportlab.platypus, genanki, jinja2"]
        probed = [*one[len(cli) :], "--only", CORE_OUTPUTS]
        floor, build, five, alone, check = medians(
            args.repeat,
            [
                imports,
                one,
                [*one, "--only", CORE_OUTPUTS],
                libraries_alone(py, probed, Path(tmp)),
                [*cli, "check", str(TOPIC)],
            ],
        )
        content = Path(tmp) / "content"
        content.mkdir()
        topics = [str(p) for p in make_topics(content, args.topics)]
        batch_out = Path(tmp) / "batch-out"
        batch = timed([*cli, "build", *topics, "--out", str(batch_out), "--jobs", "2"])
        again = timed([*cli, "build", *topics, "--out", str(batch_out), "--jobs", "2"])
        core_out = Path(tmp) / "core-out"
        core = [*cli, "build", *topics, "--out", str(core_out), "--jobs", "2"]
        batch_five = timed([*core, "--only", CORE_OUTPUTS])
        warm = warm_preview(args.repeat)

    def ratio(run: Run) -> str:
        return f"{run.seconds / floor.seconds:.2f}"

    rows = [
        ("import floor (reportlab, genanki, jinja2)", floor, "-"),
        ("build 1 topic, all outputs, cold process", build, "-"),
        ("the same, the core's five outputs (--only card,handout,deck)", five, "<= 1.6x floor"),
        ("libraries alone: what those five import, fonts, catalogue, dates", alone, "-"),
        ("check 1 topic, cold process", check, "no PDF or Anki imports"),
        (f"build {args.topics} topics, all outputs, --jobs 2", batch, "-"),
        ("the same, the core's five outputs", batch_five, "<= 30 s, <= 250 MB"),
        (f"rebuild {args.topics} unchanged topics", again, "<= 2 s"),
        ("preview: save to the page showing it, in Chromium (CPU not measured)", warm, "<= 0.25 s"),
    ]
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}; "
        f"median of {args.repeat} runs for single-topic rows (taking turns), one run for batches.\n"
    )
    print("| measurement | seconds | x floor | CPU s | peak MB (process tree) | target |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for name, run, target in rows:
        print(
            f"| {name} | {run.seconds:.3f} | {ratio(run)} | {run.cpu_seconds:.2f} "
            f"| {run.peak_mb:.0f} | {target} |"
        )


if __name__ == "__main__":
    main()
