"""Calendar export (RFC 5545) and per-participant invitations (RFC 5546 iTIP).

Pure core: takes a meeting, returns bytes. The design (UTC times, UID scheme,
SEQUENCE and cancellation, DTSTAMP, invites as one recurring event) is explained
in docs/ics.md. ``icalendar`` is imported inside functions: it costs 100 ms or more at
start-up, which the other commands should not pay.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from rcmcli.errors import InputError, OutputError, UsageError
from rcmcli.model import Meeting, Members, Slot, Speaker

if TYPE_CHECKING:
    from icalendar import Calendar, Event, vCalAddress

    from rcmcli.roster import Participant

PRODID = "-//rcm contributors//rcmcli//EN"  # no version: upgrading rcm must not change every file
UID_HOST = "rcmcli"

LABELS = {
    "en": {
        "topics": "Topics",
        "leads": "Lead countries",
        "moderator": "Moderator",
        "speakers": "Speakers",
        "participants": "Participants",
        "questions": "Guiding questions",
        "published": "Time as published",
        "published_all": "Times as published: {label}",
        "online": "Online",
        "times_in": "Times in {place} ({zone})",
        "organizers": "Organized by",
    },
    "es": {
        "topics": "Temas",
        "leads": "Países líderes",
        "moderator": "Moderación",
        "speakers": "Oradores",
        "participants": "Participantes",
        "questions": "Preguntas orientadoras",
        "published": "Hora publicada",
        "published_all": "Horario publicado: {label}",
        "online": "En línea",
        "times_in": "Horario en {place} ({zone})",
        "organizers": "Organizan",
    },
}


@dataclass(frozen=True)
class Options:
    """What the caller chose: language, breaks, and ``SOURCE_DATE_EPOCH`` if set."""

    lang: str = "en"
    include_breaks: bool = False
    source_date_epoch: Optional[str] = None


@dataclass(frozen=True)
class Organizer:
    """The ORGANIZER of invites: the meeting's secretariat."""

    name: str
    email: str


# --- identity and time stamps -------------------------------------------------


def slot_keys(meeting: Meeting) -> dict[int, str]:
    """A stable key per slot (by ``slot.index``), independent of times and titles.

    Numbered sessions are ``session-N`` (so a session moved to another time or day
    keeps its UID); other slots are ``dayD-KIND-K``, the K-th slot of that kind on
    the meeting's D-th day. Breaks get keys too, so keys never depend on
    ``--include-breaks``.
    """
    keys: dict[int, str] = {}
    seen: Counter[str] = Counter()
    for d, day in enumerate(meeting.days, 1):
        for slot in day.slots:
            numbered = slot.session is not None
            base = f"session-{slot.session}" if numbered else f"day{d}-{slot.kind}"
            seen[base] += 1
            keys[slot.index] = base if numbered and seen[base] == 1 else f"{base}-{seen[base]}"
    return keys


def uid(meeting: Meeting, key: str) -> str:
    """``<meeting id>.<key>@rcmcli``: ids are ``[a-z0-9-]``, so the '.' separates them."""
    return f"{meeting.id}.{key}@{UID_HOST}"


