"""Rule F002 (outside-hours): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

from rcmcli.lint.config import Config


def test_f002_fails_on_early_call_for_rcm(tmp_path, check, meeting):
    # 05:00 GMT-6 is 07:00 in Ottawa (EDT) and 05:00 in Belmopan: before 08:00.
    text = meeting('- {start: "5:00", end: "6:00", title: Early call}', conferences="[rcm]")
    problems = check(tmp_path, text, "F002", [("F002", 10)])
    assert "Ottawa Thu 07:00-08:00" in problems[0].message


def test_f002_fails_on_saturday(tmp_path, check, meeting):
    # 11 September 2021 was a Saturday; 10:00 GMT-6 is in working hours everywhere.
    check(tmp_path, meeting('- {start: "10:00", end: "11:00", title: A}', date="2021-09-11"), "F002", [("F002", 10)])


def test_f002_passes_thursday_morning(tmp_path, check, meeting):
    # 09:00-10:00 GMT-6: 09:00 at UTC-6 ... 12:00-13:00 at UTC-3, all within 08-18.
    check(tmp_path, meeting('- {start: "9:00", end: "10:00", title: Morning session}'), "F002", [])


def test_f002_work_hours_option(tmp_path, check, meeting):
    text = meeting('- {start: "5:00", end: "6:00", title: Early call}', conferences="[rcm]")
    check(tmp_path, text, "F002", [], config=Config(rules={"F002": {"work_start": "05:00"}}))
