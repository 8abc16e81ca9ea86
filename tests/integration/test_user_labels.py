"""A clinic's own catalogues: a `labels/` folder beside its topics (or `--labels DIR`)
adds a language or overrides shipped labels, is checked like a topic, and is an input
of the build."""

from __future__ import annotations

import shutil
from pathlib import Path

from pypdf import PdfReader

from generator.build import build_topic
from generator.options import BuildOptions
from tests.conftest import CONTENT, dump, line_of, minimal_topic, run_cli

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
    '"X-Reviewed-By: {reviewer}\\n"\n\n'
)
SOON = 'msgctxt "card.urgency.soon"\nmsgid "SEE A PROVIDER"\nmsgstr "VEA A SU MÉDICO"\n\n'
PAGE = 'msgctxt "page"\nmsgid "Page {page} of {pages}"\nmsgstr "Paqe {page} qu {pages}"\n\n'


def catalogue(folder: Path, name: str, *entries: str, reviewer: str = "") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(HEADER.replace("{reviewer}", reviewer) + "".join(entries), encoding="utf-8")
    return path


def spanish_topic(folder: Path) -> Path:
    shutil.copytree(CONTENT / "images", folder / "images")
    return Path(shutil.copy(CONTENT / "hamstring-cramp-es.yaml", folder))


def card_text(out: Path, topic: str) -> str:
    pages = PdfReader(out / topic / f"{topic}-pocket-card.pdf").pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_a_folder_beside_the_topics_adds_a_language(tmp_path):
    (tmp_path / "test-topic.yaml").write_text(dump(minimal_topic(language="qq")), "utf-8")
    catalogue(tmp_path / "labels", "qq.po", PAGE)
    built = run_cli("build", "test-topic.yaml", "--out", "out", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "the 'qq' label catalogue lacks" in built.stderr  # one warning, naming them
    assert "urgency.now" in built.stderr and " page," not in built.stderr
    handout = PdfReader(tmp_path / "out" / "test-topic" / "test-topic-handout.pdf")
    assert "Paqe 1 qu 1" in handout.pages[0].extract_text()
    page = (tmp_path / "out" / "test-topic" / "test-topic-handout.html").read_text()
    assert "Paqe 1 qu 1" not in page  # the web page has no pages; the fallbacks say so:
    assert '<span lang="en">Get care right away</span>' in page


def test_a_catalogue_overrides_one_shipped_label_and_says_where_each_comes_from(tmp_path):
    topic = spanish_topic(tmp_path)
    mine = catalogue(tmp_path / "labels", "es.po", SOON, reviewer="Dra. Ana Pérez")
    out = tmp_path / "out"
    assert build_topic(topic, out, BuildOptions()).ok
    text = card_text(out, "hamstring-cramp-es")
    assert "VEA A SU MÉDICO" in text and "CONSULTE A UN MÉDICO" not in text
    assert "⚠ BUSQUE ATENCIÓN YA" in text  # the rest from the shipped catalogue
    assert "Las etiquetas fijas en este idioma aún no han sido revisadas." in text  # it is not
    checked = run_cli("check", "--verbose", topic.name, cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    line = line_of(mine, "msgstr")  # the header's is the first
    assert f"  labels/es.po:{line_of(mine, 'msgstr', 2)}: card.urgency.soon\n" in checked.stdout
    assert line < line_of(mine, "msgstr", 2)
    assert "labels: ok, 1 label catalogue: es\n" in checked.stdout
    assert "1 from labels/es.po" in checked.stdout and "from /" in checked.stdout  # shipped


def test_check_labels_reports_a_broken_catalogue_without_any_topic(tmp_path):
    folder = tmp_path / "clinic-labels"
    broken = PAGE.replace("{page} qu", "{pgae} qu")
    catalogue(folder, "vi.po", broken, 'msgctxt "urgency.nwo"\nmsgid "x"\nmsgstr "y"\n\n')
    checked = run_cli("check", "--labels", folder, cwd=tmp_path)
    assert checked.returncode == 1  # a catalogue's problem, like a topic's
    assert checked.stderr.splitlines() == [
        f'{folder}/vi.po:8: msgctxt "page": {{pgae}} is not a placeholder of this label '
        "(did you mean {page}? it has {page}, {pages})",
        f'{folder}/vi.po:8: msgctxt "page": lacks the placeholder {{page}} (keep every '
        "placeholder of the English, as written there)",
        f'{folder}/vi.po:10: msgctxt "urgency.nwo": is not the key of a label (did you mean '
        '"urgency.now"?)',
    ]
    missing = run_cli("check", "--labels", tmp_path / "nowhere", cwd=tmp_path)
    assert missing.returncode == 2 and "is not a folder" in missing.stderr


def test_nothing_is_built_from_a_broken_catalogue(tmp_path):
    topic = spanish_topic(tmp_path)
    assert run_cli("build", topic.name, "--out", "out", cwd=tmp_path).returncode == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "out" / topic.stem).iterdir()}
    catalogue(tmp_path / "labels", "es.po", SOON.replace("MÉDICO", "MÉDICO {clinic}"))
    built = run_cli("build", topic.name, "--out", "out", cwd=tmp_path)
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert 'labels/es.po:8: msgctxt "card.urgency.soon": {clinic} is not a placeholder' in (
        built.stderr
    )
    after = {p.name: p.read_bytes() for p in (tmp_path / "out" / topic.stem).iterdir()}
    assert after == before  # the last good outputs stay


