"""A warm topic: the CPU time one more topic takes in a process that has built one already
(fonts, templates and modules loaded), as in a batch worker or the preview server.

    python benchmarks/warm_topic.py [TOPIC] [--only card,handout] [--builds N]

Prints the median and the lowest of N builds in milliseconds. Run it with another
checkout's `generator` first on PYTHONPATH (and the same interpreter) to compare two
versions of the code in turns, as docs/performance.md does.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from pathlib import Path

from generator.build import export_topic
from generator.exporters import EXPORTERS, select
from generator.load import load_topic
from generator.options import BuildOptions

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("topic", nargs="?", default=ROOT / "content" / "hamstring-cramp.yaml")
    parser.add_argument("--only", default=None, help="outputs, as build --only takes them")
    parser.add_argument("--builds", type=int, default=15)
    args = parser.parse_args()
    topic = load_topic(Path(args.topic))
    exporters = select(args.only.split(",")) if args.only else EXPORTERS
    options = BuildOptions()
    times = []
    with tempfile.TemporaryDirectory() as out:
        for n in range(args.builds + 1):
            gc.collect()
            start = time.process_time()
            _, failures = export_topic(topic, Path(out), options, exporters)
            elapsed = time.process_time() - start
            if failures:
                raise SystemExit(f"build failed: {failures[0]}")
            if n:  # the first build warms the process
                times.append(elapsed * 1000)
    print(f"median {statistics.median(times):.1f} ms, lowest {min(times):.1f} ms")


if __name__ == "__main__":
    main()
