import re
from dataclasses import replace
from pathlib import Path

import pytest

from generator.pronouncing import DICTIONARY, dictionary, rule_syllables, syllables
from generator.readability import (
    Score,
    flesch_kincaid,
    measure,
    reading_level,
    scored_texts,
    smog,
    spanish_syllables,
)
from tests.conftest import CONTENT, ROOT, run_cli
from tests.integration.scripts import script_topic_file

ARTICLE = CONTENT / "sources" / "hamstring-cramp-article.txt"
"""The article the hamstring topic was written from, kept in the repository beside it."""


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cramp", 1),
        ("muscle", 2),
        ("stretch", 1),
        ("hamstring", 2),
        ("involuntary", 5),
        ("every", 3),  # the vowel-group rule said 2
        ("area", 3),  # the rule said 2
        ("fire", 2),  # the rule said 1
        ("electrolytes", 4),
        ("don't", 1),
        ("muscle\u2019s", 2),  # a curly apostrophe; not listed: counted by rule
        ("long-term", 2),  # parts of a hyphenated word are counted apart
        ("Magnesium", 4),
        ("50", 1),
    ],
)
def test_english_syllables(word, count):
    assert syllables(word) == count


def test_the_dictionary_is_found_by_binary_search():
    """First and last entries of the file; a word whose variants are gone (only its
    first pronunciation counts); words the original file held out of order; a word it
    lacks."""
    cmu = dictionary()
    assert cmu is not None
    assert cmu.syllables("'bout") == 1
    assert cmu.syllables("zywicki") == 3
    assert cmu.syllables("a") == 1  # a(2) and a's followed it in cmudict.dict
    assert cmu.syllables("aalborg") == 2  # a comment followed its phones
    assert cmu.syllables("stilted") == 2  # out of place in cmudict.dict: the rule said 1
    assert cmu.syllables("sepultura") == 4
    assert cmu.syllables("neuromuscular") is None
    assert rule_syllables("neuromuscular") == syllables("neuromuscular") == 5


def test_the_shipped_dictionary_is_sorted_and_well_formed():
    """The binary search is right only on a file sorted by its words' bytes, each
    once, `word<TAB>syllables` (tools/cmudict_syllables.py writes it so)."""
    lines = DICTIONARY.read_bytes().split(b"\n")
    assert lines.pop() == b""  # ends with a newline
    words = [line.partition(b"\t")[0] for line in lines]
    assert len(words) > 120_000
    assert words == sorted(set(words))
    assert all(re.fullmatch(rb"[a-z'.-][a-z0-9'._-]*\t[1-9][0-9]?", line) for line in lines)


def reference_article() -> list[str]:
    """The source article's paragraphs; its headings (lines without a full stop) are
    left out, as a heading of the handout is."""
    return [line for line in ARTICLE.read_text().splitlines() if line.endswith(".")]


def test_source_article_matches_the_reference_scorer():
    """A scorer with the CMU dictionary gives FK 12.9 and SMOG 14.2 (issue 16); the
    vowel-group rule, with headings as sentences, said 12.3 and 13.4."""
    c = measure(reference_article())
    assert flesch_kincaid(c) == pytest.approx(12.9, abs=0.5)
    assert smog(c) == pytest.approx(14.2, abs=0.5)


def test_hamstring_handout_matches_the_reference_scorer(hamstring):
    """The reference gives FK 5.1 and SMOG 8.0; the old scorer said FK 4.3."""
    c = measure(scored_texts(hamstring))
    assert flesch_kincaid(c) == pytest.approx(5.1, abs=0.5)
    assert smog(c) == pytest.approx(8.0, abs=0.5)


def test_headings_are_not_scored(hamstring):
    texts = scored_texts(hamstring)
    assert hamstring.title not in texts
    assert not {s.heading for s in hamstring.sections} & set(texts)
    assert texts[0] == hamstring.main_message


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("calambre", 3),  # ca-lam-bre
        ("isquiotibiales", 5),  # is-quio-ti-bia-les: qu's u is silent, io and ia join
        ("día", 2),  # dí-a: an accent on i breaks the diphthong
        ("reúne", 3),  # re-ú-ne
        ("país", 2),  # pa-ís
        ("aeropuerto", 5),  # a-e-ro-puer-to: two strong vowels split
        ("ciudad", 2),  # ciu-dad
        ("queso", 2),  # que-so
        ("guerra", 2),  # gue-rra
        ("pingüino", 3),  # pin-güi-no: ü is heard
        ("hoy", 1),  # y at the end after a vowel
        ("muy", 1),
        ("y", 1),
        ("inflamación", 4),  # in-fla-ma-ción
        ("50", 1),
    ],
)
def test_spanish_syllables(word, count):
    assert spanish_syllables(word) == count