def test_catalogues_are_inputs_of_the_build(tmp_path):
    topic = spanish_topic(tmp_path)
    out = tmp_path / "out"

    def rebuilt(options: BuildOptions | None = None) -> int:
        result = build_topic(topic, out, options or BuildOptions())
        assert result.ok, (result.error, result.failed)
        return len(result.written)

    assert rebuilt() == 8
    assert rebuilt() == 0  # nothing changed
    mine = catalogue(tmp_path / "labels", "es.po", SOON)  # a catalogue appears
    assert rebuilt() == 8
    assert rebuilt() == 0
    mine.write_text(mine.read_text().replace("SU MÉDICO", "UN DOCTOR"), encoding="utf-8")
    assert rebuilt() == 8 and "VEA A UN DOCTOR" in card_text(out, topic.stem)
    catalogue(tmp_path / "labels", "es-US.po", PAGE.replace("Paqe", "Pág."))  # more specific
    assert rebuilt() == 8
    other = tmp_path / "other"
    other.mkdir()
    assert rebuilt(BuildOptions(labels=other)) == 8  # another folder: its catalogues count
    assert "CONSULTE A UN MÉDICO" in card_text(out, topic.stem)
    assert rebuilt(BuildOptions(labels=other)) == 0


def test_build_verbose_says_where_each_label_comes_from_once_per_set(tmp_path):
    topic = spanish_topic(tmp_path)
    twin = tmp_path / "hamstring-cramp-es2.yaml"
    twin.write_text(topic.read_text().replace("id: hamstring-cramp-es", "id: hamstring-cramp-es2"))
    mine = catalogue(tmp_path / "labels", "es.po", SOON)
    built = run_cli(
        "build", topic.name, twin.name, "--out", "out", "--verbose", "--jobs", "1", cwd=tmp_path
    )
    assert built.returncode == 0, built.stderr
    line = line_of(mine, "msgstr", 2)
    assert built.stdout.count(f"  labels/es.po:{line}: card.urgency.soon\n") == 1
    assert f"{twin.name}: labels as for {topic.name}\n" in built.stdout
    quiet = run_cli("build", topic.name, "--out", "out2", cwd=tmp_path)
    assert "card.urgency.soon" not in quiet.stdout


def test_check_warns_of_a_label_the_pdfs_cannot_print(tmp_path):
    disclaimer = (
        'msgctxt "disclaimer"\nmsgid "This handout does not replace advice from your health '
        'care provider."\nmsgstr "Ask your provider \U0001fa7a."\n\n'
    )
    catalogue(tmp_path / "labels", "qq.po", disclaimer)
    checked = run_cli("check", "--labels", "labels", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr  # the other outputs can still be made
    assert checked.stderr.startswith(
        "warning: labels/qq.po:8: msgctxt \"disclaimer\": the character '\U0001fa7a' "
        "(U+1FA7A) is not in the fonts "
    )
    assert checked.stderr.endswith("; the PDFs of this language cannot be made\n")
