"""``# rcm: ignore[CODE] reason`` comments, as the suppress module's docstring states:

* at the end of a line, the comment suppresses those codes on that line;
* alone on its line, it suppresses them on the next line that is not a comment;
* without a reason it is itself a finding (X001) and suppresses nothing;
* a code no rule has is a finding (X002);
* ``--no-suppress`` shows every finding.

In the snippets below slot A is on line 10 and slot B (after a 20-minute gap,
which the gap rule T005 reports at B's start) on line 11, unless stated.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rcmcli.cli.app import app

A = '- {start: "9:00", end: "10:00", title: A}'
B = '- {start: "10:20", end: "11:00", title: B}'
C = '- {start: "11:20", end: "12:00", title: C}'


def slots(*lines: str) -> str:
    return "\n".join(lines)


def test_gap_is_reported_without_a_comment(tmp_path, check, meeting):
    check(tmp_path, meeting(slots(A, B)), "T005", [("T005", 11)])


def test_end_of_line_comment_silences_that_line(tmp_path, check, meeting):
    text = meeting(slots(A, B + "  # rcm: ignore[T005] the agenda has a planned pause"))
    check(tmp_path, text, "T005", [])


def test_comment_alone_silences_the_next_line(tmp_path, check, meeting):
    text = meeting(slots(A, "# rcm: ignore[T005] the agenda has a planned pause", B))  # B on line 12
    check(tmp_path, text, "T005", [])


def test_comment_alone_skips_blank_and_comment_lines(tmp_path, check, meeting):
    text = meeting(slots(A, "# rcm: ignore[T005] planned pause", "", "# an ordinary comment", B))
    check(tmp_path, text, "T005", [])


def test_comment_alone_silences_only_the_next_line(tmp_path, check, meeting):
    # A 10, comment 11, B 12 (silenced), C 13 (another 20-minute gap, reported)
    text = meeting(slots(A, "# rcm: ignore[T005] planned pause", B, C))
    check(tmp_path, text, "T005", [("T005", 13)])


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_a_break_character_in_a_comment_does_not_move_the_target_line(tmp_path, check, meeting, char):
    # str.splitlines() breaks at these too; editors and findings do not (A 10, comment 11, B 12).
    check(tmp_path, meeting(slots(A, f"# a note{char}on the pause", B)), "T005", [("T005", 12)])
    text = meeting(slots(A, f"# rcm: ignore[T005] planned{char}pause", B))
    check(tmp_path, text, "T005", [])


def test_comment_for_another_code_does_not_silence(tmp_path, check, meeting):
    text = meeting(slots(A, B + "  # rcm: ignore[T003] wrong code"))
    check(tmp_path, text, "T005", [("T005", 11)])


def test_comment_may_name_several_codes(tmp_path, check, meeting):
    text = meeting(slots(A, B + "  # rcm: ignore[T003, T005] planned pause"))
    check(tmp_path, text, "T005", [])


def test_comment_without_reason_is_x001_and_silences_nothing(tmp_path, lint, meeting):
    text = meeting(slots(A, B + "  # rcm: ignore[T005]"))
    got = [(p.code, p.line) for p in lint(text, ["T005", "X001"])]
    assert got == [("T005", 11), ("X001", 11)]


def test_comment_alone_without_reason_is_x001_at_the_comment(tmp_path, lint, meeting):
    text = meeting(slots(A, "# rcm: ignore[T005]", B))  # comment 11, B 12
    got = [(p.code, p.line) for p in lint(text, ["T005", "X001"])]
    assert got == [("X001", 11), ("T005", 12)]


def test_unknown_code_is_x002(tmp_path, lint, meeting):
    text = meeting(slots(A, B + "  # rcm: ignore[T999] typo in the code"))
    got = [(p.code, p.line) for p in lint(text, ["T005", "X002"])]
    assert got == [("T005", 11), ("X002", 11)]


def test_suppressions_can_be_turned_off(tmp_path, lint, meeting):
    text = meeting(slots(A, B + "  # rcm: ignore[T005] planned pause"))
    got = [(p.code, p.line) for p in lint(text, ["T005"], use_suppressions=False)]
    assert got == [("T005", 11)]


def test_text_inside_a_quoted_value_is_not_a_comment(tmp_path, check, meeting):
    b = '- {start: "10:20", end: "11:00", title: "B # rcm: ignore[T005] not a comment"}'
    check(tmp_path, meeting(slots(A, b)), "T005", [("T005", 11)])


# --- through the command line --------------------------------------------------

OVERLAP_B = '- {start: "9:30", end: "10:30", title: B}'  # overlaps A: T003, an error


@pytest.fixture
def suppressed_file(tmp_path, meeting, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.yaml").write_text(
        meeting(slots(A, OVERLAP_B + "  # rcm: ignore[T003] two parallel rooms")), encoding="utf-8"
    )
    return "m.yaml"


def test_cli_respects_suppressions(suppressed_file):
    result = CliRunner().invoke(app, ["agenda", "validate", suppressed_file, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_cli_no_suppress_shows_suppressed_findings(suppressed_file):
    result = CliRunner().invoke(app, ["agenda", "validate", suppressed_file, "--format", "json", "--no-suppress"])
    assert result.exit_code == 1, result.output
    assert [(p["path"], p["line"], p["code"]) for p in json.loads(result.stdout)] == [("m.yaml", 11, "T003")]
