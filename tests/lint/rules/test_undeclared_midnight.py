"""Rule T004 (undeclared-midnight): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_t004_fails_on_end_before_start_undeclared(tmp_path, check, meeting):
    # line 10: '      - {start: "23:00", end: "1:00", title: A}': the end value is at column 31
    problems = check(tmp_path, meeting('- {start: "23:00", end: "1:00", title: A}'), "T004", [("T004", 10)])
    assert [(p.line, p.column) for p in problems] == [(10, 31)]


def test_t004_fails_with_crosses_midnight_false(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "23:00"
          end: "01:00"
          crosses_midnight: false
          title: A
        """
    )  # the end value is what is wrong: line 11, '        end: "01:00"', the value at column 14
    problems = check(tmp_path, text, "T004", [("T004", 11)])
    assert [(p.line, p.column) for p in problems] == [(11, 14)]


def test_t004_passes_with_crosses_midnight_true(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "23:00", end: "01:00", crosses_midnight: true, title: A}'), "T004", [])
