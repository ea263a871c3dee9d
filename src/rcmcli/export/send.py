"""Sending invitation messages over SMTP: optional, safe, resumable.

- The server is a URL: ``smtp://HOST:PORT`` (STARTTLS when the server offers it,
  required when credentials are used), ``smtp+starttls://`` (STARTTLS required) or
  ``smtps://`` (TLS from the first byte). Credentials come only from the
  environment (``RCM_SMTP_USER``, ``RCM_SMTP_PASSWORD``); a URL with a user or
  password in it is refused, so no password reaches the shell history or ``ps``.
  Every URL rcm shows goes through :func:`redact` first.
- Each message ends in one outcome: ``sent``; ``refused`` (a 5xx reply: the run goes
  on); ``retry`` (a 4xx reply, or a connection lost before the message was sent:
  the next run sends it); ``unknown`` (no reply after the whole message was sent:
  the server may have delivered it, so no run sends it again unless asked).
- A state file (``sent.json`` in the invitation folder) records each outcome, by
  Message-ID, with its UID, attendee, method and SEQUENCE, and the server's reply.
  It is rewritten atomically after every message, so a rerun sends only what was
  not sent, and nothing is sent twice for the same SEQUENCE (the Message-ID is a
  digest of UID, attendee, method and SEQUENCE).
- Every stage of the dialogue has a deadline (RFC 5321 §4.5.3.2), not a timeout per
  read: a server that trickles its reply one byte at a time still hits it.
- At most ``rate`` messages a minute.

Only :func:`deliver` talks to the network; the rest is plain data.
"""

from __future__ import annotations

import json
import os
import re
import smtplib
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from rcmcli.core.errors import InputError, OutputError, UsageError, one_line, quote
from rcmcli.core.settings import SEND
from rcmcli.export.mail import Mail
from rcmcli.i18n import N_, _

STATE_FILE = "sent.json"
STATE_VERSION = 2  # 2 added "unknown"; version 1 files (sent, failed) are read as they are
ENV_USER, ENV_PASSWORD = "RCM_SMTP_USER", "RCM_SMTP_PASSWORD"
SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
DEFAULT_RATE = 30  # messages per minute
MASK = "***"

# Seconds each stage of the SMTP dialogue may take: RFC 5321 §4.5.3.2's client timeouts,
# owned by the settings module ([tool.rcm.send]). A deadline covers the whole stage:
# every read and write of it. "greeting": connecting and the 220 greeting; "command":
# the reply to EHLO, STARTTLS, AUTH, MAIL, RCPT, RSET, QUIT; "data_start": the 354 reply
# to DATA; "data_block": sending each block of the message; "data_end": the reply after
# the final dot.
TIMEOUTS: dict[str, float] = {k: float(v) for k, v in SEND.items()}
TIMEOUT_ENV = "RCM_SMTP_TIMEOUT_"  # + the stage in capitals: RCM_SMTP_TIMEOUT_DATA_END=600
BLOCK = 64 * 1024  # bytes of the message sent under one data-block deadline

STAGES = {
    "greeting": N_("waiting for the server's greeting"),
    "command": N_("waiting for the reply to %(command)s"),
    "data_start": N_("waiting for the reply to DATA"),
    "data_block": N_("sending a block of the message"),
    "data_end": N_("waiting for the reply after the end of the message"),
}


@dataclass(frozen=True)
class Server:
    scheme: str
    host: str
    port: int

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return one_line(f"{self.scheme}://{host}:{self.port}")

    @property
    def local(self) -> bool:
        """localhost, 127.0.0.0/8 or ::1: plain text never leaves the machine."""
        import ipaddress

        if self.host.casefold() == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


@dataclass(frozen=True)
class Result:
    """What happened to one message.

    ``outcome``: ``sent``, ``already-sent``, ``would-send`` (dry run), ``refused``,
    ``retry``, ``unknown`` or ``not-attempted``; ``code`` is the server's reply code
    when there was one, ``detail`` the reason (already free of secrets).
    """

    mail: Mail
    outcome: str
    detail: str = ""
    code: int | None = None
    earlier: bool = False  # an outcome of an earlier run (an unknown one, held back)


