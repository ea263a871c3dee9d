"""`rcm agenda invite --send` against hostile input and hostile servers (issue 20, "Sending").

Every server is started here on 127.0.0.1: aiosmtpd handlers that refuse one
recipient, and raw-socket servers for what aiosmtpd will not do (a greeting sent
one byte at a time, a reply that comes long after the end of the message). The
deadlines are configured small (RCM_SMTP_TIMEOUT_*), so no test waits long.
Deliveries are counted at the server: no message may arrive twice.
"""

from __future__ import annotations

import base64
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rcmcli.cli.app import app
from rcmcli.export import send

pytestmark = pytest.mark.slow  # SMTP servers that stall until small deadlines: `-m "not slow"` leaves it out

aiosmtpd = pytest.importorskip("aiosmtpd.controller")

II = "plenary-ii-2021"
ORGANIZER = "Secretaría Técnica <secretariat@example.org>"
PASSWORD = "S3cr3t"
FIVE = [f"p{i}@example.org" for i in range(1, 6)]
ROSTER_FIVE = "name,email,country,role,language\n" + "".join(
    f"Persona {n},{e},{c},delegate,es\n" for n, e, c in zip("ABCDE", FIVE, ("CA", "CR", "GT", "HN", "MX"))
)
ROSTER_TWO = "name,email,country,role,language\n" + "".join(
    f"Persona {n},{e},{c},delegate,es\n" for n, e, c in zip("AB", FIVE, ("CA", "CR"))
)
runner = CliRunner()


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1630000000")
    for name in ("RCM_SMTP_USER", "RCM_SMTP_PASSWORD", *(send.TIMEOUT_ENV + s.upper() for s in send.TIMEOUTS)):
        monkeypatch.delenv(name, raising=False)


def invite(tmp_path: Path, *extra: str, roster: str = ROSTER_FIVE, debug: bool = False):
    path = tmp_path / "roster.csv"
    path.write_text(roster, encoding="utf-8")
    head = ["--debug"] if debug else []
    out = str(tmp_path / "out")
    return runner.invoke(app, [*head, "agenda", "invite", II, "--roster", str(path), "-o", out, "--organizer", ORGANIZER, "--rate", "60000", *extra])


def outcomes(stdout: str) -> dict[str, str]:
    """recipient -> the first word of its line ('sent', 'refused', ...)."""
    rows = [line.split("\t") for line in stdout.splitlines() if line.count("\t") >= 3]
    return {row[2]: row[0] for row in rows}


def state(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "out" / "sent.json").read_text(encoding="utf-8"))


# --- 1. passwords ---------------------------------------------------------------------------

REDACTED = [  # (typed, shown): hand-written, RFC 3986 §3.2.1 userinfo = user ":" password
    ("smtpx://bob:S3cr3t@127.0.0.1:25", "smtpx://bob:***@127.0.0.1:25"),
    ("http://bob:S3cr3t@host", "http://bob:***@host"),
    ("smtp://:S3cr3t@host", "smtp://:***@host"),
    ("smtp://bob:S3cr3t@[::1", "smtp://bob:***@[::1"),
    ("smtp://bob:S3:cr@3t@host/x?y#z", "smtp://bob:***@host/x?y#z"),
    ("smtp://bob:S3/cr?3#t@host:25", "smtp://bob:***@host:25"),
    ("bob:S3cr3t@host", "bob:***@host"),
    ("smtp://bob@host:25", "smtp://bob@host:25"),
    ("smtp://host:25", "smtp://host:25"),
    ("smtp://[::1", "smtp://[::1"),
]


@pytest.mark.parametrize("typed, shown", REDACTED)
def test_redact(typed: str, shown: str) -> None:
    assert send.redact(typed) == shown


