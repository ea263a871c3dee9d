"""``rcm plan`` and ``rcm agenda new`` end to end, through the Typer application.

Expected times are written by hand from the tz database's rules (see
tests/core/test_planner.py for the offsets): on 3 December 2026 the 23 capitals run
from UTC-6 to UTC-3, so a two-hour meeting inside 09:00-18:00 everywhere starts
between 09:00 and 13:00 GMT-6, i.e. 15:00-19:00 UTC.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rcmcli.cli import app as cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.chdir(tmp_path)


def test_acceptance_3_december_2026(capsys) -> None:
    code, out, _ = run(capsys, "plan", "2026-12-03", "--duration", "2h", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert len(data["capitals"]) == 23
    (day,) = data["days"]
    assert day["all_in_work"] == [
        {"first": "09:00", "last": "13:00", "first_utc": "2026-12-03T15:00:00Z", "last_utc": "2026-12-03T19:00:00Z"}
    ]
    assert [(w["first"], w["last"]) for w in day["windows"] if w["all_in_work"]] == [("09:00", "13:00")]
    assert day["best"]["rank"] == 1 and day["best"]["first"] == "09:00"


def test_spring_2027_all_capitals(capsys) -> None:
    code, out, _ = run(capsys, "plan", "2027-03-01..2027-04-15", "-d", "2h", "-f", "json")
    data = json.loads(out)
    assert code == 0 and len(data["days"]) == 46
    assert all((d["best"]["first"], d["best"]["last"]) == ("09:00", "13:00") for d in data["days"])
    assert data["best_window_changes"] == []
    changes = [(c["utc"], c["from"], c["to"], sorted(c["countries"])) for c in data["clock_changes"]]
    assert changes == [
        ("2027-03-14T07:00:00Z", "UTC-5", "UTC-4", ["CA", "US"]),
        ("2027-04-04T03:00:00Z", "UTC-3", "UTC-4", ["CL"]),
    ]
    code, out, _ = run(capsys, "plan", "2027-03-01..2027-04-15", "-d", "2h", "-f", "markdown")
    assert "Canada, United States move from UTC-5 to UTC-4 on March 14, 2027 at 02:00 local time"  # dates: CLDR en long in out
    assert "Chile moves from UTC-3 to UTC-4 on April 4, 2027 at 00:00 local time (03:00 UTC)" in out
    assert "The best window changes" not in out


def test_spring_2027_ottawa_and_santiago(capsys) -> None:
    argv = ["plan", "2027-03-01..2027-04-15", "--duration", "2h", "--capital", "Ottawa", "--capital", "Santiago", "-f", "json"]
    code, out, _ = run(capsys, *argv)
    data = json.loads(out)
    periods = [(p["from"], p["to"], [(s["first"], s["last"]) for s in p["all_in_work"]]) for p in data["periods"]]
    assert periods == [
        ("2027-03-01", "2027-03-13", [("08:00", "13:00")]),
        ("2027-03-14", "2027-04-03", [("07:00", "13:00")]),
        ("2027-04-04", "2027-04-15", [("07:00", "14:00")]),
    ]
    assert [(c["date"], c["because"]) for c in data["best_window_changes"]] == [
        ("2027-03-14", ["2027-03-14T07:00:00Z"]),
        ("2027-04-04", ["2027-04-04T03:00:00Z"]),
    ]
    code, out, _ = run(capsys, *argv[:-2], "-f", "markdown")
    assert "- from March 14, 2027: 07:00–13:00 GMT-6 (until then 08:00–13:00), because Canada moves from UTC-5 to UTC-4" in out
    assert "- from April 4, 2027: 07:00–14:00 GMT-6 (until then 07:00–13:00), because Chile moves from UTC-3 to UTC-4" in out


def test_draft_validates_and_shows_the_chosen_times(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "plan", "2026-12-03", "--duration", "2h", "--draft", "d.yaml", "-f", "json")
    assert code == 0 and "d.yaml" in err
    assert "sources" not in (tmp_path / "d.yaml").read_text(encoding="utf-8").replace("'sources:'", "")
    code, out, _ = run(capsys, "agenda", "validate", "d.yaml")
    assert code == 0, out
    code, out, _ = run(capsys, "agenda", "show", "d.yaml", "--tz", "Santiago", "-f", "json")
    assert code == 0
    (slot,) = json.loads(out)["slots"]
    # The draft takes the most central all-in start; whichever it is, it lies in 09:00-13:00 GMT-6,
    # and Santiago (UTC-3 in December) sees it three hours later.
    start = slot["published"]["start"]
    assert "09:00" <= start <= "13:00"
    local = slot["times"][0]["start"]
    assert local.endswith("-03:00") and int(local[11:13]) == int(start[:2]) + 3
    # The draft is found by its id from the working folder, without --data.
    code, out, _ = run(capsys, "agenda", "show", "d", "-f", "json")
    assert code == 0 and json.loads(out)["meeting"]["id"] == "d"
    # ... and never overwritten.
    code, _, err = run(capsys, "plan", "2026-12-03", "--draft", "d.yaml", "-f", "json")
    assert code == 2 and "already exists" in err


def test_grid_fits_80_columns(capsys) -> None:
    code, out, _ = run(capsys, "plan", "2026-12-03")
    assert code == 0
    lines = out.splitlines()
    grid = [line for line in lines if line.startswith(("GMT-6", "UTC-")) and ":" not in line[:8]]
    assert len(grid) == 5  # the reference hours, then UTC-6, -5, -4, -3
    assert all(len(line.rstrip()) <= 80 for line in lines)
    assert grid[1].split()[1].startswith("00*") and "09+" in grid[1]
    best = next(line for line in lines if line.startswith("best"))
    # Hours 09..14 GMT-6 are covered by the starts 09:00-13:00 of a 2-hour meeting.
    assert best.index("=") == grid[0].index("09") and best.rstrip().endswith("=") and best.count("===") == 6


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plan", "2026-13-01"], "is not a date"),
        (["plan", "2026-12-03", "--duration", "2 hours"], "--duration"),
        (["plan", "2026-12-03", "--capital", "Atlantis"], "--capital 'Atlantis'"),
        (["plan", "2026-12-03", "--capital", "Santiago", "--org", "rcm"], "--org and --capital"),
        (["plan", "2026-12-03", "--work", "18:00-09:00"], "working hours"),
        (["plan", "2026-12-03", "--ref", "Nowhere/City"], "Nowhere/City"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, argv, message) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("rcm: error:") and message in err and err.count("\n") == 1


def test_plan_hours_from_configuration(capsys, tmp_path: Path) -> None:
    (tmp_path / ".rcm.toml").write_text('[plan]\nwork_start = "08:00"\nwork_end = "17:00"\n', encoding="utf-8")
    code, out, _ = run(capsys, "plan", "2026-12-03", "--capital", "Mexico City", "-f", "json")
    assert code == 0
    assert json.loads(out)["days"][0]["all_in_work"][0]["first"] == "08:00"
    (tmp_path / ".rcm.toml").write_text('[plan]\nwork_start = "8"\n', encoding="utf-8")
    code, _, err = run(capsys, "plan", "2026-12-03")
    assert code == 2 and "work_start" in err


def test_agenda_new_writes_a_draft_that_validates(capsys, tmp_path: Path) -> None:
    argv = [
        "agenda", "new", "agendas/iv.yaml", "--id", "plenary-iv-2026", "--title", "IV Plenary",
        "--dates", "2026-12-03..2026-12-04", "--org", "rcm",
        "--slot", '09:00-10:00 "Session 1: Opening"', "--slot", "2026-12-04 10:00-11:30 Session 2",
    ]
    (tmp_path / "agendas").mkdir()
    code, _, err = run(capsys, *argv)
    assert code == 0, err
    import yaml

    assert yaml.safe_load((tmp_path / "agendas/iv.yaml").read_text(encoding="utf-8"))["conferences"] == ["rcm"]  # --org rcm
    code, out, _ = run(capsys, "agenda", "validate", "agendas/iv.yaml")
    assert code == 0, out
    code, out, _ = run(capsys, "agenda", "show", "plenary-iv-2026", "-f", "json")
    slots = json.loads(out)["slots"]
    assert [(s["date"], s["start"][11:16], s["title"]) for s in slots] == [
        ("2026-12-03", "09:00", "Session 1: Opening"),
        ("2026-12-04", "10:00", "Session 2"),
    ]
    code, _, err = run(capsys, *argv)
    assert code == 2 and "already exists" in err


def test_agenda_new_from_a_plan_draft(capsys, tmp_path: Path) -> None:
    assert run(capsys, "plan", "2026-12-03", "--org", "sacm", "--draft", "p.yaml", "-f", "csv")[0] == 0
    code, _, err = run(capsys, "agenda", "new", "m.yaml", "--from", "p.yaml", "--id", "sacm-x", "--title", "SACM X")
    assert code == 0, err
    text = (tmp_path / "m.yaml").read_text(encoding="utf-8")
    assert "id: sacm-x" in text and "conferences: [sacm]" in text and "status: draft" in text
    assert run(capsys, "agenda", "validate", "m.yaml")[0] == 0


def test_a_published_meeting_still_needs_sources(capsys, tmp_path: Path) -> None:
    run(capsys, "agenda", "new", "x.yaml", "--dates", "2026-12-03", "--slot", "09:00-10:00 Opening")
    path = tmp_path / "x.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8")
    code, out, _ = run(capsys, "agenda", "validate", "x.yaml")
    assert code == 1 and "missing required key 'sources'" in out and "Y004" in out


def test_series_shares_the_hours_outside_working_time(capsys) -> None:
    # Mexico City (UTC-6) and Buenos Aires (UTC-3), working 09:00-12:00, 2 hours: no start
    # suits both (Mexico needs >= 09:00 GMT-6, Buenos Aires <= 07:00). Each hour later
    # moves an hour of the burden from Mexico to Buenos Aires; 08:00 GMT-6 splits it,
    # 1 h each, and keeps doing so: after three weekly meetings, 3 h each.
    argv = ["plan", "2026-12-03", "--series", "3", "--every", "1w", "--capital", "Mexico City", "--capital", "Buenos Aires", "--work", "09:00-12:00", "-f", "json"]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    data = json.loads(out)
    assert [(m["date"], m["start"], m["start_utc"], m["outside_minutes"]) for m in data["meetings"]] == [
        ("2026-12-03", "08:00", "2026-12-03T14:00:00Z", {"MX": 60, "AR": 60}),
        ("2026-12-10", "08:00", "2026-12-10T14:00:00Z", {"MX": 60, "AR": 60}),
        ("2026-12-17", "08:00", "2026-12-17T14:00:00Z", {"MX": 60, "AR": 60}),
    ]
    assert data["total_outside_minutes"] == {"MX": 180, "AR": 180}
    code, _, err = run(capsys, "plan", "2026-12-01..2026-12-05", "--series", "2")
    assert code == 2 and "--series" in err
    code, _, err = run(capsys, "plan", "2026-12-01", "--series", "2", "--every", "soon")
    assert code == 2 and "--every" in err


def test_series_with_a_window_for_everyone_keeps_it(capsys) -> None:
    code, out, _ = run(capsys, "plan", "2026-12-03", "--series", "2", "--every", "2w", "-f", "json")
    data = json.loads(out)
    assert [m["date"] for m in data["meetings"]] == ["2026-12-03", "2026-12-17"]
    assert all("09:00" <= m["start"] <= "13:00" and set(m["outside_minutes"].values()) == {0} for m in data["meetings"])


def test_agenda_new_refuses_control_characters(capsys) -> None:
    code, _, err = run(capsys, "agenda", "new", "x.yaml", "--dates", "2026-12-03", "--slot", "09:00-10:00 Open\x1b[31ming")
    assert code == 2 and "control characters" in err and "\x1b" not in err
