"""Rule Y001 (yaml-syntax): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_y001_fails_on_mapping_value_in_plain_scalar(tmp_path, check):
    text = "id: x\ntitle: a: b\n"  # line 2: the second ':' is not allowed
    check(tmp_path, text, "Y001", [("Y001", 2)])


def test_y001_fails_on_unclosed_flow_list_at_end_of_stream(tmp_path, check):
    # The parser notices at the end of the stream: line 3, after the last newline.
    check(tmp_path, "id: x\ntitle: [unclosed\n", "Y001", [("Y001", 3)])


def test_y001_fails_on_merge_key(tmp_path, check):
    text = "id: x\nbase: &b {a: 1}\nother:\n  <<: *b\n"  # '<<' on line 4
    check(tmp_path, text, "Y001", [("Y001", 4)])


def test_y001_fails_on_second_document(tmp_path, check):
    check(tmp_path, "id: x\n---\nid: y\n", "Y001", [("Y001", 2)])


def test_y001_passes_valid_meeting(tmp_path, check, meeting):
    check(tmp_path, meeting(), "Y001", [])