@pytest.mark.parametrize(
    "url, words",
    [
        ("smtpx://bob:S3cr3t@127.0.0.1:25", "is not a server like smtp://"),
        ("http://bob:S3cr3t@host", "is not a server like smtp://"),
        ("smtp://:S3cr3t@host", "no user or password in the URL"),
        ("smtp://bob:S3cr3t@127.0.0.1:25", "no user or password in the URL"),
        ("smtp://bob:S3cr3t@[::1", "is not a valid URL"),
        ("smtp://bob:S3cr3t@host:99999", "is not a valid URL"),
        ("smtp://bob:S3cr3t/x@host", "is not a valid URL"),
    ],
)
@pytest.mark.parametrize("yes", [False, True])
def test_refused_url_never_shows_the_password(tmp_path: Path, url: str, words: str, yes: bool) -> None:
    result = invite(tmp_path, "--send", url, *(["--yes"] if yes else []))
    assert result.exit_code == 2
    assert words in result.stderr and ":***@" in result.stderr
    assert PASSWORD not in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("debug", [False, True])
def test_unclosed_ipv6_bracket_is_a_usage_error(tmp_path: Path, debug: bool) -> None:
    """urllib raises ValueError('Invalid IPv6 URL') for 'smtp://[::1': exit 2, not 3, even with --debug."""
    result = invite(tmp_path, "--send", "smtp://[::1", debug=debug)
    assert result.exit_code == 2, result.output
    assert "'smtp://[::1' is not a valid URL" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_bad_timeout_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RCM_SMTP_TIMEOUT_DATA_END", "soon")
    result = invite(tmp_path, "--send", "smtp://127.0.0.1:25")
    assert result.exit_code == 2
    assert "RCM_SMTP_TIMEOUT_DATA_END='soon' is not a number of seconds" in result.stderr


def test_scrub_masks_the_password_as_auth_sends_it() -> None:
    """RFC 4616: AUTH PLAIN sends base64('\\0user\\0password'); RFC 4954 AUTH LOGIN base64('password')."""
    plain = base64.b64encode(b"\0bob\0" + PASSWORD.encode()).decode()
    login = base64.b64encode(PASSWORD.encode()).decode()
    text = send.scrub(f"535 bad {plain} {login} {PASSWORD}", send._secrets("bob", PASSWORD))
    assert text == "535 bad *** *** ***"


# --- servers ------------------------------------------------------------------------------------


