"""Hostile arguments and configuration: what a person types, not what a file holds.

Each case once ended in exit 3 (a bug) or did something rcm should have refused.
The answer is always exit 2 with one line that names the bad value; expected
positions and ranges are counted by hand from the text given here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from samples import MINIMAL_MEETING

from rcmcli.cli.entry import main
from rcmcli.core.catalog import bundled_dir

II = "plenary-ii-2021"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, *args: str) -> str:
    """Exit 2 and 'rcm: error:' lines (one, or one per problem of a refused agenda), never a bug."""
    code, _out, err = run(capsys, *args)
    assert code == 2, err
    assert err and all(line.startswith("rcm: error: ") for line in err.splitlines()), err
    assert "internal error" not in err and "Traceback" not in err, err
    return err


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with agendas/iv.yaml (the II Plenary) committed once; the working folder."""
    (tmp_path / "agendas").mkdir()
    shutil.copy(bundled_dir() / "meetings" / f"{II}.yaml", tmp_path / "agendas" / "iv.yaml")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- agenda diff REV:PATH ------------------------------------------------------------


@needs_git
@pytest.mark.parametrize(
    "spec, words",
    [
        ("-c:agendas/iv.yaml", "starts with '-'"),
        ("--output=x.yaml:agendas/iv.yaml", "starts with '-'"),
        ("HEAD:-c", "starts with '-'"),
        ("HEAD:", "REV:PATH"),
        ("HEAD~1:", "REV:PATH"),
        (":agendas/iv.yaml", "REV:PATH"),
        ("HEAD:agendas/iv.yaml\nrcm: error: forged", "line breaks"),
        ("HEAD:agendas/\x1b[2Jiv.yaml", "control characters"),
    ],
)
def test_diff_refuses_a_revision_git_must_not_see(capsys, repo: Path, spec: str, words: str) -> None:
    err = refused(capsys, "agenda", "diff", "--", spec, "agendas/iv.yaml")
    assert words in err
    assert "git show failed" not in err  # refused before git runs