def redact(url: str) -> str:
    """The URL with its password masked: ``smtp://bob:***@host``.

    Works on text that is not a valid URL too (``smtp://[::1``, no scheme). The user
    information is taken as everything before the *last* ``@``, not only within the
    authority: a password typed with a ``/``, ``?`` or ``#`` in it would otherwise
    end the authority early and be shown.
    """
    head, sep, rest = url.partition("://")
    if not sep:
        head, rest = "", url
    userinfo, at, hostport = rest.rpartition("@")
    if not at:
        return url
    user, colon, _password = userinfo.partition(":")
    masked = f"{user}:{MASK}" if colon else user
    return f"{head}{sep}{masked}@{hostport}"


def scrub(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret (and the base64 forms AUTH sends) masked, on one line."""
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, MASK)
    return one_line(text)


def _secrets(user: str | None, password: str | None) -> list[str]:
    """The password as typed and as AUTH PLAIN and AUTH LOGIN put it on the wire (RFC 4616, base64)."""
    import base64

    if not password:
        return []
    b64 = [base64.b64encode(v.encode("utf-8")).decode("ascii") for v in (password, f"\0{user or ''}\0{password}")]
    return [password, *b64]


NOT_A_SERVER = N_("--send %(url)s is not a server like smtp://mail.example.org:587 (smtp, smtp+starttls or smtps)")


def parse_server(url: str) -> Server:
    """``smtp://HOST:PORT`` and friends; refuses credentials in the URL."""
    shown = {"url": quote(redact(url))}
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:  # '[::1', a port out of range: urllib's message may quote the URL, say it in our words
        scheme = url.partition("://")[0] if "://" in url else ""
        message = N_("--send %(url)s is not a valid URL: check the brackets around an IPv6 address and the port (1 to 65535)")
        if scheme not in SCHEMES:
            message = NOT_A_SERVER
        raise UsageError(_(message) % shown) from None
    if parts.scheme not in SCHEMES or not host:
        raise UsageError(_(NOT_A_SERVER) % shown)
    if parts.username or parts.password or "@" in parts.netloc:
        raise UsageError(
            _("--send %(url)s: no user or password in the URL; set %(user)s and %(password)s in the environment")
            % {**shown, "user": ENV_USER, "password": ENV_PASSWORD}
        )
    if port == 0:
        raise UsageError(_("--send %(url)s: the port is not a number from 1 to 65535") % shown)
    if not re.fullmatch(r"[A-Za-z0-9.-]+|[0-9A-Fa-f:.]+", host):
        # Not a host name; it may hold a secret (smtp://host;auth=...): not shown.
        raise UsageError(_("--send: the server is not a host name (letters, digits, dots and hyphens) or an IP address"))
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        # What follows the server may hold a secret (?password=...): it is not shown.
        server = quote(f"{parts.scheme}://{parts.netloc}/...")
        raise UsageError(_("--send %(url)s: a server URL ends after HOST:PORT; rcm reads no path, query or fragment") % {"url": server})
    return Server(parts.scheme, host, port or SCHEMES[parts.scheme])


def timeouts(environ: Mapping[str, str]) -> dict[str, float]:
    """The run's ``[tool.rcm.send]`` timeouts, each overridden by ``RCM_SMTP_TIMEOUT_<STAGE>`` (seconds) if set."""
    from rcmcli.core.settings import current

    chosen = {k: float(v) for k, v in current().send.items()}
    for stage in TIMEOUTS:
        name = TIMEOUT_ENV + stage.upper()
        value = environ.get(name)
        if value is None:
            continue
        try:
            seconds = float(value)
        except ValueError:
            seconds = 0
        if not 0 < seconds < 1e6:
            raise UsageError(_("%(name)s=%(value)s is not a number of seconds above 0") % {"name": name, "value": quote(value)})
        chosen[stage] = seconds
    return chosen


# --- the state file -------------------------------------------------------------------


@dataclass
class State:
    """``sent``: delivered (never sent again); ``unknown``: maybe delivered (held back);
    ``failed``: refused or left for retry (sent again on the next run)."""

    sent: dict[str, dict] = field(default_factory=dict)
    unknown: dict[str, dict] = field(default_factory=dict)
    failed: dict[str, dict] = field(default_factory=dict)


def load_state(folder: Path) -> State:
    """What earlier runs did; empty if there is no state file yet."""
    path = folder / STATE_FILE
    if not path.exists():
        return State()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict) and data.get("version", 1) in (1, STATE_VERSION)
        parts = [data["sent"], data.get("unknown", {}), data.get("failed", {})]
        assert all(isinstance(p, dict) and all(isinstance(r, dict) for r in p.values()) for p in parts)
    except (OSError, ValueError, KeyError, TypeError, AssertionError):
        raise InputError(_("not a state file written by 'rcm agenda invite --send'; move it away to start afresh"), str(path)) from None
    return State(*parts)


