"""The interface reads the same on every command (docs/decisions.md, "One name per concept").

Option names, metavars, defaults, the help listings at 80 columns and shell
completion, checked over every declaration of the registry, so a new command or
option is held to the same rules without a new test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rcmcli import i18n
from rcmcli.cli import app as cli
from rcmcli.cli import registry
from rcmcli.cli.registry import ORGS

ALL_OPTIONS = [(cmd.path, opt) for cmd in registry.COMMANDS for opt in cmd.options] + [((), opt) for opt in registry.GLOBALS]


def _id(item) -> str:
    path, opt = item
    return " ".join([*path, opt.flags[0] if opt.flags else opt.name])


# --- one name per concept ------------------------------------------------------------


def test_the_conference_filter_is_org_everywhere():
    orgs = [(path, o) for path, o in ALL_OPTIONS if "--org" in o.flags]
    assert {path for path, _ in orgs} >= {("members",), ("plan",), ("agenda", "times"), ("agenda", "new")}
    for path, opt in orgs:
        assert opt.choices == ORGS and not opt.multiple, path
    assert not [path for path, o in ALL_OPTIONS if any("conference" in f for f in o.flags)]


@pytest.mark.parametrize(
    "flag, metavar, complete",
    [("--tz", "ZONE", "zone"), ("--ref", "ZONE", "zone"), ("--capital", "CAPITAL", "capital"), ("--date", "DATE", None), ("--dates", "DATES", None)],
)
def test_a_flag_means_one_thing(flag, metavar, complete):
    found = [(path, o) for path, o in ALL_OPTIONS if flag in o.flags]
    assert found, flag
    for path, opt in found:
        assert (opt.metavar, opt.complete) == (metavar, complete), path


def test_a_day_is_date_and_a_day_or_range_is_dates():
    """--date takes one day; what takes a day or a range (plan's argument, --dates) is DATES."""
    for path, opt in ALL_OPTIONS:
        text = opt.help.lower()
        if ".." in opt.help and "date" in text:
            assert opt.metavar == "DATES", (path, opt.name)


# --- metavars, defaults, -o ----------------------------------------------------------

READABLE = re.compile(r"^(<[a-z0-9|]+>|[A-Z][A-Z_]*(:[A-Z]+)?(-[A-Z:]+)?(\[,[A-Z]+\])?(\.\.\.)?)$")


@pytest.mark.parametrize("item", [i for i in ALL_OPTIONS if i[1].kind != "flag" and not i[1].choices], ids=_id)
def test_every_value_has_a_readable_metavar(item):
    path, opt = item
    assert opt.metavar and READABLE.match(opt.metavar), (path, opt.name, opt.metavar)


@pytest.mark.parametrize("item", [i for i in ALL_OPTIONS if i[1].kind != "flag" and not i[1].multiple and i[1].default], ids=_id)
def test_no_default_is_said_twice(item):
    """Typer adds '[default: X]' for a declared default: the help text does not say it again."""
    path, opt = item
    assert "default" not in opt.help.lower(), (path, opt.name)


def _help(args: list[str], width: int = 80, lang: str = "en") -> str:
    from typer.testing import CliRunner

    previous = i18n.current()
    try:
        i18n.use(lang)
        app = cli.build(i18n._)
        result = CliRunner().invoke(app, ["--lang", lang, *args, "--help"], prog_name="rcm", terminal_width=width)
    finally:
        i18n.use(previous)
    assert result.exit_code == 0, result.output
    return result.output


def test_help_shows_no_type_names():
    for cmd in registry.COMMANDS:
        text = _help(list(cmd.path))
        assert "<str>" not in text and "<path>" not in text and "{" not in text.split("\n", 1)[0], cmd.path
        assert "Usage: rcm " + " ".join(cmd.path) in text


@pytest.mark.parametrize("path", [cmd.path for cmd in registry.COMMANDS if any("-o" in o.flags for o in cmd.options)], ids=" ".join)
def test_every_o_says_file_or_folder_and_what_happens_to_it(path):
    (opt,) = [o for o in registry.BY_PATH[path].options if "-o" in o.flags]
    kind = {"file": "FILE", "folder": "FOLDER"}[opt.complete or ""]
    assert opt.metavar == kind
    words = opt.help.lower()
    assert ("file" in words) if kind == "FILE" else ("folder" in words)
    assert any(w in words for w in ("created", "replaced")), opt.help


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("group", [g for g in registry.GROUPS], ids=lambda g: " ".join(g) or "rcm")
def test_group_listings_are_not_cut_at_80_columns(group, lang):
    """click cuts a command's help to its first sentence, then to the room left ('...')."""
    text = _help(list(group), 80, lang)
    listing = text.split("\n\n")[-1]
    names = registry.subcommands(group)
    lines = [line for line in listing.splitlines() if line.strip()]
    assert len(lines) >= len(names)
    assert not [line for line in lines if line.rstrip().endswith("...")], listing


# --- shell completion ------------------------------------------------------------------


def _complete(words: str, cword: int, cwd: Path, **env: str) -> list[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("RCM_DATA", "_RCM_COMPLETE")}
    environ.update({"_RCM_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword), **env})
    code = "import sys; from rcmcli.cli.entry import run; sys.argv = ['rcm']; run()"
    proc = subprocess.run([sys.executable, "-c", code], env=environ, cwd=cwd, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return [line for line in proc.stdout.splitlines() if line]


def test_completion_escapes_a_space_for_bash(tmp_path):
    """'Buenos Aires' inserted as is gives 'unexpected extra argument (Aires)'."""
    assert "Buenos\\ Aires" in _complete("rcm agenda show --tz Buenos", 4, tmp_path)
    # what bash passes once the user typed the escaped or quoted prefix
    assert "Buenos\\ Aires" in _complete("rcm agenda show --tz Buenos\\ A", 4, tmp_path)
    assert "Buenos\\ Aires" in _complete('rcm agenda show --tz "Buenos A', 4, tmp_path)
    assert "Ciudad\\ de\\ Panamá" in _complete("rcm agenda times --capital Ciudad\\ de\\ P", 4, tmp_path)


@pytest.mark.parametrize(
    "words, cword",
    [
        ("rcm plan 2026-12-03 --capital Sant", 4),
        ("rcm agenda times --capital Sant", 4),
        ("rcm agenda announce --capital Sant", 4),
        ("rcm agenda show --tz Sant", 4),
        ("rcm plan 2026-12-03 --ref Sant", 4),
        ("rcm agenda new x.yaml --ref Sant", 5),
    ],
)
def test_capitals_complete_wherever_they_are_accepted(words, cword, tmp_path):
    found = _complete(words, cword, tmp_path)
    assert {"Santiago", "Santo\\ Domingo"} <= set(found), found


def test_capital_completes_capitals_and_countries_not_zones(tmp_path):
    found = _complete("rcm plan 2026-12-03 --capital Chi", 4, tmp_path)
    assert "Chile" in found and not [f for f in found if "/" in f]


def test_meeting_ids_include_local_drafts(tmp_path):
    (tmp_path / "agendas").mkdir()
    (tmp_path / "agendas" / "iv.yaml").write_text("id: plenary-iv-2026\ntitle: x\n", encoding="utf-8")
    (tmp_path / "draft.yaml").write_text("id: my-draft\n", encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("no: id\n", encoding="utf-8")
    found = _complete("rcm agenda show ", 3, tmp_path)
    assert {"plenary-ii-2021", "plenary-iv-2026", "my-draft"} <= set(found), found
    assert _complete("rcm agenda show plenary-i", 3, tmp_path) == ["plenary-ii-2021", "plenary-iii-2022", "plenary-iv-2026"]
    assert "my-draft" in _complete("rcm agenda diff ", 3, tmp_path)


def test_meeting_ids_come_from_the_data_folder_on_the_command_line(tmp_path):
    bundled = Path(__file__).resolve().parents[2] / "data" / "meetings" / "plenary-ii-2021.yaml"  # the repository's catalog
    (tmp_path / "cat" / "meetings").mkdir(parents=True)
    (tmp_path / "cat" / "meetings" / "zz.yaml").write_bytes(bundled.read_bytes())
    assert _complete("rcm --data cat agenda show ", 5, tmp_path) == ["zz"]
    assert _complete("rcm agenda show ", 3, tmp_path, RCM_DATA=str(tmp_path / "cat")) == ["zz"]
    assert _complete("rcm --data no/such agenda show ", 5, tmp_path) == []  # never an error in the shell


# --- piped output ------------------------------------------------------------------------

WRITERS = {("agenda", "invite"), ("agenda", "new"), ("site", "build")}  # they write files, not stdout
# An iCalendar folds its lines at 75 octets (RFC 5545, 3.1): a space before a fold is
# content, so agenda ics is a machine format whose bytes rcm does not trim.
MACHINE = {("agenda", "ics")}
BAD = """\
id: bad-meeting
title: A meeting whose agenda has an overlap
conferences: [rcm]
sources: [{file: source.txt}]
dates: {start: 2021-09-09, end: 2021-09-09}
reference_zone: {label: "GMT-6", offset: GMT-6}
days:
  - date: 2021-09-09
    slots:
      - {start: "9:00", end: "10:00", title: "Opening session of the meeting, with the words of the presidency"}
      - {start: "9:30", end: "11:00", title: "Second session"}
"""


def _read_lines() -> list[list[str]]:
    """Every command that writes to stdout, with its required values, in every format."""
    lines = []
    for cmd in registry.COMMANDS:
        if cmd.path in WRITERS or cmd.path in MACHINE:
            continue
        args = ["bad.yaml"] if cmd.path == ("agenda", "validate") else [o.example for o in cmd.options if o.argument and (o.required or o.name == "meeting")]
        formats = [o.choices for o in cmd.options if o.name == "fmt"]
        for fmt in formats[0] if formats else [None]:
            lines.append([*cmd.path, *args] + (["-f", fmt] if fmt else []))
    lines.append(["agenda", "times", "plenary-ii-2021", "--by", "capital"])
    lines.append(["agenda", "show", "plenary-ii-2021", "--tz", "Santiago", "--tz", "Ottawa", "--tz", "La Paz"])
    lines.append(["plan", "2026-12-01..2026-12-20"])
    lines.append(["agenda", "diff", "plenary-ii-2021", "bad.yaml"])
    return lines


@pytest.mark.parametrize("width", ["80", "120"])
@pytest.mark.parametrize("argv", _read_lines(), ids=" ".join)
def test_piped_output_has_no_trailing_spaces(argv, width, capsys, monkeypatch, tmp_path):
    """Tables are padded to their width on a terminal; piped, no line ends in a space."""
    monkeypatch.setenv("COLUMNS", width)
    monkeypatch.setenv("RCM_TODAY", "2021-09-01")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    code = cli.main(argv)
    out = capsys.readouterr().out
    assert code in (0, 1) and out.strip(), argv
    assert [line for line in out.splitlines() if line != line.rstrip()] == []


# --- --data ------------------------------------------------------------------------------

II_FILE = Path(__file__).parents[2] / "data" / "meetings" / "plenary-ii-2021.yaml"


def test_data_help_says_what_the_folder_is():
    (data,) = [o for o in registry.GLOBALS if o.name == "data"]
    assert data.metavar == "FOLDER" and "meetings/" in data.help and "YAML files in it" in data.help


@pytest.fixture
def secretariat(tmp_path, monkeypatch):
    """A secretariat's repository: agendas in agendas/, nothing at the top."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RCM_TODAY", "2021-09-01")
    (tmp_path / "agendas").mkdir()
    (tmp_path / "agendas" / "ii.yaml").write_bytes(II_FILE.read_bytes())
    (tmp_path / "README.md").write_text("agendas\n", encoding="utf-8")
    return tmp_path


def test_a_folder_with_no_meetings_says_where_rcm_looked(secretariat, capsys):
    assert cli.main(["--data", ".", "agenda", "list"]) == 0
    out, err = capsys.readouterr()
    assert out == ""  # not an empty table
    assert err == "rcm: no meetings in ./ (looked in ./meetings/ and ./*.yaml, ./*.yml); YAML files are in ./agendas/: try --data ./agendas/\n"
    assert cli.main(["--data", ".", "agenda", "list", "-f", "json"]) == 0
    out, err = capsys.readouterr()
    assert out == "[]\n" and "no meetings in ./" in err
    assert cli.main(["--data", ".", "agenda", "show"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rcm: error: no meetings in ./ (looked in ./meetings/ and ./*.yaml, ./*.yml)")
    (secretariat / "meetings").mkdir()
    assert cli.main(["--data", ".", "agenda", "times"]) == 2
    assert "no meetings in ./ (looked in ./meetings/*.yaml, ./meetings/*.yml)" in capsys.readouterr().err
    assert cli.main(["--data", "agendas", "agenda", "list", "-f", "csv"]) == 0
    assert "plenary-ii-2021" in capsys.readouterr().out


def test_site_build_publishes_no_draft(secretariat, capsys):
    """`rcm --data . site build` published a stray ./draft.yaml written by plan --draft."""
    (secretariat / "ii.yaml").write_bytes(II_FILE.read_bytes())
    assert cli.main(["plan", "2026-12-03", "--draft", "draft.yaml"]) == 0
    capsys.readouterr()
    assert cli.main(["--data", ".", "site", "build", "-o", "site"]) == 0
    err = capsys.readouterr().err
    assert "rcm: note: ./draft.yaml is a draft ('status: draft'), not published" in err
    pages = {p.name for p in (secretariat / "site" / "en").iterdir()}
    assert "plenary-ii-2021.html" in pages and not [p for p in pages if p.startswith("draft")]
    (secretariat / "ii.yaml").unlink()
    assert cli.main(["--data", ".", "site", "build", "-o", "site2"]) == 2
    err = capsys.readouterr().err
    assert "every meeting given is a draft, so nothing was written" in err
    assert not (secretariat / "site2").exists()
