"""Benchmark: what English syllable counting costs, each step in a fresh process.

    .venv/bin/python benchmarks/syllables.py [--runs 15] [TREE...]

Each run is a new Python process, as `check` and `build` are, and times three steps
with `time.perf_counter`: importing `generator.pronouncing`, opening the CMU
dictionary (`dictionary()`), and counting the syllables of every distinct word of the
shipped English topics and the source article (about 600 words) with `syllables()`.
A fourth row scores the hamstring handout with `reading_level`, after its topic is
loaded. Prints the median and the range of the runs, in milliseconds, as a Markdown
table (docs/performance.md keeps a copy). Given TREEs (other checkouts of the project,
say `git archive` of an older commit), measures each with its own `generator`, taking
turns run by run so that a change in the machine's speed weighs on each alike.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, re, sys, time
from pathlib import Path
root = Path(sys.argv[1])
texts = [p.read_text(encoding="utf-8") for p in sorted((root / "content").rglob("*"))
         if p.suffix in {".yaml", ".txt"} and "-es" not in p.name]
words = sorted({w.lower() for t in texts for w in re.findall(r"[A-Za-z][A-Za-z'-]*", t)})
t0 = time.perf_counter()
from generator import pronouncing
t1 = time.perf_counter()
pronouncing.dictionary()
t2 = time.perf_counter()
for word in words:
    pronouncing.syllables(word)
t3 = time.perf_counter()
from generator.load import load_topic
from generator.readability import reading_level
topic = load_topic(root / "content" / "hamstring-cramp.yaml")
pronouncing.syllables.cache_clear()
t4 = time.perf_counter()
reading_level(topic)
t5 = time.perf_counter()
print(json.dumps([len(words), t1 - t0, t2 - t1, t3 - t2, t5 - t4]))
"""

ROWS = (
    "import generator.pronouncing",
    "open the dictionary",
    "syllables of {words} distinct words",
    "reading level of the hamstring handout",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("trees", nargs="*", type=Path, default=[ROOT])
    args = parser.parse_args()
    samples: dict[Path, list[list[float]]] = {tree: [] for tree in args.trees}
    words = 0
    for _ in range(args.runs):
        for tree in args.trees:
            out = subprocess.run(
                [sys.executable, "-c", PROBE, str(tree)],
                cwd=tree,  # `python -c` imports `generator` from here
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            words, *seconds = json.loads(out)
            samples[tree].append(seconds)
    for tree, runs in samples.items():
        print(f"| {tree}: step ({args.runs} fresh processes) | median ms | range ms |")
        print("| --- | ---: | ---: |")
        for index, row in enumerate(ROWS):
            times = [1000 * run[index] for run in runs]
            print(
                f"| {row.format(words=words)} | {statistics.median(times):.2f} "
                f"| {min(times):.2f}-{max(times):.2f} |"
            )


if __name__ == "__main__":
    main()
