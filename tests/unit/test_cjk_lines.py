"""Where a CJK line may end (`generator.pdf.cjk_lines.line_end`): the line from `start`
ends at the index returned when `text[over]` is the first character that overflows."""

from __future__ import annotations

from generator.pdf.cjk_lines import line_end


def test_between_two_cjk_characters_at_the_one_that_overflows():
    assert line_end("腘绳肌抽筋通常没有危害", 0, 5) == 5


def test_closing_punctuation_hangs_in_the_margin():
    assert line_end("腘绳肌抽筋\N{FULLWIDTH COMMA}通常没有危害", 0, 5) == 6


def test_a_latin_word_or_number_goes_whole_to_the_next_line():
    assert line_end("请看RICE方法", 0, 4) == 2
    assert line_end("更新于2026年", 0, 5) == 3
    assert line_end("Riverside Sports", 0, 13) == 10  # after the space


def test_a_no_break_space_joins_a_phone_number_to_its_line_or_the_next():
    assert line_end("电话\N{FULLWIDTH COLON}+1\xa0555\xa00100", 0, 8) == 3


def test_a_space_that_overflows_hangs():
    assert line_end("Riverside Sports", 0, 9) == 10


def test_a_run_longer_than_the_line_is_cut_where_it_is_full():
    assert line_end("https://example.org/more", 0, 10) == 10
    assert line_end("x", 0, 0) == 1  # a line holds at least one character


def test_an_opening_bracket_goes_to_the_next_line_with_what_it_opens():
    assert line_end("拉伸大腿后侧\N{FULLWIDTH LEFT PARENTHESIS}腘绳肌", 0, 7) == 6
    assert line_end("按\N{LEFT CORNER BRACKET}停止\N{RIGHT CORNER BRACKET}", 0, 2) == 1
