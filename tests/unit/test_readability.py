from dataclasses import replace

import pytest

from generator.readability import measure, reading_level, spanish_syllables, syllables
from tests.conftest import CONTENT, ROOT


def test_syllables():
    words = ["cramp", "muscle", "stretch", "hamstring", "involuntary"]
    assert [syllables(w) for w in words] == [1, 2, 1, 2, 5]


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


def test_source_article_reads_far_above_target():
    article = (ROOT.parent / "shared" / "source" / "hamstring-cramp-article.txt").read_text()
    c = measure(article.splitlines())
    assert 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59 > 11


def test_hamstring_handout_reads_at_grade_8_or_lower(hamstring):
    level = reading_level(hamstring)
    assert level is not None and level.scale == "Flesch-Kincaid grade"
    assert level.ok and level.score <= 8


def test_spanish_handout_is_scored_on_inflesz():
    from generator.load import load_topic

    level = reading_level(load_topic(CONTENT / "hamstring-cramp-es.yaml"))
    assert level is not None and level.scale == "INFLESZ"
    assert level.ok and level.score >= 55
    assert level.describe().endswith("(target 55 or higher)")


def test_harder_spanish_text_scores_lower(hamstring):
    easy = replace(hamstring, language="es", title="El sol sale.", sections=())
    hard = replace(
        easy,
        main_message="La hiperextensión involuntaria de la musculatura isquiotibial "
        "desencadena contracciones paroxísticas extraordinariamente dolorosas.",
    )
    assert reading_level(hard).score < reading_level(easy).score


def test_a_language_without_a_scale_has_none(hamstring):
    assert reading_level(replace(hamstring, language="fr-FR")) is None
