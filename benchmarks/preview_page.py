"""The preview as a reader sees it: from saving a topic to the page open in headless
Chromium showing the new outputs and page images, `serve` running.

    python benchmarks/preview_page.py [--saves N] [--code DIR ...]

The page is Debian's chromium driven by Playwright, as `tests/authoring/test_serve.py`
drives it. Before each save a script in the page starts watching; it notes the moment
(the system clock, which this process shares) when the page's heading shows the new
title and the moment when, beside it, every page image of the card and the handout
and the web page's frame have loaded since the save (the new title is on every page):
the new outputs shown. A save is the
hamstring topic with a changed title, and a second and a half passes before the next,
so that the outputs the page does not show (the study cards, CSV, TSV) are done too.

With several `--code` (checkouts whose `generator` the server runs, such as a
`git archive` of another commit), each gets its own server, folder and page, and the
saves take turns, each checkout leading one turn in every few, so that a change of the
shared machine's speed weighs on all alike. Prints the median and range of each.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TOPIC = ROOT / "content" / "hamstring-cramp.yaml"
TITLE = "Hamstring cramps"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SETTLE_SECONDS = 1.5
"""Between saves: the rest of the outputs follow the page's; let them finish."""

WATCH = """
(title) => {
  window.benchTitle = title;
  window.benchTitled = null;
  window.benchShown = null;
  window.benchLoaded = new WeakSet();
  if (window.benchCheck) return;
  window.benchCheck = () => {
    const h1 = document.querySelector("main h1");
    if (!h1 || h1.textContent !== window.benchTitle) return;
    const now = Date.now();
    if (window.benchTitled === null) window.benchTitled = now;
    const images = [...document.querySelectorAll("main .pages img")];
    const frames = [...document.querySelectorAll("main iframe")];
    if (window.benchShown !== null || images.length === 0) return;
    const fresh = (element) => window.benchLoaded.has(element);
    if (!images.every((image) => fresh(image) && image.naturalWidth > 0)) return;
    if (!frames.every(fresh)) return;
    window.benchShown = now;
  };
  document.addEventListener("load", (event) => {
    window.benchLoaded.add(event.target);
    window.benchCheck();
  }, true);
  new MutationObserver(window.benchCheck).observe(document.body, {
    childList: true, subtree: true, characterData: true,
  });
}
"""
"""Installed once a page; each call sets the title to wait for and forgets what has
loaded: an image or a frame counts once it has loaded since the save (a page that keeps
its frame and navigates it has loaded that frame before; one that shows the new title
before the new pictures has the old pictures loaded). A load event does not bubble, but
a listener on the document in its capture phase hears every image's and frame's."""


@dataclass
class Served:
    """One `serve` process, its topic file and the page showing it."""

    code: Path
    topic: Path
    process: subprocess.Popen[str]
    page: Any
    titled: list[float] = field(default_factory=list)
    shown: list[float] = field(default_factory=list)
    rss_mb: float = 0.0
    """The server's resident memory after the last save."""

    def save(self, n: int) -> None:
        """Save the topic with title `TITLE n`; note when the page showed it."""
        title = f"{TITLE} {n}"
        text = TOPIC.read_text(encoding="utf-8").replace(TITLE, title, 1)
        self.page.evaluate(WATCH, title)
        saved = time.time()
        self.topic.write_text(text, encoding="utf-8")
        self.page.wait_for_function("() => window.benchShown !== null", timeout=30_000)
        titled, shown = self.page.evaluate("[window.benchTitled, window.benchShown]")
        self.titled.append(titled / 1000 - saved)
        self.shown.append(shown / 1000 - saved)


def start(code: Path, folder: Path, browser: Any) -> Served:
    """`serve` of the hamstring topic copied into `folder`, run from `code`, and a
    page of it open in `browser` once the first build is shown."""
    folder.mkdir()
    topic = folder / TOPIC.name
    shutil.copy(TOPIC, topic)
    shutil.copytree(TOPIC.parent / "images", folder / "images")  # the topic's pictures
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONPATH"] = str(code)
    args = ["serve", str(topic), "--port", "0", "--quiet", "--out", str(folder / "out")]
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    found = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline())
    if found is None:
        process.kill()
        raise SystemExit(f"{code}: serve did not start")
    page = browser.new_context().new_page()
    page.route(re.compile(r"^(?!http://127\.0\.0\.1:)"), lambda route: route.abort())
    page.goto(found.group(0))
    page.wait_for_selector("main .pages img", timeout=60_000)
    return Served(code, topic, process, page)


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium (Debian's: never `playwright install`)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is needed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def measure(codes: list[Path], saves: int) -> list[Served]:
    """`saves` saves of each checkout of `codes`, taking turns; the servers, with their
    times in seconds."""
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser, ExitStack() as stack:
        served = []
        for k, code in enumerate(codes):
            one = start(code, Path(tmp) / f"served-{k}", browser)
            stack.callback(_stop, one.process)
            served.append(one)
        time.sleep(SETTLE_SECONDS)
        for n in range(saves + 1):  # the first turn warms each server and page
            for k in range(len(served)):
                one = served[(n + k) % len(served)]
                one.save(n)
                time.sleep(SETTLE_SECONDS)
        for one in served:
            del one.titled[0], one.shown[0]
            one.rss_mb = resident_mb(one.process.pid)
        return served


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def summary(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return f"median {statistics.median(ms):.0f} ms ({ms[0]:.0f}-{ms[-1]:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=15, help="saves measured per checkout")
    parser.add_argument(
        "--code", type=Path, action="append", help="a checkout to serve from (default: this)"
    )
    args = parser.parse_args()
    for one in measure(args.code or [ROOT], args.saves):
        print(f"{one.code}: page shown {summary(one.shown)}; title {summary(one.titled)}")


if __name__ == "__main__":
    main()
