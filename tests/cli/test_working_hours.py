"""Every command shows one working day, and one setting ([tool.rcm.hours]) changes it everywhere.

Before, `agenda times` and the outside-hours rule said 08:00-18:00 while `plan` said
09:00-18:00. The meeting below runs 08:00-08:45 GMT-6 on Thursday 9 September 2021
(counted by hand): 08:00 in the six Central American capitals (UTC-6 all year), 09:00
in Mexico City (UTC-5: Mexico kept DST until October 2022), 10:00 in Ottawa and
Washington (EDT, UTC-4). So it is outside a 09:00-18:00 day in those six capitals and
inside an 08:00-18:00 one everywhere. In `plan --capital Guatemala -d 45m` (GMT-6 is
Guatemala's own clock) the starts within working hours run from work_start to
18:00 - 45 min = 17:15.

The site (`site build`) shows no working hours and no outside-hours marks: it cannot
disagree. The last test keeps it that way until it does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from samples import MINIMAL_MEETING
from samples import invoke as rcm

CENTRAL_AMERICA = {"Belmopan", "San José", "San Salvador", "Guatemala City", "Tegucigalpa", "Managua"}


@pytest.fixture
def work(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    early = MINIMAL_MEETING.replace("start: 9:00", "start: 8:00").replace("end: 9:30", "end: 8:45")
    (tmp_path / "m.yaml").write_text(early, encoding="utf-8")
    return tmp_path


def shown_everywhere(work: Path) -> dict:
    """The working day as each command shows it, and what each decides about the meeting."""
    legend = rcm("--lang", "en", "agenda", "times", "m.yaml")
    assert legend.exit_code == 0, legend.output
    times = rcm("agenda", "times", "m.yaml", "-f", "json")
    assert times.exit_code == 0, times.output
    capitals = json.loads(times.stdout)["capitals"]
    plan = rcm("plan", "2021-09-09", "--capital", "Guatemala", "-d", "45m", "-f", "json")
    assert plan.exit_code == 0, plan.output
    planned = json.loads(plan.stdout)
    header = rcm("--lang", "en", "plan", "2021-09-09", "--capital", "Guatemala", "-d", "45m")
    validate = rcm("agenda", "validate", "m.yaml", "-f", "json", "--select", "outside-hours")
    return {
        "times legend": legend.stdout,
        "times outside": {c["capital"] for c in capitals if c["times"][0]["outside_working_hours"]},
        "plan hours": planned["hours"]["work"],
        "plan starts": [(w["first"], w["last"]) for w in planned["days"][0]["all_in_work"]],
        "plan header": header.stdout,
        "F002": [(p["code"], p["line"]) for p in json.loads(validate.stdout)],
    }


def test_one_working_day_by_default(work: Path):
    seen = shown_everywhere(work)
    assert "outside working hours (09:00\u201318:00 local)" in seen["times legend"]
    assert seen["times outside"] == CENTRAL_AMERICA
    assert seen["plan hours"] == "09:00-18:00"
    assert seen["plan starts"] == [("09:00", "17:15")]
    assert "within 09:00\u201318:00" in seen["plan header"]
    assert seen["F002"] == [("F002", 13)]  # the slot's first line in samples.MINIMAL_MEETING


@pytest.mark.parametrize("name", [".rcm.toml", "pyproject.toml"])
def test_one_setting_changes_every_command(work: Path, name: str):
    prefix = "tool.rcm." if name == "pyproject.toml" else ""
    (work / name).write_text(f'[{prefix}hours]\nwork_start = "08:00"\n', encoding="utf-8")
    seen = shown_everywhere(work)
    assert "outside working hours (08:00\u201318:00 local)" in seen["times legend"]
    assert seen["times outside"] == set()
    assert seen["plan hours"] == "08:00-18:00"
    assert seen["plan starts"] == [("08:00", "17:15")]
    assert "within 08:00\u201318:00" in seen["plan header"]
    assert seen["F002"] == []


def test_the_night_is_one_setting_too(work: Path):
    (work / ".rcm.toml").write_text('[hours]\nnight_start = "21:00"\nnight_end = "08:30"\n', encoding="utf-8")
    assert "at night (21:00\u201308:30)" in rcm("--lang", "en", "agenda", "times", "m.yaml").stdout
    plan = json.loads(rcm("plan", "2021-09-09", "--capital", "Guatemala", "-f", "json").stdout)
    assert plan["hours"]["night"] == "21:00-08:30"
    problems = json.loads(rcm("agenda", "validate", "m.yaml", "-f", "json", "--select", "night-slot").stdout)
    assert [(p["code"], p["line"]) for p in problems] == [("F001", 13)]  # 08:00-08:45 in Guatemala is before 08:30


def test_a_rule_option_still_overrides_for_its_rule_only(work: Path):
    (work / ".rcm.toml").write_text('[hours]\nwork_start = "08:00"\n[rules.outside-hours]\nwork_start = "08:30"\n', encoding="utf-8")
    seen = shown_everywhere(work)
    assert seen["F002"] == [("F002", 13)]
    assert seen["plan hours"] == "08:00-18:00" and seen["times outside"] == set()


def test_the_site_shows_no_working_hours(work: Path):
    """If the site ever shows working hours, they must come from the settings like the rest."""
    (work / ".rcm.toml").write_text('[hours]\nwork_start = "08:00"\n', encoding="utf-8")
    result = rcm("--data", ".", "site", "build", "test-meeting", "-o", str(work / "site"))
    assert result.exit_code == 0, result.output
    pages = [p.read_text(encoding="utf-8") for p in (work / "site").rglob("*") if p.suffix in (".html", ".json", ".js")]
    assert pages and not any("working hours" in page or "outside_working_hours" in page for page in pages)