def dtstamp(meeting: Meeting, source_date_epoch: Optional[str] = None) -> datetime:
    """The agenda's ``revised`` timestamp, else SOURCE_DATE_EPOCH, else its first day 00:00 UTC.

    Never the clock: re-exporting an unchanged agenda must give the same bytes.
    """
    if meeting.revised:
        try:
            return datetime.strptime(meeting.revised, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        except ValueError:
            raise InputError(
                f"revised '{meeting.revised}' is not a valid UTC timestamp", meeting.path, meeting.where("revised")
            ) from None
    if source_date_epoch is not None and source_date_epoch.strip():
        text = source_date_epoch.strip()
        if not re.fullmatch(r"\d{1,11}", text):
            raise UsageError(f"SOURCE_DATE_EPOCH='{source_date_epoch}' is not a whole number of seconds since 1970")
        return datetime.fromtimestamp(int(text), timezone.utc)
    first = meeting.first_day or date(1970, 1, 1)
    return datetime.combine(first, time(0), timezone.utc)


def _utc(moment: Optional[datetime]) -> datetime:
    assert moment is not None and moment.tzinfo is not None, "slot times are set by the loader"
    return moment.astimezone(timezone.utc)


# --- text -----------------------------------------------------------------------


def summary(slot: Slot, lang: str) -> str:
    return slot.label(lang)


def _country(code: str, members: Optional[Members], lang: str) -> str:
    country = members.countries.get(code) if members else None
    return country.name.get(lang) if country else code


def _bullets(heading: str, items: Iterable[str]) -> str:
    return heading + ":\n" + "\n".join(f"- {i}" for i in items)


def slot_description(meeting: Meeting, slot: Slot, lang: str, members: Optional[Members]) -> str:
    """Topics, leads, moderator, speakers, participants, questions, the published time."""
    lab = LABELS[lang]
    parts = []
    if slot.topics:
        parts.append(_bullets(lab["topics"], (t.get(lang) for t in slot.topics)))
    if slot.leads:
        heading = slot.lead_label if slot.lead_label and lang == "en" else lab["leads"]
        parts.append(f"{heading}: " + ", ".join(_country(c, members, lang) for c in slot.leads))
    if slot.moderator:
        parts.append(f"{lab['moderator']}: {slot.moderator.get(lang)}")
    if slot.speakers:
        parts.append(_bullets(lab["speakers"], (_speaker(s, lang, members) for s in slot.speakers)))
    if slot.participants:
        parts.append(_bullets(lab["participants"], (p.get(lang) for p in slot.participants)))
    if slot.guiding_questions:
        parts.append(_bullets(lab["questions"], (q.get(lang) for q in slot.guiding_questions)))
    parts.append(f"{lab['published']}: {_published(meeting, slot)}")
    parts.append(meeting.title.get(lang))
    return "\n\n".join(parts)


def _speaker(s: Speaker, lang: str, members: Optional[Members]) -> str:
    text = s.name
    if s.role:
        text += f", {s.role.get(lang)}"
    if s.country:
        text += f" ({_country(s.country, members, lang)})"
    return text


def _published(meeting: Meeting, slot: Slot) -> str:
    ref = meeting.reference_zone
    label = ref.label if ref else ""
    next_day = " (+1)" if slot.crosses_midnight else ""
    return f"{slot.date} {slot.start:%H:%M}–{slot.end:%H:%M}{next_day} {label}".rstrip()


def calendar_description(meeting: Meeting, lang: str) -> str:
    lab = LABELS[lang]
    parts = [meeting.subtitle.get(lang)] if meeting.subtitle else []
    if meeting.organizers:
        parts.append(f"{lab['organizers']}: " + "; ".join(o.get(lang) for o in meeting.organizers))
    parts.append(f"{meeting.first_day} – {meeting.last_day}")
    if meeting.reference_zone:
        parts.append(lab["published_all"].format(label=meeting.reference_zone.label))
    return "\n".join(parts)


def _location(meeting: Meeting, lang: str) -> str:
    parts = [p for p in (meeting.location, meeting.platform) if p]
    if not parts and meeting.mode == "virtual":
        parts = [LABELS[lang]["online"]]
    return " / ".join(parts)


def _param_text(text: str) -> str:
    """A parameter value (CN) on one line, without DQUOTE.

    RFC 5545 §3.1 allows neither a line break nor DQUOTE inside a parameter value;
    the RFC 6868 escapes for them (^n, ^') are shown literally by clients that do
    not implement RFC 6868, so a name's quotes become apostrophes instead.
    """
    return " ".join(text.replace('"', "'").split())


# --- components -----------------------------------------------------------------


@dataclass(frozen=True)
class _Ctx:
    meeting: Meeting
    members: Optional[Members]
    lang: str
    stamp: datetime
    organizer: Optional[Organizer]


def _calendar(meeting: Meeting, lang: str, method: str) -> Calendar:
    from icalendar import Calendar, vText

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    # icalendar types NAME and X-WR-* as "unknown" and does not escape them: wrap in
    # vText ourselves, or a title with a comma or line break would be written raw.
    name, desc = vText(meeting.title.get(lang)), vText(calendar_description(meeting, lang))
    for key, value in (("name", name), ("x-wr-calname", name), ("description", desc), ("x-wr-caldesc", desc)):
        cal.add(key, value)
    return cal


def _address(email: str, name: str) -> vCalAddress:
    from icalendar import vCalAddress

    address = vCalAddress(f"mailto:{email}")
    if name.strip():
        address.params["CN"] = _param_text(name)
    return address


def _base_event(ctx: _Ctx, key: str, summary_text: str, description: str) -> Event:
    from icalendar import Event, vText

    ev = Event()
    ev.add("uid", vText(uid(ctx.meeting, key)))
    ev.add("dtstamp", ctx.stamp)
    ev.add("sequence", ctx.meeting.revision)
    ev.add("status", vText("CONFIRMED"))
    ev.add("summary", vText(summary_text))
    ev.add("description", vText(description))
    location = _location(ctx.meeting, ctx.lang)
    if location:
        ev.add("location", vText(location))
    if ctx.meeting.url:
        ev.add("url", _url(ctx.meeting))
    if ctx.organizer:
        ev.add("organizer", _address(ctx.organizer.email, ctx.organizer.name))
    return ev


def _url(meeting: Meeting) -> str:
    url = meeting.url or ""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f\x7f\"<>]+", url):
        message = f"url '{url}' is not a URL like 'https://example.org/meeting'"
        raise InputError(message, meeting.path, meeting.where("url"))
    return url


