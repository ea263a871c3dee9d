"""Tests for the agenda commands of rcmcli.cli.app, through Typer's CliRunner.

Assertions are on exit codes and JSON (``--format json``), never on Rich styling.
Expected local times are converted by hand: the II Plenary opens at 09:00 GMT-6 on
Thursday 9 September 2021, i.e. 15:00 UTC.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import tzdata
from samples import MINIMAL_MEETING
from typer.testing import CliRunner

from rcmcli.cli.app import app

II = "plenary-ii-2021"

# Member states named in the documents: RCM in 000 ("The RCM is made up of 11
# countries: ...") and SACM in 000 ("The SACM Member Countries are ...").
RCM = {"BZ", "CA", "CR", "DO", "SV", "GT", "HN", "MX", "NI", "PA", "US"}
SACM = {"AR", "BO", "BR", "CL", "CO", "EC", "GY", "PY", "PE", "SR", "UY", "VE"}

# First slot of the II Plenary (15:00 UTC) in each capital, by hand from the
# offsets in force on 2021-09-09:
#   -06 no DST: Belize, Costa Rica, El Salvador, Guatemala, Honduras, Nicaragua
#   -05: Mexico City (DST until 31 Oct 2021), Panama, Bogotá, Quito, Lima
#   -04: Ottawa and Washington (DST), Santo Domingo, La Paz, Georgetown, Caracas,
#        Asunción (Paraguay's DST only began on 3 Oct 2021)
#   -03: Buenos Aires, Brasília, Paramaribo, Montevideo, Santiago (Chile's DST began 5 Sep 2021)
FIRST_SLOT = {
    "BZ": "09:00:00-06:00",
    "CA": "11:00:00-04:00",
    "CR": "09:00:00-06:00",
    "DO": "11:00:00-04:00",
    "SV": "09:00:00-06:00",
    "GT": "09:00:00-06:00",
    "HN": "09:00:00-06:00",
    "MX": "10:00:00-05:00",
    "NI": "09:00:00-06:00",
    "PA": "10:00:00-05:00",
    "US": "11:00:00-04:00",
    "AR": "12:00:00-03:00",
    "BO": "11:00:00-04:00",
    "BR": "12:00:00-03:00",
    "CL": "12:00:00-03:00",
    "CO": "10:00:00-05:00",
    "EC": "10:00:00-05:00",
    "GY": "11:00:00-04:00",
    "PY": "11:00:00-04:00",
    "PE": "10:00:00-05:00",
    "SR": "12:00:00-03:00",
    "UY": "12:00:00-03:00",
    "VE": "11:00:00-04:00",
}

MEETING_YAML = MINIMAL_MEETING


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str, env: dict | None = None):
    return runner.invoke(app, list(args), env=env)


def ok_json(runner: CliRunner, *args: str, env: dict | None = None):
    result = invoke(runner, *args, env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- agenda show ------------------------------------------------------------------------


def test_show_in_buenos_aires(runner):
    out = ok_json(runner, "agenda", "show", II, "--tz", "Buenos_Aires", "--format", "json")
    assert out["slots"][0]["start"] == "2021-09-09T12:00:00-03:00"
    assert out["zones"] == ["America/Argentina/Buenos_Aires"]


def test_show_in_published_offset(runner):
    out = ok_json(runner, "agenda", "show", II, "--tz", "GMT-6", "--format", "json")
    assert out["slots"][0]["start"] == "2021-09-09T09:00:00-06:00"


def test_show_default_zone_is_the_published_one(runner):
    out = ok_json(runner, "agenda", "show", II, "--format", "json")
    assert out["slots"][0]["start"] == "2021-09-09T09:00:00-06:00"


def test_show_last_slot_in_ottawa(runner):
    # Closure session, day two, 12:00-13:00 GMT-6 = 14:00-15:00 EDT.
    out = ok_json(runner, "agenda", "show", II, "--tz", "Ottawa", "--format", "json")
    last = out["slots"][-1]
    assert (last["start"], last["end"]) == ("2021-09-10T14:00:00-04:00", "2021-09-10T15:00:00-04:00")


def test_show_several_zones_gives_times_per_zone(runner):
    out = ok_json(runner, "agenda", "show", II, "--tz", "GMT-6", "--tz", "Ottawa", "--tz", "AR", "--format", "json")
    times = out["slots"][0]["times"]
    assert [t["zone"] for t in times] == out["zones"] and len(times) == 3
    assert [t["query"] for t in times] == ["GMT-6", "Ottawa", "AR"]
    assert times[0]["start"] == "2021-09-09T09:00:00-06:00"
    assert times[1]["start"] == "2021-09-09T11:00:00-04:00"
    assert times[2]["start"] == "2021-09-09T12:00:00-03:00"
    assert all("times" in slot for slot in out["slots"])


def test_two_spellings_of_one_zone_keep_two_columns(runner):
    out = ok_json(runner, "agenda", "show", II, "--tz", "AR", "--tz", "Buenos Aires", "--format", "json")
    assert [t["query"] for t in out["slots"][0]["times"]] == ["AR", "Buenos Aires"]
    assert {t["start"] for t in out["slots"][0]["times"]} == {"2021-09-09T12:00:00-03:00"}


def test_show_unknown_zone_exits_2_with_suggestion(runner):
    result = invoke(runner, "agenda", "show", II, "--tz", "Buenos_Aries", "--format", "json")
    assert result.exit_code == 2
    assert "America/Argentina/Buenos_Aires" in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


# Regression: 'Etc/GMT-15' looks like an Etc/GMT name but is no IANA zone; it used to leak a
# KeyError and exit 3 as an internal error.
def test_show_nonexistent_etc_gmt_zone_exits_2(runner):
    result = invoke(runner, "agenda", "show", II, "--tz", "Etc/GMT-15", "--format", "json")
    assert result.exit_code == 2


def test_show_unknown_meeting_exits_2(runner):
    result = invoke(runner, "agenda", "show", "plenary-ii-2012", "--format", "json")
    assert result.exit_code == 2
    assert "plenary-ii-2021" in result.stderr


# --- agenda times -------------------------------------------------------------------------


def test_times_lists_the_23_capitals_of_both_conferences(runner):
    out = ok_json(runner, "agenda", "times", II, "--format", "json")
    codes = [c["country"] for c in out["capitals"]]
    assert len(codes) == 23
    assert set(codes) == RCM | SACM


@pytest.fixture(scope="module")
def ii_times() -> dict:
    """`agenda times` of the II Plenary, run once for the per-capital table."""
    clean = {"RCM_DATA": None, "RCM_TZDB": None, "RCM_TODAY": None}
    result = CliRunner().invoke(app, ["agenda", "times", II, "--format", "json"], env=clean)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("code, expected", sorted(FIRST_SLOT.items()))
def test_times_first_slot_in_each_capital(ii_times, code, expected):
    row = {c["country"]: c for c in ii_times["capitals"]}[code]
    assert row["times"][0]["start"] == f"2021-09-09T{expected}"


def test_times_capitals_named_in_the_brief(runner):
    out = ok_json(runner, "agenda", "times", II, "--format", "json")
    by_capital = {c["capital"]: c["times"][0]["start"] for c in out["capitals"]}
    assert by_capital["Buenos Aires"] == "2021-09-09T12:00:00-03:00"
    assert by_capital["Ottawa"] == "2021-09-09T11:00:00-04:00"
    assert by_capital["Mexico City"] == "2021-09-09T10:00:00-05:00"


def test_times_one_column_per_slot(runner):
    out = ok_json(runner, "agenda", "times", II, "--format", "json")
    assert len(out["slots"]) == 11
    assert all(len(c["times"]) == 11 for c in out["capitals"])


def test_times_org_rcm_gives_11(runner):
    out = ok_json(runner, "agenda", "times", II, "--org", "rcm", "--format", "json")
    assert {c["country"] for c in out["capitals"]} == RCM


def test_times_org_sacm_gives_12(runner):
    out = ok_json(runner, "agenda", "times", II, "--org", "sacm", "--format", "json")
    assert {c["country"] for c in out["capitals"]} == SACM


# --- members and list ----------------------------------------------------------------------


def test_members_lists_23_rows(runner):
    out = ok_json(runner, "members", "--format", "json")
    assert len(out) == 23
    assert {row["country"] for row in out} == RCM | SACM


def test_members_org_rcm(runner):
    out = ok_json(runner, "members", "--org", "rcm", "--format", "json")
    assert {row["country"] for row in out} == RCM


def test_agenda_list_has_the_three_meetings(runner):
    out = ok_json(runner, "agenda", "list", "--format", "json")
    assert sorted(m["id"] for m in out) == ["followup-ii-2021", "plenary-ii-2021", "plenary-iii-2022"]


# --- bad input files -------------------------------------------------------------------------


def test_missing_file_exits_2_without_traceback(runner, tmp_path):
    missing = tmp_path / "absent.yaml"
    result = invoke(runner, "agenda", "show", str(missing))
    assert result.exit_code == 2
    assert str(missing) in result.stderr
    assert "Traceback" not in result.output


def test_syntax_error_exits_2_with_file_line_col(runner, tmp_path):
    path = tmp_path / "broken.yaml"
    # The unclosed '[' on line 2 is detected at line 3, column 12.
    path.write_text(MEETING_YAML.replace("title: Test\n", "title: [Test\n"), encoding="utf-8")
    result = invoke(runner, "agenda", "show", str(path))
    assert result.exit_code == 2
    assert f"{path}:3:12:" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_key_exits_2_with_did_you_mean(runner, tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text(MEETING_YAML.replace("title: Test\n", "title: Test\nplatfrom: Zoom\n"), encoding="utf-8")
    result = invoke(runner, "agenda", "show", str(path))
    assert result.exit_code == 2
    assert f"{path}:3:1:" in result.stderr
    assert "did you mean 'platform'" in result.stderr


# Regression: a misspelled required key ('titel') used to be reported only as "missing required
# key 'title'" at 1:1, with the did-you-mean hidden behind "(and 1 more problem ...)".
def test_misspelled_required_key_shows_did_you_mean(runner, tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text(MEETING_YAML.replace("title: Test\n", "titel: Test\n"), encoding="utf-8")
    result = invoke(runner, "agenda", "show", str(path))
    assert result.exit_code == 2
    assert "did you mean 'title'" in result.stderr


# --- default meeting and catalog folder ------------------------------------------------------


def test_default_meeting_is_next_upcoming(runner):
    out = ok_json(runner, "agenda", "show", "--format", "json", env={"RCM_TODAY": "2021-09-01"})
    assert out["meeting"]["id"] == "plenary-ii-2021"


def test_default_meeting_during_a_meeting_is_that_meeting(runner):
    # 10 September 2021 is day two of the II Plenary.
    out = ok_json(runner, "agenda", "show", "--format", "json", env={"RCM_TODAY": "2021-09-10"})
    assert out["meeting"]["id"] == "plenary-ii-2021"


def test_default_meeting_after_all_is_most_recent(runner):
    out = ok_json(runner, "agenda", "show", "--format", "json", env={"RCM_TODAY": "2030-01-01"})
    assert out["meeting"]["id"] == "plenary-iii-2022"


def test_default_meeting_says_why_on_stderr(runner):
    result = invoke(runner, "agenda", "show", "--format", "json", env={"RCM_TODAY": "2021-09-01"})
    assert "plenary-ii-2021" in result.stderr
    json.loads(result.stdout)


def test_bad_rcm_today_exits_2(runner):
    result = invoke(runner, "agenda", "show", "--format", "json", env={"RCM_TODAY": "yesterday"})
    assert result.exit_code == 2
    assert "RCM_TODAY" in result.stderr


def test_data_folder_with_one_meeting(runner, tmp_path):
    (tmp_path / "test-meeting.yaml").write_text(MEETING_YAML, encoding="utf-8")
    listed = ok_json(runner, "--data", str(tmp_path), "agenda", "list", "--format", "json")
    assert [m["id"] for m in listed] == ["test-meeting"]
    shown = ok_json(runner, "--data", str(tmp_path), "agenda", "show", "test-meeting", "--tz", "AR", "--format", "json")
    assert shown["slots"][0]["start"] == "2021-09-09T12:00:00-03:00"


def test_data_folder_without_members_falls_back_to_bundled(runner, tmp_path):
    (tmp_path / "test-meeting.yaml").write_text(MEETING_YAML, encoding="utf-8")
    out = ok_json(runner, "--data", str(tmp_path), "agenda", "times", "test-meeting", "--format", "json")
    assert {c["country"] for c in out["capitals"]} == RCM


@pytest.mark.parametrize("typed", [".", "./", ".//.", "./meetings/.."])
def test_a_path_reads_as_pathlib_writes_it_however_it_was_typed(runner, tmp_path, monkeypatch, typed: str):
    """`--data ./` lists meetings/x.yaml, not ./meetings/x.yaml; `show ./x.yaml` is x.yaml."""
    (tmp_path / "meetings").mkdir()
    (tmp_path / "meetings" / "test-meeting.yaml").write_text(MEETING_YAML, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    listed = ok_json(runner, "--data", typed, "agenda", "list", "--format", "json")
    expected = "meetings/../meetings/test-meeting.yaml" if ".." in typed else "meetings/test-meeting.yaml"
    assert [m["path"] for m in listed] == [expected.replace("/", os.sep)]
    shown = ok_json(runner, "agenda", "show", ".//meetings/./test-meeting.yaml", "--format", "json")
    assert shown["meeting"]["path"] == os.path.join("meetings", "test-meeting.yaml")
    missing = invoke(runner, "agenda", "show", "./meetings//nothing.yaml")
    assert missing.exit_code == 2 and os.path.join("meetings", "nothing.yaml") + ":" in missing.output
    assert "./" not in missing.output


def test_data_folder_that_does_not_exist_exits_2(runner, tmp_path):
    result = invoke(runner, "--data", str(tmp_path / "nowhere"), "agenda", "list")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


# --- version ---------------------------------------------------------------------------------


def test_version_prints_the_iana_release(runner):
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert tzdata.IANA_VERSION in result.stdout


# Regression: --version used to be handled before --tzdb was applied, so
# 'rcm --tzdb system --version' reported the bundled tzdata release.
def test_version_with_tzdb_system_reports_the_system_database(runner):
    if not Path("/usr/share/zoneinfo/tzdata.zi").is_file():
        pytest.skip("no system tz database with a version file")
    result = invoke(runner, "--tzdb", "system", "--version")
    assert "(system)" in result.stdout


# --tz EST used to give UTC-05:00 without a word: 10:00 for a Washington delegate who
# was at 11:00 (EDT) on 9 September 2021. It still resolves (it is a tz database
# name), with one note on stderr that says what it is and names the zone meant.
def test_show_with_a_legacy_abbreviation_zone_notes_it_on_stderr(runner):
    out = ok_json(runner, "agenda", "show", II, "--tz", "EST", "--format", "json")
    assert out["slots"][0]["start"] == "2021-09-09T10:00:00-05:00"
    result = invoke(runner, "agenda", "show", II, "--tz", "EST", "--format", "json")
    notes = result.stderr.splitlines()
    assert len(notes) == 1 and notes[0].startswith("rcm: note: 'EST' is a legacy tz database name")
    assert "America/New_York" in notes[0]


def test_show_with_an_abbreviation_the_database_lacks_exits_2_with_advice(runner):
    result = invoke(runner, "agenda", "show", II, "--tz", "CST", "--format", "json")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("rcm: error: 'CST' is a time zone abbreviation") and "America/Chicago" in result.stderr


@pytest.mark.parametrize("query", ["Washington", "Washington, D.C."])
def test_show_in_washington(runner, query):
    out = ok_json(runner, "agenda", "show", II, "--tz", query, "--format", "json")
    assert out["slots"][0]["start"] == "2021-09-09T11:00:00-04:00"
    assert out["zones"] == ["America/New_York"]


# --- agenda announce --------------------------------------------------------------------------

# Written by hand from the tz database's offsets on 9 and 10 September 2021 (see FIRST_SLOT);
# the dates in CLDR's English full format ('EEEE, MMMM d, y'):
# 09:00 GMT-6 is 15:00 UTC. Santiago is on UTC-3 (Chile's DST began on 5 September 2021), so
# it is with Buenos Aires at 12:00, not at 11:00 as the agenda (002) says. Capitals are listed
# in the members file's order; the agenda's "Washington DC" is written without a comma.
ANNOUNCE_II = """\
The meeting starts at 09:00 am Central American time (GMT-6) on both days, Thursday, September 9, 2021 and Friday, September 10, 2021:
09:00 am Belmopan, San José, San Salvador, Guatemala City, Tegucigalpa & Managua
10:00 am Mexico City, Panama City, Bogotá, Quito & Lima
11:00 am Ottawa, Santo Domingo, Washington DC, La Paz, Georgetown, Asunción & Caracas
12:00 pm Buenos Aires, Brasília, Santiago, Paramaribo & Montevideo
"""


def test_announce_groups_santiago_with_buenos_aires(runner):
    result = invoke(runner, "agenda", "announce", II)
    assert result.exit_code == 0, result.output
    assert result.stdout == ANNOUNCE_II


def test_announce_named_capitals_in_24_hours(runner):
    result = invoke(runner, "agenda", "announce", II, "--capital", "Santiago", "--capital", "Buenos Aires", "--capital", "Ottawa", "--clock", "24")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == ["11:00 Ottawa", "12:00 Santiago & Buenos Aires"]


def test_announce_json_and_markdown(runner):
    out = ok_json(runner, "agenda", "announce", II, "--format", "json")
    assert out["days_differ"] is False
    [only] = out["announcements"]
    assert only["dates"] == ["2021-09-09", "2021-09-10"]
    by_time = {g["time"]: [p["country"] for p in g["places"]] for g in only["groups"]}
    assert set(by_time) == {"09:00", "10:00", "11:00", "12:00"}
    assert "CL" in by_time["12:00"] and "AR" in by_time["12:00"]
    assert out["text"] == ANNOUNCE_II
    md = invoke(runner, "agenda", "announce", II, "--format", "markdown").stdout
    assert "- **12:00 pm** Buenos Aires, Brasília, Santiago, Paramaribo & Montevideo" in md


def test_announce_per_slot(runner):
    out = ok_json(runner, "agenda", "announce", II, "--slot", "--format", "json")
    assert len(out["announcements"]) == 11
    # Session 3 starts 12:10 GMT-6 = 18:10 UTC: 15:10 in Santiago (UTC-3).
    s3 = next(a for a in out["announcements"] if a["slot"]["session"] == 3)
    assert next(g["time"] for g in s3["groups"] if "CL" in [p["country"] for p in g["places"]]) == "15:10"


DST_MEETING = """\
id: dst-meeting
title: Across the end of DST in North America
conferences: [rcm]
sources:
  - file: 002_1c03c18522c6c0c3.txt
