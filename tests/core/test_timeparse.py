"""Tests for rcmcli.core.timeparse: times and dates as agendas write them, parsed strictly.

Expected values are the plain reading of each string (12-hour clock: 12:00 pm is
noon, 12:00 am is midnight), written by hand.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from rcmcli.core.timeparse import parse_date, parse_time


@pytest.mark.parametrize(
    "text, expected",
    [
        ("09:00", time(9, 0)),
        ("9:00", time(9, 0)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("13:15", time(13, 15)),
        ("9:00 am", time(9, 0)),
        ("9:00 a.m.", time(9, 0)),
        ("12:00 pm", time(12, 0)),
        ("12:00 am", time(0, 0)),
        ("9 am", time(9, 0)),
        ("2:30 PM", time(14, 30)),
        ("11:00 am", time(11, 0)),
    ],
)
def test_parse_time_accepts(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text",
    ["24:00", "25:61", "9:60", "9", "9.30", "-1:00", "13:00 pm", "0:00 am", "", "9:5", "noon", "9:00 xm"],
)
def test_parse_time_refuses(text):
    with pytest.raises(ValueError):
        parse_time(text)


def test_parse_time_error_quotes_the_value():
    with pytest.raises(ValueError, match="9.30"):
        parse_time("9.30")


# Regression: \d used to match non-ASCII digits, so Arabic-Indic and full-width digits were read
# as times; the JSON-schema pattern for editors (ECMA \d is ASCII-only) refuses them.
@pytest.mark.parametrize("text", ["\u0661\u0662:\u0660\u0660", "\uff19:\uff10\uff10"])
def test_parse_time_refuses_non_ascii_digits(text):
    with pytest.raises(ValueError):
        parse_time(text)


def test_parse_date_accepts_iso_date():
    assert parse_date("2021-09-09") == date(2021, 9, 9)


def test_parse_date_accepts_leap_day():
    assert parse_date("2024-02-29") == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text", ["2021-02-30", "2023-02-29", "2021-13-01", "9999-01-01", "0001-01-01", "2021-9-9", "09/09/2021", ""]
)
def test_parse_date_refuses(text):
    with pytest.raises(ValueError):
        parse_date(text)
