"""Sending invitation messages over SMTP: optional, safe, resumable.

- The server is a URL: ``smtp://HOST:PORT`` (STARTTLS when the server offers it,
  required when credentials are used), ``smtp+starttls://`` (STARTTLS required) or
  ``smtps://`` (TLS from the first byte). Credentials come only from the
  environment (``RCM_SMTP_USER``, ``RCM_SMTP_PASSWORD``); a URL with a user or
  password in it is refused, so no password reaches the shell history or ``ps``.
- A state file (``sent.json`` in the invitation folder) records each message
  delivered, by Message-ID, with its UID, attendee, method and SEQUENCE. It is
  rewritten atomically after every message, so a rerun after a failure sends only
  what was not sent, and nothing is sent twice for the same SEQUENCE (the
  Message-ID is a digest of UID, attendee, method and SEQUENCE).
- At most ``rate`` messages a minute.

Only :func:`deliver` talks to the network; the rest is plain data.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional
from urllib.parse import urlsplit

from rcmcli.i18n import _
from rcmcli.core.errors import InputError, OutputError, UsageError
from rcmcli.export.mail import Mail

STATE_FILE = "sent.json"
ENV_USER, ENV_PASSWORD = "RCM_SMTP_USER", "RCM_SMTP_PASSWORD"
SCHEMES = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
DEFAULT_RATE = 30  # messages per minute


@dataclass(frozen=True)
class Server:
    scheme: str
    host: str
    port: int

    def __str__(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"


@dataclass(frozen=True)
class Result:
    """What happened to one message: ``sent``, ``already-sent``, ``would-send`` or ``failed``."""

    mail: Mail
    outcome: str
    detail: str = ""


def parse_server(url: str) -> Server:
    """``smtp://HOST:PORT`` and friends; refuses credentials in the URL."""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise UsageError(_("--send '%(url)s' is not a server like smtp://mail.example.org:587 (smtp, smtp+starttls or smtps)") % {"url": url})
    if parts.username or parts.password:
        raise UsageError(_("--send: no user or password in the URL; set %(user)s and %(password)s in the environment") % {"user": ENV_USER, "password": ENV_PASSWORD})
    try:
        port = parts.port or SCHEMES[parts.scheme]
    except ValueError:
        raise UsageError(_("--send '%(url)s': the port is not a number from 1 to 65535") % {"url": url}) from None
    return Server(parts.scheme, parts.hostname, port)


def parse_rate(value: Optional[str]) -> float:
    if value is None:
        return DEFAULT_RATE
    try:
        rate = float(value)
    except ValueError:
        rate = 0
    if not rate > 0:
        raise UsageError(_("--rate '%(value)s' is not a positive number of messages per minute") % {"value": value})
    return rate


# --- the state file -------------------------------------------------------------------


def load_state(folder: Path) -> dict[str, dict]:
    """Message-ID -> what was sent; empty if there is no state file yet."""
    path = folder / STATE_FILE
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sent = data["sent"]
        assert isinstance(sent, dict)
        return sent
    except (ValueError, KeyError, TypeError, AssertionError):
        raise InputError(_("not a state file written by 'rcm agenda invite --send'; move it away to start afresh"), str(path)) from None


