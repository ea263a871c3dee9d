"""One settings module: the defaults, and the configuration file checked once per run.

Expected values come from outside the code: the SMTP timeouts from RFC 5321 section
4.5.3.2, the working day from docs/decisions.md ("One working day"), and every bad
value below is refused with exit 2, one line naming the file, the key and the value.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from samples import MINIMAL_MEETING
from samples import invoke as rcm

from rcmcli.core import configfile, settings


@pytest.fixture
def work(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.yaml").write_text(MINIMAL_MEETING, encoding="utf-8")
    return tmp_path


def test_smtp_timeouts_are_the_rfc_5321_minimums():
    # RFC 5321 4.5.3.2.1 initial 220 message: 5 minutes; 4.5.3.2.2/.3 MAIL and RCPT:
    # 5 minutes; 4.5.3.2.5 data block: 3 minutes; 4.5.3.2.6 DATA termination: 10 minutes.
    assert settings.DEFAULT.send == {"greeting": 300, "command": 300, "data_start": 120, "data_block": 180, "data_end": 600}


def test_the_default_hours():
    # docs/decisions.md: one working day, 09:00-18:00; night 22:00-06:00; reasonable 07:00-21:00.
    hours = settings.DEFAULT.hours
    assert (hours["work_start"], hours["work_end"]) == ("09:00", "18:00")
    assert (hours["night_start"], hours["night_end"]) == ("22:00", "06:00")
    assert (hours["reasonable_start"], hours["reasonable_end"]) == ("07:00", "21:00")


def test_times_are_kept_as_hhmm_and_send_takes_fractions():
    found = settings.parse({"hours": {"work_start": "8:30 am"}, "send": {"greeting": 0.5}}, "x.toml")
    assert found.hours["work_start"] == "08:30"
    assert found.plan["work_start"] == "08:30"  # plan's hours default to [tool.rcm.hours]
    assert found.send == {"greeting": 0.5, "command": 300, "data_start": 120, "data_block": 180, "data_end": 600}


def test_plan_overrides_only_plan():
    found = settings.parse({"hours": {"work_start": "08:00"}, "plan": {"work_start": "10:00"}}, "x.toml")
    assert found.hours["work_start"] == "08:00" and found.plan["work_start"] == "10:00"


def test_no_file_means_the_defaults(tmp_path: Path):
    assert configfile.load(None, str(tmp_path)) is settings.DEFAULT


def test_a_pyproject_without_tool_rcm_is_passed_over(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (tmp_path / ".rcm.toml").write_text('[hours]\nwork_start = "07:30"\n', encoding="utf-8")
    found = configfile.load(None, str(inner))
    assert found.path == str(tmp_path / ".rcm.toml") and found.hours["work_start"] == "07:30"


BAD = [
    # (file text, words the one-line message must contain)
    ('[hours]\nwork_start = 9\n', ["[tool.rcm.hours] work_start", "must be a time", "got 9"]),
    ('[hours]\nwork_start = "25:00"\n', ["[tool.rcm.hours] work_start", "'25:00'", "hours must be 00-23"]),
    ('[hours]\nwork_start = ["09:00"]\n', ["[tool.rcm.hours] work_start", "must be a time", "['09:00']"]),
    ('[hours]\nlunch = "13:00"\n', ["unknown setting 'lunch'", "[tool.rcm.hours]", "work_start"]),
    ('[hours]\nwork_start = "18:00"\n', ["work_start = '18:00' is not before work_end = '18:00'"]),
    ('[hours]\nreasonable_end = "06:00"\n', ["reasonable_start = '07:00' is not before reasonable_end = '06:00'"]),
    ('[hours]\nnight_start = "06:00"\n', ["night_start and night_end are both '06:00'", "empty"]),
    ('hours = "09:00-18:00"\n', ["'tool.rcm.hours' must be a table", "'09:00-18:00'"]),
    ('[send]\ngreeting = "300"\n', ["[tool.rcm.send] greeting", "seconds above 0", "'300'"]),
    ('[send]\ndata_end = 0\n', ["[tool.rcm.send] data_end", "seconds above 0", "got 0"]),
    ('[send]\ncommand = true\n', ["[tool.rcm.send] command", "got true"]),
    ('[send]\nwait = 5\n', ["unknown setting 'wait'", "[tool.rcm.send]", "greeting, command, data_start, data_block, data_end"]),
    ('[plan]\nref = 6\n', ["[tool.rcm.plan] ref", "must be a zone", "got 6"]),
    ('[plan]\nlunch_start = "13:00"\n', ["'lunch_start' and 'lunch_end' go together"]),
    ('[limits]\nmax_depth = "64"\n', ["bad limit 'max_depth = '64''", "positive integers"]),
    ("colour = true\n", ["unknown setting 'colour'", "hours", "send"]),
]


@pytest.mark.parametrize(("toml", "words"), BAD, ids=[t.splitlines()[-1] for t, _ in BAD])
def test_a_bad_setting_is_exit_2_naming_file_key_and_value(work: Path, toml: str, words: list[str]):
    (work / ".rcm.toml").write_text(toml, encoding="utf-8")
    result = rcm("agenda", "show", "m.yaml", "-f", "json")
    assert result.exit_code == 2, result.output
    line = result.stderr
    assert line.startswith(f"rcm: error: {work / '.rcm.toml'}: ") and line.count("\n") == 1, line
    for word in words:
        assert word in line, (word, line)
    assert "Traceback" not in result.output


def test_a_bad_setting_in_pyproject_names_the_pyproject(work: Path):
    (work / "pyproject.toml").write_text('[tool.rcm.hours]\nwork_end = "6 pm"\nwork_start = "noon"\n', encoding="utf-8")
    result = rcm("members", "-f", "json")
    assert result.exit_code == 2
    assert f"{work / 'pyproject.toml'}: [tool.rcm.hours] work_start: 'noon' is not a time" in result.stderr


def test_a_bad_setting_under_debug_is_still_exit_2(work: Path):
    (work / ".rcm.toml").write_text("[send]\ngreeting = -1\n", encoding="utf-8")
    result = rcm("--debug", "agenda", "show", "m.yaml")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "[tool.rcm.send] greeting" in result.stderr and "got -1" in result.stderr


def test_the_configuration_is_read_once_per_run(work: Path, monkeypatch):
    """plan reads hours, ref and limits, validate options and limits: one read each."""
    (work / ".rcm.toml").write_text('[hours]\nwork_start = "08:00"\n[limits]\nmax_depth = 60\n', encoding="utf-8")
    reads: list[str] = []
    real = configfile._toml
    monkeypatch.setattr(configfile, "_toml", lambda path: reads.append(path) or real(path))
    for argv in (["plan", "2021-09-09", "--capital", "Guatemala", "-f", "json"], ["agenda", "validate", "m.yaml"], ["agenda", "show", "m.yaml"]):
        reads.clear()
        result = rcm(*argv)
        assert result.exit_code == 0, result.output
        assert reads == [str(work / ".rcm.toml")], argv


def test_settings_are_cheap_to_import():
    """No typing, dataclasses or pathlib: every command imports it at start-up."""
    probe = "import sys, rcmcli.core.settings, rcmcli.core.configfile; print(sorted(m for m in ('typing', 'dataclasses', 'pathlib', 'tomllib') if m in sys.modules))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_")}
    done = subprocess.run([sys.executable, "-c", probe], check=False, capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