dates: {start: 2021-11-05, end: 2021-11-08}
reference_zone:
  label: GMT-6
  offset: GMT-6
days:
  - date: 2021-11-05
    slots:
      - start: 9:00
        end: 10:00
        title: Day one
  - date: 2021-11-08
    slots:
      - start: 9:00
        end: 10:00
        title: Day two
"""

# By hand: 09:00 GMT-6 is 15:00 UTC. Mexico City left DST on 31 October 2021 (UTC-6 on both
# days); Ottawa and Washington left it on 7 November 2021 (UTC-4 on the 5th, UTC-5 on the 8th);
# Panama (UTC-5) and Santo Domingo (UTC-4) have no DST.
ANNOUNCE_DST = """\
The start times differ from one day to the next: each day is listed.

On Friday, November 5, 2021 the meeting starts at 09:00 am GMT-6:
09:00 am Belmopan, San José, San Salvador, Guatemala City, Tegucigalpa, Mexico City & Managua
10:00 am Panama City
11:00 am Ottawa, Santo Domingo & Washington DC

On Monday, November 8, 2021 the meeting starts at 09:00 am GMT-6:
09:00 am Belmopan, San José, San Salvador, Guatemala City, Tegucigalpa, Mexico City & Managua
10:00 am Ottawa, Panama City & Washington DC
11:00 am Santo Domingo
"""


@pytest.fixture
def dst_data(tmp_path: Path) -> str:
    (tmp_path / "dst-meeting.yaml").write_text(DST_MEETING, encoding="utf-8")
    return str(tmp_path)


def test_announce_per_day_when_clocks_change_between_days(runner, dst_data):
    result = invoke(runner, "--data", dst_data, "agenda", "announce", "dst-meeting")
    assert result.exit_code == 0, result.output
    assert result.stdout == ANNOUNCE_DST


def test_times_groups_are_per_day(runner, dst_data):
    out = ok_json(runner, "--data", dst_data, "agenda", "times", "dst-meeting", "--format", "json")
    groups = {g["date"]: {x["offset"]: x["countries"] for x in g["groups"]} for g in out["clock_groups"]}
    assert groups["2021-11-05"] == {"UTC-6": ["BZ", "CR", "SV", "GT", "HN", "MX", "NI"], "UTC-5": ["PA"], "UTC-4": ["CA", "DO", "US"]}
    assert groups["2021-11-08"] == {"UTC-6": ["BZ", "CR", "SV", "GT", "HN", "MX", "NI"], "UTC-5": ["CA", "PA", "US"], "UTC-4": ["DO"]}


# --- agenda times: grouping and filters -----------------------------------------------------


def test_times_groups_the_23_capitals_into_four_clocks(runner):
    out = ok_json(runner, "agenda", "times", II, "--format", "json")
    first = out["clock_groups"][0]
    assert first["date"] == "2021-09-09"
    # By hand, from FIRST_SLOT: -06, -05, -04, -03.
    expected = {}
    for code, start in FIRST_SLOT.items():
        expected.setdefault("UTC" + start[-6:-3].replace("-0", "-"), set()).add(code)
    assert {g["offset"]: set(g["countries"]) for g in first["groups"]} == expected
    assert [g["offset"] for g in first["groups"]] == ["UTC-6", "UTC-5", "UTC-4", "UTC-3"]


def test_times_day_and_date_filters(runner):
    day1 = ok_json(runner, "agenda", "times", II, "--day", "1", "--format", "json")
    assert [s["date"] for s in day1["slots"]] == ["2021-09-09"] * 6
    assert all(len(c["times"]) == 6 for c in day1["capitals"])
    day2 = ok_json(runner, "agenda", "times", II, "--date", "2021-09-10", "--format", "json")
    assert [s["date"] for s in day2["slots"]] == ["2021-09-10"] * 5


@pytest.mark.parametrize("args", [["--day", "3"], ["--day", "one"], ["--date", "2021-09-11"], ["--date", "9/9/2021"], ["--day", "1", "--date", "2021-09-09"]])
def test_times_bad_day_exits_2(runner, args):
    result = invoke(runner, "agenda", "times", II, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("rcm: error: ") and "Traceback" not in result.output


def test_times_chosen_capitals(runner):
    out = ok_json(runner, "agenda", "times", II, "--capital", "Santiago", "--capital", "AR", "--format", "json")
    assert [c["country"] for c in out["capitals"]] == ["CL", "AR"]
    assert out["capitals"][0]["times"][0]["start"] == "2021-09-09T12:00:00-03:00"
    assert [g["countries"] for g in out["clock_groups"][0]["groups"]] == [["CL", "AR"]]


def test_times_unknown_capital_exits_2(runner):
    result = invoke(runner, "agenda", "times", II, "--capital", "Santaigo")
    assert result.exit_code == 2
    assert "Santiago" in result.stderr


# --- members on a date --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, code, offset",
    [
        ("2021-09-09", "CL", "UTC-03:00"),  # Chile's DST began on 5 September 2021
        ("2021-06-01", "CL", "UTC-04:00"),
        ("2021-09-09", "US", "UTC-04:00"),
        ("2021-12-01", "US", "UTC-05:00"),
        ("2021-09-09", "MX", "UTC-05:00"),  # Mexico City's last DST ended on 31 October 2021
        ("2023-06-01", "MX", "UTC-06:00"),
    ],
)
def test_members_offsets_on_a_date(runner, day, code, offset):
    out = ok_json(runner, "members", "--date", day, "--format", "json")
    row = next(r for r in out if r["country"] == code)
    assert row["utc_offset"] == offset
    assert row["at"] == f"{day}T12:00:00+00:00"
    assert "utc_offset_now" in row


# --- formats, CSV formulas and plain output -----------------------------------------------------

READ_COMMANDS = {
    ("agenda", "list"): ("table", "json", "markdown", "csv"),
    ("agenda", "show"): ("table", "json", "markdown", "csv"),
    ("agenda", "times"): ("table", "json", "markdown", "csv"),
    ("members",): ("table", "json", "markdown", "csv"),
    ("agenda", "announce"): ("text", "markdown", "json", "csv"),
}


@pytest.mark.parametrize("path, formats", READ_COMMANDS.items(), ids=[" ".join(p) for p in READ_COMMANDS])
def test_every_read_command_offers_its_formats(runner, path, formats):
    result = invoke(runner, *path, "--help")
    shown = result.stdout.replace("\n", "")  # exactly these, in this order ([...] before Typer 0.2x, <...> after)
    assert f"<{'|'.join(formats)}>" in shown or f"[{'|'.join(formats)}]" in shown
    for fmt in formats:
        args = [*path, *([II] if path[0] == "agenda" and path[-1] != "list" else []), "--format", fmt]
        done = invoke(runner, *args)
        assert done.exit_code == 0, (args, done.output)
        assert done.stdout.strip()


FORMULAS = """\
id: formulas
title: "=HYPERLINK(\\"http://example.org\\",\\"click\\")"
conferences: [rcm]
sources:
  - file: 002_1c03c18522c6c0c3.txt
