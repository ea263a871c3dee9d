"""Tests for rcmcli.core.loader (and the YAML reader and schema it drives).

Each test builds a small meeting file and states the expected ``(code, line)``
pairs by counting lines of the snippet by hand.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time as clock
from datetime import datetime, time, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from samples import MINIMAL_MEETING

from rcmcli.core.errors import InputError, InvalidDocument
from rcmcli.core.loader import MEETING, load_meeting, read_document, read_text

BASE = MINIMAL_MEETING

GMT_MINUS_6 = timezone(timedelta(hours=-6))


def edit(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


def read(text: str):
    return read_text(text, "m.yaml", MEETING)


def found(text: str) -> list[tuple[str, int]]:
    """The (code, line) pairs reported for ``text``, sorted."""
    return sorted((d.code, d.pos.line) for d in read(text).diagnostics)


def check(text: str, expected: list[tuple[str, int]]) -> None:
    assert found(text) == sorted(expected)


def messages(text: str) -> list[str]:
    return [d.message for d in read(text).diagnostics]


# --- valid input --------------------------------------------------------------------


def test_base_snippet_is_valid():
    check(BASE, [])


def test_unquoted_time_is_read_as_written_not_sexagesimal():
    # YAML 1.1 reads a plain 9:00 as 540; rcm keeps the text.
    slot = read(BASE).value.days[0].slots[0]
    assert slot.start == time(9, 0)
    assert slot.end == time(9, 30)


def test_slot_gets_aware_start_in_published_offset():
    slot = read(BASE).value.days[0].slots[0]
    assert slot.starts == datetime(2021, 9, 9, 9, 0, tzinfo=GMT_MINUS_6)
    assert slot.starts.utcoffset() == timedelta(hours=-6)


def test_load_meeting_from_file(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(BASE, encoding="utf-8")
    meeting = load_meeting(path)
    assert meeting.id == "test-meeting"
    assert meeting.days[0].slots[0].start == time(9, 0)
    assert meeting.path == str(path)


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    loaded = read_document(path, MEETING)
    assert loaded.diagnostics == []
    assert loaded.value.id == "test-meeting"


# --- keys -------------------------------------------------------------------------


def test_duplicate_key_reports_the_second_one():
    check(edit("title: Test\n", "title: Test\ntitle: Again\n"), [("Y002", 3)])


def test_duplicate_key_message_names_the_first_line():
    assert any("line 2" in m for m in messages(edit("title: Test\n", "title: Test\ntitle: Again\n")))


def test_unknown_key_is_reported_with_did_you_mean():
    text = edit("title: Test\n", "title: Test\nplatfrom: Zoom\n")
    check(text, [("Y003", 3)])
    assert "did you mean 'platform'" in messages(text)[0]


def test_unknown_key_in_a_slot():
    text = edit("        title: Opening\n", "        title: Opening\n        sesion: 1\n")
    check(text, [("Y003", 16)])
    assert "did you mean 'session'" in messages(text)[0]


def test_missing_required_key():
    text = edit("conferences: [rcm]\n", "")
    check(text, [("Y004", 1)])
    assert "conferences" in messages(text)[0]


def test_missing_required_key_in_a_slot_points_at_the_slot():
    check(edit("        title: Opening\n", ""), [("Y004", 13)])


def test_wrong_type():
    check(edit("conferences: [rcm]\n", "conferences: rcm\n"), [("Y005", 3)])


def test_wrong_type_for_a_boolean():
    check(edit("        title: Opening\n", "        title: Opening\n        crosses_midnight: maybe\n"), [("Y005", 16)])


def test_enum_value_with_did_you_mean():
    text = edit("        title: Opening\n", "        title: Opening\n        kind: sesion\n")
    check(text, [("Y005", 16)])
    assert "did you mean 'session'" in messages(text)[0]


# --- times and dates ----------------------------------------------------------------


@pytest.mark.parametrize("bad", ["24:00", "'9.30'", "9", "25:61", "13:00 pm"])
def test_bad_time(bad):
    check(edit("start: 9:00", f"start: {bad}"), [("T001", 13)])


def test_time_written_as_number_is_refused():
    # Someone who typed 540 did not write a time.
    check(edit("start: 9:00", "start: 540"), [("T001", 13)])


def test_impossible_date():
    check(edit("  - date: 2021-09-09\n", "  - date: 2021-02-30\n"), [("T001", 11)])


def test_bad_published_offset():
    check(edit("offset: GMT-6", "offset: GMT-66"), [("Y009", 9)])


# --- YAML syntax and hostile input ----------------------------------------------------


def test_syntax_error_at_the_parsers_position():
    text = edit("title: Test\n", "title: [Test\n")
    # Where an independent parser (PyYAML's pure-Python loader) puts the error.
    with pytest.raises(yaml.MarkedYAMLError) as info:
        yaml.load(text, Loader=yaml.SafeLoader)
    mark = info.value.problem_mark
    diags = read(text).diagnostics
    assert [(d.code, d.pos.line, d.pos.column) for d in diags] == [("Y001", mark.line + 1, mark.column + 1)]


def test_syntax_error_position_by_hand():
    # The unclosed flow list on line 2 is detected at the ':' of 'conferences' (line 3, column 12).
    diags = read(edit("title: Test\n", "title: [Test\n")).diagnostics
    assert (diags[0].pos.line, diags[0].pos.column) == (3, 12)


# Regression: a reader error (control character) used to be reported at 1:1 instead of where it is.
def test_control_character_reported_at_its_line():
    diags = read(edit("title: Test\n", "title: a\x07b\n")).diagnostics
    assert [(d.code, d.pos.line) for d in diags] == [("Y001", 2)]


def test_control_character_is_a_syntax_error():
    assert [d.code for d in read(edit("title: Test\n", "title: a\x07b\n")).diagnostics] == ["Y001"]


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!!python/object/apply:os.system", "!!binary"])
def test_tags_are_refused(tag):
    check(edit("title: Test\n", f"title: {tag} Test\n"), [("Y008", 2)])


def test_merge_keys_are_refused():
    check(edit("title: Test\n", "title: Test\n<<: {platform: Zoom}\n"), [("Y001", 3)])


def test_two_documents_are_refused():
    check(BASE + "---\nid: other\n", [("Y001", 16)])


def test_empty_file_is_refused():
    check("", [("Y005", 1)])


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly():
    started = clock.monotonic()
    diags = read(billion_laughs()).diagnostics
    assert clock.monotonic() - started < 5
    assert [d.code for d in diags] == ["Y006"]


def test_deep_nesting_is_refused_without_crashing():
    # In a subprocess: if the reader recursed, this would crash the interpreter.
    script = textwrap.dedent(
        """
        from rcmcli.core.loader import MEETING, read_text
        loaded = read_text("[" * 100000, "deep.yaml", MEETING)
        print(" ".join(d.code for d in loaded.diagnostics))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["Y006"]


