"""Rule Y003 (unknown-key): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_y003_fails_on_misspelt_slot_key(tmp_path, check, meeting):
    check(tmp_path, meeting('- {strat: "9:00", end: "10:00", title: A}'), "Y003", [("Y003", 10)])


def test_y003_fails_on_unknown_top_level_key(tmp_path, check, meeting):
    check(tmp_path, meeting(extra="titel: Typo"), "Y003", [("Y003", 11)])


def test_y003_passes_known_keys(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "9:00", end: "10:00", title: A}'), "Y003", [])
