"""Rule Y002 (duplicate-key): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_y002_fails_on_duplicate_top_level_key(tmp_path, check, meeting):
    text = meeting(extra="title: Again")  # line 11, after the one slot on line 10
    check(tmp_path, text, "Y002", [("Y002", 11)])


def test_y002_fails_on_duplicate_key_inside_a_slot(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "9:00"
          end: "9:30"
          end: "9:45"
          title: Opening
        """
    )  # lines 10-13: the second 'end' is on line 12
    check(tmp_path, text, "Y002", [("Y002", 12)])


def test_y002_fails_on_duplicate_key_inside_a_list_item_mapping(tmp_path, check, meeting):
    text = meeting(
        extra="""
        notes:
          - text: First note
            source: a.txt
            source: b.txt
        """
    )  # notes: 11, '- text' 12, source 13, source again 14
    check(tmp_path, text, "Y002", [("Y002", 14)])


def test_y002_fails_on_duplicate_key_in_a_flow_mapping(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", start: "9:30", end: "10:00", title: A}')
    check(tmp_path, text, "Y002", [("Y002", 10)])


def test_y002_passes_distinct_keys(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "9:00"
          end: "9:45"
          title: Opening
        """,
        extra="notes: [{text: First, source: a.txt}, {text: Second, source: a.txt}]",
    )
    check(tmp_path, text, "Y002", [])
