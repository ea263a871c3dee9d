"""Rule T008 (dst-trap): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

import pytest
from snippets import SANTIAGO


def test_t008_fails_on_nonexistent_time(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "0:30"
          end: "1:30"
          title: A
        """,
        date="2022-09-11",
        reference_zone=SANTIAGO,
    )  # 00:30 (line 10) never happened; 01:30 did
    check(tmp_path, text, "T008", [("T008", 10)])


def test_t008_fails_on_ambiguous_times(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "23:15"
          end: "23:45"
          title: A
        """,
        date="2022-04-02",
        reference_zone=SANTIAGO,
    )  # both 23:15 (line 10) and 23:45 (line 11) happened twice
    check(tmp_path, text, "T008", [("T008", 10), ("T008", 11)])


def test_t008_fails_on_end_that_crosses_into_the_gap(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "23:30"
          end: "0:30"
          crosses_midnight: true
          title: A
        """,
        date="2022-09-10",
        reference_zone=SANTIAGO,
    )  # ends at 00:30 on 11 September (line 11), which never happened
    check(tmp_path, text, "T008", [("T008", 11)])


def test_t008_passes_ordinary_time_on_transition_day(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:00", title: A}', date="2022-09-11", reference_zone=SANTIAGO)
    check(tmp_path, text, "T008", [])


@pytest.mark.parametrize("date", ["2022-09-11", "2022-04-02"])
def test_t008_never_fires_for_a_fixed_offset(tmp_path, check, meeting, date):
    text = meeting(
        """
        - start: "23:15"
          end: "0:30"
          crosses_midnight: true
          title: A
        - {start: "0:30", end: "1:30", title: B}
        """,
        date=date,
        reference_zone="{label: GMT-4, offset: GMT-4}",
    )
    check(tmp_path, text, "T008", [])


def test_t008_offset_wins_over_zone(tmp_path, check, meeting):
    # With both, the published offset is what the times mean (loader docstring).
    text = meeting(
        '- {start: "0:30", end: "1:30", title: A}',
        date="2022-09-11",
        reference_zone="{label: Santiago (GMT-4), offset: GMT-4, zone: America/Santiago}",
    )
    check(tmp_path, text, "T008", [])
