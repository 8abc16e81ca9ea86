from generator.readability import handout_grade, measure, syllables


def test_syllables():
    assert [syllables(w) for w in ["cramp", "muscle", "stretch", "hamstring", "involuntary"]] == [
        1,
        2,
        1,
        2,
        5,
    ]


def test_measure_counts_sentences_per_text():
    result = measure(["Rest your leg. Drink water!", "Heading without a stop"])
    assert (result.sentences, result.words) == (3, 9)


def test_source_article_reads_far_above_target():
    from tests.conftest import ROOT

    article = (ROOT.parent / "shared" / "source" / "hamstring-cramp-article.txt").read_text()
    assert measure(article.splitlines()).grade > 11


def test_hamstring_handout_reads_at_grade_8_or_lower(hamstring):
    grade = handout_grade(hamstring)
    assert grade is not None
    assert grade <= 8


def test_not_english_has_no_grade(hamstring):
    from dataclasses import replace

    assert handout_grade(replace(hamstring, language="es-MX")) is None
