"""What changed between two revisions of an agenda: two meetings in, a list of changes out.

Pure core: no printing, no files. Slots are matched by their stable key (the one
the calendar UIDs use, :func:`rcmcli.core.identity.slot_keys`), then, for slots
whose key changed (a renumbered session), by title and time (docs/decisions.md).
For a slot whose times changed, :func:`clock_groups` says what the new time is in
every member capital of the organizing conferences, grouped by local clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Iterable, Optional

from rcmcli.core.identity import slot_keys
from rcmcli.core.localtime import Hours, outside_work
from rcmcli.core.model import Meeting, Members, Slot, Text

# Kinds of change, in the order they are reported for one slot. Machine words:
# JSON and tests use them; renderers translate what people read.
SLOT_KINDS = ("added", "removed", "moved", "lengthened", "shortened", "renumbered", "retitled", "leads", "speakers", "moderator")
MEETING_KINDS = ("dates", "reference_zone", "platform", "location")


@dataclass(frozen=True)
class SlotInfo:
    """A slot as a reader of the agenda sees it: key, label, published date and times, instants."""

    key: str
    session: Optional[int]
    kind: str
    title: Text
    date: date
    start: str  # HH:MM in the reference zone, as published
    end: str
    start_utc: datetime
    end_utc: datetime

    def label(self, lang: str = "en") -> str:
        title = self.title.get(lang)
        if self.session is None:
            return title
        return f"{'Sesión' if lang == 'es' else 'Session'} {self.session}: {title}"


@dataclass(frozen=True)
class ClockGroup:
    """Capitals (ISO codes, in member order) that see a slot at the same local times."""

    start: datetime  # local, aware
    end: datetime
    countries: tuple[str, ...]


@dataclass(frozen=True)
class Flag:
    """A move that crosses local midnight or leaves working hours in one capital."""

    country: str
    why: str  # "midnight" or "outside_hours"
    start: datetime  # the new local start


@dataclass(frozen=True)
class Change:
    """One change: ``kind`` from SLOT_KINDS or MEETING_KINDS, before and after."""

    kind: str
    key: str = ""  # the slot's key (the new one if it changed); empty for meeting-level changes
    old: Optional[SlotInfo] = None
    new: Optional[SlotInfo] = None
    before: str = ""  # for value changes (leads, speakers, dates...): plain text, machine-readable
    after: str = ""
    groups: tuple[ClockGroup, ...] = ()  # new local times in each capital (time changes only)
    flags: tuple[Flag, ...] = ()


@dataclass
class Diff:
    """The changes from ``old`` to ``new``; empty when nothing a delegate sees changed."""

    old: Meeting
    new: Meeting
    changes: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)


# --- matching --------------------------------------------------------------------


def _info(slot: Slot, key: str) -> SlotInfo:
    assert slot.date and slot.start_utc and slot.end_utc, "slots are placed by the loader"
    return SlotInfo(
        key,
        slot.session,
        slot.kind,
        slot.title,
        slot.date,
        slot.start.isoformat("minutes"),
        slot.end.isoformat("minutes"),
        slot.start_utc.astimezone(timezone.utc),
        slot.end_utc.astimezone(timezone.utc),
    )


def _title_key(slot: Slot) -> tuple[str, str]:
    return (" ".join((slot.title.en or "").split()).casefold(), " ".join((slot.title.es or "").split()).casefold())


def match(old: Meeting, new: Meeting) -> tuple[list[tuple[Slot, Slot]], list[Slot], list[Slot]]:
    """Pairs (old, new), removed slots, added slots.

    First by stable key; then, among the rest, a slot whose title and start instant
    are unchanged is the same slot renumbered; then a title that is unique among
    the rest on both sides (renumbered and moved). Nothing else is guessed.
    """
    old_keys, new_keys = slot_keys(old), slot_keys(new)
    by_key = {new_keys[s.index]: s for s in new.slots}
    pairs, rest_old = [], []
    for s in old.slots:
        twin = by_key.pop(old_keys[s.index], None)
        if twin is not None:
            pairs.append((s, twin))
        else:
            rest_old.append(s)
    rest_new = [s for s in new.slots if new_keys[s.index] in by_key]
    for same in (lambda a, b: _title_key(a) == _title_key(b) and a.start_utc == b.start_utc, None):
        found = _pair_rest(rest_old, rest_new, same)
        pairs += found
        rest_old = [s for s in rest_old if all(s is not a for a, _ in found)]
        rest_new = [s for s in rest_new if all(s is not b for _, b in found)]
    pairs.sort(key=lambda p: p[1].index)
    return pairs, rest_old, rest_new


def _pair_rest(olds: list[Slot], news: list[Slot], same) -> list[tuple[Slot, Slot]]:
    """Pairs by ``same``; with ``same`` None, by a title unique on both sides."""
    if same is not None:
        found, taken = [], set()
        for a in olds:
            b = next((b for b in news if b.index not in taken and same(a, b)), None)
            if b is not None:
                taken.add(b.index)
                found.append((a, b))
        return found
    count_old = _counts(_title_key(s) for s in olds)
    count_new = _counts(_title_key(s) for s in news)
    unique = {t for t, n in count_old.items() if n == 1 and count_new.get(t) == 1 and any(t)}
    by_title = {_title_key(b): b for b in news}
    return [(a, by_title[_title_key(a)]) for a in olds if _title_key(a) in unique]


def _counts(items: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for item in items:
        out[item] = out.get(item, 0) + 1
    return out


# --- comparing ----------------------------------------------------------------------


def compare(old: Meeting, new: Meeting, members: Members, hours: Hours | None = None) -> Diff:
    """Every change a delegate would notice, meeting-level first, then slots in the new order."""
    diff = Diff(old, new, _meeting_changes(old, new))
    capitals = _capitals(new, members)
    pairs, removed, added = match(old, new)
    old_keys, new_keys = slot_keys(old), slot_keys(new)
    events: list[tuple[tuple, Change]] = []
    for a, b in pairs:
        for change in _slot_changes(_info(a, old_keys[a.index]), _info(b, new_keys[b.index]), a, b, capitals, hours):
            events.append(((b.start_utc, b.index, SLOT_KINDS.index(change.kind)), change))
    for s in removed:
        info = _info(s, old_keys[s.index])
        events.append(((s.start_utc, -1, 1), Change("removed", info.key, old=info)))
    for s in added:
        info = _info(s, new_keys[s.index])
        events.append(((s.start_utc, s.index, 0), Change("added", info.key, new=info)))
    events.sort(key=lambda e: e[0])
    diff.changes += [c for _, c in events]
    return diff


def _slot_changes(a: SlotInfo, b: SlotInfo, old: Slot, new: Slot, capitals, hours: Hours | None) -> list[Change]:
    out: list[Change] = []
    moved = a.start_utc != b.start_utc
    length_a, length_b = a.end_utc - a.start_utc, b.end_utc - b.start_utc
    timed = moved or length_a != length_b
    groups = clock_groups(b.start_utc, b.end_utc, capitals) if timed else ()
    flags = move_flags(a, b, capitals, hours) if timed else ()
    if moved:
        out.append(Change("moved", b.key, a, b, groups=groups, flags=flags))
    if length_a != length_b:
        kind = "lengthened" if length_b > length_a else "shortened"
        out.append(Change(kind, b.key, a, b, groups=() if moved else groups, flags=() if moved else flags))
    if a.session != b.session:
        out.append(Change("renumbered", b.key, a, b, before=str(a.session or ""), after=str(b.session or "")))
    if (old.title.en, old.title.es) != (new.title.en, new.title.es):
        out.append(Change("retitled", b.key, a, b, before=old.title.get("en"), after=new.title.get("en")))
    if old.leads != new.leads:
        out.append(Change("leads", b.key, a, b, before=", ".join(old.leads), after=", ".join(new.leads)))
    if _speakers(old) != _speakers(new):
        out.append(Change("speakers", b.key, a, b, before="; ".join(_speakers(old)), after="; ".join(_speakers(new))))
    if _text(old.moderator) != _text(new.moderator):
        out.append(Change("moderator", b.key, a, b, before=_text(old.moderator), after=_text(new.moderator)))
    return out


def _speakers(slot: Slot) -> list[str]:
    return [s.name + (f" ({s.country})" if s.country else "") for s in slot.speakers]


def _text(text: Optional[Text]) -> str:
    return text.get("en") if text else ""


def _meeting_changes(old: Meeting, new: Meeting) -> list[Change]:
    out = []
    dates = (f"{old.first_day} – {old.last_day}", f"{new.first_day} – {new.last_day}")
    if dates[0] != dates[1]:
        out.append(Change("dates", before=dates[0], after=dates[1]))
    zone = (_zone(old), _zone(new))
    if zone[0] != zone[1]:
        out.append(Change("reference_zone", before=zone[0], after=zone[1]))
    for kind in ("platform", "location"):
        before, after = getattr(old, kind) or "", getattr(new, kind) or ""
        if before != after:
            out.append(Change(kind, before=before, after=after))
    return out


def _zone(meeting: Meeting) -> str:
    ref = meeting.reference_zone
    if ref is None:
        return ""
    return f"{ref.label} ({ref.name})" if ref.label and ref.label != ref.name else ref.name


# --- the effect of a move in each capital ---------------------------------------------


def _capitals(meeting: Meeting, members: Members) -> list[tuple[str, object]]:
    """(country code, zone) of each member of the organizing conferences, in member order."""
    from rcmcli.core.zones import get_zone

    codes: list[str] = []
    for org in meeting.conferences or list(members.conferences):
        if org in members.conferences:
            codes += [c.code for c in members.members_of(org) if c.code not in codes]
    return [(code, get_zone(members.countries[code].zone)) for code in codes]


def clock_groups(start: datetime, end: datetime, capitals: list[tuple[str, object]]) -> tuple[ClockGroup, ...]:
    """Capitals grouped by the local (start, end) they see, earliest local clock first:
    the partition of ``agenda times`` and ``announce`` (:func:`rcmcli.core.clocks.group_by_clock`)."""
    from rcmcli.core.clocks import Place, group_by_clock

    places = [Place(code, code, "", tz) for code, tz in capitals]  # type: ignore[arg-type]
    out = []
    for group in group_by_clock(places, (start, end)):
        tz = group.places[0].tz
        out.append(ClockGroup(start.astimezone(tz), end.astimezone(tz), group.codes))
    return tuple(out)


def move_flags(a: SlotInfo, b: SlotInfo, capitals: list[tuple[str, object]], hours: Hours | None) -> tuple[Flag, ...]:
    """Capitals where the new time is on another local date, runs past local midnight, or leaves working hours.

    Outside working hours is flagged only where the old time was inside them: a
    slot that was already at night there is no news.
    """
    flags = []
    for code, tz in capitals:
        old_start, old_end = a.start_utc.astimezone(tz), a.end_utc.astimezone(tz)  # type: ignore[arg-type]
        start, end = b.start_utc.astimezone(tz), b.end_utc.astimezone(tz)  # type: ignore[arg-type]
        last_minute = (b.end_utc - _MINUTE).astimezone(tz)  # type: ignore[arg-type]
        if start.date() != old_start.date() or last_minute.date() != start.date():
            flags.append(Flag(code, "midnight", start))
        if outside_work(start, end, hours) and not outside_work(old_start, old_end, hours):
            flags.append(Flag(code, "outside_hours", start))
    return tuple(flags)


_MINUTE = timedelta(minutes=1)
