"""Calendar export (RFC 5545) and per-participant invitations (RFC 5546 iTIP).

Pure core: takes a meeting, returns bytes. The design (UTC times, UID scheme,
SEQUENCE and cancellation, DTSTAMP, invites as one recurring event) is explained
in docs/ics.md. Events are content lines written by :mod:`rcmcli.export.icstext`;
``icalendar`` is imported only to read a ``--previous`` file (it costs 100 ms or
more at start-up, and building its components took seconds for big agendas).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from rcmcli.core.errors import InputError, OutputError, UsageError, quote
from rcmcli.core.identity import slot_keys  # the UIDs' key; the agenda diff matches slots by it too
from rcmcli.core.model import Meeting, Members, Slot, Speaker
from rcmcli.core.yamltree import DEFAULT_LIMITS
from rcmcli.export import icstext as w
from rcmcli.i18n import LANGUAGES, N_, _, language

if TYPE_CHECKING:
    from rcmcli.core.roster import Participant
    from rcmcli.timefmt import Formatter

PRODID = "-//rcm contributors//rcmcli//EN"  # no version: upgrading rcm must not change every file
UID_HOST = "rcmcli"

# The words rcm adds to calendar and invitation descriptions, in the calendar's language
# (:func:`label`); the meeting's own texts come from the agenda.
LABELS = {
    "topics": N_("Topics"),
    # TRANSLATORS: heading of the countries that lead a session, in a calendar event
    "leads": N_("Lead countries"),
    "moderator": N_("Moderator"),
    "speakers": N_("Speakers"),
    "participants": N_("Participants"),
    "questions": N_("Guiding questions"),
    "published": N_("Time as published"),
    "published_all": N_("Times as published: %(label)s"),
    # TRANSLATORS: the location of a virtual meeting in a calendar
    "online": N_("Online"),
    "times_in": N_("Times in %(place)s (%(zone)s)"),
    # TRANSLATORS: followed by the organizers' names, in a calendar's description
    "organizers": N_("Organized by"),
}


def labels(lang: str) -> dict[str, str]:
    """:data:`LABELS` in ``lang``: the calendar's or the participant's, not necessarily the run's."""
    with language(lang):
        return {key: _(text) for key, text in LABELS.items()}


@dataclass(frozen=True)
class Options:
    """What the caller chose: language, breaks, ``SOURCE_DATE_EPOCH`` if set, and the byte
    limit for the files read besides the agenda (``--previous``, ``--roster``)."""

    lang: str = "en"
    include_breaks: bool = False
    source_date_epoch: Optional[str] = None
    max_bytes: int = DEFAULT_LIMITS.max_bytes
    clock: Optional[str] = None  # '12', '24' or None: the times of the descriptions (rcmcli.timefmt)

    def __post_init__(self) -> None:
        # Checked whether or not the meeting's own 'revised' makes it unused: a bad value
        # in the environment is an error the day it is set, not the day it matters.
        epoch(self.source_date_epoch)


@dataclass(frozen=True)
class Organizer:
    """The ORGANIZER of invites: the meeting's secretariat."""

    name: str
    email: str


# --- identity and time stamps -------------------------------------------------


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
                f"revised {quote(meeting.revised)} is not a valid UTC timestamp", meeting.path, meeting.where("revised")
            ) from None
    stamp = epoch(source_date_epoch)
    if stamp is not None:
        return stamp
    first = meeting.first_day or date(1970, 1, 1)
    return datetime.combine(first, time(0), timezone.utc)


def epoch(source_date_epoch: Optional[str]) -> Optional[datetime]:
    """``SOURCE_DATE_EPOCH`` as a UTC time (None if unset or blank); UsageError naming it if bad."""
    if source_date_epoch is None or not source_date_epoch.strip():
        return None
    text = source_date_epoch.strip()
    if not re.fullmatch(r"\d{1,11}", text, re.ASCII):
        raise UsageError(_("SOURCE_DATE_EPOCH='%(value)s' is not a whole number of seconds since 1970") % {"value": source_date_epoch})
    return datetime.fromtimestamp(int(text), timezone.utc)


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


def slot_description(meeting: Meeting, slot: Slot, lang: str, members: Optional[Members], tf: Optional[Formatter] = None) -> str:
    """Topics, leads, moderator, speakers, participants, questions, the published time."""
    lab = labels(lang)
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
    parts.append(f"{lab['published']}: {_published(meeting, slot, tf or _formatter(lang, None))}")
    parts.append(meeting.title.get(lang))
    return "\n\n".join(parts)


def _speaker(s: Speaker, lang: str, members: Optional[Members]) -> str:
    text = s.name
    if s.role:
        text += f", {s.role.get(lang)}"
    if s.country:
        text += f" ({_country(s.country, members, lang)})"
    return text


def _published(meeting: Meeting, slot: Slot, tf: Formatter) -> str:
    ref = meeting.reference_zone
    label = ref.label if ref else ""
    next_day = " (+1)" if slot.crosses_midnight else ""
    return f"{slot.date} {tf.span(slot.start, slot.end)}{next_day} {label}".rstrip()


