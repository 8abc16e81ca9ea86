"""`health-handouts serve` as a user runs it, in real headless Chromium (Playwright
driving Debian's chromium; never `playwright install`). Every test is bounded in
time, stops the server it starts, and talks to loopback only."""

from __future__ import annotations

import base64
import http.client
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.authoring.flashcards import deck_cards
from generator.build import keep_deck_record
from generator.load import load_topic
from generator.options import BuildOptions
from tests.conftest import ROOT, copy_hamstring, dump, minimal_topic, run_cli
from tests.integration.test_build import overflowing_topic
from tests.integration.test_handout_axe import AXE, chromium

pytestmark = pytest.mark.browser
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WAIT_MS = 15_000


class Served:
    def __init__(self, process: subprocess.Popen[str], url: str, topic: Path, out: Path) -> None:
        self.process, self.url, self.topic, self.out = process, url, topic, out
        self.port = int(url.rsplit(":", 1)[1].strip("/"))

    def edit(self, old: str, new: str) -> None:
        text = self.topic.read_text(encoding="utf-8")
        assert old in text
        self.topic.write_text(text.replace(old, new, 1), encoding="utf-8")

    def get(self, path: str, method: str = "GET", host: str | None = None):
        """A raw request: the path is sent exactly as given (a browser would tidy `..`)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", host or f"127.0.0.1:{self.port}")
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


def read_line(process: subprocess.Popen[str], seconds: float) -> str:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], seconds)
    assert ready, "the server printed nothing in time"
    return process.stdout.readline()


def start_server(tmp_path: Path, topic: Path, *args: str) -> Served:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONPATH"] = str(ROOT)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "serve",
            str(topic),
            "--out",
            str(out),
            "--port",
            "0",
            *args,
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as in a terminal, even if this test runs where SIGINT is ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    line = read_line(process, 60)
    found = re.fullmatch(r"serving (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)\n", line)
    assert found, line
    return Served(process, found.group(1), topic, out)


def stop_server(served: Served) -> tuple[int, str]:
    """Ctrl-C, as a user stops it; its exit status and what it printed on stderr."""
    if served.process.poll() is None:
        served.process.send_signal(signal.SIGINT)
    try:
        _, err = served.process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.communicate()
        raise
    return served.process.returncode, err


@pytest.fixture
def served(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    topic = copy_hamstring(content)
    running = start_server(tmp_path, topic)
    try:
        yield running
    finally:
        stop_server(running)


@pytest.fixture
def browser():
    if not Path("/usr/bin/chromium").exists():
        chromium()  # skips, or fails in CI, saying what is missing
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, timeout=60_000
        )
        try:
            yield launched
        finally:
            launched.close()


def open_page(browser, url: str, **options):
    page = browser.new_context(**options).new_page()
    page.set_default_timeout(WAIT_MS)
    page.route(re.compile(r"^(?!http://127\.0\.0\.1:)"), lambda route: route.abort())
    page.goto(url)
    return page


def test_the_page_shows_the_topic_and_follows_each_save(served, browser):
    page = open_page(browser, served.url)
    assert page.url == f"{served.url}topic/hamstring-cramp"
    assert page.locator("h1").inner_text() == "Hamstring cramps"
    assert page.locator(".pages img").count() >= 3
    assert page.locator(".flashcards > li").count() >= 36
    assert page.frame_locator("iframe").locator("h1").inner_text() == "Hamstring cramps"
    page.evaluate("window.notReloaded = true")
    served.edit("title: Hamstring cramps", "title: Hamstring cramps, edited")
    page.locator("h1", has_text="Hamstring cramps, edited").wait_for()
    assert page.evaluate("window.notReloaded") is True
    page.frame_locator("iframe").locator("h1", has_text="Hamstring cramps, edited").wait_for()
    assert page.title() == "Hamstring cramps, edited: preview"


def test_a_save_keeps_the_frame_and_what_did_not_change(served, browser):
    """The web page's frame is sent to the new page, not made again (a new frame was a
    new document in a new process: the slowest part of the page's refresh), without an
    entry in the history; the flashcards, unchanged, are the same elements, and so are
    the page images, sent to their new files."""
    page = open_page(browser, served.url)
    page.evaluate(
        """() => {
            window.history0 = history.length;
            for (const s of ["iframe", ".flashcards", ".pages img"]) {
                document.querySelector(s).before = "yes";
            }
        }"""
    )
    served.edit("title: Hamstring cramps", "title: Hamstring cramps, edited")
    page.locator("h1", has_text="Hamstring cramps, edited").wait_for()
    page.frame_locator("iframe").locator("h1", has_text="Hamstring cramps, edited").wait_for()
    kept = page.evaluate(
        """() => ["iframe", ".flashcards", ".pages img"].map(
            (s) => [document.querySelectorAll(s).length, document.querySelector(s).before ?? null])"""
    )
    assert kept[0] == [1, "yes"] and kept[1] == [1, "yes"]
    assert kept[2][1] == "yes"  # the first page image too, sent to its new file
    assert page.evaluate("history.length === window.history0")
    assert page.locator(".pages img").count() >= 3


def test_the_frame_and_pictures_go_to_their_new_files_before_the_page_is_fetched(served, browser):
    """The event names the files written: the frame and the pictures are sent to them
    at once, while the page fetches itself (held back here until they are there)."""
    page = open_page(browser, served.url)
    held = []
    page.route(re.compile(r".*/topic/hamstring-cramp$"), lambda route: held.append(route))
    pictures = page.evaluate("[...document.querySelectorAll('.pages img')].map((i) => i.src)")
    served.edit("title: Hamstring cramps", "title: Hamstring cramps, edited")
    page.frame_locator("iframe").locator("h1", has_text="Hamstring cramps, edited").wait_for()
    page.wait_for_function(
        "(old) => [...document.querySelectorAll('.pages img')].every("
        "(i, n) => i.src !== old[n] && i.complete && i.naturalWidth > 0)",
        arg=pictures,
    )
    assert page.locator("main h1").inner_text() == "Hamstring cramps"  # not fetched yet
    assert len(held) == 1
    held[0].continue_()
    page.locator("h1", has_text="Hamstring cramps, edited").wait_for()
    assert page.locator(".pages img").count() == len(pictures)


def test_a_broken_save_shows_its_problem_and_line_beside_the_last_good_preview(served, browser):
    page = open_page(browser, served.url)
    served.edit('version: "1.2"', "version: 1.2")
    problem = page.locator(".problems li").first
    problem.wait_for()
    assert problem.inner_text() == (
        f'{served.topic}:4: version: expected text, got a number (put it in quotes: version: "1.2")'
    )
    assert "last good preview" in page.locator(".status").inner_text()
    assert page.locator(".pages img").count() >= 3
    assert page.locator("iframe").count() == 1
    served.edit("version: 1.2", 'version: "1.2"')
    page.locator(".problems").wait_for(state="detached")
    assert page.locator("h1").inner_text() == "Hamstring cramps"


def test_the_page_passes_axe_core(served, browser):
    chromium()  # axe-core installed (npm ci), or skip / fail in CI
    page = open_page(browser, served.url, bypass_csp=True)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """() => axe.run(document, {iframes: false}).then(results => results.violations.map(
            v => ({id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.map(n => n.target.join(" "))})))"""
    )
    assert violations == [], json.dumps(violations, indent=2)


def test_a_page_with_problems_passes_axe_core(served, browser):
    chromium()
    served.edit('version: "1.2"', "version: 1.2")
    page = open_page(browser, served.url, bypass_csp=True)
    page.locator(".problems").wait_for()
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "() => axe.run(document, {iframes: false}).then(r => r.violations.map(v => v.id))"
    )
    assert violations == []


@pytest.mark.parametrize(
    "path",
    [
        "/../",
        "/../etc/passwd",
        "/%2e%2e/",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/files/hamstring-cramp/../../../etc/passwd",
        "/files/hamstring-cramp/..%2f..%2f..%2fetc%2fpasswd",
        "/files/hamstring-cramp/%2e%2e/hamstring-cramp/hamstring-cramp.apkg",
        "/_/..%5c..%5cpyproject.toml",
    ],
)
def test_dot_dot_is_refused_in_every_spelling(served, path):
    status, body = served.get(path)
    assert status == 400, (status, body[:80])
    assert b"root:" not in body


def test_only_the_outputs_are_served(served):
    assert served.get("/files/hamstring-cramp/hamstring-cramp.apkg")[0] == 200
    assert served.get("/files/hamstring-cramp/hamstring-cramp-handout-page-1.png")[0] == 200
    for path in (
        "/files/hamstring-cramp/.build-manifest.json",
        "/files/hamstring-cramp/hamstring-cramp.yaml",
        "/files/other-topic/other-topic.apkg",
        "/files/hamstring-cramp/hamstring-cramp-handout-page-01.png",
        "/topic/nope",
        "/etc/passwd",
    ):
        assert served.get(path)[0] == 404, path


def test_a_link_out_of_the_outputs_is_refused(served, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    link = served.out / "hamstring-cramp" / "hamstring-cramp-handout-page-9.png"
    link.symlink_to(secret)
    status, body = served.get("/files/hamstring-cramp/hamstring-cramp-handout-page-9.png")
    assert (status, b"secret" in body) == (404, False)


def eventually(check, seconds: float = WAIT_MS / 1000) -> bool:
    """Whether `check()` comes true within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def test_a_saved_picture_rebuilds_the_topic_that_shows_it(served):
    folder = served.out / "hamstring-cramp"
    page, pdf = folder / "hamstring-cramp-handout.html", folder / "hamstring-cramp-handout.pdf"
    before = pdf.read_bytes()
    picture = served.topic.parent / "images" / "standing-stretch.svg"
    drawn = picture.read_bytes().replace(b"</svg>", b'<circle cx="9" cy="9" r="6"/></svg>')
    picture.write_bytes(drawn)
    encoded = base64.b64encode(drawn).decode("ascii")
    assert eventually(lambda: encoded in page.read_text(encoding="utf-8"))
    assert eventually(lambda: pdf.read_bytes() != before)