class Inbox:
    """aiosmtpd handler: 451 at RCPT for some, 550 after DATA for others, keeps what it accepts."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.later: set[str] = set()  # 451 at RCPT
        self.refuse: set[str] = set()  # 550 after the end of DATA
        self.closing: set[str] = set()  # 421 at RCPT

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.later:
            return "451 4.3.0 mailbox busy, try later"
        if address in self.closing:
            return "421 4.3.2 service shutting down"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if set(envelope.rcpt_tos) & self.refuse:
            return "550 5.1.1 no such user"
        self.received.extend(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def inbox():
    box = Inbox()
    port = _free_port()
    controller = aiosmtpd.Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, f"smtp://127.0.0.1:{port}"
    finally:
        controller.stop()


class RawServer:
    """A scripted server on 127.0.0.1: one thread, one connection after another, ``dialogue(server, conn)``."""

    def __init__(self, dialogue: Callable, tls: ssl.SSLContext | None = None) -> None:
        self.dialogue, self.tls = dialogue, tls
        self.delay = 0.0  # before the reply to the end of DATA
        self.stored: list[str] = []  # the RCPT of each message stored
        self.lines: list[bytes] = []  # every command line received
        self.stopped = threading.Event()
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                continue
            try:
                conn.settimeout(5)
                if self.tls is not None:
                    conn = self.tls.wrap_socket(conn, server_side=True)
                self.dialogue(self, conn)
            except OSError:
                pass
            finally:
                conn.close()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(5)
        self.sock.close()


def smtp_dialogue(server: RawServer, conn: socket.socket, ehlo: bytes = b"250-test\r\n250 8BITMIME\r\n") -> None:
    """Enough SMTP to take a message: stores it, waits ``server.delay``, then answers 250."""
    f = conn.makefile("rb")
    conn.sendall(b"220 raw.test ESMTP\r\n")
    rcpt = ""
    while not server.stopped.is_set():
        line = f.readline()
        if not line:
            return
        server.lines.append(line)
        verb = line[:4].upper()
        if verb == b"EHLO":
            conn.sendall(ehlo)
        elif verb == b"RCPT":
            rcpt = line.decode().split("<")[1].split(">")[0]
            conn.sendall(b"250 OK\r\n")
        elif verb in (b"MAIL", b"RSET", b"NOOP"):
            conn.sendall(b"250 OK\r\n")
        elif verb == b"DATA":
            conn.sendall(b"354 go ahead\r\n")
            while f.readline() not in (b".\r\n", b""):
                pass
            server.stored.append(rcpt)
            server.stopped.wait(server.delay)
            conn.sendall(b"250 2.0.0 stored\r\n")
        elif verb == b"QUIT":
            conn.sendall(b"221 bye\r\n")
            return
        elif verb == b"AUTH":
            # A careless server that echoes the credentials back in its refusal.
            conn.sendall(b"535 5.7.8 bad credentials: " + line.strip() + b" " + base64.b64decode(line.split()[-1]).replace(b"\0", b" ") + b"\r\n")
        else:
            conn.sendall(b"502 not here\r\n")


def trickle(server: RawServer, conn: socket.socket) -> None:
    """A greeting one byte every 0.1 s: each read returns in time, the whole never ends."""
    for byte in b"220 " + b"x" * 10_000:
        if server.stopped.is_set():
            return
        conn.sendall(bytes([byte]))
        time.sleep(0.1)


@pytest.fixture
def raw():
    servers: list[RawServer] = []

    def start(dialogue: Callable = smtp_dialogue, tls: ssl.SSLContext | None = None) -> RawServer:
        servers.append(RawServer(dialogue, tls))
        return servers[-1]

    yield start
    for s in servers:
        s.stop()


# --- 2. one refusal is not a stop ----------------------------------------------------------------


def test_550_and_451_do_not_stop_the_run(tmp_path: Path, inbox) -> None:
    box, url = inbox
    box.refuse.add(FIVE[2])  # the third of five: 550 after DATA
    box.later.add(FIVE[3])  # the fourth: 451 at RCPT
    result = invite(tmp_path, "--send", url, "--yes")
    assert result.exit_code == 2, result.output
    assert outcomes(result.stdout) == {FIVE[0]: "sent", FIVE[1]: "sent", FIVE[2]: "refused", FIVE[3]: "retry", FIVE[4]: "sent"}
    assert "sent: 3, already sent: 0, refused: 1, left for retry: 1, unknown: 0, not attempted: 0" in result.stderr
    assert "2 messages not sent" in result.stderr and "550 5.1.1 no such user" in result.stdout
    assert sorted(box.received) == [FIVE[0], FIVE[1], FIVE[4]]
    failed = {r["to"]: (r["outcome"], r["code"]) for r in state(tmp_path)["failed"].values()}
    assert failed == {FIVE[2]: ("refused", 550), FIVE[3]: ("retry", 451)}
    assert "no such user" in next(r["error"] for r in state(tmp_path)["failed"].values() if r["to"] == FIVE[2])

    box.refuse.clear()
    box.later.clear()
    rerun = invite(tmp_path, "--send", url, "--yes", "--previous", str(tmp_path / "out"))
    assert rerun.exit_code == 0, rerun.output
    assert "sent: 2, already sent: 3, refused: 0, left for retry: 0, unknown: 0, not attempted: 0" in rerun.stderr
    assert sorted(box.received) == sorted(FIVE), "each person got the message exactly once"
    assert state(tmp_path)["failed"] == {} and len(state(tmp_path)["sent"]) == 5


def test_421_stops_the_run(tmp_path: Path, inbox) -> None:
    """RFC 5321 §3.8: 421 means the server is closing the channel; the rest is not attempted."""
    box, url = inbox
    box.closing.add(FIVE[1])
    result = invite(tmp_path, "--send", url, "--yes")
    assert result.exit_code == 2
    assert outcomes(result.stdout) == {
        FIVE[0]: "sent", FIVE[1]: "retry", FIVE[2]: "not attempted", FIVE[3]: "not attempted", FIVE[4]: "not attempted"}
    assert "left for retry: 1, unknown: 0, not attempted: 3" in result.stderr


@pytest.mark.parametrize("url", ["smtp://host:25/?password=S3cr3t", "smtp://host/S3cr3t", "smtp://host:25#S3cr3t", "smtp://host;auth=S3cr3t/x"])
def test_a_path_query_or_fragment_is_refused_unshown(tmp_path: Path, url: str) -> None:
    """An SMTP server URL is scheme://host:port (RFC 5321 has no path): what follows is refused and never shown."""
    result = invite(tmp_path, "--send", url)
    assert result.exit_code == 2
    assert PASSWORD not in result.output
    assert "path, query or fragment" in result.output or "not a host name" in result.output
    assert not (tmp_path / "out").exists()