def calendar_description(meeting: Meeting, lang: str) -> str:
    lab = labels(lang)
    parts = [meeting.subtitle.get(lang)] if meeting.subtitle else []
    if meeting.organizers:
        parts.append(f"{lab['organizers']}: " + "; ".join(o.get(lang) for o in meeting.organizers))
    parts.append(f"{meeting.first_day} – {meeting.last_day}")
    if meeting.reference_zone:
        parts.append(lab["published_all"] % {"label": meeting.reference_zone.label})
    return "\n".join(parts)


def _location(meeting: Meeting, lang: str) -> str:
    parts = [p for p in (meeting.location, meeting.platform) if p]
    if not parts and meeting.mode == "virtual":
        parts = [labels(lang)["online"]]
    return " / ".join(parts)


def _param_text(text: str) -> str:
    """A parameter value (CN) on one line, without DQUOTE or control characters.

    RFC 5545 §3.1 allows neither a line break nor DQUOTE inside a parameter value
    (QSAFE-CHAR excludes CONTROL); the RFC 6868 escapes for them (^n, ^') are shown
    literally by clients that do not implement RFC 6868, so a name's quotes become
    apostrophes instead, and line breaks and other controls become spaces.
    """
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text.replace('"', "'")).split())


# --- components -----------------------------------------------------------------

# Properties in the order icalendar 7.3 wrote them (its "canonical order", then the
# others alphabetically), so the files did not change when rcm stopped using it.
_CALENDAR_ORDER = ("VERSION", "PRODID", "CALSCALE", "METHOD", "DESCRIPTION", "X-WR-CALDESC", "NAME", "X-WR-CALNAME")
_EVENT_ORDER = (
    *("SUMMARY", "DTSTART", "DTEND", "DTSTAMP", "UID", "RECURRENCE-ID", "SEQUENCE", "RRULE", "EXDATE"),
    *("ATTENDEE", "CATEGORIES", "DESCRIPTION", "LOCATION", "ORGANIZER", "STATUS", "TRANSP", "URL"),
)

_IN_EVENT = frozenset(_EVENT_ORDER)
Props = dict[str, tuple[str, ...]]  # NAME -> its unfolded content lines (usually one)


@dataclass
class Event:
    """A VEVENT as content lines by property name, with its UID (the key of ``--previous``)."""

    uid: str
    props: Props = field(default_factory=dict)

    def add(self, name: str, value: str, params: tuple[tuple[str, str], ...] = ()) -> None:
        """Add a property; ``value`` is already in its type's form (w.text, w.utc, ...)."""
        self.put(name, w.content_line(name, value, params))

    def put(self, name: str, line: str) -> None:
        """Add a content line as it is (a cancelled event's lines from the earlier export)."""
        if name not in _IN_EVENT:
            raise ValueError(f"no place for {name} in a VEVENT")  # lines() would drop it
        self.props[name] = self.props.get(name, ()) + (line,)

    def set_sequence(self, value: int) -> None:
        self.props.pop("SEQUENCE", None)
        self.add("SEQUENCE", str(value))

    def lines(self) -> list[str]:
        """BEGIN:VEVENT, the properties in canonical order, END:VEVENT."""
        props = self.props
        return w.component("VEVENT", [line for name in _EVENT_ORDER if name in props for line in props[name]])


@dataclass(frozen=True)
class _Ctx:
    """What every event of one calendar shares; its constant lines are built once."""

    meeting: Meeting
    members: Optional[Members]
    lang: str
    stamp: datetime
    organizer: Optional[Organizer]
    clock: Optional[str] = None  # Options.clock

    def shared(self) -> Props:
        """DTSTAMP, SEQUENCE, STATUS, LOCATION, URL, ORGANIZER (RFC 5545 §3.8), the same in every event."""
        meeting, out = self.meeting, Event("")  # only collects the lines
        out.add("DTSTAMP", w.utc(self.stamp))
        out.add("SEQUENCE", str(meeting.revision))
        out.add("STATUS", "CONFIRMED")
        location = _location(meeting, self.lang)
        if location:
            out.add("LOCATION", w.text(location))
        if meeting.url:
            out.add("URL", _url(meeting))  # a URI (§3.3.13): validated, not escaped
        if self.organizer:
            _address(out, "ORGANIZER", self.organizer.email, self.organizer.name)
        return out.props


def _calendar(meeting: Meeting, lang: str, method: str) -> list[str]:
    """The VCALENDAR properties (RFC 5545 §3.7), NAME (RFC 7986) and the X-WR-* that clients show."""
    name, desc = w.text(meeting.title.get(lang)), w.text(calendar_description(meeting, lang))
    values = {
        "VERSION": "2.0",
        "PRODID": w.text(PRODID),
        "CALSCALE": "GREGORIAN",
        "METHOD": method,
        "DESCRIPTION": desc,
        "X-WR-CALDESC": desc,
        "NAME": name,
        "X-WR-CALNAME": name,
    }
    return [w.content_line(key, values[key]) for key in _CALENDAR_ORDER]


def _calendar_bytes(meeting: Meeting, lang: str, method: str, events: Iterable[Event]) -> bytes:
    body = _calendar(meeting, lang, method)
    for ev in events:
        body += ev.lines()
    return w.serialise(w.component("VCALENDAR", body))


