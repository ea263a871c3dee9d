"""Rule S001 (session-length): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

import pytest
from snippets import NORM_60_15

from rcmcli.core.errors import ConfigError
from rcmcli.lint import engine
from rcmcli.lint.config import Config


def test_s001_fails_on_90_minute_session(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:30", kind: session, title: A}', extra=NORM_60_15)
    check(tmp_path, text, "S001", [("S001", 10)])


@pytest.mark.parametrize("end", ["10:05", "10:15", "9:45"])
def test_s001_passes_within_tolerance(tmp_path, check, meeting, end):
    # 65, 75 (60 + 15, the edge) and 45 (60 - 15) minutes
    text = meeting(f'- {{start: "9:00", end: "{end}", kind: session, title: A}}', extra=NORM_60_15)
    check(tmp_path, text, "S001", [])


def test_s001_fails_just_past_tolerance(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:16", kind: session, title: A}', extra=NORM_60_15)  # 76 min
    check(tmp_path, text, "S001", [("S001", 10)])


def test_s001_per_kind_config_flags_long_break(tmp_path, check, meeting):
    cfg = Config(rules={"session-length": {"per_kind": {"break": {"minutes": 15, "tolerance": 5}}}})
    text = meeting(
        """
        - {start: "9:00", end: "10:00", kind: session, title: A}
        - {start: "10:00", end: "10:30", kind: break, title: Long break}
        - {start: "10:30", end: "10:50", kind: break, title: Short break}
        """
    )  # 30 min (line 11) is more than 15 +- 5; 20 min (line 12) is within
    check(tmp_path, text, "S001", [("S001", 11)], config=cfg)


def test_s001_meeting_kind_norm(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "9:30", kind: break, title: Long break}
        - {start: "9:30", end: "9:45", kind: break, title: Break}
        """,
        extra="norms: {kinds: {break: {minutes: 15, tolerance: 5}}}",
    )
    check(tmp_path, text, "S001", [("S001", 10)])


def test_s001_passes_other_kinds_without_a_norm(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "9:00", end: "12:00", title: A}', extra=NORM_60_15), "S001", [])


def test_s001_per_kind_with_text_minutes_is_a_config_error(tmp_path, meeting):
    cfg = Config(rules={"session-length": {"per_kind": {"break": {"minutes": "15"}}}})
    with pytest.raises(ConfigError):
        engine.select(cfg, select_cli=["S001"])


def test_s001_fails_at_the_slot_s_first_line(tmp_path, check, meeting):
    # A session's length is about the slot as a whole: reported where the slot
    # starts (line 10), not at its 'end' (line 13).
    text = meeting(
        """
        - title: A
          kind: session
          start: "9:00"
          end: "10:30"
        """,
        extra=NORM_60_15,
    )
    check(tmp_path, text, "S001", [("S001", 10)])


def test_s001_passes_when_suppressed_on_the_line_above_the_slot(tmp_path, check, meeting):
    text = meeting(
        """
        # rcm: ignore[S001] the agenda gives the opening 90 minutes
        - title: A
          kind: session
          start: "9:00"
          end: "10:30"
        """,
        extra=NORM_60_15,
    )
    check(tmp_path, text, "S001", [])
