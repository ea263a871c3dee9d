"""Rule R001 (unknown-lead): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_r001_fails_on_spain(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [ES]}')
    check(tmp_path, text, "R001", [("R001", 10)])


def test_r001_fails_on_observer_of_the_other_conference(tmp_path, check, meeting):
    # Jamaica observes the RCM, not the SACM.
    text = meeting('- {start: "9:00", end: "10:00", title: A, leads: [JM]}', conferences="[sacm]")
    check(tmp_path, text, "R001", [("R001", 10)])


def test_r001_fails_on_unknown_conference(tmp_path, check, meeting):
    check(tmp_path, meeting(conferences="[rcm, xyz]"), "R001", [("R001", 3)])


def test_r001_passes_members_and_observers(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [PA, CR]}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 2, leads: [JM]}
        """,
        conferences="[rcm]",
    )
    check(tmp_path, text, "R001", [])