def _address(ev: Event, name: str, email: str, person: str, extra: tuple[tuple[str, str], ...] = ()) -> None:
    """ORGANIZER or ATTENDEE (a CAL-ADDRESS, §3.3.3) with CN first, then ``extra`` (sorted by the caller)."""
    params = ((("CN", _param_text(person)),) if person.strip() else ()) + extra
    ev.add(name, f"mailto:{email}", params)


def _base_event(ctx: _Ctx, shared: Props, key: str, summary_text: str, description: str) -> Event:
    ev = Event(uid(ctx.meeting, key), dict(shared))
    ev.add("UID", w.text(ev.uid))
    ev.add("SUMMARY", w.text(summary_text))
    ev.add("DESCRIPTION", w.text(description))
    return ev


def _url(meeting: Meeting) -> str:
    url = meeting.url or ""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f\x7f\"<>]+", url):
        message = f"url {quote(url)} is not a URL like 'https://example.org/meeting'"
        raise InputError(message, meeting.path, meeting.where("url"))
    return url


def slot_event(ctx: _Ctx, shared: Props, slot: Slot, key: str) -> Event:
    description = slot_description(ctx.meeting, slot, ctx.lang, ctx.members, _formatter(ctx.lang, ctx.clock))
    ev = _base_event(ctx, shared, key, summary(slot, ctx.lang), description)
    ev.add("DTSTART", w.utc(_utc(slot.starts)))
    ev.add("DTEND", w.utc(_utc(slot.ends)))
    ev.add("CATEGORIES", w.text_list([slot.kind]))
    if slot.kind == "break":
        ev.add("TRANSP", "TRANSPARENT")  # a break does not make anyone busy
    return ev


# --- the calendar ---------------------------------------------------------------


def export(
    meeting: Meeting,
    members: Optional[Members] = None,
    options: Options = Options(),
    previous: Optional[Path] = None,
    counts: Optional[dict[str, int]] = None,
) -> bytes:
    """The ``rcm agenda ics`` output: one VEVENT per slot, compared with ``previous`` if given.

    ``counts``, if given, receives what was written: ``events``, and with
    ``previous`` also ``new``, ``moved``, ``updated``, ``cancelled``.
    """
    earlier = read_previous(previous, meeting, options.max_bytes) if previous is not None else None
    return calendar_bytes(meeting, members, options, earlier, counts)


def calendar_bytes(
    meeting: Meeting,
    members: Optional[Members] = None,
    options: Options = Options(),
    previous: Optional[dict[str, PreviousEvent]] = None,
    counts: Optional[dict[str, int]] = None,
) -> bytes:
    """The calendar as RFC 5545 bytes; ``previous`` maps UID -> event of an earlier export."""
    _check_lang(options.lang)
    ctx = _Ctx(meeting, members, options.lang, dtstamp(meeting, options.source_date_epoch), publish_organizer(meeting), options.clock)
    keys, shared = slot_keys(meeting), ctx.shared()
    slots = [s for s in meeting.slots if options.include_breaks or s.kind != "break"]
    events = [slot_event(ctx, shared, s, keys[s.index]) for s in slots]
    if previous is not None:
        if counts is not None:
            counts.update(changes(events, previous))
        events = reconcile(events, previous, meeting.revision, ctx.stamp)
    if counts is not None:
        counts["events"] = len(events)
    return _calendar_bytes(meeting, options.lang, "PUBLISH", events)


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise UsageError(_("unknown language '%(value)s'; use one of: %(languages)s") % {"value": lang, "languages": ", ".join(LANGUAGES)})


def changes(current: list[Event], previous: dict[str, PreviousEvent]) -> dict[str, int]:
    """How many events are new, moved (other DTSTART or DTEND), otherwise updated, or newly cancelled."""
    out = {"new": 0, "moved": 0, "updated": 0, "cancelled": 0}
    for ev in current:
        old = previous.get(ev.uid)
        if old is None:
            out["new"] += 1
        elif _fingerprint(ev) != old.fingerprint or old.cancelled:
            times = dict(reversed(old.props))
            moved = any(times.get(name) != ev.props.get(name, ("",))[0] for name in ("DTSTART", "DTEND"))
            out["moved" if moved else "updated"] += 1
    present = {ev.uid for ev in current}
    out["cancelled"] = sum(1 for key, old in previous.items() if key not in present and not old.cancelled)
    return out


def slot_calendar_bytes(
    meeting: Meeting, slot: Slot, members: Optional[Members] = None, options: Options = Options(), key: Optional[str] = None
) -> bytes:
    """A calendar holding one slot's event: the same event (UID, text) as in the meeting's calendar."""
    _check_lang(options.lang)
    ctx = _Ctx(meeting, members, options.lang, dtstamp(meeting, options.source_date_epoch), publish_organizer(meeting), options.clock)
    event = slot_event(ctx, ctx.shared(), slot, key or slot_keys(meeting)[slot.index])
    return _calendar_bytes(meeting, options.lang, "PUBLISH", [event])


def location_text(meeting: Meeting, lang: str) -> str:
    """Where the meeting happens, as the calendars say it (place, platform or 'Online')."""
    return _location(meeting, lang)


# --- an earlier export (--previous) ------------------------------------------------


Prop = tuple[str, str]  # (NAME, its content line as written)


