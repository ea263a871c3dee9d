"""Invitations as mail messages (RFC 5322, MIME) that calendar clients act on.

Pure core: an invitation in, message bytes out, with the standard library's
``email`` package. The structure is what Outlook and Gmail send and expect:

    multipart/mixed
      multipart/alternative
        text/plain; charset=utf-8            the body, in the participant's language
        text/calendar; method=REQUEST; charset=UTF-8   (or CANCEL): clients act on this
      application/ics; name=invite.ics      the same calendar, as an attachment

One UID per message (Outlook imports only the first of several). Nothing depends on
the clock or on chance: Date is the invitation's DTSTAMP (the agenda's ``revised``
or SOURCE_DATE_EPOCH), Message-ID and MIME boundaries are digests of the message's
identity, so a rerun writes the same bytes. Headers with accented names are
encoded by the ``email`` package (RFC 2047).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime

from rcmcli.core.errors import InputError
from rcmcli.export import icstext as w
from rcmcli.export.ics import Invite, Organizer
from rcmcli.i18n import LANGUAGES, N_, _, language

# RFC 5322 §2.1.1: a line of a message is at most 998 characters, CRLF excluded.
LINE_MAX = 998

# Every character str.splitlines() breaks at: the email package refuses a header value
# that holds one (ValueError), and a header is one line (RFC 5322 §2.2).
_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")



class _Policy(EmailPolicy):
    """``policy.SMTP``, but an all-ASCII From: or To: is never folded.

    The email package folds an address header at 78 columns, and when the display name
    is a quoted string (a comma, a quote, a backslash: "Smith, John ...") it drops the
    quotes at the fold: 'To: Ambassador John Smith, Permanent Representative ... <js@x>'
    reads back as two addresses, and some names make the folding raise. Unfolded, the
    line stays under 998 (RFC 5322 §2.1.1) by the roster's limits (a name of at most
    200 characters, an address of at most 254). A name with other characters is
    written as RFC 2047 encoded words, which fold correctly.
    """

    def _wide(self, name: str, value: object) -> EmailPolicy:
        if name.lower() in ("from", "to") and str(value).isascii():
            return self.clone(max_line_length=LINE_MAX)
        return self

    def fold(self, name: str, value: str) -> str:
        return EmailPolicy.fold(self._wide(name, value), name, value)

    def fold_binary(self, name: str, value: str) -> bytes:
        return EmailPolicy.fold_binary(self._wide(name, value), name, value)


SMTP = _Policy(linesep="\r\n")

# What the delegate reads, in their language (a document like the calendar, not the
# terminal: docs/decisions.md).
TEXTS = {
    "new": N_("Invitation: %(title)s"),
    "updated": N_("Updated invitation: %(title)s"),
    "cancelled": N_("Cancelled: %(title)s"),
    # TRANSLATORS: the greeting of an invitation mail; %(name)s is the participant's name
    "greeting": N_("Dear %(name)s,"),
    "body_new": N_(
        "You are invited to %(title)s. The invitation is attached; your calendar shows it in your own time zone."
    ),
    "body_updated": N_(
        "The invitation to %(title)s has changed. Your calendar will show the new version in place of the earlier one."
    ),
    "body_cancelled": N_("The invitation to %(title)s has been cancelled for you. Your calendar will remove it."),
}


@dataclass(frozen=True)
class Mail:
    """A message ready to write or send: its identity, recipient and bytes."""

    name: str  # file name (.eml)
    message_id: str
    to: str
    subject: str
    method: str
    uid: str
    sequence: int
    status: str
    data: bytes


def _event_values(data: bytes) -> dict[str, str]:
    """The first value of each property in the first VEVENT (SUMMARY, DTSTART, DTSTAMP, DESCRIPTION)."""
    values: dict[str, str] = {}
    inside = False
    for line in w.unfold(data.decode("utf-8", "replace")):
        name = w.line_name(line)
        if name == "BEGIN" and w.line_value(line).strip().upper() == "VEVENT":
            inside = True
        elif name == "END" and inside:
            break
        elif inside and name not in values:
            values[name] = w.line_value(line)
    return values


def _stamp(value: str) -> datetime:
    return datetime.strptime(value.strip(), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)


def message_id(invite: Invite, organizer: Organizer) -> str:
    """Stable and unique per (UID, attendee, method, SEQUENCE): the key of 'sent once'."""
    digest = hashlib.sha256(f"{invite.uid}\n{invite.email}\n{invite.method}\n{invite.sequence}".encode()).hexdigest()
    domain = organizer.email.rpartition("@")[2] or "rcmcli.invalid"
    return f"<{digest[:32]}@{domain}>"


def body(invite: Invite, organizer: Organizer, values: dict[str, str]) -> str:
    t = _texts(invite.lang)
    title = w.unescape_text(values.get("SUMMARY", ""))
    kind = "cancelled" if invite.method == "CANCEL" else ("updated" if invite.status == "updated" else "new")
    parts = [t["greeting"] % {"name": invite.person or invite.email}, "", t[f"body_{kind}"] % {"title": title}]
    description = w.unescape_text(values.get("DESCRIPTION", ""))
    if description and invite.method != "CANCEL":
        parts += ["", description]
    parts += ["", "-- ", organizer.name or organizer.email]
    return "\n".join(parts) + "\n"


def subject(invite: Invite, values: dict[str, str]) -> str:
    t = _texts(invite.lang)
    kind = "cancelled" if invite.method == "CANCEL" else ("updated" if invite.status == "updated" else "new")
    return one_line(t[kind] % {"title": w.unescape_text(values.get("SUMMARY", ""))})


def one_line(text: str) -> str:
    """``text`` for a header: each run of line breaks becomes a space.

    The commands refuse a meeting whose title or secretariat name holds a line break
    (C001); this is for the one a ``# rcm: ignore[C001]`` let through, written on one
    line as a mail client shows a folded header, rather than a crash.
    """
    return _BREAKS.sub(" ", text) if not text.isprintable() else text


def _texts(lang: str) -> dict[str, str]:
    """:data:`TEXTS` in the participant's language (English for one rcm does not speak)."""
    with language(lang if lang in LANGUAGES else "en"):
        return {key: _(text) for key, text in TEXTS.items()}


