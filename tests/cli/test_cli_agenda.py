"""Tests for the agenda commands of rcmcli.cli.app, through Typer's CliRunner.

Assertions are on exit codes and JSON (``--format json``), never on Rich styling.
Expected local times are converted by hand: the II Plenary opens at 09:00 GMT-6 on
Thursday 9 September 2021, i.e. 15:00 UTC.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tzdata
from typer.testing import CliRunner

from rcmcli.cli.app import app
from samples import MINIMAL_MEETING

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
