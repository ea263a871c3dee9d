"""`rcm agenda invite --previous/--per-slot/--eml`: invitations that update in real clients.

RFC 5546 §2.1.5: a recipient applies an update only if its SEQUENCE is higher, so
the tests read SEQUENCE and METHOD back with icalendar (an independent parser) and
messages with the standard library's email parser.
"""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from rcmcli.cli.app import app

II = "plenary-ii-2021"
ORGANIZER = "Secretaría Técnica <secretariat@example.org>"
runner = CliRunner()

ROSTER = """name,email,country,role,language
Ana Pérez,ana.perez@gob.mx,MX,delegate,es
John Smith,john.smith@state.gov,United States,chair,en
"""


@pytest.fixture(autouse=True)
def _fixed_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1630000000")  # 2021-08-26T17:46:40Z


def run_invite(roster: Path, out: Path, *extra: str, data: Path | None = None):
    head = ["--data", str(data)] if data else []
    return runner.invoke(app, [*head, "agenda", "invite", II, "--roster", str(roster), "-o", str(out), "--organizer", ORGANIZER, *extra])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def event(path: Path):
    cal = Calendar.from_ical(path.read_bytes())
    events = cal.walk("VEVENT")
    return cal, events[0]


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def test_acceptance_per_slot_update_and_cancel(tmp_path: Path, roster: Path, edited_catalog: Path) -> None:
    out = tmp_path / "invites"
    first = run_invite(roster, out, "--per-slot")
    assert first.exit_code == 0, first.output
    assert "rcm: invitations in" in first.stderr and "18 written" in first.stderr  # 9 slots but breaks, 2 people
    before = snapshot(out)
    second = run_invite(roster, out, "--per-slot", "--previous", str(out), data=edited_catalog)
    assert second.exit_code == 0, second.output
    assert "0 written, 14 unchanged, 2 updated, 2 cancelled" in second.stderr
    after = snapshot(out)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == [
        "MX-ana-perez-a1b16083.session-4.ics",
        "MX-ana-perez-a1b16083.session-5.ics",
        "US-john-smith-7e3a9058.session-4.ics",
        "US-john-smith-7e3a9058.session-5.ics",
    ]
    cal, moved = event(out / "MX-ana-perez-a1b16083.session-4.ics")
    assert str(cal["METHOD"]) == "REQUEST" and int(moved["SEQUENCE"]) == 2
    # 09:30 GMT-6 on 10 September 2021 = 15:30 UTC
    assert moved.decoded("DTSTART").isoformat() == "2021-09-10T15:30:00+00:00"
    cal, gone = event(out / "US-john-smith-7e3a9058.session-5.ics")
    assert str(cal["METHOD"]) == "CANCEL" and str(gone["STATUS"]) == "CANCELLED" and int(gone["SEQUENCE"]) == 2
    assert "john.smith@state.gov" in str(gone["ATTENDEE"])
    _, kept = event(out / "MX-ana-perez-a1b16083.session-1.ics")
    assert int(kept["SEQUENCE"]) == 1
    third = run_invite(roster, out, "--per-slot", "--previous", str(out), data=edited_catalog)
    assert "0 written, 18 unchanged, 0 updated, 0 cancelled" in third.stderr
    assert snapshot(out) == after


def test_removed_participant_gets_cancel_only_they(tmp_path: Path, roster: Path) -> None:
    out = tmp_path / "invites"
    assert run_invite(roster, out).exit_code == 0
    before = snapshot(out)
    smaller = tmp_path / "smaller.csv"
    smaller.write_text(ROSTER.replace("John Smith,john.smith@state.gov,United States,chair,en\n", ""), encoding="utf-8")
    result = run_invite(smaller, out, "--previous", str(out))
    assert "0 written, 1 unchanged, 0 updated, 1 cancelled" in result.stderr
    after = snapshot(out)
    assert after["MX-ana-perez-a1b16083.ics"] == before["MX-ana-perez-a1b16083.ics"]
    cal, ev = event(out / "US-john-smith-7e3a9058.ics")
    assert str(cal["METHOD"]) == "CANCEL" and int(ev["SEQUENCE"]) == 2 and "RECURRENCE-ID" not in ev


def test_whole_meeting_invite_changes_for_everyone(tmp_path: Path, roster: Path, edited_catalog: Path) -> None:
    out = tmp_path / "invites"
    run_invite(roster, out)
    result = run_invite(roster, out, "--previous", str(out), data=edited_catalog)
    assert "0 written, 0 unchanged, 2 updated, 0 cancelled" in result.stderr
    for path in out.glob("*.ics"):
        cal = Calendar.from_ical(path.read_bytes())
        assert {int(e["SEQUENCE"]) for e in cal.walk("VEVENT")} == {2}


