"""Rule T002 (end-not-after-start): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_t002_fails_on_zero_length_slot(tmp_path, check, meeting):
    # line 10: '      - {start: "10:00", end: "10:00", title: A}': the end value is at column 31
    problems = check(tmp_path, meeting('- {start: "10:00", end: "10:00", title: A}'), "T002", [("T002", 10)])
    assert [(p.line, p.column) for p in problems] == [(10, 31)]


def test_t002_points_at_the_end_value_in_block_style(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "10:00"
          end: "10:00"
          title: A
        """
    )  # line 11: '        end: "10:00"', the value at column 14
    problems = check(tmp_path, text, "T002", [("T002", 11)])
    assert [(p.line, p.column) for p in problems] == [(11, 14)]


def test_t002_fails_on_crosses_midnight_with_end_after_start(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "10:00"
          end: "11:00"
          crosses_midnight: true
          title: A
        """
    )  # reported at crosses_midnight, line 12
    check(tmp_path, text, "T002", [("T002", 12)])


def test_t002_passes_positive_length(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "10:00", end: "10:30", title: A}'), "T002", [])
