"""Capitals grouped by the clock they read: the data behind ``times`` and ``announce``.

Agendas print blocks like "10:00 am Mexico City, Panama City & Lima · 11:00 am
Washington DC, ...", written by hand and easily wrong when one country has changed
its clock (Santiago moved to UTC−3 on 5 September 2021). Here the groups are built
from the tz database: two places share a group exactly when every instant asked
about gives them the same UTC offset (``astimezone`` on that date, never a fixed
number), so a group is correct by construction.

Pure data: no printing, no Typer, no Rich.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date, datetime, time, timezone

from rcmcli.core.errors import UsageError
from rcmcli.core.localtime import Hours, LocalTime
from rcmcli.core.zones import fold
from rcmcli.i18n import _, ngettext
from rcmcli.timefmt import iso_offset, offsets_label

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from datetime import tzinfo
    from typing import Iterable, Mapping, Optional, Sequence

    from rcmcli.core.model import Country, Day, Meeting, Members, Slot


class Place(namedtuple("Place", "code name zone tz conferences country capital", defaults=((), "", ""))):
    """A capital (or a zone asked for by name) whose clock is read."""

    __slots__ = ()

    code: str  # ISO alpha-2 of its country; '' for a place that is only a zone
    name: str  # as people write it in a list: 'Washington DC', not 'Washington, D.C.'
    zone: str  # IANA key
    tz: tzinfo
    conferences: tuple[str, ...]
    country: str  # the country's name, '' for a zone
    capital: str  # the capital's name as the members file spells it


def written_name(country: Country, lang: str = "en") -> str:
    """The capital's name as written in a comma-separated list.

    'Washington, D.C.' would read as two places in "Ottawa, Washington, D.C. &
    Caracas"; the agenda itself writes "Washington DC". A name with a comma is
    replaced by its first alias without one (members.yaml lists them).
    """
    name = country.capital.get(lang)
    if "," not in name:
        return name
    for alias in country.aliases:
        if "," not in alias:
            return alias
    return name.replace(",", "")


def place_of(country: Country, members: Members, lang: str = "en") -> Place:
    from rcmcli.core.zones import get_zone

    conferences = tuple(members.conference_of(country.code))
    return Place(country.code, written_name(country, lang), country.zone, get_zone(country.zone), conferences, country.name.get(lang), country.capital.get(lang))


def member_places(members: Members, org: str, lang: str = "en") -> list[Place]:
    """The member capitals of 'rcm', 'sacm' or 'all', in the members file's order."""
    return [place_of(c, members, lang) for c in members.members_of(org)]


def meeting_org(meeting: Meeting) -> str:
    """The conferences whose capitals a meeting concerns: its own, else both."""
    return meeting.conferences[0] if len(meeting.conferences) == 1 else "all"


def find_places(names: Iterable[str], members: Members, aliases: Mapping[str, tuple[str, str]], lang: str = "en") -> list[Place]:
    """Places for ``--capital`` values: a capital, country or ISO code of the catalog,
    else any zone ``--tz`` accepts (shown under the name typed). Unknown: UsageError."""
    from rcmcli.core import zones

    by_name: dict[str, Country] = {}
    for c in members.countries.values():
        for label in (c.capital.en, c.capital.es, *c.aliases, c.name.en, c.name.es, c.code, c.iso3):
            if label:
                by_name.setdefault(fold(label), c)
    out: list[Place] = []
    for name in names:
        country = by_name.get(fold(name))
        if country is not None:
            place = place_of(country, members, lang)
        else:
            found = zones.resolve(name, aliases)  # UnknownZoneError (exit 2) names the closest
            place = Place("", name.strip(), found.name, found.tz, capital=name.strip())
        if place not in out:
            out.append(place)
    if not out:
        raise UsageError(_("no capital given"))
    return out


# --- offsets -----------------------------------------------------------------------


def offset_minutes(instant: datetime, tz: tzinfo) -> int:
    delta = instant.astimezone(tz).utcoffset()
    assert delta is not None, "an IANA zone always has an offset"
    return int(delta.total_seconds() // 60)


# --- groups by clock ---------------------------------------------------------------


class ClockGroup(namedtuple("ClockGroup", "offsets places")):
    """Places that read the same clock at every instant asked about."""

    __slots__ = ()

    offsets: tuple[int, ...]  # UTC offset in minutes at each instant
    places: tuple[Place, ...]

    @property
    def label(self) -> str:
        return offsets_label(self.offsets)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code or p.name for p in self.places)


def group_by_clock(places: Sequence[Place], instants: Sequence[datetime]) -> list[ClockGroup]:
    """Group places by their UTC offsets at ``instants``; west (earliest clock) first.

    Places keep their given order inside a group.
    """
    keyed: dict[tuple[int, ...], list[Place]] = {}
    for place in places:
        key = tuple(offset_minutes(t, place.tz) for t in instants)
        keyed.setdefault(key, []).append(place)
    return [ClockGroup(k, tuple(v)) for k, v in sorted(keyed.items())]


def day_instants(slots: Sequence[Slot]) -> list[datetime]:
    """Every start and end of a day's slots: a clock change inside the day splits a group."""
    out: list[datetime] = []
    for s in slots:
        assert s.start_utc is not None and s.end_utc is not None, "slots are placed by the loader"
        out += [s.start_utc, s.end_utc]
    return out


class DayClocks(namedtuple("DayClocks", "number day groups")):
    """One meeting day and its places grouped by clock."""

    __slots__ = ()

    number: int  # 1-based among the meeting's days with slots
    day: Day
    groups: tuple[ClockGroup, ...]