dates: {start: 2021-09-09, end: 2021-09-09}
reference_zone:
  label: "@GMT-6"
  offset: GMT-6
days:
  - date: 2021-09-09
    slots:
      - start: 9:00
        end: 9:30
        title: "+cmd|' /C calc'!A0"
      - start: 9:30
        end: 10:00
        title: "-2+3"
      - start: 10:00
        end: 10:30
        title: "@SUM(A1:A2)"
"""


@pytest.mark.parametrize(
    "args",
    [
        ["agenda", "list"],
        ["agenda", "show", "formulas"],
        ["agenda", "times", "formulas"],
        ["agenda", "announce", "formulas", "--slot"],
    ],
)
def test_csv_cells_never_start_a_formula(runner, tmp_path, args):
    import csv
    import io

    (tmp_path / "formulas.yaml").write_text(FORMULAS, encoding="utf-8")
    result = invoke(runner, "--data", str(tmp_path), *args, "--format", "csv")
    assert result.exit_code == 0, result.output
    cells = [c for row in csv.reader(io.StringIO(result.stdout)) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not c.lstrip("-").isdigit())]
    quoted = {c for c in cells if c.startswith("'")}
    assert quoted, "the hostile titles should be in the export"
    assert quoted <= {"'=HYPERLINK(\"http://example.org\",\"click\")", "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(A1:A2)", "'@GMT-6"}


def _plain(args: list[str], columns: str | None) -> str:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_") and k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = columns
    proc = subprocess.run([sys.executable, "-m", "rcmcli", *args], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("columns, width", [(None, 80), ("100", 100), ("abc", 80), ("0", 80), ("-5", 80)])
def test_output_that_is_not_a_terminal_is_80_columns_or_columns(columns, width):
    out = _plain(["agenda", "show", II, "--tz", "Santiago"], columns)
    lines = out.splitlines()
    assert "\x1b[" not in out
    assert max(len(line) for line in lines) == width  # the header rule spans the table