def save_state(folder: Path, state: State) -> None:
    from rcmcli.core.fileio import write_atomic

    data = {"version": STATE_VERSION, "sent": state.sent, "unknown": state.unknown, "failed": state.failed}
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    write_atomic(folder / STATE_FILE, text.encode("utf-8"))


def _record(mail: Mail) -> dict:
    return {"to": mail.to, "uid": mail.uid, "method": mail.method, "sequence": mail.sequence, "file": mail.name}


def _find(mail: Mail, records: dict[str, dict]) -> str | None:
    """The key of ``mail`` in ``records``: the same Message-ID, or the same UID, attendee, method and SEQUENCE."""
    if mail.message_id in records:
        return mail.message_id
    key = (mail.uid, mail.to.casefold(), mail.method, mail.sequence)
    for mid, r in records.items():
        if (r.get("uid"), str(r.get("to", "")).casefold(), r.get("method"), r.get("sequence")) == key:
            return mid
    return None


def _file(state: State, result: Result) -> None:
    """Move the message to the part of the state its outcome belongs to."""
    mail = result.mail
    for part in (state.sent, state.unknown, state.failed):
        found = _find(mail, part)
        if found is not None:
            del part[found]
    record = _record(mail)
    if result.outcome == "sent":
        state.sent[mail.message_id] = record
        return
    record.update(outcome=result.outcome, code=result.code, error=result.detail)
    (state.unknown if result.outcome == "unknown" else state.failed)[mail.message_id] = record


PENDING = N_("unknown: rcm stopped after sending the whole message, before the server's reply")
HELD = N_("unknown: the server may have delivered it; --resend-unknown to send again")


def plan(mails: Iterable[Mail], state: State, resend_unknown: bool = False) -> list[Result]:
    """What a run would do: already sent, held back (outcome unknown), or to send."""
    out = []
    for m in mails:
        if _find(m, state.sent) is not None:
            out.append(Result(m, "already-sent"))
        elif _find(m, state.unknown) is not None and not resend_unknown:
            out.append(Result(m, "unknown", _(HELD), earlier=True))
        else:
            out.append(Result(m, "would-send"))
    return out


# --- talking SMTP under deadlines -----------------------------------------------------


class StageTimeout(Exception):
    """A stage of the SMTP dialogue outlasted its deadline (not an OSError: smtplib must not swallow it)."""

    def __init__(self, stage: str, command: str, seconds: float) -> None:
        super().__init__(stage)
        self.stage, self.command, self.seconds = stage, command, seconds

    def __str__(self) -> str:
        what = _(STAGES[self.stage]) % {"command": self.command}
        values = {"what": what, "seconds": f"{self.seconds:g}", "name": TIMEOUT_ENV + self.stage.upper()}
        return _("%(what)s took more than %(seconds)s s (RFC 5321 §4.5.3.2; %(name)s sets the limit)") % values