@dataclass(frozen=True)
class PreviousEvent:
    """One VEVENT of an earlier export, as plain data: what reconciliation needs.

    ``props`` are its own properties (NAME, unfolded line) exactly as written in the
    file; ``fingerprint`` is every line inside it but DTSTAMP and SEQUENCE.
    """

    uid: str
    sequence: int
    cancelled: bool
    start: str  # the DTSTART value as written: orders the cancelled events
    props: tuple[Prop, ...]
    fingerprint: tuple[str, ...]


_VOLATILE = ("DTSTAMP", "SEQUENCE")


def read_previous(path: Path, meeting: Meeting, max_bytes: int = DEFAULT_LIMITS.max_bytes) -> dict[str, PreviousEvent]:
    """The VEVENTs of an earlier export of the same meeting, by UID.

    icalendar (imported only here) checks that the file is iCalendar at all; the
    events are then taken from the file's own content lines, so an unchanged event
    compares equal to the line it was written as, byte for byte.
    """
    from icalendar import Calendar

    from rcmcli.core.loader import read_bytes

    data = read_bytes(path, max_bytes)
    try:
        Calendar.from_ical(data)
    except Exception as exc:  # icalendar raises several types for malformed input
        message = _("not an iCalendar file (%(problem)s); --previous takes an earlier 'rcm agenda ics' export") % {"problem": exc}
        raise InputError(message, str(path)) from None
    events = {}
    for props, inside in _vevents(w.unfold(data.decode("utf-8", errors="replace"))):
        old = _previous_event(props, inside)
        if not (old.uid.startswith(f"{meeting.id}.") and old.uid.endswith(f"@{UID_HOST}")):
            raise InputError(
                f"event UID {quote(old.uid)} is not from meeting '{meeting.id}'; "
                "--previous takes an earlier export of this meeting",
                str(path),
            )
        events[old.uid] = old
    return events


_Found = tuple[list[Prop], list[str]]  # a VEVENT's own properties, and every line inside it


def _vevents(lines: list[str]) -> list[_Found]:
    """Per VEVENT, in file order: its own properties, and every line inside it (nested components too)."""
    found: list[_Found] = []
    stack: list[_Found | None] = []  # per open component: its entry if it is a VEVENT
    for line in lines:
        name = w.line_name(line)
        if name == "END" and stack:
            stack.pop()
        inner = next((entry for entry in reversed(stack) if entry is not None), None)
        if inner is not None:  # the VEVENT's own BEGIN and END are not inside it
            inner[1].append(line)
        if name == "BEGIN":
            entry: _Found | None = ([], []) if w.line_value(line).strip().upper() == "VEVENT" else None
            if entry is not None:
                found.append(entry)
            stack.append(entry)
        elif name != "END" and stack and stack[-1] is not None:
            stack[-1][0].append((name, line))
    return found


def _previous_event(props: list[Prop], inside: list[str]) -> PreviousEvent:
    """Plain data from the lines as written: UID (TEXT), SEQUENCE (INTEGER, 0 if unreadable), STATUS, DTSTART."""
    values = {name: w.line_value(line) for name, line in reversed(props)}  # the first of each name
    try:
        sequence = int(values.get("SEQUENCE", "0").strip())
    except ValueError:
        sequence = 0
    return PreviousEvent(
        uid=w.unescape_text(values.get("UID", "")),
        sequence=sequence,
        cancelled=values.get("STATUS", "").strip().upper() == "CANCELLED",
        start=values.get("DTSTART", ""),
        props=tuple(props),
        fingerprint=tuple(line for line in inside if w.line_name(line) not in _VOLATILE),
    )


def reconcile(current: list[Event], previous: dict[str, PreviousEvent], revision: int, stamp: datetime) -> list[Event]:
    """SEQUENCE from the previous export; events that disappeared come back CANCELLED.

    Unchanged event: its previous SEQUENCE. Changed (any property but DTSTAMP and
    SEQUENCE): max(previous + 1, revision). New: revision. Gone: a copy of the old
    event with STATUS:CANCELLED and max(previous + 1, revision); already cancelled
    ones are carried forward unchanged, so a later export still cancels them.
    """
    for ev in current:
        old = previous.get(ev.uid)
        if old is not None:
            ev.set_sequence(old.sequence if _fingerprint(ev) == old.fingerprint else max(old.sequence + 1, revision))
    present = {ev.uid for ev in current}
    gone = [old for key, old in previous.items() if key not in present]
    return current + [cancelled(old, revision, stamp) for old in sorted(gone, key=lambda e: (e.start, e.uid))]


_KEPT = ("UID", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "CATEGORIES", "TRANSP", "ORGANIZER")


def cancelled(old: PreviousEvent, revision: int, stamp: datetime) -> Event:
    """The old event's lines as written (RFC 5546 §3.2.5), STATUS:CANCELLED and a higher SEQUENCE."""
    ev = Event(old.uid)
    for name, line in old.props:
        if name in _KEPT:
            ev.put(name, line)
    ev.add("SEQUENCE", str(old.sequence if old.cancelled else max(old.sequence + 1, revision)))
    ev.add("STATUS", "CANCELLED")
    ev.add("DTSTAMP", w.utc(stamp))
    return ev


def _fingerprint(ev: Event) -> tuple[str, ...]:
    """The event's content lines except DTSTAMP and SEQUENCE, in the order they are written."""
    return tuple(line for line in ev.lines()[1:-1] if w.line_name(line) not in _VOLATILE)


