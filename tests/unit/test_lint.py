"""Warnings for valid topics that are probably not what the author meant."""

from __future__ import annotations

import datetime as dt

from generator.lint import review_date_warning
from generator.load import load_topic
from tests.conftest import dump, line_of, minimal_topic, run_cli


def test_a_review_date_after_today_is_a_warning_naming_the_line(topic_file):
    path = topic_file(dump(minimal_topic(reviewed="2099-01-15")))
    topic = load_topic(path)
    assert review_date_warning(topic, dt.date(2026, 11, 26)) == (
        f"warning: {path}:{line_of(path, 'reviewed:')}: reviewed: 2099-01-15 is in the "
        "future; every output would say the topic was reviewed that day (use the day of "
        "the review)"
    )
    assert review_date_warning(topic, dt.date(2099, 1, 15)) is None


def test_check_and_build_print_it_and_succeed(topic_file, tmp_path):
    path = topic_file(dump(minimal_topic(reviewed="2099-01-15")))
    for args in (["check", path], ["build", path, "--out", tmp_path / "out"]):
        result = run_cli(*args)
        assert result.returncode == 0, result.stderr
        assert "reviewed: 2099-01-15 is in the future" in result.stderr