def test_measure_counts_sentences_per_text():
    result = measure(["Rest your leg. Drink water!", "Heading without a stop"])
    assert (result.sentences, result.words) == (3, 9)


def test_hamstring_handout_meets_both_english_targets(hamstring):
    level = reading_level(hamstring)
    assert level is not None
    assert [s.scale for s in level.scores] == ["Flesch-Kincaid grade", "SMOG"]
    assert level.ok
    assert level.describe() == "Flesch-Kincaid grade 5.4, SMOG 8.0 (targets 8 or lower)"


def test_a_target_is_met_as_printed():
    """SMOG 8.001 prints as 8.0 and meets a target of 8; 8.05 prints 8.1 and does not."""
    assert Score("SMOG", 8.001, 8.0, higher_is_easier=False).ok
    assert not Score("SMOG", 8.05, 8.0, higher_is_easier=False).ok


def test_warning_names_the_scale_above_target(hamstring):
    long_sentence = " ".join(["The cat sat on the mat"] * 6) + "."
    level = reading_level(replace(hamstring, main_message=long_sentence, sections=()))
    assert level is not None and not level.ok
    assert level.warning(ROOT / "t.yaml") == (
        f"warning: {ROOT / 't.yaml'}: handout text scores Flesch-Kincaid grade 10.3, "
        "SMOG 3.1 (targets 8 or lower): Flesch-Kincaid grade not met "
        "(use shorter sentences and everyday words)"
    )


def test_spanish_handout_is_scored_on_inflesz():
    from generator.load import load_topic

    level = reading_level(load_topic(CONTENT / "hamstring-cramp-es.yaml"))
    assert level is not None and [s.scale for s in level.scores] == ["INFLESZ"]
    assert level.ok and level.scores[0].score >= 55
    assert level.describe().endswith("(target 55 or higher)")


def test_harder_spanish_text_scores_lower(hamstring):
    easy = replace(hamstring, language="es", title="El sol sale.", sections=())
    hard = replace(
        easy,
        main_message="La hiperextensión involuntaria de la musculatura isquiotibial "
        "desencadena contracciones paroxísticas extraordinariamente dolorosas.",
    )
    assert reading_level(hard).scores[0].score < reading_level(easy).scores[0].score


def test_a_language_without_a_scale_gets_no_number_and_says_why(hamstring):
    level = reading_level(replace(hamstring, language="fr-FR"))
    assert level is not None and level.scores == () and level.ok
    assert level.warning(Path("x.yaml")) is None
    assert level.describe() == (
        "reading level not scored, no reading-level scale for French here yet (English "
        "and Spanish have one); ask a reader of French to check that it is plain"
    )


@pytest.mark.parametrize(
    ("tag", "name"),
    [("zh-CN", "Chinese"), ("zh-TW", "Chinese"), ("ja", "Japanese"), ("ko-KR", "Korean"),
     ("ar-EG", "Arabic"), ("fa", "Persian"), ("he", "Hebrew"), ("th", "Thai")],
)  # fmt: skip
def test_no_formula_suits_these_scripts(hamstring, tag, name):
    level = reading_level(replace(hamstring, language=tag))
    assert level is not None and level.scores == ()
    assert level.describe() == (
        f"reading level not scored, no reading-level formula suits {name}: the formulas "
        "count words and syllables as English and Spanish spell them; ask a reader of "
        f"{name} to check that it is plain"
    )


@pytest.mark.parametrize(("catalogue", "name"), [("ar", "Arabic"), ("zh-Hans", "Chinese")])
def test_check_says_plainly_that_no_formula_suits(tmp_path, catalogue, name):
    path = script_topic_file(catalogue, tmp_path)
    checked = run_cli("check", path, cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    [line] = checked.stdout.splitlines()
    assert line.endswith(f"no reading-level formula suits {name}: the formulas count words "
                         f"and syllables as English and Spanish spell them; ask a reader of "
                         f"{name} to check that it is plain")  # fmt: skip
    assert not re.search(r"\d\.\d", line) and checked.stderr == ""