class _Reader:
    """What smtplib reads replies from: each ``recv`` waits only for what is left of the stage."""

    def __init__(self, smtp: DeadlineSMTP) -> None:
        self.smtp = smtp
        self.buffer = b""

    def readline(self, limit: int = -1) -> bytes:
        while b"\n" not in self.buffer and (limit < 0 or len(self.buffer) < limit):
            sock = self.smtp.sock
            if sock is None:
                break
            sock.settimeout(self.smtp.remaining())
            try:
                chunk = sock.recv(4096)
            except TimeoutError:
                raise self.smtp.expired() from None
            if not chunk:
                break
            self.buffer += chunk
        end = self.buffer.find(b"\n") + 1 or len(self.buffer)
        if limit >= 0:
            end = min(end, limit)
        line, self.buffer = self.buffer[:end], self.buffer[end:]
        return line

    def close(self) -> None:
        self.buffer = b""


class DeadlineSMTP(smtplib.SMTP):
    """smtplib.SMTP where every stage (RFC 5321 §4.5.3.2) has a deadline for all its reads and writes."""

    def __init__(self, host: str, port: int, limits: dict[str, float], **kwargs) -> None:
        self.limits = limits
        self.stage, self.command, self.deadline = "greeting", "", time.monotonic() + limits["greeting"]
        self.body_sent = False  # the final dot of the current message went out: its fate is the server's
        self.idle = True  # between transactions: QUIT may be sent
        super().__init__(host, port, timeout=limits["greeting"], **kwargs)

    def begin(self, stage: str, command: str = "") -> None:
        self.stage, self.command = stage, command
        self.deadline = time.monotonic() + self.limits[stage]

    def expired(self) -> StageTimeout:
        self.close()
        return StageTimeout(self.stage, self.command, self.limits[self.stage])

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise self.expired()
        return left

    def connect(self, host: str = "localhost", port: int = 0, source_address=None):
        self.begin("greeting")
        return super().connect(host, port, source_address)

    def getreply(self):
        if self.file is None:
            self.file = _Reader(self)  # type: ignore[assignment]  # smtplib only calls readline and close
        return super().getreply()

    def putcmd(self, cmd: str, args: str = "") -> None:
        name = cmd.split(" ", 1)[0].upper()
        self.begin("data_start" if name == "DATA" else "command", name)
        super().putcmd(cmd, args)

    def send(self, s) -> None:
        if isinstance(s, str):
            s = s.encode(self.command_encoding)
        if self.sock is None:
            raise smtplib.SMTPServerDisconnected("please run connect() first")
        try:
            self.sock.settimeout(self.remaining())
            self.sock.sendall(s)
        except TimeoutError:
            raise self.expired() from None
        except OSError as exc:
            self.close()
            raise smtplib.SMTPServerDisconnected(f"connection lost: {exc.strerror or exc}") from None

    def transmit(self, data: bytes, before_end: Callable[[], object] = lambda: None) -> tuple[int, bytes]:
        """DATA, the message in blocks, the final dot and its reply (smtplib's ``data`` under deadlines).

        ``before_end`` runs just before the block that ends the message: from then on
        the server may deliver it whatever happens to rcm.
        """
        self.body_sent = False
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            return code, reply
        body = re.sub(rb"(?m)^\.", b"..", data)  # RFC 5321 §4.5.2 dot-stuffing
        body += (b"" if body.endswith(b"\r\n") else b"\r\n") + b".\r\n"
        for start in range(0, len(body), BLOCK):
            if start + BLOCK >= len(body):
                before_end()
            self.begin("data_block")
            self.send(body[start : start + BLOCK])
        self.body_sent = True
        self.begin("data_end")
        return self.getreply()


