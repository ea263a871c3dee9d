"""Rule T003 (overlap): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_t003_fails_on_overlap(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A}
        - {start: "9:30", end: "10:30", title: B}
        """
    )
    check(tmp_path, text, "T003", [("T003", 11)])


def test_t003_passes_touching_slots(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A}
        - {start: "10:00", end: "10:30", title: B}
        - {start: "10:30", end: "11:00", title: C}
        """
    )
    check(tmp_path, text, "T003", [])


def test_t003_fails_once_per_later_slot_when_three_overlap(tmp_path, check, meeting):
    # A, B and C all overlap each other; every slot that starts inside an earlier
    # one is reported once: B (line 11) and C (line 12), not A.
    text = meeting(
        """
        - {start: "9:00", end: "12:00", title: A}
        - {start: "9:30", end: "11:00", title: B}
        - {start: "10:00", end: "11:30", title: C}
        """
    )
    check(tmp_path, text, "T003", [("T003", 11), ("T003", 12)])


def test_t003_fails_on_slot_inside_a_long_one_after_a_short_one(tmp_path, check, meeting):
    # C does not overlap B, the slot just before it, but A (9:00-12:00) still runs.
    text = meeting(
        """
        - {start: "9:00", end: "12:00", title: A}
        - {start: "9:30", end: "10:00", title: B}
        - {start: "10:30", end: "11:00", title: C}
        """
    )
    check(tmp_path, text, "T003", [("T003", 11), ("T003", 12)])


def test_t003_reports_the_later_starting_slot_whatever_the_file_order(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:30", end: "10:30", title: B}
        - {start: "9:00", end: "10:00", title: A}
        """
    )
    check(tmp_path, text, "T003", [("T003", 10)])


def test_t003_fails_across_midnight_into_the_next_day(tmp_path, check, meeting):
    text = meeting(
        dates="{start: 2021-09-09, end: 2021-09-10}",
        days="""
        - date: 2021-09-09
          slots:
            - {start: "23:00", end: "1:00", crosses_midnight: true, title: Late}
        - date: 2021-09-10
          slots:
            - {start: "0:30", end: "2:00", title: Early}
        """,
    )  # day one 8-10, day two 11-13: 'Early' (line 13) starts before 'Late' ends
    check(tmp_path, text, "T003", [("T003", 13)])


def test_t003_fails_at_the_alias_of_a_repeated_slot(tmp_path, check, meeting):
    # The slot on line 10 is repeated through an alias on line 11: the finding is about
    # the slot the alias makes, so it points at the alias (where a suppression would go).
    text = meeting(
        """
        - &a {start: "9:00", end: "10:00", title: A}
        - *a
        """
    )
    check(tmp_path, text, "T003", [("T003", 11)])


def test_t003_passes_when_the_alias_is_suppressed_on_its_line(tmp_path, check, meeting):
    text = meeting(
        """
        - &a {start: "9:00", end: "10:00", title: A}
        - *a  # rcm: ignore[T003] the agenda lists it twice on purpose
        """
    )
    check(tmp_path, text, "T003", [])
