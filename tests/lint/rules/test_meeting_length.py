"""Rule S002 (meeting-length): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

from rcmcli.lint.config import Config


def test_s002_fails_on_day_longer_than_declared(tmp_path, check, meeting):
    text = meeting('- {start: "10:00", end: "12:30", title: Round table}', extra="norms: {meeting_minutes: 120}")
    check(tmp_path, text, "S002", [("S002", 8)])  # reported at the day's date


def test_s002_passes_day_of_declared_length(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "10:00", end: "11:00", title: Round table}
        - {start: "11:00", end: "12:00", title: Questions}
        """,
        extra="norms: {meeting_minutes: 120}",
    )
    check(tmp_path, text, "S002", [])


def test_s002_tolerance_option(tmp_path, check, meeting):
    text = meeting('- {start: "10:00", end: "12:30", title: Round table}', extra="norms: {meeting_minutes: 120}")
    check(tmp_path, text, "S002", [], config=Config(rules={"S002": {"tolerance": 30}}))


def test_s002_passes_a_day_whose_last_slot_did_not_load(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "10:00", end: "11:00", title: Round table}
        - {start: "11:00", end: "12:00", title: Questions, kind: sesion}
        """,
        extra="norms: {meeting_minutes: 120}",
    )  # 'sesion' (Y005) drops the second slot: the day's span cannot be judged
    check(tmp_path, text, "S002", [])
