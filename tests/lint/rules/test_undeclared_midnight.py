"""Rule T004 (undeclared-midnight): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations



def test_t004_fails_on_end_before_start_undeclared(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "23:00", end: "1:00", title: A}'), "T004", [("T004", 10)])


def test_t004_fails_with_crosses_midnight_false(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "23:00"
          end: "01:00"
          crosses_midnight: false
          title: A
        """
    )  # the slot's span is wrong: reported at its first line, 10
    check(tmp_path, text, "T004", [("T004", 10)])


def test_t004_passes_with_crosses_midnight_true(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "23:00", end: "01:00", crosses_midnight: true, title: A}'), "T004", [])