# --- invitations ----------------------------------------------------------------


def publish_organizer(meeting: Meeting) -> Optional[Organizer]:
    """The secretariat as ORGANIZER of the published calendar, if the meeting names one."""
    sec = meeting.secretariat
    if sec is None or not sec.email:
        return None
    _check_secretariat(meeting)
    return Organizer(sec.name, sec.email)


def _check_secretariat(meeting: Meeting) -> None:
    from rcmcli.core.roster import is_email

    sec = meeting.secretariat
    assert sec is not None
    if not is_email(sec.email or ""):
        message = _("secretariat email %(email)s is not an email address") % {"email": quote(sec.email)}
        raise InputError(message, meeting.path, sec.where("email"))


def organizer_for(meeting: Meeting, override: Optional[str] = None) -> Organizer:
    """``--organizer 'Name <email>'`` if given, else the meeting's secretariat (required).

    The name goes into the From: header of every mail: it is held to a roster's rules
    for names (length, no invisible or reordering characters).
    """
    from rcmcli.core.roster import is_email, name_problem

    if override:
        _check_utf8(override, "--organizer")
        found = re.fullmatch(r'\s*(?:"(.*)"|(.*?))\s*<([^<>]*)>\s*', override)
        name, email = ((found[1] or found[2] or "").strip(), found[3].strip()) if found else ("", override.strip())
        if not is_email(email) or "\n" in override or "\r" in override:
            example = "'RCM Secretariat <secretariat@example.org>'"
            raise UsageError(_("--organizer %(value)s is not an address like %(example)s") % {"value": quote(override), "example": example})
        problem = name_problem(name) if name else None
        if problem:
            raise UsageError(_("--organizer: %(problem)s") % {"problem": problem})
        return Organizer(name, email)
    organizer = publish_organizer(meeting)
    if organizer is None:
        sec = meeting.secretariat
        raise InputError(
            _(
                "the meeting names no secretariat email to send invites from; add "
                "'secretariat: {name: ..., email: ...}' or give --organizer 'Name <email>'"
            ),
            meeting.path,
            sec.where("email") if sec else None,
        )
    problem = name_problem(organizer.name) if organizer.name else None
    if problem:
        sec = meeting.secretariat
        raise InputError(_("secretariat: %(problem)s") % {"problem": problem}, meeting.path, sec.where("name") if sec else None)
    return organizer


def _check_utf8(text: str, option: str) -> None:
    """Refuse text that arrived as bytes in another encoding (``os.fsdecode`` keeps them as lone
    surrogates): it cannot be written into a UTF-8 calendar and guessing its encoding is wrong."""
    bad = next((ch for ch in text if "\udc80" <= ch <= "\udcff"), None)
    if bad is not None:
        raise UsageError(
            _(
                "%(option)s '%(text)s' is not UTF-8 text (byte 0x%(byte)s); "
                "give it in UTF-8 (check the terminal's or the script's encoding)"
            )
            % {"option": option, "text": text, "byte": f"{ord(bad) - 0xDC00:02X}"}
        )


def invites(
    meeting: Meeting,
    roster: Path,
    members: Members,
    options: Options = Options(),
    organizer: Optional[str] = None,
) -> dict[str, bytes]:
    """File name -> invite bytes for every participant; validates everything first."""
    from rcmcli.core.roster import file_names, load_roster

    if not meeting.slots:
        raise InputError(_("the meeting has no slots to invite to"), meeting.path)
    profile = meeting.participant_profile
    people = load_roster(roster, members, profile.max_per_country if profile else None, options.max_bytes)
    org = organizer_for(meeting, organizer)
    stamp = dtstamp(meeting, options.source_date_epoch)
    return {name: invite_bytes(meeting, p, members, org, stamp, options.clock) for name, p in zip(file_names(people), people)}


def invite_bytes(
    meeting: Meeting, person: Participant, members: Members, organizer: Organizer, stamp: datetime, clock: Optional[str] = None
) -> bytes:
    """METHOD:REQUEST with the meeting as one event (a daily series if it spans days)."""
    lang = person.language
    ctx = _Ctx(meeting, members, lang, stamp, organizer, clock)
    description = invite_description(meeting, person, members, _formatter(lang, clock))
    shared = ctx.shared()
    # ATTENDEE parameters in alphabetical order after CN (as icalendar wrote them), RFC 5545 §3.8.4.1.
    extra = (("CUTYPE", "INDIVIDUAL"), ("PARTSTAT", "NEEDS-ACTION"), ("ROLE", person.role), ("RSVP", "TRUE"))

    def base() -> Event:
        ev = _base_event(ctx, shared, "meeting", meeting.title.get(lang), description)
        _address(ev, "ATTENDEE", person.email, person.name, extra)
        return ev

    return _calendar_bytes(meeting, lang, "REQUEST", meeting_series(day_blocks(meeting), base))


_ATTENDEE_EXTRA = (("CUTYPE", "INDIVIDUAL"), ("PARTSTAT", "NEEDS-ACTION"))


