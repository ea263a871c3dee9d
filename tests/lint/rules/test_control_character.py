"""Rule Y010 (control-character): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_y010_fails_on_escape_sequence_in_a_slot_title(tmp_path, check, meeting):
    # The slot's title is on line 10 (the first slot line); "\e" is ESC in YAML double quotes.
    slot = '- {start: "9:00", end: "10:00", title: "Opening \\e[2J"}'
    check(tmp_path, meeting(slot), "Y010", [("Y010", 10)])


def test_y010_fails_on_bell_in_a_bilingual_text(tmp_path, check, meeting):
    slot = '- {start: "9:00", end: "10:00", title: {en: Opening, es: "Apertura \\a"}}'
    check(tmp_path, meeting(slot), "Y010", [("Y010", 10)])


def test_y010_passes_tabs_line_breaks_and_accents(tmp_path, check, meeting):
    slot = '- {start: "9:00", end: "10:00", title: "Sesión\\tde apertura\\n(línea 2) \u2014 \U0001F30E"}'
    check(tmp_path, meeting(slot), "Y010", [])
