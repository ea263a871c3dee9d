"""Rule Y007 (encoding): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_y007_fails_on_latin1_byte(tmp_path, check):
    check(tmp_path, b"id: x\ntitle: t\xedtulo\n", "Y007", [("Y007", 2)])


def test_y007_fails_on_utf16(tmp_path, check):
    check(tmp_path, "id: x\n".encode("utf-16"), "Y007", [("Y007", 1)])


def test_y007_passes_utf8_with_and_without_bom(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:00", title: Título}')
    check(tmp_path, text.encode("utf-8"), "Y007", [])
    check(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"), "Y007", [])