# --- 3. no message twice ------------------------------------------------------------------------


def test_late_reply_is_unknown_and_never_sent_twice(tmp_path: Path, raw, monkeypatch: pytest.MonkeyPatch) -> None:
    server = raw()
    server.delay = 0.8
    monkeypatch.setenv("RCM_SMTP_TIMEOUT_DATA_END", "0.3")
    url = f"smtp://127.0.0.1:{server.port}"
    started = time.monotonic()
    first = invite(tmp_path, "--send", url, "--yes", roster=ROSTER_TWO)
    assert time.monotonic() - started < 3
    assert first.exit_code == 2
    assert outcomes(first.stdout) == {FIVE[0]: "unknown", FIVE[1]: "not attempted"}
    assert "the server may have delivered it: waiting for the reply after the end of the message took more than 0.3 s" in first.stdout
    assert "unknown: 1, not attempted: 1" in first.stderr
    assert [r["to"] for r in state(tmp_path)["unknown"].values()] == [FIVE[0]]

    server.delay = 0.0
    time.sleep(0.6)  # the server thread finishes its late reply
    rerun = invite(tmp_path, "--send", url, "--yes", roster=ROSTER_TWO)
    assert rerun.exit_code == 2
    assert outcomes(rerun.stdout) == {FIVE[0]: "unknown", FIVE[1]: "sent"}
    assert "the server may have delivered it; --resend-unknown to send again" in rerun.stdout
    assert "add --resend-unknown to send it anyway" in rerun.stderr
    assert server.stored == [FIVE[0], FIVE[1]], "p1 stored once, not sent again"

    dry = invite(tmp_path, "--send", url, roster=ROSTER_TWO)
    assert outcomes(dry.stdout) == {FIVE[0]: "unknown", FIVE[1]: "already sent"}

    again = invite(tmp_path, "--send", url, "--yes", "--resend-unknown", roster=ROSTER_TWO)
    assert again.exit_code == 0, again.output
    assert outcomes(again.stdout) == {FIVE[0]: "sent", FIVE[1]: "already sent"}
    assert server.stored == [FIVE[0], FIVE[1], FIVE[0]], "sent again only when asked"
    assert state(tmp_path)["unknown"] == {}


def test_killed_while_waiting_for_the_reply_is_unknown(tmp_path: Path, raw) -> None:
    """SIGTERM after the whole message went out: sent.json was written ahead, so no rerun resends it."""
    import os
    import signal
    import sys

    server = raw()
    server.delay = 30.0
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER_TWO, encoding="utf-8")
    url = f"smtp://127.0.0.1:{server.port}"
    argv = [sys.executable, "-m", "rcmcli", "agenda", "invite", II, "--roster", str(roster), "-o", str(tmp_path / "out"),
            "--organizer", ORGANIZER, "--send", url, "--yes"]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ})
    try:
        deadline = time.monotonic() + 4
        while not server.stored and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server.stored == [FIVE[0]]
        time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        proc.wait(3)
    finally:
        proc.kill()
        proc.communicate()
    assert [(r["to"], r["outcome"]) for r in state(tmp_path)["unknown"].values()] == [(FIVE[0], "unknown")]
    server.delay = 0.0
    server.stopped.set()  # the sleeping dialogue ends; start a fresh server for the rerun
    again = raw()
    rerun = invite(tmp_path, "--send", f"smtp://127.0.0.1:{again.port}", "--yes", roster=ROSTER_TWO)
    assert outcomes(rerun.stdout) == {FIVE[0]: "unknown", FIVE[1]: "sent"}
    assert again.stored == [FIVE[1]]


