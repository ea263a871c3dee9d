"""Rule options and configuration files are checked before anything runs (exit 2, naming
the file, the key and the value), and the input limits apply to every command.

Before: ``tolerance = -5`` ran and printed "norm of 60 ± -5 min" on every session;
``work_start`` after ``work_end`` flagged every slot; the README's ``[tool.rcm]``
example pasted into ``.rcm.toml`` was "unknown setting 'tool'"; ``[limits]`` applied to
``validate`` only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from samples import MINIMAL_MEETING
from samples import invoke as rcm


@pytest.fixture
def work(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.yaml").write_text(MINIMAL_MEETING, encoding="utf-8")
    return tmp_path


def config(work: Path, text: str, name: str = ".rcm.toml") -> Path:
    path = work / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            "[rules.session-length]\ntolerance = -5\n",
            "option session-length.tolerance: must be a whole number of minutes, 0 or more, got -5",
        ),
        (
            "[rules.session-length]\nminutes = 0\n",
            "option session-length.minutes: must be a whole number of minutes, 1 or more, got 0",
        ),
        (
            "[rules.S001]\nper_kind = {break = {minutes = 15, tolerance = -1}}\n",
            "option session-length.per_kind: per_kind.break.tolerance must be a whole number of minutes, "
            "0 or more, got -1",
        ),
        (
            "[rules.meeting-length]\ntolerance = -10\n",
            "option meeting-length.tolerance: must be a whole number of minutes, 0 or more, got -10",
        ),
        (
            "[rules.gap]\nmin_minutes = -1\n",
            "option gap.min_minutes: must be a whole number of minutes, 1 or more, got -1",
        ),
        (
            "[rules.gap]\nmin_minutes = 0\n",
            "option gap.min_minutes: must be a whole number of minutes, 1 or more, got 0",
        ),
        (
            '[rules.outside-hours]\nwork_start = "18:00"\nwork_end = "08:00"\n',
            "options of outside-hours: work_start = '18:00' is not before work_end = '08:00'; "
            "working hours are one span within a day",
        ),
        (
            '[rules.F002]\nwork_start = "5:00 pm"\n',  # 17:00, before the default end (18:00): accepted
            None,
        ),
        (
            '[rules.F002]\nwork_start = "6:00 pm"\n',  # 18:00, the default end: an empty working day
            "options of outside-hours: work_start = '6:00 pm' is not before work_end = '18:00'; "
            "working hours are one span within a day",
        ),
        (
            '[rules.night-slot]\nnight_start = "22:00"\nnight_end = "10 pm"\n',
            "options of night-slot: night_start = '22:00' and night_end = '10 pm' are the same time: "
            "the night would be empty (to turn the rule off, ignore night-slot)",
        ),
    ],
)
def test_rule_options_are_checked(work: Path, toml: str, message: str | None):
    path = config(work, toml)
    result = rcm("agenda", "validate", "m.yaml")
    if message is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2, result.output
    assert result.stderr == f"rcm: error: {path}: {message}\n"
    assert result.stdout == ""


def test_a_night_that_wraps_midnight_is_accepted(work: Path):
    config(work, '[rules.night-slot]\nnight_start = "21:00"\nnight_end = "07:00"\n')
    assert rcm("agenda", "validate", "m.yaml").exit_code == 0


# --- the README's [tool.rcm] example in .rcm.toml -----------------------------------------

README_EXAMPLE = """\
[tool.rcm]
ignore = ["gap"]

[tool.rcm.rules.session-length]
minutes = 60
tolerance = -10

