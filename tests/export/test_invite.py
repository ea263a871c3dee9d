"""Tests for ``rcm agenda invite`` and rcmcli.core.roster.

Expected local times are the agenda's own statements (002, II Plenary): "the meeting
start time for both days is as follows: 10:00 am Mexico City ... 11:00 am Washington
DC ... 12:00 pm Buenos Aires" for 09:00 GMT-6 = 15:00 UTC.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar
from typer.testing import CliRunner

from rcmcli.cli.app import app
from rcmcli.core.catalog import bundled_dir
from rcmcli.core.roster import Participant, file_names

II, FOLLOWUP = "plenary-ii-2021", "followup-ii-2021"
ORGANIZER = "RCM Secretariat <secretariat@example.org>"
runner = CliRunner()


def utc(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


FIVE = '''name,email,country,role,language
Ana Pérez,ana.perez@gob.mx,MX,delegate,es
Ana Pérez,aperez@sre.gob.mx,México,observer,es
John Smith,john.smith@state.gov,United States,chair,en
María Gómez,maria.gomez@cancilleria.gob.ar,ARG,,es
"Gómez, Luis ""Lucho""",luis@cancilleria.gob.ar,argentina,participant,
'''


def invite(tmp_path: Path, roster_text: str, suffix: str = ".csv", meeting: str = II, *extra: str):
    roster = tmp_path / f"roster{suffix}"
    roster.write_text(roster_text, encoding="utf-8")
    out = tmp_path / "invites"
    result = runner.invoke(app, ["agenda", "invite", meeting, "--roster", str(roster), "-o", str(out), *extra])
    return result, out


def read(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def test_acceptance_five_people_three_countries(tmp_path: Path) -> None:
    result, out = invite(tmp_path, FIVE, ".csv", II, "--organizer", ORGANIZER)
    assert result.exit_code == 0, result.output
    files = sorted(out.iterdir())
    assert len(files) == 5
    assert sorted(result.stdout.split()) == sorted(str(f) for f in files)
    expected = {
        "mailto:ana.perez@gob.mx": ("Ana Pérez", "REQ-PARTICIPANT"),
        "mailto:aperez@sre.gob.mx": ("Ana Pérez", "OPT-PARTICIPANT"),
        "mailto:john.smith@state.gov": ("John Smith", "CHAIR"),
        "mailto:maria.gomez@cancilleria.gob.ar": ("María Gómez", "REQ-PARTICIPANT"),
        "mailto:luis@cancilleria.gob.ar": ("Gómez, Luis 'Lucho'", "REQ-PARTICIPANT"),
    }
    seen = set()
    for path in files:
        cal = read(path)
        assert str(cal["METHOD"]) == "REQUEST"
        vevents = cal.walk("VEVENT")
        assert len({str(e["UID"]) for e in vevents}) == 1  # iTIP: one UID per message
        for event in vevents:
            attendee = event["ATTENDEE"]
            name, role = expected[str(attendee)]
            assert attendee.params["CN"] == name and attendee.params["ROLE"] == role
            assert attendee.params["RSVP"] == "TRUE" and attendee.params["PARTSTAT"] == "NEEDS-ACTION"
            assert str(event["ORGANIZER"]) == "mailto:secretariat@example.org"
            assert event["ORGANIZER"].params["CN"] == "RCM Secretariat"
        seen.add(str(vevents[0]["ATTENDEE"]))
    assert seen == set(expected)


def _by_email(out: Path, email: str) -> Calendar:
    for path in out.iterdir():
        cal = read(path)
        if str(cal.walk("VEVENT")[0]["ATTENDEE"]) == f"mailto:{email}":
            return cal
    raise AssertionError(email)


@pytest.mark.parametrize(
    ("email", "heading", "opening"),
    [
        ("ana.perez@gob.mx", "Horario en Ciudad de México (America/Mexico_City)", "10:00–10:30  Sesión de apertura"),
        ("john.smith@state.gov", "Times in Washington, D.C. (America/New_York)", "11:00–11:30  Opening session"),
        (
            "luis@cancilleria.gob.ar",
            "Times in Buenos Aires (America/Argentina/Buenos_Aires)",
            "12:00–12:30  Opening session",
        ),
    ],
)
def test_description_gives_times_in_the_participants_capital(
    tmp_path: Path, email: str, heading: str, opening: str
) -> None:
    result, out = invite(tmp_path, FIVE, ".csv", II, "--organizer", ORGANIZER)
    assert result.exit_code == 0, result.output
    text = str(_by_email(out, email).walk("VEVENT")[0]["DESCRIPTION"])
    assert heading in text
    assert opening in text
    assert "Central American time (GMT-6)" in text


def test_two_day_meeting_is_one_recurring_event(tmp_path: Path) -> None:
    result, out = invite(tmp_path, FIVE, ".csv", II, "--organizer", ORGANIZER)
    assert result.exit_code == 0, result.output
    master, override = _by_email(out, "john.smith@state.gov").walk("VEVENT")
    # Day one 09:00-13:15 GMT-6 = 15:00-19:15 UTC; day two 09:00-13:00 = 15:00-19:00 UTC.
    assert (master["DTSTART"].dt, master["DTEND"].dt) == (utc(2021, 9, 9, 15), utc(2021, 9, 9, 19, 15))
    rule = rrulestr(master["RRULE"].to_ical().decode(), dtstart=master["DTSTART"].dt)
    assert list(rule) == [utc(2021, 9, 9, 15), utc(2021, 9, 10, 15)]
    assert override["RECURRENCE-ID"].dt == utc(2021, 9, 10, 15)
    assert (override["DTSTART"].dt, override["DTEND"].dt) == (utc(2021, 9, 10, 15), utc(2021, 9, 10, 19))


def test_one_day_meeting_is_one_event(tmp_path: Path) -> None:
    roster = "name,email,country\nA,a@x.org,PA\n"
    result, out = invite(tmp_path, roster, ".csv", FOLLOWUP, "--organizer", ORGANIZER)
    assert result.exit_code == 0, result.output
    (event,) = read(next(out.iterdir())).walk("VEVENT")
    # 10:00-12:00 GMT-5 = 15:00-17:00 UTC.
    assert (event["DTSTART"].dt, event["DTEND"].dt) == (utc(2021, 10, 1, 15), utc(2021, 10, 1, 17))
    assert "RRULE" not in event


def test_days_across_a_dst_change_and_a_gap(tmp_path: Path) -> None:
    # New York: EDT (UTC-4) on Sat 6 Nov 2021, EST (UTC-5) from Sun 7 Nov; no slots on the 7th.
    meeting = tmp_path / "dst.yaml"
    meeting.write_text(
        """id: dst-test
title: {en: DST test}
conferences: [rcm]
sources: [{file: test.txt}]
dates: {start: 2021-11-06, end: 2021-11-08}
reference_zone: {label: New York time, zone: America/New_York}
days:
  - date: 2021-11-06
    slots: [{start: "9:00", end: "12:00", title: {en: One}}]
  - date: 2021-11-08
    slots: [{start: "9:00", end: "12:00", title: {en: Two}}]
""",
        encoding="utf-8",
    )
    result, out = invite(tmp_path, "name,email,country\nA,a@x.org,US\n", ".csv", str(meeting), "--organizer", ORGANIZER)
    assert result.exit_code == 0, result.output
    master, override = read(next(out.iterdir())).walk("VEVENT")
    assert master["DTSTART"].dt == utc(2021, 11, 6, 13)  # 09:00 EDT
    assert [d.dt for d in master["EXDATE"].dts] == [utc(2021, 11, 7, 13)]
    assert override["RECURRENCE-ID"].dt == utc(2021, 11, 8, 13)
    assert override["DTSTART"].dt == utc(2021, 11, 8, 14)  # 09:00 EST


def test_organizer_from_the_secretariat(tmp_path: Path) -> None:
    text = (bundled_dir() / "meetings" / f"{FOLLOWUP}.yaml").read_text(encoding="utf-8")
    meeting = tmp_path / "followup.yaml"
    meeting.write_text(
        text.replace(
            "mode: virtual\n", "mode: virtual\nsecretariat: {name: RCM Technical Secretariat, email: st@crmsv.org}\n"
        ),
        encoding="utf-8",
    )
    result, out = invite(tmp_path, "name,email,country\nA,a@x.org,PA\n", ".csv", str(meeting))
    assert result.exit_code == 0, result.output
    organizer = read(next(out.iterdir())).walk("VEVENT")[0]["ORGANIZER"]
    assert str(organizer) == "mailto:st@crmsv.org" and organizer.params["CN"] == "RCM Technical Secretariat"


def test_no_secretariat_and_no_organizer_is_an_error(tmp_path: Path) -> None:
    result, out = invite(tmp_path, "name,email,country\nA,a@x.org,PA\n", ".csv", FOLLOWUP)
    assert result.exit_code == 2
    assert "secretariat" in result.output and "--organizer" in result.output
    assert not out.exists()


def test_yaml_roster_and_determinism(tmp_path: Path) -> None:
    roster = """- {name: Ana, email: ana@gob.mx, country: MX, language: es}
- name: Bea
  email: bea@gob.pa
  country: Panamá
"""
    result, out = invite(tmp_path, roster, ".yaml", FOLLOWUP, "--organizer", ORGANIZER)
    assert result.exit_code == 0, result.output
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    result, out = invite(tmp_path, roster, ".yaml", FOLLOWUP, "--organizer", ORGANIZER)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first


def test_semicolon_csv(tmp_path: Path) -> None:
    roster = "name;email;country\nGómez, Ana;ana@gob.mx;MX\n"
    result, out = invite(tmp_path, roster, ".csv", FOLLOWUP, "--organizer", ORGANIZER)
    assert result.exit_code == 0, result.output
    assert read(next(out.iterdir())).walk("VEVENT")[0]["ATTENDEE"].params["CN"] == "Gómez, Ana"


# --- validation: clear errors, nothing written ------------------------------------------


@pytest.mark.parametrize(
    ("roster", "where", "message"),
    [
        ("name,email,country\nA,a@x.org,Narnia\n", ":2:1:", "unknown country 'Narnia'"),
        ("name,email,country\nA,a@x.org,Mexco\n", ":2:1:", "did you mean 'Mexico'?"),
        ("name,email,country\nA,a@@x.org,MX\n", ":2:1:", "'a@@x.org' is not an email address"),
        # '?' would start mailto: headers (mailto:a?cc=boss@x.org).
        ("name,email,country\nA,a?cc=boss@x.org,MX\n", ":2:1:", "'a?cc=boss@x.org' is not an email address"),
        ("name,email,country\nA,a@x.org,MX\nB,A@X.org,PA\n", ":3:1:", "duplicate email 'A@X.org' (first at line 2)"),
        ("name,email,country,role\nA,a@x.org,MX,boss\n", ":2:1:", "unknown role 'boss'"),
        ("name,email,country,language\nA,a@x.org,MX,fr\n", ":2:1:", "unknown language 'fr'"),
        ("name,mail,country\nA,a@x.org,MX\n", ":1:1:", "unknown column 'mail'; did you mean 'email'?"),
        ("name,email,country\n", ":1:1:", "lists no participants"),
    ],
)
def test_csv_roster_errors(tmp_path: Path, roster: str, where: str, message: str) -> None:
    result, out = invite(tmp_path, roster, ".csv", FOLLOWUP, "--organizer", ORGANIZER)
    assert result.exit_code == 2
    assert f"roster.csv{where}" in result.output and message in result.output
    assert not out.exists()


def test_more_participants_per_country_than_allowed(tmp_path: Path) -> None:
    # 004: "The participation of a maximum of 4 people per country is recommended."
    roster = "name,email,country\n" + "".join(f"P{i},p{i}@gob.mx,MX\n" for i in range(5)) + "Q,q@gob.pa,PA\n"
    result, out = invite(tmp_path, roster, ".csv", FOLLOWUP, "--organizer", ORGANIZER)
    assert result.exit_code == 2
    assert "roster.csv:6:1: 5 participants from Mexico; the meeting allows at most 4 per country" in result.output
    assert not out.exists()
    # The II Plenary sets no limit.
    result, out = invite(tmp_path, roster, ".csv", II, "--organizer", ORGANIZER)
    assert result.exit_code == 0, result.output


def test_yaml_roster_errors_have_positions_and_are_all_counted(tmp_path: Path) -> None:
    roster = """- name: Ana
  email: ana@gob.mx
  country: Brasil
  langauge: es
- name: Bo
  email: not-an-email
  country: XX
"""
    result, out = invite(tmp_path, roster, ".yaml", FOLLOWUP, "--organizer", ORGANIZER)
    assert result.exit_code == 2
    # Every problem at once, one line each, by position (not "and 2 more problems").
    lines = [re.fullmatch(r"rcm: error: .*/(roster\.yaml:\d+:\d+): (.*)", line).groups() for line in result.output.splitlines()]
    assert [where for where, _ in lines] == ["roster.yaml:4:3", "roster.yaml:6:10", "roster.yaml:7:12"]
    assert "unknown field 'langauge'; did you mean 'language'?" in lines[0][1]
    assert "'not-an-email' is not an email address" in lines[1][1]
    assert "unknown country 'XX'" in lines[2][1]
    assert not out.exists()


def test_name_with_line_break_is_refused(tmp_path: Path) -> None:
    roster = '- {name: "Ana\\r\\nATTENDEE:mailto:evil@x.org", email: ana@gob.mx, country: MX}\n'
    result, out = invite(tmp_path, roster, ".yaml", FOLLOWUP, "--organizer", ORGANIZER)
    assert result.exit_code == 2
    assert "line break" in result.output
    assert not out.exists()


def test_names_with_separators_cannot_inject(tmp_path: Path) -> None:
    roster = 'name,email,country\n"Ana; ROLE=CHAIR, ""x"": y",ana@gob.mx,MX\n'
    result, out = invite(tmp_path, roster, ".csv", FOLLOWUP, "--organizer", 'Sec; "x" <s@x.org>')
    assert result.exit_code == 0, result.output
    event = read(next(out.iterdir())).walk("VEVENT")[0]
    assert set(event["ATTENDEE"].params) == {"CN", "CUTYPE", "PARTSTAT", "ROLE", "RSVP"}
    assert event["ATTENDEE"].params["CN"] == "Ana; ROLE=CHAIR, 'x': y"
    assert event["ATTENDEE"].params["ROLE"] == "REQ-PARTICIPANT"
    assert set(event["ORGANIZER"].params) == {"CN"} and event["ORGANIZER"].params["CN"] == "Sec; 'x'"


def test_a_long_name_with_a_comma_stays_one_address(tmp_path: Path) -> None:
    # The email package folds a To: line at 78 columns and, for a quoted display name,
    # dropped the quotes at the fold: this To: read back as two addresses.
    name = "Ambassador John Smith, Permanent Representative of the United States to the OAS"
    from email import message_from_bytes, policy

    roster = f'name,email,country\n"{name}",john.smith@state.gov,US\n'
    result, out = invite(tmp_path, roster, ".csv", II, "--organizer", f'"{name}" <sec@example.org>', "--eml")
    assert result.exit_code == 0, result.output
    msg = message_from_bytes(next(out.glob("*.eml")).read_bytes(), policy=policy.strict)
    for field, email in (("To", "john.smith@state.gov"), ("From", "sec@example.org")):
        assert [(a.display_name, a.addr_spec) for a in msg[field].addresses] == [(name, email)]


def test_bad_organizer_option(tmp_path: Path) -> None:
    result, out = invite(tmp_path, "name,email,country\nA,a@x.org,PA\n", ".csv", FOLLOWUP, "--organizer", "nobody")
    assert result.exit_code == 2 and "--organizer" in result.output
    assert not out.exists()


def test_output_must_be_a_folder(tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("name,email,country\nA,a@x.org,PA\n")
    target = tmp_path / "file.txt"
    target.write_text("keep")
    args = ["agenda", "invite", FOLLOWUP, "--roster", str(roster), "-o", str(target), "--organizer", ORGANIZER]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert target.read_text() == "keep"


# --- file names ------------------------------------------------------------------------------


def test_file_names_are_safe_distinct_and_stable() -> None:
    a = Participant("Ana Pérez", "ana@gob.mx", "MX")
    b = Participant("Ana Pérez", "ana.perez@gob.mx", "MX")
    evil = Participant("../../etc/passwd\\..\\x", "e@x.org", "PA")
    empty = Participant("東京", "t@x.org", "PA")
    names = file_names([a, b, evil, empty])
    assert len(set(n.casefold() for n in names)) == 4
    for n in names:
        assert "/" not in n and "\\" not in n and n.endswith(".ics") and not n.startswith(".")
        assert n.count(".") == 1
    assert names[0].startswith("MX-ana-perez-") and names[3].startswith("PA-participant-")
    # Someone joining the roster never renames anyone else's file.
    assert file_names([Participant("Zed", "z@x.org", "CR"), a, b])[1:] == names[:2]


@pytest.mark.parametrize(
    ("typed", "code"),
    [("Brésil", "BR"), ("Brasil", "BR"), ("Estados Unidos", "US"), ("États-Unis", "US"), ("Etats-Unis", "US"),
     ("Équateur", "EC"), ("Equador", "EC"), ("Pérou", "PE"), ("Guiana", "GY"), ("Jamaïque", "JM"), ("MEX", "MX")],
)
def test_a_roster_country_may_be_written_in_any_of_the_four_languages(typed: str, code: str) -> None:
    from rcmcli.core.catalog import Catalog
    from rcmcli.core.roster import country_index
    from rcmcli.core.zones import fold

    assert country_index(Catalog(bundled_dir()).members)[fold(typed)] == code