# --- encodings ----------------------------------------------------------------------


def _read_bytes(tmp_path: Path, data: bytes):
    path = tmp_path / "enc.yaml"
    path.write_bytes(data)
    return read_document(path, MEETING)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_refused(tmp_path, encoding):
    loaded = _read_bytes(tmp_path, BASE.encode(encoding))
    assert loaded.value is None
    assert [d.code for d in loaded.diagnostics] == ["Y007"]


def test_latin1_is_refused_at_the_bad_byte(tmp_path):
    # 'é' is the 9th character of line 2 ("title: Réunion").
    loaded = _read_bytes(tmp_path, edit("title: Test", "title: Réunion").encode("latin-1"))
    assert loaded.value is None
    assert [(d.code, d.pos.line, d.pos.column) for d in loaded.diagnostics] == [("Y007", 2, 9)]


# --- every diagnostic is placed -------------------------------------------------------

BAD_SNIPPETS = [
    edit("title: Test\n", "title: Test\ntitle: Again\n"),
    edit("title: Test\n", "titel: Test\n"),
    edit("conferences: [rcm]\n", ""),
    edit("conferences: [rcm]\n", "conferences: rcm\n"),
    edit("start: 9:00", "start: 24:00"),
    edit("title: Test\n", "title: [Test\n"),
    edit("title: Test\n", "title: !!python/object:os.system Test\n"),
    edit("title: Test\n", "title: a\x07b\n"),
    edit("offset: GMT-6", "offset: nowhere"),
    billion_laughs(),
    "[" * 200,
    "",
    "- just a list\n",
    "just text\n",
    "? [a, b]\n: c\n",
    "a: *nowhere\n",
]


@pytest.mark.parametrize("text", BAD_SNIPPETS)
def test_every_diagnostic_has_a_position(text):
    diags = read(text).diagnostics
    assert diags
    assert all(d.pos.line >= 1 and d.pos.column >= 1 for d in diags)


# --- load_meeting raises ----------------------------------------------------------------


def test_load_meeting_raises_invalid_document_with_position(tmp_path):
    path = tmp_path / "dup.yaml"
    path.write_text(edit("title: Test\n", "title: Test\ntitle: Again\n"), encoding="utf-8")
    with pytest.raises(InvalidDocument) as info:
        load_meeting(path)
    assert [d.code for d in info.value.problems] == ["Y002"]
    assert str(info.value).startswith(f"{path}:3:1: ")


def test_load_meeting_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        load_meeting(tmp_path / "absent.yaml")
