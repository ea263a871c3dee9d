"""Rule Y004 (missing-key): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_y004_fails_on_slot_without_end(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "9:00"
          title: Opening
        """
    )  # reported where the slot's mapping starts, line 10
    check(tmp_path, text, "Y004", [("Y004", 10)])


def test_y004_fails_on_reference_zone_without_offset_or_zone(tmp_path, check, meeting):
    check(tmp_path, meeting(reference_zone="{label: Somewhere}"), "Y004", [("Y004", 6)])


def test_y004_passes_complete_slot(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "9:00"
          end: "9:30"
          title: Opening
        """
    )
    check(tmp_path, text, "Y004", [])