def _load_failed(folder: Path) -> dict[str, dict]:
    try:
        failed = json.loads((folder / STATE_FILE).read_text(encoding="utf-8")).get("failed", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return failed if isinstance(failed, dict) else {}


def save_state(folder: Path, sent: dict[str, dict], failed: Optional[dict[str, dict]] = None) -> None:
    """``sent``: what was delivered (the rerun skips it); ``failed``: the last failure of each other message, for people."""
    from rcmcli.core.fileio import write_atomic

    state = {"version": 1, "sent": sent, "failed": {k: v for k, v in (failed or {}).items() if k not in sent}}
    text = json.dumps(state, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    write_atomic(folder / STATE_FILE, text.encode("utf-8"))


def _record(mail: Mail) -> dict:
    return {"to": mail.to, "uid": mail.uid, "method": mail.method, "sequence": mail.sequence, "file": mail.name}


def _already(mail: Mail, sent: dict[str, dict]) -> bool:
    """Sent before: the same Message-ID, or the same UID, attendee, method and SEQUENCE."""
    if mail.message_id in sent:
        return True
    key = (mail.uid, mail.to.casefold(), mail.method, mail.sequence)
    return any((r.get("uid"), str(r.get("to", "")).casefold(), r.get("method"), r.get("sequence")) == key for r in sent.values())


def plan(mails: Iterable[Mail], sent: dict[str, dict]) -> list[Result]:
    """What a run would do: already sent, or to send."""
    return [Result(m, "already-sent" if _already(m, sent) else "would-send") for m in mails]


# --- delivering ---------------------------------------------------------------------------


def deliver(
    mails: list[Mail],
    server: Server,
    sender: str,
    folder: Path,
    rate: float = DEFAULT_RATE,
    environ: Optional[dict[str, str]] = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Result]:
    """Send what was not sent yet, recording each success before the next message."""
    env = os.environ if environ is None else environ
    sent = load_state(folder)
    results = plan(mails, sent)
    todo = [r.mail for r in results if r.outcome == "would-send"]
    if not todo:
        return results
    done: dict[str, Result] = {}
    failed = _load_failed(folder)
    smtp = _connect(server, env.get(ENV_USER), env.get(ENV_PASSWORD))
    interval, last = 60.0 / rate, None
    try:
        for mail in todo:
            if last is not None:
                wait = interval - (time.monotonic() - last)
                if wait > 0:
                    sleep(wait)
            last = time.monotonic()
            outcome = _send_one(smtp, sender, mail)
            done[mail.message_id] = outcome
            if outcome.outcome == "sent":
                sent[mail.message_id] = _record(mail)
            else:
                failed[mail.message_id] = {**_record(mail), "error": outcome.detail}
            save_state(folder, sent, failed)
            if outcome.detail.startswith("connection"):
                break
    finally:
        try:
            smtp.quit()
        except Exception:  # the server may already be gone; nothing left to tell it
            pass
    return [done.get(r.mail.message_id, r if r.outcome != "would-send" else Result(r.mail, "failed", "not attempted")) for r in results]


def _connect(server: Server, user: Optional[str], password: Optional[str]):
    import smtplib
    import ssl

    context = ssl.create_default_context()
    try:
        if server.scheme == "smtps":
            smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=30, context=context)
        else:
            smtp = smtplib.SMTP(server.host, server.port, timeout=30)
            smtp.ehlo()
            if smtp.has_extn("starttls"):
                smtp.starttls(context=context)
                smtp.ehlo()
            elif server.scheme == "smtp+starttls" or user:
                smtp.close()
                if user:
                    message = _("%(server)s does not offer STARTTLS and credentials are set; refusing to send in clear text")
                else:
                    message = _("%(server)s does not offer STARTTLS and smtp+starttls:// requires it; refusing to send in clear text")
                raise OutputError(message % {"server": server})
        if user:
            smtp.login(user, password or "")
    except smtplib.SMTPAuthenticationError:
        raise OutputError(_("%(server)s refused the login of %(user)s") % {"server": server, "user": ENV_USER}) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise OutputError(_("cannot connect to %(server)s: %(reason)s") % {"server": server, "reason": exc}) from None
    return smtp


def _send_one(smtp, sender: str, mail: Mail) -> Result:
    import smtplib

    try:
        refused = smtp.sendmail(sender, [mail.to], mail.data)
    except smtplib.SMTPServerDisconnected as exc:
        return Result(mail, "failed", f"connection lost: {exc}")
    except smtplib.SMTPRecipientsRefused as exc:
        return Result(mail, "failed", f"recipient refused: {exc.recipients}")
    except (smtplib.SMTPException, OSError) as exc:
        return Result(mail, "failed", f"connection error: {exc}" if isinstance(exc, OSError) else str(exc))
    if refused:
        return Result(mail, "failed", f"recipient refused: {refused}")
    return Result(mail, "sent")