def slot_invite_bytes(
    meeting: Meeting, slot: Slot, key: str, person: Participant, members: Members, organizer: Organizer, stamp: datetime,
    clock: Optional[str] = None,
) -> bytes:
    """METHOD:REQUEST for one slot (``--per-slot``): UID ``<meeting>.invite-<key>@rcmcli``.

    Its own UID, not the published calendar's, so importing both never lets one
    replace the other.
    """
    lang = person.language
    ctx = _Ctx(meeting, members, lang, stamp, organizer, clock)
    tf = _formatter(lang, clock)
    description = slot_description(meeting, slot, lang, members, tf) + "\n\n" + _local_line(slot, person, members, tf)
    ev = _base_event(ctx, ctx.shared(), f"invite-{key}", summary(slot, lang), description)
    extra = (*_ATTENDEE_EXTRA, ("ROLE", person.role), ("RSVP", "TRUE"))
    _address(ev, "ATTENDEE", person.email, person.name, extra)
    ev.add("DTSTART", w.utc(_utc(slot.starts)))
    ev.add("DTEND", w.utc(_utc(slot.ends)))
    ev.add("CATEGORIES", w.text_list([slot.kind]))
    return _calendar_bytes(meeting, lang, "REQUEST", [ev])


def _formatter(lang: str, clock: Optional[str]) -> Formatter:
    """Dates and times in the calendar's or the participant's language (rcmcli.timefmt)."""
    from rcmcli.timefmt import Formatter

    return Formatter(lang, clock)


def _local_line(slot: Slot, person: Participant, members: Members, tf: Formatter) -> str:
    """'Times in Buenos Aires (America/Argentina/Buenos_Aires): 2021-09-10 12:30–13:30'.

    The date stays ISO: a description that changed with the reader's locale would make
    every earlier invitation look updated (docs/decisions.md)."""
    from rcmcli.core.zones import get_zone

    country = members.countries[person.country]
    tz = get_zone(country.zone)
    start, end = _utc(slot.starts).astimezone(tz), _utc(slot.ends).astimezone(tz)
    plus = " (+1)" if end.date() > start.date() else ""
    heading = labels(person.language)["times_in"] % {"place": country.capital.get(person.language), "zone": country.zone}
    return f"{heading}: {start.date()} {tf.span(start, end)}{plus}"


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
    master.add("DTSTART", w.utc(first_start))
    master.add("DTEND", w.utc(first_end))
    if len(blocks) == 1:
        return [master]
    nominal = {(d - first_date).days: first_start + timedelta(days=(d - first_date).days) for d, _, _ in blocks}
    last = max(nominal)
    master.add("RRULE", f"FREQ=DAILY;UNTIL={w.utc(nominal[last])}")  # RECUR, §3.3.10
    off = [first_start + timedelta(days=k) for k in range(last + 1) if k not in nominal]
    if off:
        master.add("EXDATE", ",".join(w.utc(moment) for moment in off))  # one line, §3.8.5.1
    events = [master]
    length = first_end - first_start
    for d, start, end in blocks[1:]:
        at = nominal[(d - first_date).days]
        if (start, end) != (at, at + length):
            override = base()
            override.add("RECURRENCE-ID", w.utc(at))
            override.add("DTSTART", w.utc(start))
            override.add("DTEND", w.utc(end))
            events.append(override)
    return events


def invite_description(meeting: Meeting, person: Participant, members: Members, tf: Optional[Formatter] = None) -> str:
    """The agenda in the participant's capital's time, then the published zone."""
    from rcmcli.core.zones import get_zone

    lang = person.language
    tf = tf or _formatter(lang, None)
    country = members.countries[person.country]
    tz = get_zone(country.zone)
    lines = [meeting.title.get(lang)]
    if meeting.subtitle:
        lines.append(meeting.subtitle.get(lang))
    lab = labels(lang)
    lines += ["", lab["times_in"] % {"place": country.capital.get(lang), "zone": country.zone}]
    day = None
    for slot in meeting.slots:
        start, end = _utc(slot.starts).astimezone(tz), _utc(slot.ends).astimezone(tz)
        if start.date() != day:
            day = start.date()
            lines.append(f"{day} ({tf.offset(start.utcoffset(), 'iso')})")
        plus = " (+1)" if end.date() > start.date() else ""
        lines.append(f"  {tf.span(start, end)}{plus}  {summary(slot, lang)}")
    if meeting.reference_zone:
        lines += ["", lab["published_all"] % {"label": meeting.reference_zone.label}]
    location = _location(meeting, lang)
    if location:
        lines.append(location)
    return "\n".join(lines)


# --- writing ----------------------------------------------------------------------


