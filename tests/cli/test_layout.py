"""Column widths (rcmcli.cli.layout); dates and lists are tested in tests/test_timefmt.py."""

from __future__ import annotations

import pytest

from rcmcli.cli.layout import Col, fit, fold, terminal_width


def test_fit_keeps_natural_widths_when_they_fit():
    cols = [Col("a", "A", ["09:00–09:30"]), Col("t", "Title", ["Opening session"], shrink="words", floor=30)]
    assert fit(cols, 80) == [11, 15]


def test_fit_shrinks_the_title_to_its_floor_and_no_further():
    title = "Session 1: Irregular migration from within the hemisphere and extra continental"
    cols = [Col("a", "A", ["09:00–09:30"]), Col("t", "Title", [title], shrink="words", floor=30)]
    assert fit(cols, 60) == [11, 47]
    assert fit(cols, 43) == [11, 30]
    assert fit(cols, 42) is None  # the title would go under 30 columns


def test_a_time_never_shrinks_but_its_header_may_wrap():
    col = Col("z", "Buenos Aires\nUTC-3", ["12:00"])
    assert (col.natural(), col.minimum()) == (12, 6)  # 'Buenos' / 'Aires' on two lines


def test_codes_fold_after_a_slash():
    assert fold("America/Argentina/Buenos_Aires", 18) == "America/Argentina/\nBuenos_Aires"
    assert fold("America/Mexico_City", 14) == "America/\nMexico_City"
    assert fold("Abcdefghijkl", 5) == "Abcde\nfghij\nkl"


@pytest.mark.parametrize("columns, width", [("100", 100), ("abc", 80), ("0", 80), ("", 80)])
def test_width_when_not_a_terminal(monkeypatch, columns, width):
    monkeypatch.setenv("COLUMNS", columns)
    assert terminal_width() == width  # pytest's stdout is not a terminal


@pytest.mark.parametrize(
    "header, width, expected",
    [
        ("Buenos Aires\nUTC-03:00", 12, "Buenos Aires\nUTC-03:00"),  # fits: as it is
        ("Buenos Aires\nUTC-03:00", 9, "Buenos\nAires\nUTC-03:00"),  # wraps between words
        ("Ciudad de México", 6, "Ciudad\nde\nMéxico"),
        ("GMT-6", 3, "GMT\n-6"),  # a word longer than the column is cut, never lost
        ("", 5, ""),
    ],
)
def test_a_header_wraps_between_words_only_when_it_does_not_fit(header: str, width: int, expected: str):
    from rcmcli.cli.layout import wrap_header

    assert wrap_header(header, width) == expected
