"""Rule T001 (bad-time): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("bad", ["9.30", "24:00", "25:61", "9", "-1:00"])
def test_t001_fails_on_unreadable_time(tmp_path, check, meeting, bad):
    check(tmp_path, meeting(f'- {{start: "{bad}", end: "10:00", title: A}}'), "T001", [("T001", 10)])


def test_t001_fails_on_impossible_date(tmp_path, check, meeting):
    text = meeting(
        days="""
        - date: 2021-02-30
          slots:
            - {start: "9:00", end: "10:00", title: A}
        """
    )
    check(tmp_path, text, "T001", [("T001", 8)])


@pytest.mark.parametrize("good", ["9:30", "09:30", "9:30 am", "9 am", "9:00 a.m."])
def test_t001_passes_readable_time(tmp_path, check, meeting, good):
    check(tmp_path, meeting(f'- {{start: "{good}", end: "10:00", title: A}}'), "T001", [])
