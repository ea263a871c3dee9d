"""Rule X001 (suppression-reason): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_x001_fails_on_suppression_without_reason(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:30", kind: session, title: A}  # rcm: ignore[S001]')
    check(tmp_path, text, "X001", [("X001", 10)])


def test_x001_passes_suppression_with_reason(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:30", kind: session, title: A}  # rcm: ignore[S001] the agenda says 90')
    check(tmp_path, text, "X001", [])