class DeadlineSMTPS(DeadlineSMTP, smtplib.SMTP_SSL):
    """TLS from the first byte, with the same deadlines."""


# --- delivering ---------------------------------------------------------------------------


def deliver(
    mails: list[Mail],
    server: Server,
    sender: str,
    folder: Path,
    rate: float = DEFAULT_RATE,
    environ: Mapping[str, str] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    resend_unknown: bool = False,
    warn: Callable[[str], object] = lambda text: None,
) -> list[Result]:
    """Send what was not sent yet, recording each outcome before the next message."""
    env = os.environ if environ is None else environ
    limits = timeouts(env)
    state = load_state(folder)
    results = plan(mails, state, resend_unknown)
    todo = [r.mail for r in results if r.outcome == "would-send"]
    if not todo:
        return results
    user, password = env.get(ENV_USER), env.get(ENV_PASSWORD)
    secrets = _secrets(user, password)
    smtp = _connect(server, user, password, limits, secrets, warn)
    done: dict[str, Result] = {}
    interval, last, stop = 60.0 / rate, None, False
    try:
        for mail in todo:
            if stop:
                done[mail.message_id] = Result(mail, "not-attempted")
                continue
            if last is not None:
                wait = interval - (time.monotonic() - last)
                if wait > 0:
                    sleep(wait)
            last = time.monotonic()
            # Written ahead: if rcm dies after the end of the message (SIGTERM, Ctrl-C, power), the
            # state already says "unknown", and no rerun sends the message again unasked.
            result, stop = _send_one(smtp, sender, mail, secrets, _ahead(state, folder, Result(mail, "unknown", _(PENDING))))
            done[mail.message_id] = result
            _file(state, result)
            save_state(folder, state)
    finally:
        _quit(smtp)
    return [done.get(r.mail.message_id, r) for r in results]


def _ahead(state: State, folder: Path, pending: Result) -> Callable[[], None]:
    """Record ``pending`` (unknown) on disk: called just before the end of the message goes out."""

    def write() -> None:
        _file(state, pending)
        save_state(folder, state)

    return write


def _quit(smtp: DeadlineSMTP) -> None:
    if smtp.sock is None:
        return
    if not smtp.idle:  # inside a transaction (an interruption): a QUIT now would be read as the message's text
        smtp.close()
        return
    try:
        smtp.quit()
    except (StageTimeout, OSError, smtplib.SMTPException):  # the server may be gone already; nothing left to tell it
        smtp.close()


def _connect(server: Server, user: str | None, password: str | None, limits: dict[str, float], secrets: list[str], warn) -> DeadlineSMTP:
    import ssl

    context = ssl.create_default_context()
    smtp: DeadlineSMTP | None = None
    try:
        if server.scheme == "smtps":
            smtp = DeadlineSMTPS(server.host, server.port, limits, context=context)
        else:
            smtp = DeadlineSMTP(server.host, server.port, limits)
            smtp.ehlo_or_helo_if_needed()
            if smtp.has_extn("starttls"):
                smtp.starttls(context=context)  # a refusal (454) raises: never on in clear text
                smtp.ehlo()
            elif server.scheme == "smtp+starttls" or user:
                smtp.close()
                if user:
                    message = _("%(server)s does not offer STARTTLS and credentials are set; refusing to send in clear text")
                else:
                    message = _("%(server)s does not offer STARTTLS and smtp+starttls:// requires it; refusing to send in clear text")
                raise OutputError(message % {"server": server})
            elif not server.local:
                warn(_("rcm: warning: %(server)s does not offer STARTTLS: the messages cross the network in clear text") % {"server": server})
        if user:
            smtp.login(user, password or "")
    except smtplib.SMTPAuthenticationError as exc:
        _close(smtp)
        reason = scrub(f"{exc.smtp_code} {_text(exc.smtp_error)}", secrets)
        raise OutputError(_("%(server)s refused the login of %(user)s: %(reason)s") % {"server": server, "user": ENV_USER, "reason": reason}) from None
    except UnicodeEncodeError:
        _close(smtp)  # smtplib sends AUTH in ASCII; its message would quote a character of the password
        raise UsageError(_("%(user)s and %(password)s must be ASCII for SMTP AUTH") % {"user": ENV_USER, "password": ENV_PASSWORD}) from None
    except smtplib.SMTPResponseException as exc:
        _close(smtp)
        reason = scrub(f"{exc.smtp_code} {_text(exc.smtp_error)}", secrets)
        raise OutputError(_("cannot connect to %(server)s: %(reason)s") % {"server": server, "reason": reason}) from None
    except (StageTimeout, OSError, smtplib.SMTPException) as exc:
        _close(smtp)
        reason = scrub(str(exc.strerror or exc) if isinstance(exc, OSError) else str(exc), secrets)
        raise OutputError(_("cannot connect to %(server)s: %(reason)s") % {"server": server, "reason": reason}) from None
    return smtp