def test_reply_within_the_deadline_is_sent_once(tmp_path: Path, raw, monkeypatch: pytest.MonkeyPatch) -> None:
    server = raw()
    server.delay = 0.2
    monkeypatch.setenv("RCM_SMTP_TIMEOUT_DATA_END", "1.5")
    result = invite(tmp_path, "--send", f"smtp://127.0.0.1:{server.port}", "--yes", roster=ROSTER_TWO)
    assert result.exit_code == 0, result.output
    assert server.stored == [FIVE[0], FIVE[1]]
    assert "sent: 2, already sent: 0, refused: 0, left for retry: 0, unknown: 0, not attempted: 0" in result.stderr


def test_deadline_from_the_configuration(tmp_path: Path, raw, monkeypatch: pytest.MonkeyPatch) -> None:
    """[tool.rcm.send] data_end, read by the settings module, is the deadline after the final dot."""
    server = raw()
    server.delay = 0.8
    (tmp_path / ".rcm.toml").write_text("[send]\ndata_end = 0.3\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invite(tmp_path, "--send", f"smtp://127.0.0.1:{server.port}", "--yes", roster=ROSTER_TWO)
    assert result.exit_code == 2
    assert outcomes(result.stdout) == {FIVE[0]: "unknown", FIVE[1]: "not attempted"}
    assert "took more than 0.3 s" in result.stdout
    time.sleep(0.6)  # the server thread finishes its late reply


def test_lost_connection_before_the_body_is_retry(tmp_path: Path, raw) -> None:
    """The server hangs up at RCPT: nothing can have been delivered, so the next run sends it."""

    def hang_up(server: RawServer, conn: socket.socket) -> None:
        f = conn.makefile("rb")
        conn.sendall(b"220 raw.test\r\n")
        while f.readline()[:4].upper() != b"RCPT":
            conn.sendall(b"250 OK\r\n")

    server = raw(hang_up)
    result = invite(tmp_path, "--send", f"smtp://127.0.0.1:{server.port}", "--yes", roster=ROSTER_TWO)
    assert result.exit_code == 2
    assert outcomes(result.stdout) == {FIVE[0]: "retry", FIVE[1]: "not attempted"}
    assert "not sent, the connection was lost before the end of the message" in result.stdout
    assert state(tmp_path)["unknown"] == {}


# --- 4. no hang -------------------------------------------------------------------------------------


def test_default_timeouts_are_rfc_5321() -> None:
    """RFC 5321 §4.5.3.2.1-6, read from the RFC: 5, 5, 5, 2, 3 and 10 minutes."""
    assert send.TIMEOUTS == {"greeting": 300, "command": 300, "data_start": 120, "data_block": 180, "data_end": 600}


def test_trickling_greeting_hits_the_deadline(tmp_path: Path, raw, monkeypatch: pytest.MonkeyPatch) -> None:
    server = raw(trickle)
    monkeypatch.setenv("RCM_SMTP_TIMEOUT_GREETING", "0.5")
    started = time.monotonic()
    result = invite(tmp_path, "--send", f"smtp://127.0.0.1:{server.port}", "--yes", roster=ROSTER_TWO)
    assert time.monotonic() - started < 3
    assert result.exit_code == 2
    assert "waiting for the server's greeting took more than 0.5 s" in result.stderr
    assert "RCM_SMTP_TIMEOUT_GREETING" in result.stderr
    assert not (tmp_path / "out" / "sent.json").exists()


def test_trickling_reply_to_rcpt_hits_the_deadline(tmp_path: Path, raw, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow_rcpt(server: RawServer, conn: socket.socket) -> None:
        f = conn.makefile("rb")
        conn.sendall(b"220 raw.test\r\n")
        while f.readline()[:4].upper() != b"RCPT":
            conn.sendall(b"250 OK\r\n")
        trickle(server, conn)

    server = raw(slow_rcpt)
    monkeypatch.setenv("RCM_SMTP_TIMEOUT_COMMAND", "0.5")
    result = invite(tmp_path, "--send", f"smtp://127.0.0.1:{server.port}", "--yes", roster=ROSTER_TWO)
    assert result.exit_code == 2
    assert outcomes(result.stdout) == {FIVE[0]: "retry", FIVE[1]: "not attempted"}
    assert "waiting for the reply to RCPT took more than 0.5 s" in result.stdout


# --- 6. plain text over the network -------------------------------------------------------------------


@pytest.mark.parametrize(
    "host, local",
    [("localhost", True), ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("mail.example.org", False), ("10.0.0.1", False)],
)
def test_which_hosts_are_local(host: str, local: bool) -> None:
    assert send.Server("smtp", host, 25).local is local


def test_clear_text_to_another_host_is_warned(tmp_path: Path, inbox, monkeypatch: pytest.MonkeyPatch) -> None:
    _box, url = inbox
    monkeypatch.setattr(send.Server, "local", property(lambda self: False))  # as if the server were elsewhere
    result = invite(tmp_path, "--send", url, "--yes", roster=ROSTER_TWO)
    assert result.exit_code == 0, result.output
    assert "does not offer STARTTLS: the messages cross the network in clear text" in result.stderr
    local = invite(tmp_path, "--send", url, "--yes", "--resend-unknown", roster=ROSTER_TWO)
    assert "clear text" not in local.stderr


# --- the password never printed, even when the server echoes it ---------------------------------------


@pytest.fixture
def tls_files(tmp_path: Path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return key, cert


def test_login_refusal_never_shows_the_password(tmp_path: Path, raw, tls_files, monkeypatch: pytest.MonkeyPatch) -> None:
    key, cert = tls_files
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = raw(lambda s, c: smtp_dialogue(s, c, b"250-test\r\n250 AUTH PLAIN\r\n"), tls=context)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    monkeypatch.setenv("RCM_SMTP_USER", "bob")
    monkeypatch.setenv("RCM_SMTP_PASSWORD", PASSWORD)
    result = invite(tmp_path, "--send", f"smtps://127.0.0.1:{server.port}", "--yes", roster=ROSTER_TWO)
    assert result.exit_code == 2, result.output
    assert "refused the login of RCM_SMTP_USER: 535 5.7.8 bad credentials" in result.stderr
    assert any(line.startswith(b"AUTH PLAIN") for line in server.lines), "the server did see the login"
    shown = result.stdout + result.stderr + "".join(p.read_text(errors="replace") for p in (tmp_path / "out").iterdir())
    assert PASSWORD not in shown
    assert base64.b64encode(b"\0bob\0" + PASSWORD.encode()).decode() not in shown
    assert server.stored == []


def test_refused_starttls_is_not_clear_text(tmp_path: Path, raw) -> None:
    """The server offers STARTTLS, then answers it with 454: rcm stops, nothing goes in clear text."""

    def refuse_tls(server: RawServer, conn: socket.socket) -> None:
        f = conn.makefile("rb")
        conn.sendall(b"220 raw.test\r\n")
        while line := f.readline():
            server.lines.append(line)
            reply = b"250-raw.test\r\n250 STARTTLS\r\n" if line[:4].upper() == b"EHLO" else b"454 4.7.0 TLS not available\r\n"
            conn.sendall(reply)

    server = raw(refuse_tls)
    result = invite(tmp_path, "--send", f"smtp://127.0.0.1:{server.port}", "--yes", roster=ROSTER_TWO)
    assert result.exit_code == 2
    assert "cannot connect to smtp://127.0.0.1" in result.stderr and "454 4.7.0 TLS not available" in result.stderr
    assert not any(line[:4].upper() in (b"MAIL", b"AUTH") for line in server.lines)


def test_state_file_of_another_version_is_refused(tmp_path: Path, inbox) -> None:
    box, url = inbox
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sent.json").write_text('{"version": 3, "sent": {}}', encoding="utf-8")
    result = invite(tmp_path, "--send", url, "--yes", roster=ROSTER_TWO)
    assert result.exit_code == 2
    assert "sent.json: not a state file written by 'rcm agenda invite --send'" in result.stderr
    assert box.received == []
