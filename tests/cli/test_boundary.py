"""The error boundary (runtime.run and the Typer path in app.main) and environment values.

Exit codes (README): 2 bad input or environment, 3 a bug in rcm, with the traceback
only under ``--debug`` (which used to exit 1: the exception escaped). Environment
values are checked like options: an ``RCM_*`` or ``SOURCE_DATE_EPOCH`` value rcm cannot
use is exit 2 naming the variable; ``COLUMNS`` (the shell's, often exported empty)
is ignored when it is not a positive number.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from samples import MINIMAL_MEETING

from rcmcli.cli import app as typer_app
from rcmcli.cli import registry, runtime
from rcmcli.cli.entry import main

II = "plenary-ii-2021"


@pytest.fixture
def work(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("COLUMNS", "SOURCE_DATE_EPOCH", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "m.yaml").write_text(MINIMAL_MEETING, encoding="utf-8")
    return tmp_path


def _explode(opts, **kwargs):
    raise ZeroDivisionError("planted bug")


# --- --debug and exit 3 ------------------------------------------------------------

# The same invocation through the fast path, and through Typer (a repeated option is
# left to Typer by the fast path).
PATHS = {
    "fast path": ["agenda", "list"],
    "typer": ["agenda", "list", "--lang", "en", "--lang", "en"],
}


@pytest.mark.parametrize("path", list(PATHS))
def test_a_bug_is_exit_3_with_one_line(path: str, work: Path, monkeypatch, capsys):
    monkeypatch.setattr(registry.BY_PATH[("agenda", "list")], "func", _explode)
    assert main(PATHS[path]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith("rcm: error: internal error (ZeroDivisionError at test_boundary.py:")


@pytest.mark.parametrize("path", list(PATHS))
def test_debug_prints_the_traceback_and_still_exits_3(path: str, work: Path, monkeypatch, capsys):
    monkeypatch.setattr(registry.BY_PATH[("agenda", "list")], "func", _explode)
    assert main(["--debug", *PATHS[path]]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):")
    assert "ZeroDivisionError: planted bug" in err
    assert err.endswith("rcm: error: internal error; this is a bug in rcm: please report it with the traceback above\n")


def test_a_bug_outside_the_command_on_the_typer_path_is_exit_3(work: Path, monkeypatch, capsys):
    monkeypatch.setattr(runtime, "setup", _explode)  # the root callback calls it
    assert typer_app.main(["agenda", "list"]) == 3
    assert "internal error (ZeroDivisionError" in capsys.readouterr().err


def test_an_unexpected_permission_error_is_exit_2_naming_the_file(work: Path, monkeypatch, capsys):
    def denied(opts, **kwargs):
        raise PermissionError(13, "Permission denied", "somewhere/locked.yaml")

    monkeypatch.setattr(registry.BY_PATH[("agenda", "list")], "func", denied)
    assert main(["agenda", "list"]) == 2
    assert capsys.readouterr().err == "rcm: error: somewhere/locked.yaml: Permission denied\n"


# --- environment values ---------------------------------------------------------------


@pytest.mark.parametrize("columns", ["", "  ", "abc", "0", "-5", "80x", "99999999999999999999"])
def test_a_columns_value_that_is_not_a_width_is_ignored(columns: str, work: Path, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", columns)
    assert main(["agenda", "times", II]) == 0
    out = capsys.readouterr().out
    assert "Buenos Aires" in out
    assert max(len(line) for line in out.splitlines()) <= 200  # the default width for output that is not a terminal


def test_a_columns_width_is_used(work: Path, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["agenda", "show", II]) == 0
    assert max(len(line) for line in capsys.readouterr().out.splitlines()) <= 100


@pytest.mark.parametrize("value", ["tomorrow", "2021-02-30", " "])
def test_a_bad_rcm_today_is_exit_2_naming_it(value: str, work: Path, monkeypatch, capsys):
    monkeypatch.setenv("RCM_TODAY", value)
    assert main(["agenda", "show"]) == 2
    assert capsys.readouterr().err == f"rcm: error: RCM_TODAY='{value}' is not a date like 2021-09-09\n"


@pytest.mark.parametrize(
    "command", [["agenda", "show", II], ["--version"], ["agenda", "list", "--lang", "en", "--lang", "en"]]
)
def test_a_bad_rcm_tzdb_is_exit_2_naming_it(command: list[str], work: Path, monkeypatch, capsys):
    monkeypatch.setenv("RCM_TZDB", "ubuntu")
    assert main(command) == 2
    assert capsys.readouterr().err == "rcm: error: RCM_TZDB='ubuntu' is not a tz database; use 'tzdata' or 'system'\n"


def test_a_bad_tzdb_option_is_named_as_the_option(work: Path, capsys):
    assert main(["--tzdb", "ubuntu", "agenda", "show", II]) == 2
    assert capsys.readouterr().err == "rcm: error: unknown tz database 'ubuntu'; use 'tzdata' or 'system'\n"


@pytest.mark.parametrize("value", ["yesterday", "1e9", "-1", "1.5", "١٢٣", "123456789012"])
@pytest.mark.parametrize("revised", [False, True])
def test_a_bad_source_date_epoch_is_exit_2_naming_it(value: str, revised: bool, work: Path, monkeypatch, capsys):
    """Checked even when the meeting's own 'revised' timestamp makes it unused."""
    if revised:
        text = MINIMAL_MEETING.replace("title: Test\n", "title: Test\nrevised: 2021-09-01T00:00:00Z\n")
        (work / "m.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert main(["agenda", "ics", "m.yaml"]) == 2
    assert capsys.readouterr().err == (
        f"rcm: error: SOURCE_DATE_EPOCH='{value}' is not a whole number of seconds since 1970\n"
    )


def test_a_good_source_date_epoch_is_the_dtstamp(work: Path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1631196000")  # 2021-09-09 14:00:00 UTC, by hand
    assert main(["agenda", "ics", "m.yaml"]) == 0
    assert "DTSTAMP:20210909T140000Z" in capsys.readouterr().out


def test_a_blank_source_date_epoch_is_unset(work: Path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "  ")
    assert main(["agenda", "ics", "m.yaml"]) == 0
    assert "DTSTAMP:20210909T000000Z" in capsys.readouterr().out  # the first day, 00:00 UTC


def test_show_json_of_a_meeting_still_parses(work: Path, capsys):
    assert main(["agenda", "show", "-f", "json", "m.yaml"]) == 0
    assert json.loads(capsys.readouterr().out)["meeting"]["id"] == "test-meeting"


def test_a_bad_rcm_data_is_exit_2_naming_it(work: Path, monkeypatch, capsys):
    monkeypatch.setenv("RCM_DATA", "no-such-catalog")
    assert main(["agenda", "list"]) == 2
    assert capsys.readouterr().err == (
        "rcm: error: catalog folder 'no-such-catalog' (from RCM_DATA) does not exist or is not a folder\n"
    )


def test_a_table_on_an_ascii_terminal_is_escaped_not_a_crash(tmp_path: Path):
    """LANG=C or PYTHONIOENCODING=ascii: the table is written with '\\u2013' escapes, exit 0."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_")}
    env.update(PYTHONIOENCODING="ascii", COLUMNS="100", NO_COLOR="1")
    done = subprocess.run(
        [sys.executable, "-m", "rcmcli", "agenda", "show", II, "--tz", "Santiago"], env=env, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("ascii")  # nothing outside ASCII reached the stream
    assert "Opening session" in out and "09:00\\u201309:30" in out
