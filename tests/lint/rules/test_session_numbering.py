"""Rule R003 (session-numbering): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_r003_fails_on_skipped_number(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 3}
        """
    )
    check(tmp_path, text, "R003", [("R003", 11)])


def test_r003_fails_on_repeated_number(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 1}
        """
    )
    check(tmp_path, text, "R003", [("R003", 11)])


def test_r003_passes_consecutive_numbers(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1}
        - {start: "10:00", end: "10:15", title: Break, kind: break}
        - {start: "10:15", end: "11:00", title: B, kind: session, session: 2}
        """
    )
    check(tmp_path, text, "R003", [])


def test_r003_passes_across_a_slot_that_did_not_load(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1}
        - {strat: "10:00", end: "11:00", title: B, kind: session, session: 2}
        - {start: "11:00", end: "12:00", title: C, kind: session, session: 3}
        """
    )  # session 2 (line 11) did not load; 3 follows the hole
    check(tmp_path, text, "R003", [])


def test_r003_fails_on_a_skip_after_the_hole(tmp_path, check, meeting):
    text = meeting(
        """
        - {strat: "9:00", end: "10:00", title: A, kind: session, session: 1}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 2}
        - {start: "11:00", end: "12:00", title: C, kind: session, session: 4}
        """
    )  # the count starts again at 2 (line 11); 4 (line 12) skips 3
    check(tmp_path, text, "R003", [("R003", 12)])


def test_r003_fails_on_a_repeat_across_the_hole(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1}
        - {strat: "10:00", end: "11:00", title: B, kind: session, session: 2}
        - {start: "11:00", end: "12:00", title: C, kind: session, session: 1}
        """
    )
    check(tmp_path, text, "R003", [("R003", 12)])
