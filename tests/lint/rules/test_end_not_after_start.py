"""Rule T002 (end-not-after-start): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations



def test_t002_fails_on_zero_length_slot(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "10:00", end: "10:00", title: A}'), "T002", [("T002", 10)])


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
