"""`rcm agenda invite --send`: a real SMTP server (aiosmtpd) on 127.0.0.1, read back.

No network beyond localhost: the server is started by the fixture on a free port.
"""

from __future__ import annotations

import json
import socket
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from rcmcli.cli.app import app

aiosmtpd = pytest.importorskip("aiosmtpd.controller")

II = "plenary-ii-2021"
ORGANIZER = "Secretaría Técnica <secretariat@example.org>"
ROSTER = """name,email,country,role,language
Ana Pérez,ana.perez@gob.mx,MX,delegate,es
John Smith,john.smith@state.gov,United States,chair,en
"""
runner = CliRunner()


class Inbox:
    """The aiosmtpd handler: keeps every envelope it accepts."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    port = _free_port()
    controller = aiosmtpd.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, f"smtp://127.0.0.1:{port}"
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1630000000")
    monkeypatch.delenv("RCM_SMTP_USER", raising=False)
    monkeypatch.delenv("RCM_SMTP_PASSWORD", raising=False)


def invite(tmp_path: Path, out: Path, *extra: str, data: Path | None = None, roster_text: str = ROSTER):
    roster = tmp_path / "roster.csv"
    roster.write_text(roster_text, encoding="utf-8")
    head = ["--data", str(data)] if data else []
    argv = [*head, "agenda", "invite", II, "--roster", str(roster), "-o", str(out), "--organizer", ORGANIZER, "--rate", "6000", *extra]
    return runner.invoke(app, argv)


def _calendar(raw: bytes):
    msg = message_from_bytes(raw, policy=policy.default)
    parts = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return msg, parts[0], Calendar.from_ical(parts[0].get_payload(decode=True))


def test_dry_run_is_the_default(tmp_path: Path, smtp_server) -> None:
    inbox, url = smtp_server
    result = invite(tmp_path, tmp_path / "out", "--send", url)
    assert result.exit_code == 0, result.output
    assert inbox.received == []
    assert "would send\tREQUEST 1\tana.perez@gob.mx\tInvitación: II Reunión Plenaria" in result.stdout
    assert "dry run: 2 messages would be sent" in result.stderr
    assert "dry run: nothing written; 4 files would be written" in result.stderr
    assert not (tmp_path / "out").exists(), "the dry run does not even create the folder"


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_dry_run_writes_nothing_then_yes_does_what_it_listed(tmp_path: Path, smtp_server, edited_catalog: Path) -> None:
    """Issue 20 item 5: the dry run used to write the updated files, so the --yes run said '0 written'."""
    inbox, url = smtp_server
    out = tmp_path / "out"
    first = invite(tmp_path, out, "--per-slot", "--send", url, "--yes")
    assert first.exit_code == 0, first.output
    inbox.received.clear()
    before = _listing(out)

    dry = invite(tmp_path, out, "--per-slot", "--send", url, "--previous", str(out), data=edited_catalog)
    assert dry.exit_code == 0, dry.output
    assert _listing(out) == before, "the dry run changed the folder"
    assert inbox.received == []
    would_write = sorted(line.split("\t")[1] for line in dry.stdout.splitlines() if line.startswith("would write\t"))
    # session 4 moved (updated) and session 5 deleted (cancelled), for each of the two people: .ics and .eml
    assert len(would_write) == 8 and all(Path(p).parent == out for p in would_write)
    assert sum(1 for line in dry.stdout.splitlines() if line.startswith("would send\t")) == 4
    assert "rcm: dry run: invitations for" in dry.stderr and "0 new, 14 unchanged, 2 updated, 2 cancelled" in dry.stderr
    assert "nothing written; 8 files would be written, 28 already as they would be" in dry.stderr
    assert "dry run: 4 messages would be sent" in dry.stderr

    real = invite(tmp_path, out, "--per-slot", "--send", url, "--yes", "--previous", str(out), data=edited_catalog)
    assert real.exit_code == 0, real.output
    assert "0 written, 14 unchanged, 2 updated, 2 cancelled" in real.stderr
    assert "18 messages (.eml) written" in real.stderr
    assert "sent: 4, already sent: 14, refused: 0, left for retry: 0, unknown: 0, not attempted: 0" in real.stderr
    assert len(inbox.received) == 4
    after = _listing(out)
    assert sorted(n for n in after if after[n] != before.get(n)) == sorted([Path(p).name for p in would_write] + ["sent.json"])


def test_round_trip_then_only_updates(tmp_path: Path, smtp_server, edited_catalog: Path) -> None:
    inbox, url = smtp_server
    out = tmp_path / "out"
    first = invite(tmp_path, out, "--per-slot", "--send", url, "--yes")
    assert first.exit_code == 0, first.output
    assert len(inbox.received) == 18  # 9 slots but breaks, 2 people
    sender, rcpts, raw = inbox.received[0]
    assert sender == "secretariat@example.org" and rcpts == ["ana.perez@gob.mx"]
    msg, part, cal = _calendar(raw)
    assert str(msg["To"]) == "Ana Pérez <ana.perez@gob.mx>"
    assert str(msg["From"]) == "Secretaría Técnica <secretariat@example.org>"
    assert str(msg["Subject"]) == "Invitación: Sesión de apertura"
    assert part.get_param("method") == "REQUEST" and str(cal["METHOD"]) == "REQUEST"
    assert [int(e["SEQUENCE"]) for e in cal.walk("VEVENT")] == [1]
    state = json.loads((out / "sent.json").read_text(encoding="utf-8"))
    assert len(state["sent"]) == 18

    again = invite(tmp_path, out, "--per-slot", "--send", url, "--yes", "--previous", str(out))
    assert again.exit_code == 0
    assert len(inbox.received) == 18, "nothing is sent twice for the same SEQUENCE"

    inbox.received.clear()
    update = invite(tmp_path, out, "--per-slot", "--send", url, "--yes", "--previous", str(out), data=edited_catalog)
    assert update.exit_code == 0, update.output
    got = {}
    for _, rcpts, raw in inbox.received:
        msg, part, cal = _calendar(raw)
        ev = cal.walk("VEVENT")[0]
        # .strip(): the email package folds "Subject:" CRLF SP value when the value fits one line;
        # unfolded (RFC 5322 §2.2.3) that is "Subject: value", but its own parser keeps the space.
        got[(rcpts[0], str(ev["UID"]))] = (part.get_param("method"), int(ev["SEQUENCE"]), str(msg["Subject"]).strip())
    assert got == {
        ("ana.perez@gob.mx", "plenary-ii-2021.invite-session-4@rcmcli"): ("REQUEST", 2, "Invitación actualizada: Sesión 4: Política y tramitación de documentos de viaje"),
        ("ana.perez@gob.mx", "plenary-ii-2021.invite-session-5@rcmcli"): ("CANCEL", 2, "Cancelada: Sesión 5: Sistemas de protección internacional"),
        ("john.smith@state.gov", "plenary-ii-2021.invite-session-4@rcmcli"): ("REQUEST", 2, "Updated invitation: Session 4: Travel documentation policy and processing"),
        ("john.smith@state.gov", "plenary-ii-2021.invite-session-5@rcmcli"): ("CANCEL", 2, "Cancelled: Session 5: International Protection Systems"),
    }


def test_rerun_after_failure_sends_only_the_rest(tmp_path: Path, smtp_server) -> None:
    inbox, url = smtp_server
    out = tmp_path / "out"
    inbox.refuse.add("john.smith@state.gov")
    failed = invite(tmp_path, out, "--send", url, "--yes")
    assert failed.exit_code == 2
    assert "1 message not sent (first: john.smith@state.gov: RCPT: 550 no such user here)" in failed.stderr
    assert "sent: 1, already sent: 0, refused: 1, left for retry: 0, unknown: 0, not attempted: 0" in failed.stderr
    assert [r[1] for r in inbox.received] == [["ana.perez@gob.mx"]]
    state = json.loads((out / "sent.json").read_text(encoding="utf-8"))
    assert [r["to"] for r in state["sent"].values()] == ["ana.perez@gob.mx"]
    assert [(r["to"], r["outcome"], r["code"]) for r in state["failed"].values()] == [("john.smith@state.gov", "refused", 550)]
    inbox.refuse.clear()
    rerun = invite(tmp_path, out, "--send", url, "--yes", "--previous", str(out))
    assert rerun.exit_code == 0, rerun.output
    assert [r[1] for r in inbox.received] == [["ana.perez@gob.mx"], ["john.smith@state.gov"]]
    assert json.loads((out / "sent.json").read_text(encoding="utf-8"))["failed"] == {}


def test_credentials_never_in_clear_text(tmp_path: Path, smtp_server, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, url = smtp_server
    monkeypatch.setenv("RCM_SMTP_USER", "secretariat")
    monkeypatch.setenv("RCM_SMTP_PASSWORD", "s3cret")
    result = invite(tmp_path, tmp_path / "out", "--send", url, "--yes")
    assert result.exit_code == 2
    assert "does not offer STARTTLS and credentials are set" in result.stderr
    assert inbox.received == []


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--send", "smtp://user:pw@127.0.0.1:25"], "no user or password in the URL"),
        (["--send", "http://127.0.0.1"], "is not a server like smtp://"),
        (["--yes"], "--yes confirms --send"),
        (["--send", "smtp://127.0.0.1:25", "--rate", "0"], "--rate: '0' is not a number above 0"),
    ],
)
def test_send_usage_errors(tmp_path: Path, extra: list[str], message: str) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    argv = ["agenda", "invite", II, "--roster", str(roster), "-o", str(tmp_path / "o"), "--organizer", ORGANIZER, *extra]
    result = runner.invoke(app, argv)
    assert result.exit_code == 2
    assert message in result.stderr


def test_rate_limit_spaces_messages(tmp_path: Path, smtp_server) -> None:
    """60 messages a minute: at least one second between two messages (the sleep is recorded, not slept)."""
    from rcmcli.core.catalog import Catalog, bundled_dir
    from rcmcli.export import ics, mail, send

    inbox, url = smtp_server
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    catalog = Catalog(bundled_dir())
    meeting = catalog.find(II)
    run = ics.invite_run(meeting, roster, catalog.members, organizer=ORGANIZER)
    organizer = ics.organizer_for(meeting, ORGANIZER)
    mails = [mail.build(i, organizer) for i in run]
    waits: list[float] = []
    results = send.deliver(mails, send.parse_server(url), organizer.email, tmp_path, rate=60, environ={}, sleep=waits.append)
    assert [r.outcome for r in results] == ["sent", "sent"]
    assert len(waits) == 1 and 0.9 < waits[0] <= 1.0
    assert len(inbox.received) == 2
