"""Rule R002 (lead-balance): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_r002_fails_on_two_rcm_led_against_one_sacm_led(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [MX]}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 2, leads: [US]}
        - {start: "11:00", end: "12:00", title: C, kind: session, session: 3, leads: [AR]}
        """,
        extra="lead_roles: {shared_equally: true}",
    )  # lead_roles on line 13
    problems = check(tmp_path, text, "R002", [("R002", 13)])
    assert "RCM 2, SACM 1" in problems[0].message


def test_r002_fails_when_equal_but_not_the_declared_number(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [MX]}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 2, leads: [AR]}
        """,
        extra="lead_roles: {shared_equally: true, per_conference: 3}",
    )
    check(tmp_path, text, "R002", [("R002", 12)])


def test_r002_passes_equal_shares(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [MX]}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 2, leads: [AR]}
        """,
        extra="lead_roles: {shared_equally: true, per_conference: 1}",
    )
    check(tmp_path, text, "R002", [])


def test_r002_passes_unequal_shares_not_declared_equal(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [MX]}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 2, leads: [US]}
        """,
        extra="lead_roles: {shared_equally: false}",
    )
    check(tmp_path, text, "R002", [])


def test_r002_passes_when_a_slot_did_not_load(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [MX]}
        - {start: "10:00", end: "11:00", titel: B, kind: session, session: 2, leads: [AR]}
        """,
        extra="lead_roles: {shared_equally: true, per_conference: 1}",
    )  # 'titel' drops the SACM-led session: the count 1-0 is the loader's, not the agenda's
    check(tmp_path, text, "R002", [])
