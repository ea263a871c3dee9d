"""Rule T006 (day-outside-dates): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_t006_fails_on_day_after_the_meeting(tmp_path, check, meeting):
    text = meeting(
        dates="{start: 2021-09-09, end: 2021-09-10}",
        days="""
        - date: 2021-09-11
          slots:
            - {start: "9:00", end: "10:00", title: A}
        """,
    )
    check(tmp_path, text, "T006", [("T006", 8)])


def test_t006_fails_on_dates_in_wrong_order(tmp_path, check, meeting):
    check(tmp_path, meeting(dates="{start: 2021-09-10, end: 2021-09-09}"), "T006", [("T006", 5)])


def test_t006_fails_on_day_listed_twice(tmp_path, check, meeting):
    text = meeting(
        days="""
        - date: 2021-09-09
          slots:
            - {start: "9:00", end: "10:00", title: A}
        - date: 2021-09-09
          slots:
            - {start: "11:00", end: "12:00", title: B}
        """
    )  # the second day's date is on line 11
    check(tmp_path, text, "T006", [("T006", 11)])


def test_t006_passes_day_inside_the_dates(tmp_path, check, meeting):
    text = meeting(
        dates="{start: 2021-09-09, end: 2021-09-10}",
        days="""
        - date: 2021-09-10
          slots:
            - {start: "9:00", end: "10:00", title: A}
        """,
    )
    check(tmp_path, text, "T006", [])