def slot_event(ctx: _Ctx, slot: Slot, key: str) -> Event:
    from icalendar import vText

    ev = _base_event(ctx, key, summary(slot, ctx.lang), slot_description(ctx.meeting, slot, ctx.lang, ctx.members))
    ev.add("dtstart", _utc(slot.starts))
    ev.add("dtend", _utc(slot.ends))
    ev.add("categories", [slot.kind])
    if slot.kind == "break":
        ev.add("transp", vText("TRANSPARENT"))  # a break does not make anyone busy
    return ev


# --- the calendar ---------------------------------------------------------------


def export(
    meeting: Meeting, members: Optional[Members] = None, options: Options = Options(), previous: Optional[Path] = None
) -> bytes:
    """The ``rcm agenda ics`` output: one VEVENT per slot, compared with ``previous`` if given."""
    from rcmcli.gcpause import paused

    with paused():  # thousands of components and no cycles: see rcmcli.gcpause
        earlier = read_previous(previous, meeting) if previous is not None else None
        return calendar_bytes(meeting, members, options, earlier)


def calendar_bytes(
    meeting: Meeting, members: Optional[Members] = None, options: Options = Options(), previous: Optional[dict] = None
) -> bytes:
    """The calendar as RFC 5545 bytes; ``previous`` maps UID -> VEVENT of an earlier export."""
    if options.lang not in LABELS:
        raise UsageError(f"unknown language '{options.lang}'; use 'en' or 'es'")
    ctx = _Ctx(meeting, members, options.lang, dtstamp(meeting, options.source_date_epoch), publish_organizer(meeting))
    keys = slot_keys(meeting)
    events = [slot_event(ctx, s, keys[s.index]) for s in meeting.slots if options.include_breaks or s.kind != "break"]
    if previous is not None:
        events = reconcile(events, previous, meeting.revision, ctx.stamp)
    cal = _calendar(meeting, options.lang, "PUBLISH")
    for ev in events:
        cal.add_component(ev)
    return cal.to_ical()


def read_previous(path: Path, meeting: Meeting) -> dict:
    """The VEVENTs of an earlier export of the same meeting, by UID."""
    from icalendar import Calendar

    from rcmcli.loader import read_bytes

    data = read_bytes(path)
    try:
        cal = Calendar.from_ical(data)
    except Exception as exc:  # icalendar raises several types for malformed input
        message = f"not an iCalendar file ({exc}); --previous takes an earlier 'rcm agenda ics' export"
        raise InputError(message, str(path)) from None
    events = {}
    for comp in cal.walk("VEVENT"):
        found = str(comp.get("UID", ""))
        if not (found.startswith(f"{meeting.id}.") and found.endswith(f"@{UID_HOST}")):
            raise InputError(
                f"event UID '{found}' is not from meeting '{meeting.id}'; "
                "--previous takes an earlier export of this meeting",
                str(path),
            )
        events[found] = comp
    return events


def reconcile(current: list[Event], previous: dict, revision: int, stamp: datetime) -> list[Event]:
    """SEQUENCE from the previous export; events that disappeared come back CANCELLED.

    Unchanged event: its previous SEQUENCE. Changed (any property but DTSTAMP and
    SEQUENCE): max(previous + 1, revision). New: revision. Gone: a copy of the old
    event with STATUS:CANCELLED and max(previous + 1, revision); already cancelled
    ones are carried forward unchanged, so a later export still cancels them.
    """
    out = []
    for ev in current:
        old = previous.get(str(ev["UID"]))
        if old is not None:
            before = _sequence(old)
            _set_sequence(ev, before if _fingerprint(ev) == _fingerprint(old) else max(before + 1, revision))
        out.append(ev)
    present = {str(ev["UID"]) for ev in current}
    gone = [old for key, old in previous.items() if key not in present]
    for old in sorted(gone, key=lambda e: (_start_key(e), str(e["UID"]))):
        out.append(cancelled(old, revision, stamp))
    return out


