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
from dataclasses import dataclass
from datetime import datetime, timezone
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from rcmcli.export import icstext as w
from rcmcli.i18n import LANGUAGES, N_, _, language
from rcmcli.export.ics import Invite, Organizer

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
    return t[kind] % {"title": w.unescape_text(values.get("SUMMARY", ""))}


def _texts(lang: str) -> dict[str, str]:
    """:data:`TEXTS` in the participant's language (English for one rcm does not speak)."""
    with language(lang if lang in LANGUAGES else "en"):
        return {key: _(text) for key, text in TEXTS.items()}


def build(invite: Invite, organizer: Organizer) -> Mail:
    """One message for one invitation (REQUEST or CANCEL)."""
    values = _event_values(invite.data)
    mid = message_id(invite, organizer)
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = Address(organizer.name, addr_spec=organizer.email)
    msg["To"] = Address(invite.person, addr_spec=invite.email)
    msg["Subject"] = subject(invite, values)
    msg["Date"] = format_datetime(_stamp(values.get("DTSTAMP", "19700101T000000Z")))
    msg["Message-ID"] = mid
    msg.set_content(body(invite, organizer, values), cte="quoted-printable")
    msg.add_alternative(invite.data, maintype="text", subtype="calendar", cte="base64")
    calendar = msg.get_payload()[1]
    calendar.replace_header("Content-Type", f"text/calendar; method={invite.method}; charset=UTF-8")
    msg.add_attachment(invite.data, maintype="application", subtype="ics", filename="invite.ics")
    attachment = msg.get_payload()[1]
    attachment.replace_header("Content-Type", "application/ics; name=invite.ics")
    _deterministic(msg, mid)
    data = msg.as_bytes(policy=policy.SMTP)
    name = invite.name[: -len(".ics")] + ".eml" if invite.name.endswith(".ics") else invite.name + ".eml"
    return Mail(name, mid, invite.email, str(msg["Subject"]), invite.method, invite.uid, invite.sequence, invite.status, data)


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
