"""Tests for ``rcm agenda ics`` (rcmcli.export.ics and rcmcli.cli_calendar).

Every export is parsed back with icalendar, an independent parser. Expected
instants are the published reference times converted to UTC by hand:

* II Plenary (002): "All times in this agenda are shown in Central American time
  (GMT-6)" -> add six hours: 09:00 GMT-6 = 15:00 UTC on 9 and 10 September 2021.
* Follow-up meeting (004): "Mexico Time, GMT-5" -> add five hours: 10:00 = 15:00 UTC
  on 1 October 2021.
* III Plenary (000): GMT-6 -> add six hours: 09:00 = 15:00 UTC on 31 May 2022.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from rcmcli.cli.app import app
from rcmcli.core.catalog import bundled_dir

II, III, FOLLOWUP = "plenary-ii-2021", "plenary-iii-2022", "followup-ii-2021"


def utc(y: int, mo: int, d: int, h: int, mi: int) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=timezone.utc)


# (kind, start UTC, end UTC) of every slot, in agenda order, converted by hand.
TRUTH = {
    II: [
        ("opening", utc(2021, 9, 9, 15, 0), utc(2021, 9, 9, 15, 30)),  # 9:00-9:30 GMT-6
        ("presentation", utc(2021, 9, 9, 15, 30), utc(2021, 9, 9, 15, 50)),  # 9:30-9:50
        ("session", utc(2021, 9, 9, 15, 50), utc(2021, 9, 9, 16, 50)),  # 9:50-10:50
        ("break", utc(2021, 9, 9, 16, 50), utc(2021, 9, 9, 17, 10)),  # 10:50-11:10
        ("session", utc(2021, 9, 9, 17, 10), utc(2021, 9, 9, 18, 10)),  # 11:10-12:10
        ("session", utc(2021, 9, 9, 18, 10), utc(2021, 9, 9, 19, 15)),  # 12:10-13:15
        ("session", utc(2021, 9, 10, 15, 0), utc(2021, 9, 10, 16, 0)),  # 9:00-10:00
        ("session", utc(2021, 9, 10, 16, 0), utc(2021, 9, 10, 17, 0)),  # 10:00-11:00
        ("break", utc(2021, 9, 10, 17, 0), utc(2021, 9, 10, 17, 15)),  # 11:00-11:15
        ("session", utc(2021, 9, 10, 17, 15), utc(2021, 9, 10, 18, 0)),  # 11:15-12:00
        ("closing", utc(2021, 9, 10, 18, 0), utc(2021, 9, 10, 19, 0)),  # 12:00-13:00
    ],
    FOLLOWUP: [
        ("opening", utc(2021, 10, 1, 15, 0), utc(2021, 10, 1, 15, 10)),  # 10:00-10:10 GMT-5
        ("presentation", utc(2021, 10, 1, 15, 10), utc(2021, 10, 1, 15, 20)),  # 10:10-10:20
        ("discussion", utc(2021, 10, 1, 15, 20), utc(2021, 10, 1, 16, 50)),  # 10:20-11:50
        ("closing", utc(2021, 10, 1, 16, 50), utc(2021, 10, 1, 17, 0)),  # 11:50-12:00
    ],
    III: [
        ("opening", utc(2022, 5, 31, 15, 0), utc(2022, 5, 31, 15, 15)),  # 9:00-9:15 GMT-6
        ("session", utc(2022, 5, 31, 15, 15), utc(2022, 5, 31, 16, 0)),  # 9:15-10:00
        ("session", utc(2022, 5, 31, 16, 0), utc(2022, 5, 31, 16, 45)),  # 10:00-10:45
        ("closing", utc(2022, 5, 31, 16, 45), utc(2022, 5, 31, 17, 0)),  # 10:45-11:00
    ],
}

runner = CliRunner()


def run(*args: str, env: dict | None = None):
    return runner.invoke(app, list(args), env=env)


def export(*args: str, env: dict | None = None) -> bytes:
    result = run("agenda", "ics", *args, env=env)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def events(data: bytes) -> list:
    return Calendar.from_ical(data).walk("VEVENT")


def instants(data: bytes) -> list[tuple[str, datetime, datetime]]:
    return [(str(e["CATEGORIES"].cats[0]), e["DTSTART"].dt, e["DTEND"].dt) for e in events(data)]


def meeting_file(tmp_path: Path, name: str = II, edit=lambda t: t) -> Path:
    """A copy of a bundled meeting, changed by ``edit`` (plain text replacement)."""
    text = (bundled_dir() / "meetings" / f"{name}.yaml").read_text(encoding="utf-8")
    path = tmp_path / f"{name}-copy.yaml"
    path.write_text(edit(text), encoding="utf-8")
    return path


# --- the right instants ------------------------------------------------------------


@pytest.mark.parametrize("meeting", [II, FOLLOWUP, III])
def test_every_instant_matches_the_hand_converted_truth(meeting: str) -> None:
    assert instants(export(meeting, "--include-breaks")) == TRUTH[meeting]


@pytest.mark.parametrize("meeting", [II, FOLLOWUP, III])
def test_breaks_only_on_request(meeting: str) -> None:
    assert instants(export(meeting)) == [t for t in TRUTH[meeting] if t[0] != "break"]


def test_times_are_written_in_utc_without_vtimezone() -> None:
    data = export(II)
    assert b"BEGIN:VTIMEZONE" not in data and b"TZID" not in data
    assert re.findall(rb"^DTSTART[:;].*$", data, re.M)[0] == b"DTSTART:20210909T150000Z\r"


def minimal_meeting(tmp_path: Path, zone_lines: str, days: str, name: str = "zone-test") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(
        f"""id: {name}