_KEPT = ("UID", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "CATEGORIES", "TRANSP", "ORGANIZER")


def cancelled(old: Event, revision: int, stamp: datetime) -> Event:
    from icalendar import Event, vText

    ev = Event()
    for name in _KEPT:
        if name in old:
            ev[name] = old[name]
    before = _sequence(old)
    done = str(old.get("STATUS", "")).upper() == "CANCELLED"
    ev.add("sequence", before if done else max(before + 1, revision))
    ev.add("status", vText("CANCELLED"))
    ev.add("dtstamp", stamp)
    return ev


def _sequence(ev: Event) -> int:
    try:
        return int(ev.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        return 0


def _set_sequence(ev: Event, value: int) -> None:
    ev.pop("SEQUENCE", None)
    ev.add("sequence", value)


def _fingerprint(ev: Event) -> list[str]:
    """The event's content lines except DTSTAMP and SEQUENCE (canonical order)."""
    volatile = ("DTSTAMP", "SEQUENCE")
    return [line for line in ev.content_lines() if re.split(r"[;:]", line, maxsplit=1)[0] not in volatile]


def _start_key(ev: Event) -> bytes:
    start = ev.get("DTSTART")
    return start.to_ical() if start is not None else b""


# --- invitations ----------------------------------------------------------------


def publish_organizer(meeting: Meeting) -> Optional[Organizer]:
    """The secretariat as ORGANIZER of the published calendar, if the meeting names one."""
    sec = meeting.secretariat
    if sec is None or not sec.email:
        return None
    _check_secretariat(meeting)
    return Organizer(sec.name, sec.email)


def _check_secretariat(meeting: Meeting) -> None:
    from rcmcli.roster import is_email

    sec = meeting.secretariat
    assert sec is not None
    if not is_email(sec.email or ""):
        raise InputError(f"secretariat email '{sec.email}' is not an email address", meeting.path, sec.where("email"))


def organizer_for(meeting: Meeting, override: Optional[str] = None) -> Organizer:
    """``--organizer 'Name <email>'`` if given, else the meeting's secretariat (required)."""
    from rcmcli.roster import is_email

    if override:
        found = re.fullmatch(r'\s*(?:"(.*)"|(.*?))\s*<([^<>]*)>\s*', override)
        name, email = ((found[1] or found[2] or "").strip(), found[3].strip()) if found else ("", override.strip())
        if not is_email(email) or "\n" in override or "\r" in override:
            example = "'RCM Secretariat <secretariat@example.org>'"
            raise UsageError(f"--organizer '{override}' is not an address like {example}")
        return Organizer(name, email)
    organizer = publish_organizer(meeting)
    if organizer is None:
        sec = meeting.secretariat
        raise InputError(
            "the meeting names no secretariat email to send invites from; add "
            "'secretariat: {name: ..., email: ...}' or give --organizer 'Name <email>'",
            meeting.path,
            sec.where("email") if sec else None,
        )
    return organizer


def invites(
    meeting: Meeting,
    roster: Path,
    members: Members,
    options: Options = Options(),
    organizer: Optional[str] = None,
) -> dict[str, bytes]:
    """File name -> invite bytes for every participant; validates everything first."""
    from rcmcli.roster import file_names, load_roster

    if not meeting.slots:
        raise InputError("the meeting has no slots to invite to", meeting.path)
    profile = meeting.participant_profile
    people = load_roster(roster, members, profile.max_per_country if profile else None)
    org = organizer_for(meeting, organizer)
    stamp = dtstamp(meeting, options.source_date_epoch)
    return {name: invite_bytes(meeting, p, members, org, stamp) for name, p in zip(file_names(people), people)}


def invite_bytes(
    meeting: Meeting, person: Participant, members: Members, organizer: Organizer, stamp: datetime
) -> bytes:
    """METHOD:REQUEST with the meeting as one event (a daily series if it spans days)."""
    lang = person.language
    ctx = _Ctx(meeting, members, lang, stamp, organizer)
    description = invite_description(meeting, person, members)

    def base() -> Event:
        ev = _base_event(ctx, "meeting", meeting.title.get(lang), description)
        attendee = _address(person.email, person.name)
        attendee.params.update(
            {"CUTYPE": "INDIVIDUAL", "ROLE": person.role, "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"}
        )
        ev.add("attendee", attendee)
        return ev

    cal = _calendar(meeting, lang, "REQUEST")
    for ev in meeting_series(day_blocks(meeting), base):
        cal.add_component(ev)
    return cal.to_ical()


def day_blocks(meeting: Meeting) -> list[tuple[date, datetime, datetime]]:
    """Per meeting day (reference-zone date): first start and last end, in UTC."""
    blocks: dict[date, tuple[datetime, datetime]] = {}
    for slot in meeting.slots:
        assert slot.date is not None
        start, end = _utc(slot.starts), _utc(slot.ends)
        if slot.date in blocks:
            start, end = min(start, blocks[slot.date][0]), max(end, blocks[slot.date][1])
        blocks[slot.date] = (start, end)
    return [(d, s, e) for d, (s, e) in sorted(blocks.items())]


def meeting_series(blocks: list[tuple[date, datetime, datetime]], base: Callable[[], Event]) -> list[Event]:
    """One UID for the whole meeting: a DAILY rule, EXDATEs for days off, overrides.

    iTIP clients act on one UID per message (Outlook takes only the first event
    of a REQUEST with several UIDs), so a two-day meeting is one recurring event:
    occurrence k is the first day's block shifted by k days in UTC; a day whose
    block differs (other hours, a DST change in an IANA reference zone) gets an
    override with RECURRENCE-ID = its nominal occurrence (RFC 5545 §3.8.4.4).
    """
    assert blocks, "invites() refuses a meeting without slots"
    first_date, first_start, first_end = blocks[0]
    master = base()
    master.add("dtstart", first_start)
    master.add("dtend", first_end)
    if len(blocks) == 1:
        return [master]
    nominal = {(d - first_date).days: first_start + timedelta(days=(d - first_date).days) for d, _, _ in blocks}
    last = max(nominal)
    master.add("rrule", {"freq": "daily", "until": nominal[last]})
    off = [first_start + timedelta(days=k) for k in range(last + 1) if k not in nominal]
    if off:
        master.add("exdate", off)
    events = [master]
    length = first_end - first_start
    for d, start, end in blocks[1:]:
        at = nominal[(d - first_date).days]
        if (start, end) != (at, at + length):
            override = base()
            override.add("recurrence-id", at)
            override.add("dtstart", start)
            override.add("dtend", end)
            events.append(override)
    return events


def invite_description(meeting: Meeting, person: Participant, members: Members) -> str:
    """The agenda in the participant's capital's time, then the published zone."""
    from rcmcli.zones import format_offset, get_zone

    lang = person.language
    country = members.countries[person.country]
    tz = get_zone(country.zone)
    lines = [meeting.title.get(lang)]
    if meeting.subtitle:
        lines.append(meeting.subtitle.get(lang))
    lines += ["", LABELS[lang]["times_in"].format(place=country.capital.get(lang), zone=country.zone)]
    day = None
    for slot in meeting.slots:
        start, end = _utc(slot.starts).astimezone(tz), _utc(slot.ends).astimezone(tz)
        if start.date() != day:
            day = start.date()
            lines.append(f"{day} ({format_offset(start.utcoffset())})")
        plus = " (+1)" if end.date() > start.date() else ""
        lines.append(f"  {start:%H:%M}–{end:%H:%M}{plus}  {summary(slot, lang)}")
    if meeting.reference_zone:
        lines += ["", LABELS[lang]["published_all"].format(label=meeting.reference_zone.label)]
    location = _location(meeting, lang)
    if location:
        lines.append(location)
    return "\n".join(lines)


# --- writing ----------------------------------------------------------------------


def write_output(target: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Atomic write (OS errors become OutputError in fileio)."""
    from rcmcli.fileio import write_atomic

    write_atomic(target, data, inputs)


def write_invites(folder: Path, files: dict[str, bytes], inputs: Iterable[Path] = ()) -> list[Path]:
    """Write every invite into ``folder`` (created if its parent exists); checks all targets first."""
    from rcmcli.fileio import check_target

    if folder.exists() and not folder.is_dir():
        raise OutputError("is a file; -o takes a folder for the invites", str(folder))
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder: {exc.strerror or exc}", str(folder)) from None
    sources = list(inputs)
    targets = [folder / name for name in files]
    for target in targets:
        check_target(target, sources)
    for target, data in zip(targets, files.values()):
        write_output(target, data, sources)
    return targets