def day_clocks(days: Sequence[tuple[int, Day]], places: Sequence[Place]) -> list[DayClocks]:
    return [DayClocks(n, d, tuple(group_by_clock(places, day_instants(d.slots)))) for n, d in days]


def same_groups(days: Sequence[DayClocks]) -> bool:
    """Do all days group the places the same way, with the same offsets?"""
    shapes = {tuple((g.label, g.codes) for g in d.groups) for d in days}
    return len(shapes) <= 1


class PlaceRow(namedtuple("PlaceRow", "place offset times days")):
    """One place's local times: per slot, and per day (first start to last end)."""

    __slots__ = ()

    place: Place
    offset: str  # UTC offset at the first slot, 'UTC-06:00'
    times: tuple[LocalTime, ...]
    days: tuple[LocalTime, ...]


def place_matrix(days: Sequence[tuple[int, Day]], places: Sequence[Place], hours: Hours | None = None) -> list[PlaceRow]:
    from rcmcli.core.localtime import day_span, to_zone

    slots = [s for _, d in days for s in d.slots]
    rows = []
    for place in places:
        times = tuple(to_zone(s, place.tz, hours) for s in slots)
        offset = iso_offset(times[0].start.utcoffset()) if times else ""
        rows.append(PlaceRow(place, offset, times, tuple(day_span(d.slots, place.tz, hours) for _, d in days)))
    return rows


# --- choosing days -----------------------------------------------------------------


def meeting_days(meeting: Meeting) -> list[tuple[int, Day]]:
    """The days that have slots, numbered from 1."""
    return list(enumerate((d for d in meeting.days if d.slots), 1))


def pick_days(meeting: Meeting, day: Optional[int] = None, on: Optional[date] = None) -> list[tuple[int, Day]]:
    """The days ``--day N`` or ``--date YYYY-MM-DD`` select (all without either); the
    command line converted both (rcmcli.cli.registry kinds ``int`` and ``date``)."""
    days = meeting_days(meeting)
    if day is not None and on is not None:
        raise UsageError(_("give --day or --date, not both"))
    if day is not None:
        n = day
        if not 1 <= n <= len(days):
            message = ngettext("--day %(number)d: %(meeting)s has %(count)d day", "--day %(number)d: %(meeting)s has %(count)d days (1 to %(count)d)", len(days))
            raise UsageError(message % {"number": n, "meeting": meeting.id, "count": len(days)})
        return [days[n - 1]]
    if on is not None:
        chosen = [(n, d) for n, d in days if d.date == on]
        if not chosen:
            listed = ", ".join(str(d.date) for _, d in days)
            raise UsageError(_("--date %(value)s: %(meeting)s meets on %(dates)s") % {"value": on, "meeting": meeting.id, "dates": listed})
        return chosen
    return days


# --- start-time announcements ------------------------------------------------------


class StartGroup(namedtuple("StartGroup", "local day_shift offset places")):
    """Places where something starts at the same local wall time."""

    __slots__ = ()

    local: datetime  # the local start (aware, in the first place's zone)
    day_shift: int  # local date minus the published date: -1, 0, +1
    offset: int  # minutes
    places: tuple[Place, ...]


class Announcement(namedtuple("Announcement", "dates slot published groups")):
    """When one day (or one slot) starts, grouped by local time.

    ``dates`` holds every day the announcement is true for: several when the days
    start at the same published time and every place reads the same clock on each.
    """

    __slots__ = ()

    dates: tuple[date, ...]
    slot: Optional[Slot]  # None: the day's start
    published: time  # the published start, in the reference zone
    groups: tuple[StartGroup, ...]

    def shape(self) -> tuple:
        return (self.published, tuple((g.local.time(), g.day_shift, tuple(p.zone + p.name for p in g.places)) for g in self.groups))


def start_groups(instant: datetime, published: date, places: Sequence[Place]) -> tuple[StartGroup, ...]:
    out = []
    for group in group_by_clock(places, [instant]):
        local = instant.astimezone(group.places[0].tz)
        out.append(StartGroup(local, (local.date() - published).days, group.offsets[0], group.places))
    return tuple(out)


def _first(slots: Sequence[Slot]) -> Slot:
    return min(slots, key=lambda s: s.start_utc)  # type: ignore[arg-type, return-value]


def announcements(meeting: Meeting, places: Sequence[Place], per_slot: bool = False, days: Optional[Sequence[tuple[int, Day]]] = None) -> list[Announcement]:
    """The start of each day (or of each slot) grouped by local time.

    Days whose announcements are identical are merged into one, so a meeting that
    starts at 09:00 on both days with no clock change in between gets one block.
    Per-slot announcements are never merged: each day has its own slots.
    """
    chosen = meeting_days(meeting) if days is None else days
    out: list[Announcement] = []
    for _number, day in chosen:
        assert day.date is not None
        slots = day.slots if per_slot else [_first(day.slots)]
        for slot in slots:
            assert slot.start_utc is not None
            out.append(Announcement((day.date,), slot if per_slot else None, slot.start, start_groups(slot.start_utc, day.date, places)))
    if per_slot or len(out) < 2 or len({a.shape() for a in out}) > 1:
        return out
    first = out[0]
    return [Announcement(tuple(d for a in out for d in a.dates), None, first.published, first.groups)]


def at_noon_utc(day: date) -> datetime:
    """The instant ``members --date`` reads offsets at: 12:00 UTC, the middle of the
    Americas' working day (no zone of the catalog changes its clock then)."""
    return datetime.combine(day, time(12), tzinfo=timezone.utc)

