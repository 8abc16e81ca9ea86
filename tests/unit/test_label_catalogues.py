"""A label catalogue is untrusted input: each kind of damage is one message with the
catalogue's file, line and key, and what to do; never an internal error, a label cut
short, a library's log line or a gigabyte of memory (issue 26, item 10)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.labels import Labels, labels_for
from generator.labels.folders import folder_problems
from generator.labels.po import read_po

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


def entry(key: str, english: str, text: str, flags: str = "") -> str:
    flag_line = f"#, {flags}\n" if flags else ""
    return f'{flag_line}msgctxt "{key}"\nmsgid "{english}"\nmsgstr "{text}"\n\n'


PAGE = "Page {page} of {pages}"


def problems_of(folder: Path, body: str | bytes, name: str = "es.po") -> list[str]:
    path = folder / name
    if isinstance(body, bytes):
        path.write_bytes(body)
    else:
        path.write_text(HEADER + body, encoding="utf-8")
    return [str(p) for p in folder_problems(folder)]


CASES = {
    "misspelt placeholder": (
        entry("page", PAGE, "Página {pgae} de {pages}"),
        [
            'es.po:7: msgctxt "page": {pgae} is not a placeholder of this label (did you mean '
            "{page}? it has {page}, {pages})",
            'es.po:7: msgctxt "page": lacks the placeholder {page} (keep every placeholder of '
            "the English, as written there)",
        ],
    ),
    "lone brace": (
        entry("page", PAGE, "Página {page de {pages}"),
        [
            'es.po:7: msgctxt "page": has a lone "{" or "}" (write a placeholder as {name}, '
            "and a brace itself as {{ or }})"
        ],
    ),
    "format spec": (
        entry("page", PAGE, "Página {page:>300000000} de {pages}"),
        [
            'es.po:7: msgctxt "page": {page:>300000000} is not a placeholder: a placeholder '
            "holds only its name (write {page})"
        ],
    ),
    "attribute": (
        entry("page", PAGE, "{page.__class__} de {pages}"),
        [
            'es.po:7: msgctxt "page": {page.__class__} is not a placeholder: a placeholder '
            "holds only its name (write {page})"
        ],
    ),
    "right-to-left override": (
        entry("disclaimer", "This handout does not replace advice from your health care "
              "provider.", "Esta hoja \u202eno reemplaza."),
        [
            'es.po:7: msgctxt "disclaimer": contains U+202E (right-to-left override), an '
            "invisible control that reorders the text around it: the HTML page and the deck "
            "would show another order than the PDFs (delete it)"
        ],
    ),
    "unknown key": (
        entry("urgency.nwo", "Get care right away", "Busque atención"),
        ['es.po:5: msgctxt "urgency.nwo": is not the key of a label (did you mean '
         '"urgency.now"?)'],
    ),
    "fuzzy": (
        entry("urgency.now", "Get care right away", "Busque atención", flags="fuzzy"),
        [
            'es.po:8: msgctxt "urgency.now": is marked fuzzy: a guess no one has checked '
            "(check it, then remove the fuzzy flag; or delete the entry to print the English)"
        ],
    ),
    "empty": (
        entry("urgency.now", "Get care right away", ""),
        ['es.po:7: msgctxt "urgency.now": has no translation (translate it, or delete the '
         "entry to print English)"],
    ),
    "stale English": (
        entry("urgency.now", "Get care now", "Busque atención"),
        [
            "es.po:5: msgctxt \"urgency.now\": translates 'Get care now', but the English "
            "label is now 'Get care right away' (check the translation says the same, then "
            "set its msgid to the new English (Poedit: Translation > Update from POT file))"
        ],
    ),
    "unterminated string": (
        'msgctxt "urgency.now"\nmsgid "Get care right away"\nmsgstr "Busque atenci\n\n',
        ['es.po:7: msgctxt "urgency.now": a string without its closing quote (end it with '
         '", and write \\" for a quote inside it)'],
    ),
    "a second entry": (
        entry("urgency.now", "Get care right away", "Busque")
        + entry("urgency.now", "Get care right away", "Vaya"),
        ['es.po:9: msgctxt "urgency.now": a second entry for this key (the first is on '
         "line 5) (keep one of them)"],
    ),
    "not a PO line": (
        'msgctxt "urgency.now"\nmsgid "Get care right away"\nmsgtsr "Busque"\n\n',
        [
            'es.po:5: msgctxt "urgency.now": an entry without its msgstr (add its msgstr line)',
            "es.po:7: 'msgtsr \"Busque\"' is not a line of a PO file (each line is a comment "
            "(#), a keyword such as msgstr with a quoted string, or a \"quoted string\" that "
            "continues the one above)",
        ],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_kind_of_damage_is_one_clear_message(tmp_path, case):
    body, expected = CASES[case]
    found = problems_of(tmp_path, body)
    assert found == [f"{tmp_path}/{line}" for line in expected]


def test_latin_1_bytes_are_named_with_their_line(tmp_path):
    body = (HEADER + entry("page", PAGE, "Pagina {page} de {pages}")).encode()
    body = body.replace(b"Pagina", "Página".encode("latin-1"))
    assert problems_of(tmp_path, body) == [
        f"{tmp_path}/es.po:7: the byte 0xE1 is not UTF-8 text (save the file as UTF-8; "
        "Poedit and Weblate always do)"
    ]


def test_a_header_for_another_language_and_a_file_not_named_for_one(tmp_path):
    header = HEADER.replace('utf-8\\n"', 'utf-8\\n"\n"Language: fr\\n"')
    (tmp_path / "Spanish.po").write_text(HEADER, encoding="utf-8")
    (tmp_path / "es.po").write_text(header, encoding="utf-8")
    assert [str(p) for p in folder_problems(tmp_path)] == [
        f"{tmp_path}/Spanish.po: is not named for a language (name it by the language tag "
        "it serves, such as vi.po or zh-Hant.po)",
        f"{tmp_path}/es.po:1: its header says 'Language: fr', but the file is named for "
        "'es' (name the file fr.po, or correct the header)",
    ]


def test_a_broken_catalogue_is_a_content_error_for_its_language_only(tmp_path):
    (tmp_path / "es.po").write_text(HEADER + entry("page", PAGE, "{pgae}"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"es\.po:7: msgctxt \"page\""):
        labels_for("es-MX", tmp_path)
    assert labels_for("fr", tmp_path).catalogue == "fr"  # another language is not touched


def test_the_reader_reads_every_shipped_catalogue_as_babel_does():
    from babel.messages.pofile import read_po as babel_read_po

    from generator.labels import LOCALES_DIR

    for path in sorted(LOCALES_DIR.iterdir()):
        ours = {e.key: (e.msgid, e.msgstr, "fuzzy" in e.flags) for e in read_po(path).entries}
        with path.open("rb") as file:
            theirs = {
                m.context: (m.id, m.string, m.fuzzy) for m in babel_read_po(file) if m.context
            }
        assert ours == theirs, path.name


def test_no_library_prints_a_line(tmp_path, capsys):
    problems_of(tmp_path, 'msgctxt "page"\nmsgid "x\nmsgstr "y"\nbogus\n')
    assert capsys.readouterr() == ("", "")


def test_a_value_ending_in_a_period_is_followed_by_one():
    labels = Labels("ru", "ru", {"deck.reviewed": "Проверено {reviewed}. Версия {version}."})
    day = labels_for("ru").date(dt.date(2026, 11, 26))
    year = "2026\u202f\u0433."  # "2026 g." in Russian, with CLDR's narrow no-break space
    assert day == f"26 ноября {year}"
    text = labels("deck.reviewed", reviewed=day, version="1.0")
    assert text == f"Проверено 26 ноября {year} Версия 1.0."
    assert str(labels.markup("deck.reviewed", reviewed=day, version="<1>")).endswith("&lt;1&gt;.")


def test_a_private_use_tag_has_the_date_of_its_language():
    assert labels_for("es-x-private").date(dt.date(2026, 11, 26)) == "26 de noviembre de 2026"
