"""Rule T005 (gap): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

from rcmcli.lint.config import Config


def test_t005_fails_on_undeclared_gap(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A}
        - {start: "10:20", end: "11:00", title: B}
        """
    )
    check(tmp_path, text, "T005", [("T005", 11)])


def test_t005_passes_declared_break(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A}
        - {start: "10:00", end: "10:20", title: Break, kind: break}
        - {start: "10:20", end: "11:00", title: B}
        """
    )
    check(tmp_path, text, "T005", [])


def test_t005_min_minutes_option(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A}
        - {start: "10:20", end: "11:00", title: B}
        - {start: "11:40", end: "12:00", title: C}
        """
    )  # gaps of 20 min (line 11) and 40 min (line 12)
    cfg = Config(rules={"gap": {"min_minutes": 30}})
    check(tmp_path, text, "T005", [("T005", 12)], config=cfg)


def test_t005_passes_when_an_earlier_long_slot_covers_the_time(tmp_path, check, meeting):
    # A runs 9:00-12:00 and contains B; C starts when A ends: no minute is idle.
    text = meeting(
        """
        - {start: "9:00", end: "12:00", title: A}
        - {start: "9:30", end: "10:00", title: B}
        - {start: "12:00", end: "13:00", title: C}
        """
    )
    check(tmp_path, text, "T005", [])


def test_t005_passes_across_a_slot_that_did_not_load(tmp_path, check, meeting):
    # 'strat' (line 11) makes the middle slot fail to load (Y003, Y004): without it
    # A and C are 20 minutes apart, but that gap is the loader's hole, not the agenda's.
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A}
        - {strat: "10:00", end: "10:20", title: B}
        - {start: "10:20", end: "11:00", title: C}
        """
    )
    check(tmp_path, text, "T005", [])


def test_t005_fails_on_another_day_than_the_one_with_the_hole(tmp_path, check, meeting):
    text = meeting(
        dates="{start: 2021-09-09, end: 2021-09-10}",
        days="""
        - date: 2021-09-09
          slots:
            - {start: "9:00", end: "10:00", title: A}
            - {start: "10:00", end: "bad", title: B}
        - date: 2021-09-10
          slots:
            - {start: "9:00", end: "10:00", title: C}
            - {start: "10:20", end: "11:00", title: D}
        """,
    )  # day one 8-11, day two 12-15: D (line 15) starts 20 min after C ends
    check(tmp_path, text, "T005", [("T005", 15)])