def _close(smtp: DeadlineSMTP | None) -> None:
    if smtp is not None:
        smtp.close()


def _text(reply: object) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return text.replace("\n", " ")[:500]


def _by_reply(mail: Mail, command: str, code: int, reply: bytes, secrets: list[str], after_body: bool) -> tuple[Result, bool]:
    """An SMTP reply that is not success: 5xx refused, 4xx retry (421: the server is closing), anything else unknown."""
    detail = scrub(f"{command}: {code} {_text(reply)}", secrets)
    if 500 <= code <= 599:
        return Result(mail, "refused", detail, code), False
    if 400 <= code <= 499:
        return Result(mail, "retry", detail, code), code == 421
    return Result(mail, "unknown" if after_body else "retry", detail, code if code > 0 else None), True


def _send_one(
    smtp: DeadlineSMTP, sender: str, mail: Mail, secrets: list[str], before_end: Callable[[], object] = lambda: None
) -> tuple[Result, bool]:
    """One transaction (MAIL, RCPT, DATA); the outcome, and whether the run must stop."""
    smtp.body_sent, smtp.idle = False, False
    try:
        for command, call in (("MAIL", lambda: smtp.mail(sender)), ("RCPT", lambda: smtp.rcpt(mail.to))):
            code, reply = call()
            if code not in (250, 251):
                return _abandon(smtp, _by_reply(mail, command, code, reply, secrets, False))
        code, reply = smtp.transmit(mail.data, before_end)
        smtp.idle = smtp.body_sent  # the reply to the end of the message closes the transaction
        if smtp.body_sent and 200 <= code <= 299:
            return Result(mail, "sent", code=code), False
        return _abandon(smtp, _by_reply(mail, "DATA", code, reply, secrets, smtp.body_sent))
    except (StageTimeout, OSError, smtplib.SMTPException) as exc:
        # smtplib.SMTPException is an OSError: a reply smtplib turned into one is still a lost dialogue here
        reason = scrub(str(exc) if not isinstance(exc, smtplib.SMTPResponseException) else f"{exc.smtp_code} {_text(exc.smtp_error)}", secrets)
        smtp.close()
        if smtp.body_sent:
            return Result(mail, "unknown", _("outcome unknown, the server may have delivered it: %(reason)s") % {"reason": reason}), True
        return Result(mail, "retry", _("not sent, the connection was lost before the end of the message: %(reason)s") % {"reason": reason}), True


def _abandon(smtp: DeadlineSMTP, outcome: tuple[Result, bool]) -> tuple[Result, bool]:
    """End a transaction that failed part way (RSET, RFC 5321 §4.1.1.5), unless the run stops anyway."""
    result, stop = outcome
    if stop or smtp.body_sent:
        return outcome
    try:
        code, _reply = smtp.rset()
    except (StageTimeout, OSError, smtplib.SMTPException):
        smtp.close()
        return result, True
    smtp.idle = code == 250
    return result, code != 250
