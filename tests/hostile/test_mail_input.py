"""Hostile mail and roster input: line breaks in one-line texts, and rosters past the RFCs' limits.

What each case must do comes from outside rcm:

* RFC 5322 §2.1.1: a line of a message is at most 998 characters (CRLF excluded);
  §2.2: a header field is one line (folding aside).
* RFC 5321 §4.5.3.1.1: a local part of at most 64 octets; §4.5.3.1.2: a domain of
  at most 255; §4.5.3.1.3: a path of at most 256 octets with its angle brackets, so
  an address of at most 254.
* The validator calls a line break in a one-line text an error (C001, docs/rules.md);
  the commands that show or write a meeting must not write it: exit 2, one line per
  problem, ``path:line:col: message [C001]``.
* Unicode: U+202A-U+202E and U+2066-U+2069 are bidi embedding, override and isolate
  controls, U+200B-U+200D and U+FEFF zero-width characters (all category Cf).

Positions are counted by hand in the files written here (BASE from gen.py).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rcmcli.cli.app import app


def _gen():
    """gen.py (BASE), loaded as test_corpus.py loads it: tests/ is not a package."""
    name = "rcm_hostile_gen"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent / "gen.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


gen = _gen()
RFC5322_LINE = 998
RFC5321_LOCAL, RFC5321_DOMAIN, RFC5321_ADDRESS = 64, 255, 254
ORGANIZER = "RCM Secretariat <secretariat@example.org>"
runner = CliRunner()

BREAKS = {"CR LF": "\\r\\n", "LF": "\\n", "NEL": "\\N", "U+2028": "\\L", "U+2029": "\\P"}  # YAML escapes


@pytest.fixture(autouse=True)
def _fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("RCM_TODAY", "2022-05-01")


def meeting(tmp_path: Path, title: str = "Hostile base meeting", secretariat: str = "RCM Secretariat", keep: str = "") -> Path:
    """BASE with a secretariat on line 4; the title's value starts at 2:8, the name's at 4:21."""
    text = gen.BASE.replace("title: {en: Hostile base meeting}\n", f'title: {{en: "{title}"}}{keep}\n', 1)
    text = text.replace("kind: plenary\n", f'kind: plenary\nsecretariat: {{name: "{secretariat}", email: st@example.org}}{keep}\n', 1)
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def roster(tmp_path: Path, text: str, suffix: str = ".csv") -> Path:
    path = tmp_path / f"roster{suffix}"
    path.write_text(text, encoding="utf-8", newline="")
    return path


def invite(tmp_path: Path, mt: Path, people: Path, *extra: str):
    out = tmp_path / "out"
    return runner.invoke(app, ["agenda", "invite", str(mt), "--roster", str(people), "-o", str(out), "--eml", *extra]), out


ANA = "name,email,country\nAna Pérez,ana@gob.mx,MX\n"


def error_lines(output: str) -> list[str]:
    lines = output.splitlines()
    assert lines and all(line.startswith("rcm: error: ") for line in lines), output
    return lines


# --- a line break in the title or the secretariat's name ------------------------------------


@pytest.mark.parametrize("brk", sorted(BREAKS))
def test_invite_eml_refuses_a_line_break_in_the_title_and_the_secretariat_name(brk: str, tmp_path: Path) -> None:
    # The exit 3 of the issue (ValueError in headerregistry.py and policy.py): now exit 2,
    # one line per place, as validate reports them, and nothing written.
    mt = meeting(tmp_path, title=f"Plenary{BREAKS[brk]}Subject: injected", secretariat=f"Sec{BREAKS[brk]}Bcc: all@example.org")
    result, out = invite(tmp_path, mt, roster(tmp_path, ANA))
    assert result.exit_code == 2, result.output
    lines = error_lines(result.output)
    assert [re.search(r"m\.yaml:(\d+:\d+): .*\[(C\d+)\]$", line).groups() for line in lines] == [("2:8", "C001"), ("4:21", "C001")]
    assert "line break" in lines[0] and "title" in lines[0] and "name" in lines[1]
    assert not out.exists()


COMMANDS = {
    "show": lambda p, tmp: ["agenda", "show", str(p), "-f", "json"],
    "times": lambda p, tmp: ["agenda", "times", str(p), "-f", "json"],
    "ics": lambda p, tmp: ["agenda", "ics", str(p)],
    "announce": lambda p, tmp: ["agenda", "announce", str(p), "-f", "json"],
    "site build": lambda p, tmp: ["site", "build", str(p), "-o", str(tmp / "site")],
    "invite": lambda p, tmp: ["agenda", "invite", str(p), "--roster", str(roster(tmp, ANA)), "-o", str(tmp / "out")],
}


@pytest.mark.parametrize("brk", ["CR LF", "NEL", "U+2028", "U+2029"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_that_writes_a_meeting_refuses_what_validate_calls_an_error(command: str, brk: str, tmp_path: Path) -> None:
    mt = meeting(tmp_path, title=f"Hostile{BREAKS[brk]}base meeting")
    validated = runner.invoke(app, ["agenda", "validate", "-f", "parsable", str(mt)])
    assert validated.exit_code == 1 and re.search(r"m\.yaml:2:8: error C001 ", validated.output), validated.output
    result = runner.invoke(app, COMMANDS[command](mt, tmp_path))
    assert result.exit_code == 2, result.output
    lines = error_lines(result.output)  # site build adds a summary line of its own
    assert any(re.search(r"m\.yaml:2:8: line break .*\[C001\]$", line) for line in lines), lines
    assert "Hostile" not in result.stdout  # nothing of the meeting written
    assert not (tmp_path / "site").exists() and not (tmp_path / "out").exists()


def test_a_suppressed_line_break_is_written_on_one_line(tmp_path: Path) -> None:
    # `# rcm: ignore[C001]` lets the title through: the Subject is one header line, not a crash.
    mt = meeting(tmp_path, title="Plenary\\r\\nBcc: all@example.org", keep="  # rcm: ignore[C001] the title is kept")
    result, out = invite(tmp_path, mt, roster(tmp_path, ANA), "--organizer", ORGANIZER)
    assert result.exit_code == 0, result.output
    (eml,) = out.glob("*.eml")
    msg = message_from_bytes(eml.read_bytes(), policy=policy.strict)
    assert msg["Subject"] == "Invitation: Plenary Bcc: all@example.org"
    assert "Bcc" not in msg and msg["To"].addresses[0].addr_spec == "ana@gob.mx"


# --- roster limits ------------------------------------------------------------------------


def _invite_row(tmp_path: Path, name: str, email: str):
    row = '"' + name.replace('"', '""') + '"'
    return invite(tmp_path, meeting(tmp_path), roster(tmp_path, f"name,email,country\n{row},{email},MX\n"))


@pytest.mark.parametrize(
    ("name", "email", "words"),
    [
        # a 100,000-character name made a 100,002-character To: line (RFC 5322: 998)
        ("a" * 100_000, "ana@gob.mx", ["name 'aaa", "(100,000 characters)", "100,000 characters long", "at most 200"]),
        ("a" * 201, "ana@gob.mx", ["201 characters long", "at most 200"]),
        # a 5,000-character local part was accepted (RFC 5321: 64)
        ("Ana", "a" * 5000 + "@gob.mx", ["part before '@'", "5,000 characters long", "at most 64"]),
        ("Ana", "a" * (RFC5321_LOCAL + 1) + "@gob.mx", ["part before '@'", "65 characters long", "at most 64"]),
        ("Ana", "a@" + ".".join(["d" * 63] * 4) + ".mx", ["domain", "258 characters long", "at most 255"]),
        ("Ana", "a" * 64 + "@" + "d" * 63 + "." + "e" * 63 + "." + "f" * 59 + ".mx", ["address", "255 characters long", "at most 254"]),
        # names made only of invisible characters were accepted
        ("\u200b", "ana@gob.mx", ["U+200B ZERO WIDTH SPACE", "character 1"]),
        ("\u202e", "ana@gob.mx", ["U+202E RIGHT-TO-LEFT OVERRIDE", "character 1"]),
        ("\ufeff\ufeff", "ana@gob.mx", ["U+FEFF ZERO WIDTH NO-BREAK SPACE", "character 1"]),
        ("\u2062\u00ad", "ana@gob.mx", ["no visible character"]),
        ("\u0301", "ana@gob.mx", ["no visible character"]),
        # a U+202E inside a name reached the To: header
        ("Ana \u202eesoJ", "ana@gob.mx", ["'Ana \\u202eesoJ'", "U+202E RIGHT-TO-LEFT OVERRIDE", "character 5"]),
        ("Ana\u2066 Pérez", "ana@gob.mx", ["U+2066 LEFT-TO-RIGHT ISOLATE", "character 4"]),
        ("A\u200dna", "ana@gob.mx", ["U+200D ZERO WIDTH JOINER", "character 2"]),
    ],
)
def test_roster_values_past_the_limits_are_refused(tmp_path: Path, name: str, email: str, words: list[str]) -> None:
    result, out = _invite_row(tmp_path, name, email)
    assert result.exit_code == 2, result.output
    (line,) = error_lines(result.output)
    assert "roster.csv:2:1: " in line
    for word in words:
        assert word in line, line
    assert len(line) < 500  # the value is cut (quote), never echoed whole
    assert not out.exists()


def test_values_at_the_limits_are_accepted_and_no_line_exceeds_998(tmp_path: Path) -> None:
    # The longest of each: a 200-character name of characters the To: line must escape,
    # a 64-character local part and a 254-character address.
    email = "a" * 64 + "@" + "d" * 63 + "." + "e" * 63 + "." + "f" * 58 + ".mx"
    assert len(email) == RFC5321_ADDRESS and len(email.split("@")[1]) <= RFC5321_DOMAIN
    name = '"\\' * 100
    result, out = _invite_row(tmp_path, name, email)
    assert result.exit_code == 0, result.output
    (eml,) = out.glob("*.eml")
    data = eml.read_bytes()
    assert max(len(line) for line in data.split(b"\r\n")) <= RFC5322_LINE
    msg = message_from_bytes(data, policy=policy.strict)
    assert msg["To"].addresses[0].display_name == name and msg["To"].addresses[0].addr_spec == email


def test_a_long_title_and_organizer_name_stay_within_998(tmp_path: Path) -> None:
    # A 5,000-character title without a space: the email package folds it into encoded words.
    mt = meeting(tmp_path, title="T" * 5000, secretariat="S" * 200)
    result, out = invite(tmp_path, mt, roster(tmp_path, ANA))
    assert result.exit_code == 0, result.output
    (eml,) = out.glob("*.eml")
    data = eml.read_bytes()
    assert max(len(line) for line in data.split(b"\r\n")) <= RFC5322_LINE
    msg = message_from_bytes(data, policy=policy.strict)
    assert msg["Subject"] == "Invitation: " + "T" * 5000 and msg["From"].addresses[0].display_name == "S" * 200


@pytest.mark.parametrize(
    ("secretariat", "words"),
    [("S" * 201, ["201 characters long", "at most 200"]), ("RCM \u202eterces", ["U+202E RIGHT-TO-LEFT OVERRIDE", "character 5"])],
)
def test_the_secretariat_name_is_held_to_the_roster_rules(tmp_path: Path, secretariat: str, words: list[str]) -> None:
    # It becomes the From: display name of every message.
    result, out = invite(tmp_path, meeting(tmp_path, secretariat=secretariat), roster(tmp_path, ANA))
    assert result.exit_code == 2, result.output
    (line,) = error_lines(result.output)
    assert "m.yaml:4:21: secretariat: " in line and all(w in line for w in words), line
    assert not out.exists()


def test_the_organizer_option_is_held_to_the_roster_rules(tmp_path: Path) -> None:
    result, out = invite(tmp_path, meeting(tmp_path), roster(tmp_path, ANA), "--organizer", "\u202eSec <s@example.org>")
    assert result.exit_code == 2 and "--organizer" in result.output and "U+202E" in result.output
    assert not out.exists()


def test_every_roster_problem_is_listed_at_once(tmp_path: Path) -> None:
    text = "name,email,country\n\u202eAna,ana@gob.mx,MX\nBo," + "b" * 65 + "@gob.mx,MX\nCy,cy@gob.mx,Narnia\n"
    result, out = invite(tmp_path, meeting(tmp_path), roster(tmp_path, text))
    assert result.exit_code == 2
    assert not out.exists()
    lines = error_lines(result.output)
    assert [re.search(r"roster\.csv:(\d+):", line)[1] for line in lines] == ["2", "3", "4"]
    assert "U+202E" in lines[0] and "at most 64" in lines[1] and "Narnia" in lines[2]
    assert not any("more problem" in line for line in lines)


@pytest.mark.parametrize(("suffix", "kind", "other"), [(".csv", "not CSV text", "YAML"), (".yaml", "not YAML text", "CSV")])
def test_a_roster_with_a_nul_byte_is_named_by_its_kind(tmp_path: Path, suffix: str, kind: str, other: str) -> None:
    path = tmp_path / f"roster{suffix}"
    path.write_bytes(b"name,email,country\nAna,ana@gob.mx,M\x00X\n")
    result, out = invite(tmp_path, meeting(tmp_path), path)
    assert result.exit_code == 2
    (line,) = error_lines(result.output)
    assert f"roster{suffix}:2:" in line and "binary data" in line and kind in line and other not in line
    assert not out.exists()
