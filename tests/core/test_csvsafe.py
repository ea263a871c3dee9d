"""CSV formula neutralisation (OWASP): every trigger character, and what is left alone."""

from __future__ import annotations

import csv
import io

import pytest

from rcmcli.core.csvsafe import csv_text, safe_cell


@pytest.mark.parametrize(
    "value, written",
    [
        ("=1+2", "'=1+2"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Opening session", "Opening session"),
        ("a=b", "a=b"),
        ("UTC-06:00", "UTC-06:00"),
        ("2021-09-09T09:00:00-06:00", "2021-09-09T09:00:00-06:00"),
        ("-1", "-1"),  # a plain number is data
        ("+3", "+3"),
        ("-0.5", "-0.5"),
        (-1, "-1"),
        (None, ""),
        ("", ""),
    ],
)
def test_safe_cell(value, written):
    assert safe_cell(value) == written


def test_csv_text_quotes_every_cell_and_header():
    text = csv_text(["=head"], [["=x", "plain, with comma"]])
    assert list(csv.reader(io.StringIO(text))) == [["'=head"], ["'=x", "plain, with comma"]]
