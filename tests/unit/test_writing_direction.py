"""Which way a language's text runs (`tags.is_right_to_left`): by its script, as CLDR
says for every locale it knows."""

from __future__ import annotations

import pytest
from babel import Locale, localedata

from generator.labels import Labels, labels_for
from generator.labels.tags import is_right_to_left


@pytest.mark.parametrize(
    ("tag", "rtl"),
    [
        ("ar", True),
        ("ar-EG", True),
        ("fa-IR", True),
        ("ur", True),
        ("he", True),
        ("yi", True),
        ("dv", True),
        ("ps-AF", True),
        ("ckb", True),
        ("pa-Arab", True),  # Punjabi in Shahmukhi: the script written out decides
        ("pa", False),  # Punjabi in Gurmukhi, as CLDR expects without a script
        ("ku", False),  # Kurmanji, in Latin letters
        ("az-Arab-IR", True),
        ("en-US", False),
        ("zh-TW", False),
        ("vi", False),
        ("ru", False),
        ("qps", False),  # no script known: left to right
    ],
)
def test_direction_follows_the_script(tag, rtl):
    assert is_right_to_left(tag) is rtl
    assert labels_for(tag).direction == ("rtl" if rtl else "ltr")


def test_every_babel_locale_agrees_with_cldr():
    disagree = [
        name
        for name in localedata.locale_identifiers()
        if is_right_to_left(name.replace("_", "-"))
        != (Locale.parse(name).character_order == "right-to-left")
    ]
    assert disagree == []


def test_an_english_label_in_a_right_to_left_page_runs_left_to_right():
    persian = Labels("fa", "en", {"page": "Page {page}"}, missing=("page",))
    assert persian.markup("page", page=2) == '<span lang="en" dir="ltr">Page 2</span>'
    spanish = Labels("es", "en", {"page": "Page {page}"}, missing=("page",))
    assert spanish.markup("page", page=2) == '<span lang="en">Page 2</span>'
