"""Rule Y005 (wrong-type): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

from snippets import BILINGUAL_SLOT, languages_meeting


def test_y005_fails_on_word_for_session_number(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "9:00", end: "10:00", title: A, session: one}'), "Y005", [("Y005", 10)])


def test_y005_fails_on_yaml11_boolean_word(tmp_path, check, meeting):
    # 'yes' is a YAML 1.1 boolean; rcm only accepts true/false.
    text = meeting('- {start: "23:00", end: "1:00", crosses_midnight: yes, title: A}')
    check(tmp_path, text, "Y005", [("Y005", 10)])


def test_y005_fails_on_empty_file(tmp_path, check):
    check(tmp_path, "", "Y005", [("Y005", 1)])


def test_y005_passes_number(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "9:00", end: "10:00", title: A, session: 1}'), "Y005", [])


def test_y005_fails_on_an_unknown_declared_language(tmp_path, check):
    text = languages_meeting(BILINGUAL_SLOT, languages="[es, de]")  # line 7
    check(tmp_path, text, "Y005", [("Y005", 7)])
