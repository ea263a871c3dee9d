"""``validate``'s text output fitted to the terminal: long findings wrap on words.

On a terminal, or when COLUMNS is set, a finding longer than the width continues on
lines indented under its message, and no word is cut ("Invitaci" / "ón"). Piped with
no COLUMNS, each finding stays on one line, for grep and editors.
"""

from __future__ import annotations

import re

import pytest

from rcmcli.cli import app as cli

LONG_1 = "Sesión de apertura y presentación de la Invitación oficial a los Estados miembros de la Conferencia Regional sobre Migración"
LONG_2 = "Segunda sesión sobre la Invitación oficial a los Estados miembros de la Conferencia Regional sobre Migración"
AGENDA = f"""\
id: test-meeting
title: Test meeting
conferences: [rcm, sacm]
sources: [{{file: test-source.txt}}]
dates: {{start: 2021-09-09, end: 2021-09-09}}
reference_zone: {{label: "GMT-6", offset: GMT-6}}
days:
  - date: 2021-09-09
    slots:
      - {{start: "9:00", end: "10:00", title: "{LONG_1}"}}
      - {{start: "9:30", end: "11:15", title: "{LONG_2}"}}
      - {{start: "12:00", end: "13:00", title: "Almuerzo"}}
      - {{start: "11:30", end: "12:30", title: "Corta"}}
"""


@pytest.fixture
def bad(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "bad.yaml").write_text(AGENDA, encoding="utf-8")
    return "bad.yaml"


def _validate(capsys, *argv: str) -> tuple[int, str]:
    code = cli.main(["agenda", "validate", "-f", "text", *argv])
    return code, capsys.readouterr().out


def _findings(out: str) -> list[str]:
    """The findings, each joined back into one line (continuation lines appended)."""
    found: list[str] = []
    for line in out.splitlines():
        if re.match(r"^ +\d+:\d+ ", line):
            found.append(line.strip())
        elif line.startswith(" " * 8) and found:
            found[-1] += " " + line.strip()
    return found


def test_piped_without_columns_keeps_one_finding_per_line(bad, capsys, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    code, out = _validate(capsys, bad)
    assert code == 1
    lines = [line for line in out.splitlines() if re.match(r"^ +\d+:\d+ ", line)]
    assert len(lines) >= 2 and all(re.search(r"  [A-Z]\d{3} [a-z-]+$", line) for line in lines)
    overlap = [line for line in lines if LONG_2 in line and line.endswith("  T003 overlap")]
    assert len(overlap) == 1 and LONG_1 in overlap[0]
    assert not [line for line in out.splitlines() if line.startswith(" " * 8)]  # no continuation lines


@pytest.mark.parametrize("lang", ["en", "es"])
def test_at_80_columns_findings_wrap_on_words_under_the_message(bad, capsys, monkeypatch, lang):
    monkeypatch.delenv("COLUMNS", raising=False)
    cli.main(["--lang", lang, "agenda", "validate", "-f", "text", bad])
    piped = capsys.readouterr().out
    monkeypatch.setenv("COLUMNS", "80")
    code = cli.main(["--lang", lang, "agenda", "validate", "-f", "text", bad])
    out = capsys.readouterr().out
    assert code == 1
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80, out
    continuation = [line for line in lines if line.startswith(" " * 8)]
    assert len(continuation) >= 4, "the long finding should wrap"
    first = next(line for line in lines if re.match(r"^ +11:\d+ ", line))
    message_column = len(re.match(r"^ +\d+:\d+ +\S+ +", first).group(0))  # after the position and severity
    for line in continuation:  # a hanging indent: every continuation starts where the message does
        assert len(line) - len(line.lstrip(" ")) == message_column, line
    def words(text: str) -> list[list[str]]:
        return [f.split() for f in _findings(text)]

    assert words(out) == words(piped)  # the same words as the one-line output, none cut
    assert not [line for line in lines if re.search(r"Invitaci$|^\s*ón", line)]