title: {{en: Zone test}}
conferences: [rcm]
sources: [{{file: test.txt}}]
dates: {{start: {days.split()[0]}, end: {days.split()[-1]}}}
reference_zone:
{zone_lines}
days:
"""
        + "".join(
            f"""  - date: {d}
    slots:
      - {{start: "9:00", end: "12:00", kind: session, session: {i}, title: {{en: Day {i}}}}}
"""
            for i, d in enumerate(days.split(), 1)
        ),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        # Mexico City kept DST until 30 Oct 2022: 31 May 2022 is CDT (UTC-5).
        ("America/Mexico_City", "2022-05-31", utc(2022, 5, 31, 14, 0)),
        # Mexico abolished DST in October 2022 (tzdata 2022f): 31 May 2023 is UTC-6.
        ("America/Mexico_City", "2023-05-31", utc(2023, 5, 31, 15, 0)),
        # Paraguay moved to permanent UTC-3 in October 2024 (tzdata 2024b): July 2025 is -03.
        ("America/Asuncion", "2025-07-01", utc(2025, 7, 1, 12, 0)),
        # Costa Rica has had no DST since 1992: always UTC-6.
        ("America/Costa_Rica", "2021-09-09", utc(2021, 9, 9, 15, 0)),
        # Santiago's DST began on 5 Sep 2021: UTC-3.
        ("America/Santiago", "2021-09-09", utc(2021, 9, 9, 12, 0)),
    ],
)
def test_iana_reference_zones(tmp_path: Path, zone: str, day: str, expected: datetime) -> None:
    path = minimal_meeting(tmp_path, f"  label: {zone}\n  zone: {zone}", day)
    (event,) = events(export(str(path)))
    assert event["DTSTART"].dt == expected


@pytest.mark.parametrize(
    ("offset", "expected"),
    [("GMT-6", utc(2021, 9, 9, 15, 0)), ("UTC+05:30", utc(2021, 9, 9, 3, 30)), ("GMT", utc(2021, 9, 9, 9, 0))],
)
def test_fixed_offset_reference_zones(tmp_path: Path, offset: str, expected: datetime) -> None:
    path = minimal_meeting(tmp_path, f"  label: {offset}\n  offset: {offset}", "2021-09-09")
    (event,) = events(export(str(path)))
    assert event["DTSTART"].dt == expected


# --- acceptance: determinism -----------------------------------------------------


def _subprocess_export(target: Path, seed: str, tz: str) -> bytes:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "RCM_DATA", "RCM_TODAY")}
    env.update(PYTHONHASHSEED=seed, TZ=tz)
    subprocess.run(
        [sys.executable, "-m", "rcmcli", "agenda", "ics", II, "-o", str(target)], env=env, check=True, timeout=120
    )
    return target.read_bytes()


def test_acceptance_plenary_ii(tmp_path: Path) -> None:
    one = _subprocess_export(tmp_path / "one.ics", "1", "UTC")
    two = _subprocess_export(tmp_path / "two.ics", "4242", "Asia/Tokyo")
    assert one == two
    found = events(one)
    assert len(found) >= 9
    assert found[0]["DTSTART"].dt == utc(2021, 9, 9, 15, 0)
    uids = [str(e["UID"]) for e in found]
    assert len(set(uids)) == len(uids)


def test_dtstamp_is_never_the_clock(tmp_path: Path) -> None:
    # No 'revised', no SOURCE_DATE_EPOCH: the meeting's first day, 00:00 UTC.
    stamps = {e["DTSTAMP"].dt for e in events(export(II))}
    assert stamps == {utc(2021, 9, 9, 0, 0)}
    # SOURCE_DATE_EPOCH=1630000000 is 2021-08-26 17:46:40 UTC.
    stamps = {e["DTSTAMP"].dt for e in events(export(II, env={"SOURCE_DATE_EPOCH": "1630000000"}))}
    assert stamps == {datetime(2021, 8, 26, 17, 46, 40, tzinfo=timezone.utc)}
    # The agenda's own revision timestamp wins.
    revised = "revision: 1\nrevised: 2021-09-01T12:30:00Z\n"
    path = meeting_file(tmp_path, edit=lambda t: t.replace("revision: 1\n", revised))
    stamps = {e["DTSTAMP"].dt for e in events(export(str(path), env={"SOURCE_DATE_EPOCH": "1630000000"}))}
    assert stamps == {utc(2021, 9, 1, 12, 30)}


def test_bad_source_date_epoch_is_a_usage_error() -> None:
    result = run("agenda", "ics", II, env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in result.output


# --- RFC 5545 framing ----------------------------------------------------------------


@pytest.mark.parametrize("meeting", [II, FOLLOWUP, III])
def test_framing(meeting: str) -> None:
    data = export(meeting, "--include-breaks")
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only, no bare LF or CR
    assert b"\r" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75  # octets, RFC 5545 §3.1
    for line in lines:  # folding never splits a UTF-8 sequence
        line.decode("utf-8")
    cal = Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]) and str(cal["METHOD"]) == "PUBLISH"
    for event in cal.walk("VEVENT"):
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE"} <= set(event)


def test_content() -> None:
    cal = Calendar.from_ical(export(II))
    assert str(cal["X-WR-CALNAME"]).startswith("II Plenary Meeting between")
    assert "Seeking joint actions" in str(cal["X-WR-CALDESC"])
    session1 = next(e for e in cal.walk("VEVENT") if str(e["UID"]) == "plenary-ii-2021.session-1@rcmcli")
    assert str(session1["SUMMARY"]) == "Session 1: Irregular migration from within the hemisphere and extra continental"
    text = str(session1["DESCRIPTION"])
    assert "Lead panelist countries: Panama, Costa Rica" in text
    assert "- Measures adopted by countries to address mass movements and prevent flows" in text
    assert "What best practices in the management of extraregional migration can you share?" in text
    assert "Time as published: 2021-09-09 09:50–10:50 Central American time (GMT-6)" in text
    assert str(session1["LOCATION"]) == "Online"
    assert [str(c) for c in session1["CATEGORIES"].cats] == ["session"]
    opening = Calendar.from_ical(export(III)).walk("VEVENT")[0]
    assert str(opening["LOCATION"]) == "Zoom"


def test_spanish() -> None:
    (first, *_) = [e for e in events(export(II, "--lang", "es")) if "Sesión 1" in str(e["SUMMARY"])]
    assert str(first["SUMMARY"]).startswith("Sesión 1: ")
    assert "Países líderes: Panamá, Costa Rica" in str(first["DESCRIPTION"])


def test_uids_are_derived_not_random() -> None:
    uids = [str(e["UID"]) for e in events(export(II, "--include-breaks"))]
    assert uids[:4] == [
        "plenary-ii-2021.day1-opening-1@rcmcli",
        "plenary-ii-2021.day1-presentation-1@rcmcli",
        "plenary-ii-2021.session-1@rcmcli",
        "plenary-ii-2021.day1-break-1@rcmcli",
    ]
    assert "plenary-ii-2021.day2-break-1@rcmcli" in uids


# --- injection -------------------------------------------------------------------------

EVIL = 'Evil\\r\\nX-INJECTED:1;a=b,c:d \\"quoted\\"'  # as written inside a YAML "..." string
EVIL_TEXT = 'Evil\nX-INJECTED:1;a=b,c:d "quoted"'  # what a reader gets back (CR/LF -> LF)
OPENING = "        title:\n          en: Opening session\n"  # the II Plenary's first slot title, as written


# A line break in a one-line text is C001, which `ics` refuses; the escaping is tested
# where a suppression lets it through (the exporter must still escape it).
KEEP = "  # rcm: ignore[C001] kept to test the escaping"


def _evil_meeting(tmp_path: Path, keep: str = KEEP) -> Path:
    def edit(text: str) -> str:
        assert OPENING in text
        text = text.replace(OPENING, f'        title:\n          en: "{EVIL}"{keep}\n')
        text = text.replace("- name: Alejandro Encinas Rodríguez", f'- name: "{EVIL}"{keep}')
        secretariat = f'secretariat: {{name: "{EVIL}", email: sec@example.org}}{keep}\n'
        return text.replace("mode: virtual\n", "mode: virtual\n" + secretariat)

    return meeting_file(tmp_path, edit=edit)


def test_a_line_break_in_a_one_line_text_is_refused_with_every_place(tmp_path: Path) -> None:
    # What validate calls an error (C001), ics does not write: exit 2, one line per problem.
    path = _evil_meeting(tmp_path, keep="")
    result = run("agenda", "ics", str(path))
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 3  # the secretariat's name, the opening's title, the speaker's name
    for line in lines:
        assert line.startswith(f"rcm: error: {path}:") and line.endswith("[C001]") and "line break (CR)" in line
    assert "X-INJECTED" not in result.stdout


def test_titles_and_names_never_inject_properties(tmp_path: Path) -> None:
    data = export(str(_evil_meeting(tmp_path)))
    assert not re.search(rb"^X-INJECTED", data, re.M)
    names = set(re.findall(rb"^([A-Z-]+)[;:]", data, re.M))
    assert names <= {
        b"BEGIN", b"END", b"VERSION", b"PRODID", b"CALSCALE", b"METHOD", b"NAME", b"X-WR-CALNAME", b"DESCRIPTION",
        b"X-WR-CALDESC", b"SUMMARY", b"DTSTART", b"DTEND", b"DTSTAMP", b"UID", b"SEQUENCE", b"CATEGORIES",
        b"LOCATION", b"STATUS", b"ORGANIZER", b"TRANSP",
    }  # fmt: skip
    opening = events(data)[0]
    assert str(opening["SUMMARY"]) == EVIL_TEXT
    assert EVIL_TEXT + ", Undersecretary of Human Rights" in str(opening["DESCRIPTION"])
    organizer = opening["ORGANIZER"]
    assert str(organizer) == "mailto:sec@example.org"
    assert set(organizer.params) == {"CN"}
    assert organizer.params["CN"] == "Evil X-INJECTED:1;a=b,c:d 'quoted'"  # one line, no DQUOTE


def test_calendar_name_with_line_break_is_escaped(tmp_path: Path) -> None:
    # icalendar does not escape NAME / X-WR-* by itself; rcm must.
    # The rest of the original title line becomes a YAML comment.
    path = meeting_file(tmp_path, edit=lambda t: t.replace("  en: II Plenary Meeting", f'  en: "{EVIL} II"{KEEP}\n#', 1))
    data = export(str(path))
    assert not re.search(rb"^X-INJECTED", data, re.M)
    # icalendar reads X-WR-CALNAME back still escaped (it types it as unknown).
    escaped = 'Evil\\nX-INJECTED:1\\;a=b\\,c:d "quoted" II'
    assert str(Calendar.from_ical(data)["X-WR-CALNAME"]) == escaped


def test_url_with_line_break_is_an_input_error(tmp_path: Path) -> None:
    url = 'url: "https://x.org/\\r\\nX-EVIL:1"\n'
    path = meeting_file(tmp_path, edit=lambda t: t.replace("mode: virtual\n", "mode: virtual\n" + url))
    result = run("agenda", "ics", str(path))
    assert result.exit_code == 2
    assert "is not a URL" in result.output and f"{path}:" in result.output


# --- updates: SEQUENCE and cancellation -------------------------------------------------


def _move_session_3_and_drop_presentation(text: str) -> str:
    text = text.replace("revision: 1\n", "revision: 2\n")
    text = text.replace('      - start: "12:10"\n        end: "13:15"', '      - start: "12:20"\n        end: "13:15"')
    start = text.index('      - start: "9:30"\n        end: "9:50"')
    return text[:start] + text[text.index('      - start: "9:50"') :]


def test_changed_agenda_bumps_sequence_and_cancels_removed_slots(tmp_path: Path) -> None:
    v1 = tmp_path / "agenda.ics"
    assert run("agenda", "ics", II, "-o", str(v1)).exit_code == 0
    changed = meeting_file(tmp_path, edit=_move_session_3_and_drop_presentation)
    v2 = export(str(changed), "--previous", str(v1))
    by_uid = {str(e["UID"]): e for e in events(v2)}
    moved = by_uid["plenary-ii-2021.session-3@rcmcli"]
    assert moved["DTSTART"].dt == utc(2021, 9, 9, 18, 20)  # 12:20 GMT-6
    assert int(moved["SEQUENCE"]) == 2 and str(moved["STATUS"]) == "CONFIRMED"
    gone = by_uid["plenary-ii-2021.day1-presentation-1@rcmcli"]
    assert str(gone["STATUS"]) == "CANCELLED" and int(gone["SEQUENCE"]) == 2
    assert gone["DTSTART"].dt == utc(2021, 9, 9, 15, 30)
    assert int(by_uid["plenary-ii-2021.session-1@rcmcli"]["SEQUENCE"]) == 1  # unchanged stays
    # Regenerating in place against itself changes nothing, and keeps the cancellation.
    v1.write_bytes(v2)
    assert run("agenda", "ics", str(changed), "--previous", str(v1), "-o", str(v1)).exit_code == 0
    assert v1.read_bytes() == v2


def test_previous_compares_the_lines_as_written(tmp_path: Path) -> None:
    # A title with backslashes, one before 'N': icalendar 7.3 re-escapes "\\N" as a line
    # break, so comparing through its serialisation would see a change on every run.
    title = '        title:\n          en: "Opening C:\\\\Nothing \\\\n, done; ok"\n'
    path = meeting_file(tmp_path, edit=lambda t: t.replace(OPENING, title))
    v1 = tmp_path / "v1.ics"
    assert run("agenda", "ics", str(path), "--include-breaks", "-o", str(v1)).exit_code == 0
    assert b"SUMMARY:Opening C:\\\\Nothing \\\\n\\, done\\; ok\r\n" in v1.read_bytes()
    assert str(events(v1.read_bytes())[0]["SUMMARY"]) == "Opening C:\\Nothing \\n, done; ok"
    # Unchanged: the same bytes. Breaks left out: they come back cancelled, lines as written.
    assert export(str(path), "--include-breaks", "--previous", str(v1)) == v1.read_bytes()
    v2 = export(str(path), "--previous", str(v1))
    cancelled = [e for e in events(v2) if str(e["STATUS"]) == "CANCELLED"]
    assert [str(e["CATEGORIES"].cats[0]) for e in cancelled] == ["break", "break"]
    assert {int(e["SEQUENCE"]) for e in cancelled} == {2}
    v2_path = tmp_path / "v2.ics"
    v2_path.write_bytes(v2)
    assert export(str(path), "--previous", str(v2_path)) == v2  # and again: nothing moves


def test_without_previous_sequence_is_the_revision(tmp_path: Path) -> None:
    changed = meeting_file(tmp_path, edit=_move_session_3_and_drop_presentation)
    assert {int(e["SEQUENCE"]) for e in events(export(str(changed)))} == {2}


def test_previous_of_another_meeting_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "iii.ics"
    assert run("agenda", "ics", III, "-o", str(other)).exit_code == 0
    result = run("agenda", "ics", II, "--previous", str(other))
    assert result.exit_code == 2
    assert "not from meeting 'plenary-ii-2021'" in result.output


def test_previous_that_is_not_a_calendar_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.ics"
    junk.write_text("hello\n")
    result = run("agenda", "ics", II, "--previous", str(junk))
    assert result.exit_code == 2
    assert str(junk) in result.output


# --- files --------------------------------------------------------------------------------


def test_writes_file_and_refuses_to_overwrite_the_agenda(tmp_path: Path) -> None:
    path = meeting_file(tmp_path)
    result = run("agenda", "ics", str(path), "-o", str(path))
    assert result.exit_code == 2
    assert "refusing to overwrite an input file" in result.output


def test_failed_write_leaves_previous_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "agenda.ics"
    target.write_bytes(b"previous export\r\n")
    import rcmcli.core.fileio as fileio

    real_fdopen = os.fdopen

    class HalfDisk:
        """Writes half the data, then fails as a full disk would."""

        def __init__(self, f) -> None:
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.f.close()

        def write(self, data: bytes) -> int:
            self.f.write(data[: len(data) // 2])
            self.f.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "fdopen", lambda fd, mode: HalfDisk(real_fdopen(fd, mode)))
    result = run("agenda", "ics", II, "-o", str(target))
    assert result.exit_code == 2
    assert "No space left on device" in result.output
    assert target.read_bytes() == b"previous export\r\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.ics"]  # no temporary file left


def test_core_imports_neither_typer_nor_rich_nor_eager_icalendar() -> None:
    code = (
        "import sys, rcmcli.export.ics, rcmcli.core.roster\n"
        "print(sorted(m for m in ('typer', 'rich', 'icalendar') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_export_never_loads_icalendar() -> None:
    # icalendar is only the parser of --previous; writing is rcmcli.export.icstext.
    code = (
        "import sys\n"
        "from rcmcli.export import ics\n"
        "from rcmcli.core.catalog import Catalog, bundled_dir\n"
        "c = Catalog(bundled_dir())\n"
        "m = c.find('plenary-ii-2021')\n"
        "assert ics.calendar_bytes(m, c.members, ics.Options(include_breaks=True)).startswith(b'BEGIN:VCALENDAR')\n"
        "print('icalendar' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_help_texts() -> None:
    for command in ("ics", "invite"):
        result = run("agenda", command, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


@pytest.fixture(autouse=True)
def _no_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def test_bundled_copy_is_used(tmp_path: Path) -> None:
    # Exporting a copy by path and the bundled id give the same calendar.
    copy = tmp_path / f"{II}.yaml"
    shutil.copy(bundled_dir() / "meetings" / f"{II}.yaml", copy)
    assert export(str(copy)) == export(II)