[tool.rcm.limits]
max_bytes = 16777216
"""


def test_the_readme_example_pasted_into_rcm_toml_is_read(work: Path):
    path = config(work, README_EXAMPLE)
    result = rcm("agenda", "validate", "m.yaml")
    # Read, not refused as "unknown setting 'tool'": its (deliberately bad) option is seen.
    assert result.exit_code == 2
    assert result.stderr == (
        f"rcm: error: {path}: option session-length.tolerance: must be a whole number of minutes, 0 or more, got -10\n"
    )
    config(work, README_EXAMPLE.replace("tolerance = -10", "tolerance = 10"))
    assert rcm("agenda", "validate", "m.yaml").exit_code == 0


def test_tool_rcm_tables_mixed_with_plain_settings_say_what_to_remove(work: Path):
    path = config(work, 'select = ["T"]\n\n[tool.rcm.limits]\nmax_depth = 10\n')
    result = rcm("agenda", "validate", "m.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        f"rcm: error: {path}: mixes [tool.rcm] tables with other settings; in this file write the settings "
        "without the 'tool.rcm.' prefix ([rules.gap], [limits]), or keep only [tool.rcm] tables\n"
    )


def test_a_config_file_that_is_not_utf8_is_exit_2(work: Path):
    path = work / ".rcm.toml"
    path.write_bytes(b'select = ["T\xe9"]\n')  # 0xE9 is the 13th byte
    result = rcm("agenda", "validate", "m.yaml")
    assert result.exit_code == 2
    assert result.stderr == f"rcm: error: {path}: not UTF-8 text (byte 13); TOML files are UTF-8\n"


# --- limits apply to every command that reads an agenda ---------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["agenda", "show", "m.yaml"],
        ["agenda", "times", "m.yaml"],
        ["agenda", "ics", "m.yaml"],
        ["agenda", "invite", "m.yaml", "--roster", "r.csv", "-o", "out", "--organizer", "A <a@example.org>"],
    ],
)
def test_the_configured_limits_apply_to_every_command(work: Path, command: list[str]):
    (work / "r.csv").write_text("name,email,country\nAna,ana@example.org,MX\n", encoding="utf-8")
    assert rcm(*command).exit_code == 0
    config(work, "[limits]\nmax_nodes = 20\n")  # the meeting has more nodes than that
    result = rcm(*command)
    assert result.exit_code == 2
    assert result.stderr.startswith("rcm: error: ")
    assert "m.yaml" in result.stderr and "more than 20 nodes" in result.stderr and "[Y006]" in result.stderr


def test_the_configured_limits_apply_to_list_which_marks_the_meeting_broken(work: Path):
    config(work, "[limits]\nmax_nodes = 20\n")
    result = rcm("--data", ".", "agenda", "list", "-f", "json")
    assert result.exit_code == 0  # one broken meeting does not stop the list
    [entry] = json.loads(result.stdout)
    assert entry["status"] == "broken" and "more than 20 nodes" in entry["problem"]["message"]


def test_a_meeting_over_the_default_byte_limit_is_exported_once_the_limit_is_raised(work: Path):
    """The default max_bytes (16 MiB) refuses the file; [limits] max_bytes lets ics export it."""
    padding = ("# " + "x" * 98 + "\n") * (17 * 1024 * 1024 // 100)
    (work / "big.yaml").write_text(MINIMAL_MEETING + padding, encoding="utf-8")
    refused = rcm("agenda", "ics", "big.yaml")
    assert refused.exit_code == 2
    assert "over the limit of 16,777,216; refused (raise [tool.rcm.limits] max_bytes to allow it)" in refused.stderr
    config(work, "[tool.rcm.limits]\nmax_bytes = 33554432\n", name="pyproject.toml")
    exported = rcm("agenda", "ics", "big.yaml")
    assert exported.exit_code == 0, exported.stderr
    assert exported.stdout.count("BEGIN:VEVENT") == 1


def test_the_limits_of_the_config_option_apply_to_validate(work: Path):
    path = config(work, "[limits]\nmax_bytes = 64\n", name="tight.toml")
    result = rcm("agenda", "validate", "--config", str(path), "-f", "json", "m.yaml")
    assert result.exit_code == 1
    assert [p["code"] for p in json.loads(result.stdout)] == ["Y006"]


def test_finding_no_configuration_imports_no_toml_parser(work: Path):
    """`show` looks for a configuration on every run; without one it must stay cheap."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_")}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "rcmcli", "agenda", "show", "-f", "json", "m.yaml"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "rcmcli.core.configfile" in imported  # it did look
    assert not imported & {"tomllib", "tomli", "rcmcli.lint.config"}