def build(invite: Invite, organizer: Organizer) -> Mail:
    """One message for one invitation (REQUEST or CANCEL)."""
    values = _event_values(invite.data)
    mid = message_id(invite, organizer)
    msg = EmailMessage(policy=SMTP)
    msg["From"] = Address(one_line(organizer.name), addr_spec=organizer.email)
    msg["To"] = Address(one_line(invite.person), addr_spec=invite.email)
    msg["Subject"] = subject(invite, values)
    msg["Date"] = format_datetime(_stamp(values.get("DTSTAMP", "19700101T000000Z")))
    msg["Message-ID"] = mid
    msg.set_content(body(invite, organizer, values), cte="quoted-printable")
    msg.add_alternative(invite.data, maintype="text", subtype="calendar", cte="base64")
    calendar = _part(msg, 1)
    calendar.replace_header("Content-Type", f"text/calendar; method={invite.method}; charset=UTF-8")
    msg.add_attachment(invite.data, maintype="application", subtype="ics", filename="invite.ics")
    attachment = _part(msg, 1)
    attachment.replace_header("Content-Type", "application/ics; name=invite.ics")
    _deterministic(msg, mid)
    data = msg.as_bytes(policy=SMTP)
    _check(data, organizer.email, invite.email)
    name = invite.name[: -len(".ics")] + ".eml" if invite.name.endswith(".ics") else invite.name + ".eml"
    return Mail(name, mid, invite.email, str(msg["Subject"]), invite.method, invite.uid, invite.sequence, invite.status, data)


def _check(data: bytes, sender: str, to: str) -> None:
    """Refuse a message that is not what it should be: a line longer than RFC 5322 allows
    (servers cut or refuse it), or a From: or To: that does not read back as the one
    address it was given. The roster's and the organizer's limits prevent both; this
    stops what they did not foresee before a delegate's client shows a wrong address."""
    from email import message_from_bytes

    longest = max(len(line) for line in data.split(b"\r\n"))
    if longest > LINE_MAX:
        values = {"email": to, "n": f"{longest:,}", "limit": LINE_MAX}
        raise InputError(_("the message to %(email)s would have a line of %(n)s characters; RFC 5322 allows %(limit)s: shorten the names and the title") % values)
    headers = message_from_bytes(data.split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n", policy=policy.default)
    for field, address in (("From", sender), ("To", to)):
        found = [a.addr_spec for a in headers[field].addresses]
        if found != [address]:
            values = {"field": field, "email": to, "found": ", ".join(found)}
            raise InputError(_("the %(field)s: line of the message to %(email)s would read as %(found)s; check the names in it") % values)


def _part(msg: EmailMessage, n: int) -> EmailMessage:
    """The n-th part of a multipart message."""
    parts = msg.get_payload()
    assert isinstance(parts, list)
    part = parts[n]
    assert isinstance(part, EmailMessage)
    return part


def _deterministic(msg: EmailMessage, mid: str) -> None:
    """Boundaries from the Message-ID (the email package picks random ones); no MIME-Version in parts."""
    seed = hashlib.sha256(mid.encode()).hexdigest()
    for n, part in enumerate(msg.walk()):
        if part is not msg and "MIME-Version" in part:
            del part["MIME-Version"]
        if part.is_multipart():
            part.set_boundary(f"=_rcm_{seed[:24]}_{n}")


def kept(invite: Invite, data: bytes) -> Mail:
    """The message an earlier run wrote for an unchanged invitation, as it was (byte for byte)."""
    from email import message_from_bytes

    msg = message_from_bytes(data, policy=policy.SMTP)
    name = invite.name[: -len(".ics")] + ".eml"
    mid = str(msg.get("Message-ID", ""))
    return Mail(name, mid, invite.email, str(msg.get("Subject", "")), invite.method, invite.uid, invite.sequence, invite.status, data)