@needs_git
def test_diff_refuses_a_nul_in_the_revision_before_git(capsys, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A NUL cannot reach argv from a shell; a caller of the function can pass one."""
    from rcmcli.cli import cmd_revision
    from rcmcli.core.catalog import Catalog
    from rcmcli.core.errors import UsageError

    with pytest.raises(UsageError, match="control characters"):
        cmd_revision.load_side(Catalog(bundled_dir()), "HEAD:agendas/iv\0.yaml")


@needs_git
def test_diff_reads_a_committed_revision(capsys, repo: Path) -> None:
    code, _out, err = run(capsys, "agenda", "diff", "HEAD:agendas/iv.yaml", "agendas/iv.yaml")
    assert (code, err) == (0, "")


@needs_git
def test_diff_stops_reading_a_blob_at_the_size_limit(capsys, repo: Path) -> None:
    (repo / "agendas" / "big.yaml").write_bytes(b"x: " + b"y" * 5000 + b"\n")  # 5,004 bytes
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "big")
    (repo / ".rcm.toml").write_text("[limits]\nmax_bytes = 4096\n", encoding="utf-8")
    err = refused(capsys, "agenda", "diff", "HEAD:agendas/big.yaml", "agendas/iv.yaml")
    assert err.startswith("rcm: error: HEAD:agendas/big.yaml: file is more than 4,096 bytes"), err
    assert "[tool.rcm.limits] max_bytes" in err
    (repo / ".rcm.toml").write_text("[limits]\nmax_bytes = 5004\n", encoding="utf-8")  # the limit itself passes
    err = refused(capsys, "agenda", "diff", "HEAD:agendas/big.yaml", "agendas/iv.yaml")
    assert "max_bytes" not in err  # read whole; refused as an agenda, not for its size


@needs_git
@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="VmHWM is read from Linux's /proc")
def test_diff_of_a_large_blob_holds_about_the_limit_in_memory(repo: Path) -> None:
    """A 40 MB blob under a 1 MB limit: git is stopped after 1 MB, so rcm's peak memory
    stays far below the blob (reading git's whole output used to cost twice its size).

    The peak is VmHWM, which starts afresh at exec; getrusage's ru_maxrss would carry
    over the peak of the test process that forked the probe."""
    (repo / "agendas" / "huge.yaml").write_bytes(b"x: '" + b"y" * (40 << 20) + b"'\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "huge")
    (repo / "agendas" / "huge.yaml").unlink()
    (repo / ".rcm.toml").write_text("[limits]\nmax_bytes = 1048576\n", encoding="utf-8")
    probe = textwrap.dedent(
        """
        from rcmcli.cli.entry import main
        code = main(["agenda", "diff", "HEAD:agendas/huge.yaml", "agendas/iv.yaml"])
        peak = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:"))
        print(code, peak)
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_")}
    done = subprocess.run([sys.executable, "-c", probe], cwd=repo, capture_output=True, text=True, env=env, timeout=60, check=False)
    code, peak_kb = done.stdout.split()
    assert code == "2" and "file is more than 1,048,576 bytes" in done.stderr, done.stderr
    assert int(peak_kb) < 40 * 1024, f"peak {peak_kb} kB for a 40 MB blob"


# --- rcm plan: dates at the ends of the calendar ----------------------------------------
# An agenda's dates are years 1900-2200 (T001, timeparse.YEARS); a plan takes the same.


@pytest.mark.parametrize(
    "when, year",
    [
        ("9999-12-31", "9999"),
        ("0001-01-01", "1"),
        ("1899-12-31", "1899"),
        ("2200-12-30..2201-01-01", "2201"),
        ("0001-01-01..2026-01-01", "1"),
    ],
)
def test_plan_refuses_a_year_outside_the_agenda_years(capsys, when: str, year: str) -> None:
    err = refused(capsys, "plan", when, "-f", "json")
    assert f"year {year} is outside 1900-2200" in err


@pytest.mark.parametrize("when", ["1900-01-01", "2200-12-31"])
def test_plan_takes_the_first_and_last_agenda_years(capsys, when: str) -> None:
    code, out, err = run(capsys, "plan", when, "-f", "json")
    assert (code, err) == (0, ""), err
    assert when in out


def test_plan_refuses_a_series_that_runs_past_the_last_year(capsys) -> None:
    # 2200-12-17, -24, -31: three weekly meetings fit; a fourth would be 2201-01-07.
    assert run(capsys, "plan", "2200-12-17", "--series", "3", "-f", "json")[0] == 0
    err = refused(capsys, "plan", "2200-12-17", "--series", "4", "-f", "json")
    assert "--series" in err and "past the year 2200" in err and "1900-2200" in err
    err = refused(capsys, "plan", "2200-01-01", "--series", "1000", "--every", "999w", "-f", "json")  # past 9999 once
    assert "past the year 2200" in err


# --- rcm agenda new: nothing written that rcm could not read back -------------------------

NEW = ("agenda", "new", "e.yaml", "--id", "ok", "--title", "IV")


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("dates, year", [("9999-12-31", "9999"), ("0001-01-01", "1"), ("2026-12-03..2201-01-01", "2201")])
def test_new_refuses_dates_no_command_reads(capsys, empty: Path, dates: str, year: str) -> None:
    err = refused(capsys, *NEW, "--dates", dates, "--slot", '23:00-23:59 "S"')
    assert "--dates" in err and f"year {year} is outside 1900-2200" in err
    assert list(empty.iterdir()) == []


def test_new_refuses_a_slot_date_outside_the_years(capsys, empty: Path) -> None:
    err = refused(capsys, *NEW, "--dates", "2026-12-03", "--slot", '9999-12-31 09:00-10:00 "S"')
    assert "--slot" in err and "year 9999 is outside 1900-2200" in err
    assert list(empty.iterdir()) == []


@pytest.mark.parametrize("slot", ['09:00-10:00 "S" extra "T"', "09:00-10:00 'Mother's day'", '09:00-10:00 "S', '09:00-10:00 "S" extra'])
def test_new_refuses_a_title_that_is_not_one_quoted_text(capsys, empty: Path, slot: str) -> None:
    err = refused(capsys, *NEW, "--dates", "2026-12-03", "--slot", slot)
    assert err.startswith("rcm: error: --slot: slot ") and slot in err and "one quoted text" in err
    assert list(empty.iterdir()) == []


@pytest.mark.parametrize(
    "slot, title",
    [('09:00-10:00 "Session 1: Opening"', "Session 1: Opening"), ("09:00-10:00 \"Mother's day\"", "Mother's day"), ('09:00-10:00 Say "hi"', 'Say "hi"')],
)
def test_new_keeps_a_title_typed_plainly_or_quoted_once(capsys, empty: Path, slot: str, title: str) -> None:
    from rcmcli.core.loader import load_meeting

    assert run(capsys, *NEW, "--dates", "2026-12-03", "--slot", slot)[0] == 0
    assert load_meeting(empty / "e.yaml").slots[0].title.get("en") == title


def test_new_refuses_a_draft_show_would_refuse(capsys, empty: Path) -> None:
    """02:30 on 8 March 2026 does not exist in New York (clocks go from 02:00 to 03:00)."""
    argv = ("agenda", "new", "w/iv.yaml", "--id", "ok", "--title", "IV", "--dates", "2026-03-08", "--ref", "America/New_York")
    err = refused(capsys, *argv, "--slot", '02:30-03:30 "S"')
    assert err.startswith("rcm: error: w/iv.yaml: nothing written") and "[T008]" in err
    assert list(empty.iterdir()) == []  # not even the folder


def test_new_creates_the_folder_and_never_overwrites(capsys, empty: Path) -> None:
    argv = ("agenda", "new", "agendas/iv.yaml", "--id", "ok", "--title", "IV", "--dates", "2026-12-03", "--slot", '09:00-10:00 "S"')
    code, _out, err = run(capsys, *argv)
    assert code == 0 and "agendas/iv.yaml" in err
    written = (empty / "agendas" / "iv.yaml").read_bytes()
    assert main(["agenda", "show", "agendas/iv.yaml", "-f", "json"]) == 0
    capsys.readouterr()
    err = refused(capsys, *argv[:-1], '10:00-11:00 "Other"')
    assert "already exists" in err
    assert (empty / "agendas" / "iv.yaml").read_bytes() == written
    err = refused(capsys, "agenda", "new", "a/b/iv.yaml", *argv[3:])  # one folder, as invite -o: not a tree
    assert "does not exist" in err and not (empty / "a").exists()


# --- [tool.rcm]: a list given as one string ------------------------------------------------


@pytest.mark.parametrize(
    "name, text, words",
    [
        ("pyproject.toml", '[tool.rcm]\nselect = "T"\n', "'select' must be a list of rule codes or names, like ['T'], got the string 'T'"),
        ("pyproject.toml", '[tool.rcm]\nignore = "gap"\n', "'ignore' must be a list of rule codes or names, like ['gap'], got the string 'gap'"),
        (".rcm.toml", 'select = "T"\n', "'select' must be a list of rule codes or names, like ['T'], got the string 'T'"),
        (".rcm.toml", 'ignore = "T005"\n', "'ignore' must be a list"),
        (".rcm.toml", "select = 5\n", "'select' must be a list of rule codes or names, got 5"),
        (".rcm.toml", '[rules.session-length]\nkinds = "session"\n', "option session-length.kinds must be list, got 'session'"),
    ],
)
def test_config_refuses_a_string_where_a_list_is_expected(capsys, empty: Path, name: str, text: str, words: str) -> None:
    (empty / "m.yaml").write_text(MINIMAL_MEETING, encoding="utf-8")
    (empty / name).write_text(text, encoding="utf-8")
    err = refused(capsys, "agenda", "validate", "m.yaml")
    assert err.startswith(f"rcm: error: {empty / name}: "), err
    assert words in err


# --- where "end before start" points ----------------------------------------------------------
# Counted by hand in tests/hostile/cases: the slot starts on one line and its
# '        end: "1:00"' follows, the value at column 14 (8 spaces, 'end: ').

CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("case, line", [("midnight-undeclared.yaml", 33), ("line-separator-in-topic.yaml", 34)])
def test_end_before_start_points_at_the_end_value(capsys, monkeypatch: pytest.MonkeyPatch, case: str, line: int) -> None:
    monkeypatch.chdir(CASES)
    text = (CASES / case).read_text(encoding="utf-8")
    assert text.split("\n")[line - 1] == '        end: "1:00"'  # lines end at LF only (not str.splitlines: U+2028)
    code, out, _err = run(capsys, "agenda", "validate", "-f", "parsable", case)
    assert code == 1
    assert [row.split(": ")[0] for row in out.splitlines() if " T004 " in row] == [f"{case}:{line}:14"]
    err = refused(capsys, "agenda", "show", case)
    assert err.startswith(f"rcm: error: {case}:{line}:14: slot ends at 01:00, before it starts at 23:00"), err
    assert err.rstrip().endswith("[T004]")