def test_language_change_updates_only_that_person(tmp_path: Path, roster: Path) -> None:
    out = tmp_path / "invites"
    run_invite(roster, out)
    changed = tmp_path / "changed.csv"
    changed.write_text(ROSTER.replace("chair,en", "chair,es"), encoding="utf-8")
    result = run_invite(changed, out, "--previous", str(out))
    assert "0 written, 1 unchanged, 1 updated, 0 cancelled" in result.stderr


def test_previous_of_another_meeting_is_refused(tmp_path: Path, roster: Path) -> None:
    out = tmp_path / "invites"
    other = runner.invoke(app, ["agenda", "invite", "followup-ii-2021", "--roster", str(roster), "-o", str(out), "--organizer", ORGANIZER])
    assert other.exit_code == 0
    result = run_invite(roster, tmp_path / "new", "--previous", str(out))
    assert result.exit_code == 2
    assert "is not from meeting 'plenary-ii-2021'" in result.stderr


# --- mail messages ---------------------------------------------------------------------------


def test_eml_messages_parse_and_carry_one_request(tmp_path: Path, roster: Path) -> None:
    out = tmp_path / "invites"
    result = run_invite(roster, out, "--eml")
    assert result.exit_code == 0, result.output
    emls = sorted(out.glob("*.eml"))
    assert [p.name for p in emls] == ["MX-ana-perez-a1b16083.eml", "US-john-smith-7e3a9058.eml"]
    msg = message_from_bytes(emls[0].read_bytes(), policy=policy.default)
    assert msg.get_content_type() == "multipart/mixed"
    assert str(msg["To"]) == "Ana Pérez <ana.perez@gob.mx>"
    assert str(msg["From"]) == "Secretaría Técnica <secretariat@example.org>"
    raw = emls[0].read_bytes()
    assert b"=?utf-8?q?P=C3=A9rez?=" in raw  # RFC 2047 on the wire
    assert all(b < 128 for b in raw)  # 7-bit: every part is encoded
    assert str(msg["Subject"]).startswith("Invitación: II Reunión Plenaria")
    assert str(msg["Date"]) == "Thu, 26 Aug 2021 17:46:40 +0000"  # SOURCE_DATE_EPOCH 1630000000
    alternative = msg.get_payload()[0]
    assert alternative.get_content_type() == "multipart/alternative"
    text, calendar = alternative.get_payload()
    assert text.get_content_type() == "text/plain" and "Estimado/a Ana Pérez:" in text.get_content()
    calendars = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    assert len(calendars) == 1 and calendars[0].get_param("method") == "REQUEST"
    assert calendars[0].get_content_charset() == "utf-8"
    cal = Calendar.from_ical(calendars[0].get_payload(decode=True))
    assert {str(e["UID"]) for e in cal.walk("VEVENT")} == {"plenary-ii-2021.meeting@rcmcli"}
    attachment = msg.get_payload()[1]
    assert attachment.get_filename() == "invite.ics" and attachment.get_content_type() == "application/ics"
    assert attachment.get_payload(decode=True) == (out / "MX-ana-perez-a1b16083.ics").read_bytes()


def test_eml_is_reproducible_and_cancel_messages(tmp_path: Path, roster: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    run_invite(roster, a, "--eml")
    run_invite(roster, b, "--eml")
    assert snapshot(a) == snapshot(b)
    smaller = tmp_path / "smaller.csv"
    smaller.write_text(ROSTER.replace("Ana Pérez,ana.perez@gob.mx,MX,delegate,es\n", ""), encoding="utf-8")
    run_invite(smaller, a, "--eml", "--previous", str(a))
    msg = message_from_bytes((a / "MX-ana-perez-a1b16083.eml").read_bytes(), policy=policy.default)
    assert str(msg["Subject"]).startswith("Cancelada: ")  # her language, read from the earlier invite
    calendars = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    assert len(calendars) == 1 and calendars[0].get_param("method") == "CANCEL"
    assert (a / "US-john-smith-7e3a9058.eml").read_bytes() == (b / "US-john-smith-7e3a9058.eml").read_bytes()


def test_a_published_calendar_in_the_folder_is_refused(tmp_path: Path, roster: Path) -> None:
    out = tmp_path / "invites"
    run_invite(roster, out)
    assert runner.invoke(app, ["agenda", "ics", II, "-o", str(out / "plenary.ics")]).exit_code == 0
    result = run_invite(roster, out, "--previous", str(out))
    assert result.exit_code == 2
    assert "plenary.ics: METHOD:PUBLISH: not an invitation" in result.stderr