def write_output(target: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Atomic write (OS errors become OutputError in fileio)."""
    from rcmcli.core.fileio import write_atomic

    write_atomic(target, data, inputs)


def write_invites(folder: Path, files: dict[str, bytes], inputs: Iterable[Path] = ()) -> list[Path]:
    """Write every invite into ``folder`` (created if its parent exists); checks all targets first."""
    from rcmcli.core.fileio import check_target

    if folder.exists() and not folder.is_dir():
        raise OutputError(_("is a file; -o takes a folder for the invites"), str(folder))
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(_("cannot create the folder: %(reason)s") % {"reason": exc.strerror or exc}, str(folder)) from None
    sources = list(inputs)
    targets = [folder / name for name in files]
    for target in targets:
        check_target(target, sources)
    for target, data in zip(targets, files.values()):
        write_output(target, data, sources)
    return targets


# --- invitations that update (invite --previous DIR) --------------------------------


@dataclass(frozen=True)
class Invite:
    """One invitation message: a file, who it is for, and what this run did with it.

    ``status``: ``new`` (no earlier invite for this UID and attendee), ``unchanged``
    (the earlier file's bytes, kept as they were), ``updated`` (a higher SEQUENCE),
    ``cancelled`` (METHOD:CANCEL for a removed participant or slot).
    """

    name: str
    data: bytes
    status: str
    method: str
    uid: str
    email: str
    person: str  # the attendee's name
    lang: str
    sequence: int


@dataclass(frozen=True)
class PreviousInvite:
    """An invitation file of an earlier run, read from its own content lines."""

    name: str
    data: bytes
    method: str
    uid: str
    email: str
    person: str
    lang: str
    sequence: int
    fingerprint: tuple[str, ...]
    header: tuple[str, ...]  # the VCALENDAR's own lines (VERSION ... X-WR-CALNAME) as written
    master: tuple[Prop, ...]  # the first VEVENT's own properties


_CN = re.compile(r';CN=(?:"([^"]*)"|([^;:]*))')


def file_fingerprint(data: bytes) -> tuple[str, ...]:
    """Every unfolded content line but DTSTAMP and SEQUENCE: equal means nothing a client shows changed."""
    return tuple(line for line in w.unfold(data.decode("utf-8", "replace")) if w.line_name(line) not in _VOLATILE)


def _guess_lang(lines: list[str]) -> str:
    """The language an earlier invite was written in, from the labels rcm put in it."""
    text = "\n".join(lines)
    english = _marks("en")
    for lang in LANGUAGES:
        marks = _marks(lang)
        if lang != "en" and any(mark in text for mark, same in zip(marks, english) if mark != same):
            return lang
    return "en"


def _marks(lang: str) -> tuple[str, str]:
    """Labels that tell an invite's language: the start of 'Times in ...', 'Time as published'."""
    lab = labels(lang)
    return lab["times_in"].split("%(")[0], lab["published"]


def read_invite(path: Path, meeting: Meeting) -> PreviousInvite:
    """One earlier invite file; refused if it is not an rcm invite of this meeting."""
    from rcmcli.core.loader import read_bytes

    data = read_bytes(path)
    lines = w.unfold(data.decode("utf-8", errors="replace"))
    found = _vevents(lines)
    if not found:
        raise InputError(_("no VEVENT: not an invitation written by 'rcm agenda invite'"), str(path))
    first = _previous_event(*found[0])
    if not (first.uid.startswith(f"{meeting.id}.") and first.uid.endswith(f"@{UID_HOST}")):
        raise InputError(
            _("UID '%(uid)s' is not from meeting '%(id)s'; --previous takes the folder of an earlier invite run") % {"uid": first.uid, "id": meeting.id},
            str(path),
        )
    props = dict(reversed(first.props))
    attendee = props.get("ATTENDEE", "")
    cn = _CN.search(attendee.split(":", 1)[0] if attendee else "")
    email = w.line_value(attendee).split(":", 1)[-1].strip() if attendee else ""
    depth, header = 0, []
    for line in lines:
        name = w.line_name(line)
        depth += 1 if name == "BEGIN" else (-1 if name == "END" else 0)
        if depth == 1 and name not in ("BEGIN", "END"):
            header.append(line)
    method = next((w.line_value(x).strip().upper() for x in header if w.line_name(x) == "METHOD"), "")
    if method not in ("REQUEST", "CANCEL") or not email:
        why = f"METHOD:{method or '(none)'}" if method not in ("REQUEST", "CANCEL") else "no ATTENDEE"
        raise InputError(
            _("%(problem)s: not an invitation written by 'rcm agenda invite'; keep other calendars out of the folder") % {"problem": why},
            str(path),
        )
    return PreviousInvite(
        name=path.name,
        data=data,
        method=method,
        uid=first.uid,
        email=email.casefold(),
        person=(cn[1] or cn[2] or "") if cn else "",
        lang=_guess_lang(lines),
        sequence=max(_previous_event(*f).sequence for f in found),
        fingerprint=file_fingerprint(data),
        header=tuple(header),
        master=first.props,
    )


def read_invite_folder(folder: Path, meeting: Meeting) -> dict[tuple[str, str], PreviousInvite]:
    """Every ``*.ics`` of an earlier run, by (UID, attendee email); the highest SEQUENCE wins a tie."""
    if not folder.is_dir():
        raise InputError(_("not a folder; --previous takes the folder of an earlier invite run"), str(folder))
    found: dict[tuple[str, str], PreviousInvite] = {}
    for path in sorted(folder.glob("*.ics")):
        old = read_invite(path, meeting)
        key = (old.uid, old.email)
        if key not in found or old.sequence > found[key].sequence:
            found[key] = old
    return found


def _with_sequence(data: bytes, sequence: int) -> bytes:
    """The same calendar with every SEQUENCE line replaced (all events of one invite share it)."""
    lines = [w.content_line("SEQUENCE", str(sequence)) if w.line_name(x) == "SEQUENCE" else x for x in w.unfold(data.decode("utf-8"))]
    return w.serialise(lines)


def cancel_bytes(old: PreviousInvite, revision: int, stamp: datetime) -> bytes:
    """METHOD:CANCEL (RFC 5546 §3.2.5) for the earlier invite's UID, with its own header and lines.

    The whole UID is cancelled (a series too: no RECURRENCE-ID). Lines are the old
    ones as written; ATTENDEE names who is cancelled.
    """
    ev = Event(old.uid)
    for name, line in old.master:
        if name in _KEPT or name in ("ATTENDEE", "RRULE", "EXDATE"):
            ev.put(name, line)
    ev.add("SEQUENCE", str(max(old.sequence + 1, revision)))
    ev.add("STATUS", "CANCELLED")
    ev.add("DTSTAMP", w.utc(stamp))
    header = [w.content_line("METHOD", "CANCEL") if w.line_name(x) == "METHOD" else x for x in old.header]
    return w.serialise(w.component("VCALENDAR", header + ev.lines()))


@dataclass(frozen=True)
class Planned:
    """An invitation as built now, before it is compared with the earlier run."""

    name: str
    data: bytes
    uid: str
    email: str
    person: str
    lang: str


def plan_invites(
    meeting: Meeting,
    roster: Path,
    members: Members,
    options: Options = Options(),
    organizer: Optional[str] = None,
    per_slot: bool = False,
) -> list[Planned]:
    """Every invitation of this roster, SEQUENCE = the meeting's revision; validates everything first."""
    from rcmcli.core.roster import file_names, load_roster

    if not meeting.slots:
        raise InputError(_("the meeting has no slots to invite to"), meeting.path)
    profile = meeting.participant_profile
    people = load_roster(roster, members, profile.max_per_country if profile else None)
    org = organizer_for(meeting, organizer)
    stamp = dtstamp(meeting, options.source_date_epoch)
    out = []
    keys = slot_keys(meeting)
    for name, p in zip(file_names(people), people):
        if not per_slot:
            data = invite_bytes(meeting, p, members, org, stamp, options.clock)
            out.append(Planned(name, data, uid(meeting, "meeting"), p.email.casefold(), p.name, p.language))
            continue
        stem = name[: -len(".ics")]
        for slot in meeting.slots:
            if slot.kind != "break":
                key = keys[slot.index]
                data = slot_invite_bytes(meeting, slot, key, p, members, org, stamp, options.clock)
                out.append(Planned(f"{stem}.{key}.ics", data, uid(meeting, f"invite-{key}"), p.email.casefold(), p.name, p.language))
    return out


def reconcile_invites(
    planned: list[Planned], previous: dict[tuple[str, str], PreviousInvite], revision: int, stamp: datetime
) -> list[Invite]:
    """SEQUENCE per invitation from the earlier run; CANCEL for what disappeared.

    Unchanged (every line but DTSTAMP and SEQUENCE equal): the earlier file's bytes.
    Changed, or cancelled before and invited again: max(previous + 1, revision).
    New: revision. An earlier REQUEST with no invitation now (participant removed
    from the roster, slot removed with --per-slot): a CANCEL with max(previous + 1,
    revision). An earlier CANCEL with no invitation now is carried forward as it was.
    """
    out: list[Invite] = []
    for p in planned:
        old = previous.get((p.uid, p.email))
        if old is None:
            out.append(Invite(p.name, p.data, "new", "REQUEST", p.uid, p.email, p.person, p.lang, revision))
        elif old.method == "REQUEST" and old.fingerprint == file_fingerprint(p.data):
            out.append(Invite(p.name, old.data, "unchanged", "REQUEST", p.uid, p.email, p.person, p.lang, old.sequence))
        else:
            sequence = max(old.sequence + 1, revision)
            out.append(Invite(p.name, _with_sequence(p.data, sequence), "updated", "REQUEST", p.uid, p.email, p.person, p.lang, sequence))
    present = {(p.uid, p.email) for p in planned}
    for key, old in sorted(previous.items(), key=lambda item: item[1].name):
        if key in present:
            continue
        if old.method == "CANCEL":
            out.append(Invite(old.name, old.data, "unchanged", "CANCEL", old.uid, old.email, old.person, old.lang, old.sequence))
        else:
            sequence = max(old.sequence + 1, revision)
            data = cancel_bytes(old, revision, stamp)
            out.append(Invite(old.name, data, "cancelled", "CANCEL", old.uid, old.email, old.person, old.lang, sequence))
    return out


def invite_run(
    meeting: Meeting,
    roster: Path,
    members: Members,
    options: Options = Options(),
    organizer: Optional[str] = None,
    per_slot: bool = False,
    previous: Optional[Path] = None,
) -> list[Invite]:
    """The invitations of one run: built, then compared with ``previous`` (an earlier run's folder) if given."""
    planned = plan_invites(meeting, roster, members, options, organizer, per_slot)
    earlier = read_invite_folder(previous, meeting) if previous is not None else {}
    return reconcile_invites(planned, earlier, meeting.revision, dtstamp(meeting, options.source_date_epoch))


def write_invite_run(folder: Path, run: list[Invite], inputs: Iterable[Path] = (), previous: Optional[Path] = None) -> list[Path]:
    """Write the run into ``folder``; files already there with the same bytes are not rewritten."""
    same_folder = previous is not None and folder.exists() and previous.resolve() == folder.resolve()
    files = {i.name: i.data for i in run if not (same_folder and i.status == "unchanged")}
    write_invites(folder, files, inputs)
    return [folder / i.name for i in run]