def test_a_saved_clinic_file_rebuilds_every_topic(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    topic = copy_hamstring(content)
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Northside Clinic\nphone: '555 0100'\n", encoding="utf-8")
    served = start_server(tmp_path, topic, "--clinic", str(clinic))
    try:
        page = served.out / "hamstring-cramp" / "hamstring-cramp-handout.html"
        assert "Northside Clinic" in page.read_text(encoding="utf-8")
        clinic.write_text("name: Southside Clinic\nphone: '555 0100'\n", encoding="utf-8")
        assert eventually(lambda: "Southside Clinic" in page.read_text(encoding="utf-8"))
    finally:
        stop_server(served)


def test_an_output_that_cannot_be_made_is_tried_and_reported_once_a_save(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    topic = content / "test-topic.yaml"
    topic.write_text(dump(overflowing_topic()), encoding="utf-8")
    served = start_server(tmp_path, topic)
    written = {p.name for p in (served.out / "test-topic").iterdir()}
    status, page = served.get("/topic/test-topic")
    code, err = stop_server(served)
    assert status == 200
    assert page.decode("utf-8").count("too tall for the wallet card") == 1  # still shown
    assert code == 130
    assert err.count("too tall for the wallet card") == 1, err
    assert "test-topic-flashcards.csv" in written  # the rest was still made
    assert "test-topic-pocket-card.pdf" not in written


def serve_topic(tmp_path: Path, data: dict) -> tuple[str, str]:
    """Serve a topic made of `data` until its first build is done; the page's HTML and
    what the server printed."""
    content = tmp_path / "content"
    content.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "tests" / "fixtures" / "clinic" / "logo.png", content / "logo.png")
    topic = content / "test-topic.yaml"
    topic.write_text(dump(data), encoding="utf-8")
    served = start_server(tmp_path, topic)
    status, page = served.get("/topic/test-topic")
    _, err = stop_server(served)
    assert status == 200
    return page.decode("utf-8"), err


def test_a_warning_about_the_card_stays_on_the_page(tmp_path):
    """It comes from the build that made the card; the rebuild of the other outputs
    after it must not take it away."""
    data = minimal_topic(pocket_card={"size": "wallet"})
    steps = data["sections"][0]["items"]
    steps[0]["image"] = {"path": "logo.png", "alt": "A drawing.", "on_card": True}
    steps += [{"id": f"more{n}", "text": f"Then rest the other leg, step {n}."} for n in range(6)]
    page, _ = serve_topic(tmp_path, data)
    assert page.count("picture not on the wallet card") == 1


def test_a_problem_every_pdf_has_is_shown_and_said_once(tmp_path):
    page, err = serve_topic(tmp_path, minimal_topic(version="1.0 \U0001f9ca"))
    said = "(U+1F9CA) is not in the fonts"
    assert page.count(said) == 1
    assert err.count(said) == 1


def test_it_only_reads_and_answers_only_its_own_name(served):
    for method in ("POST", "PUT", "DELETE"):
        assert served.get("/files/hamstring-cramp/x", method=method)[0] == 501
    assert served.get("/", host="attacker.example")[0] == 403
    assert served.get("/", host=f"localhost:{served.port}")[0] == 303


def test_ctrl_c_stops_it_cleanly(served):
    time.sleep(0.2)
    code, err = stop_server(served)
    assert code == 130
    assert err.endswith("interrupted: outputs already written are whole; nothing is half-written\n")
    assert "Traceback" not in err
    assert not list(served.out.rglob(".*.tmp"))


def test_a_withdrawn_card_is_shown_as_such(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    topic = content / "test-topic.yaml"
    topic.write_text(dump(minimal_topic()), encoding="utf-8")
    keep_deck_record(topic, load_topic(topic), BuildOptions())  # the deck students have
    data = minimal_topic()
    data["flashcards"] = data["flashcards"][:1]
    data["withdrawn"] = [{"id": "c1", "date": "2026-02-03", "reason": "Newer advice replaces it."}]
    topic.write_text(dump(data), encoding="utf-8")
    served = start_server(tmp_path, topic)
    status, page = served.get("/topic/test-topic")
    stop_server(served)
    assert status == 200
    html = page.decode("utf-8")
    assert html.count('<li class="withdrawn">') == 1
    assert html.count("(withdrawn: students see only this notice)") == 2
    live, withdrawn = deck_cards(served.out / "test-topic" / "test-topic.apkg")
    assert not live.withdrawn and withdrawn.withdrawn
    notice = (
        "This card was withdrawn on February 3, 2026: Newer advice replaces it. You can delete it."
    )
    assert f"[{notice}]" in withdrawn.question and notice in withdrawn.answer
    assert "swells" not in withdrawn.question + withdrawn.answer


def test_it_draws_with_the_options_build_takes(tmp_path):
    """A4 and large print: the served handout is the one `build` would make with them."""
    content = tmp_path / "content"
    content.mkdir()
    topic = copy_hamstring(content)
    served = start_server(tmp_path, topic, "--paper", "A4", "--large-print")
    try:
        pdf = served.out / "hamstring-cramp" / "hamstring-cramp-handout.pdf"
        built = run_cli(
            "build", topic, "--out", tmp_path / "built", "--paper", "a4", "--large-print",
            "--only", "handout",
        )  # fmt: skip
        assert built.returncode == 0, built.stderr
        assert pdf.read_bytes() == (tmp_path / "built" / pdf.relative_to(served.out)).read_bytes()
        default = run_cli("build", topic, "--out", tmp_path / "plain", "--only", "handout")
        assert default.returncode == 0, default.stderr
        assert pdf.read_bytes() != (tmp_path / "plain" / pdf.relative_to(served.out)).read_bytes()
    finally:
        stop_server(served)


def test_quiet_says_only_the_address_and_problems(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    topic = copy_hamstring(content)
    served = start_server(tmp_path, topic, "-q")
    code, err = stop_server(served)
    assert code == 130
    assert "built in" not in err
    shutil.rmtree(served.out)  # a build that skips says nothing, quiet or not
    loud = start_server(tmp_path, topic)
    assert "built in" in stop_server(loud)[1]


def test_the_page_shows_the_labels_language_and_fallbacks(tmp_path):
    labels = tmp_path / "content" / "labels"
    labels.mkdir(parents=True)
    (labels / "qq.po").write_text(
        'msgctxt "page"\nmsgid "Page {page} of {pages}"\nmsgstr "Paqe {page} qu {pages}"\n',
        encoding="utf-8",
    )
    page, _ = serve_topic(tmp_path, minimal_topic(language="qq"))
    assert "Labels in qq, from content/labels/qq.po." in page
    assert "Not yet reviewed: content/labels/qq.po" in page
    assert "print in English, marked as English on the web page" in page
    assert "<li><code>urgency.now</code></li>" in page and "<code>page</code>" not in page
    vietnamese, _ = serve_topic(tmp_path / "vi", minimal_topic(language="vi-VN"))
    assert "Labels in vi-VN (Vietnamese (Vietnam)), from " in vietnamese
    assert "No label falls back to English." in vietnamese


def test_a_saved_catalogue_in_the_labels_folder_rebuilds_every_topic(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    topic = content / "test-topic.yaml"
    topic.write_text(dump(minimal_topic(language="es-US")), encoding="utf-8")
    labels = tmp_path / "clinic-labels"
    labels.mkdir()
    served = start_server(tmp_path, topic, "--labels", str(labels))
    try:
        page = served.out / "test-topic" / "test-topic-handout.html"
        assert "Busque atención médica de inmediato" in page.read_text(encoding="utf-8")
        (labels / "es.po").write_text(
            'msgctxt "urgency.now"\nmsgid "Get care right away"\nmsgstr "Vaya a urgencias ya"\n',
            encoding="utf-8",
        )
        assert eventually(lambda: "Vaya a urgencias ya" in page.read_text(encoding="utf-8"))
    finally:
        stop_server(served)
