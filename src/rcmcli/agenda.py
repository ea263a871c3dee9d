"""What the agenda commands compute: slot times in zones, and the capitals matrix.

Pure data in, pure data out; rendering is elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Iterable

from rcmcli.model import Country, Meeting, Members, Slot
from rcmcli.zones import Resolved, format_offset


@dataclass(frozen=True)
class Hours:
    """Local hours that count as work and as night (configurable in the validator)."""

    work_start: time = time(8, 0)
    work_end: time = time(18, 0)
    night_start: time = time(22, 0)
    night_end: time = time(6, 0)


DEFAULT_HOURS = Hours()


@dataclass(frozen=True)
class LocalTime:
    start: datetime
    end: datetime
    day_shift: int  # local start date minus the slot's published date: -1, 0, +1
    night: bool
    outside_work: bool

    @property
    def flag(self) -> str:
        return "night" if self.night else ("outside-hours" if self.outside_work else "")


def to_zone(slot: Slot, tz, hours: Hours = DEFAULT_HOURS) -> LocalTime:
    assert slot.starts and slot.ends and slot.date
    start, end = slot.starts.astimezone(tz), slot.ends.astimezone(tz)
    return LocalTime(
        start,
        end,
        (start.date() - slot.date).days,
        overlaps_night(start, end, hours),
        outside_work(start, end, hours),
    )


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _local_ranges(start: datetime, end: datetime) -> list[tuple[int, int]]:
    """The slot as minute ranges within local days (split at local midnight)."""
    ranges, day0 = [], start.date()
    s = _minutes(start.time())
    e = _minutes(end.time()) + (end.date() - day0).days * 1440
    while s < e:
        day_end = (s // 1440 + 1) * 1440
        ranges.append((s % 1440, min(e, day_end) - (s // 1440) * 1440))
        s = day_end
    return ranges or [(s % 1440, s % 1440)]


def overlaps_night(start: datetime, end: datetime, hours: Hours = DEFAULT_HOURS) -> bool:
    """Does any minute of [start, end) fall in the night window (which may wrap midnight)?"""
    ns, ne = _minutes(hours.night_start), _minutes(hours.night_end)
    windows = [(ns, 1440), (0, ne)] if ns > ne else [(ns, ne)]
    return any(a < we and ws < b for a, b in _local_ranges(start, end) for ws, we in windows)


def outside_work(start: datetime, end: datetime, hours: Hours = DEFAULT_HOURS) -> bool:
    ws, we = _minutes(hours.work_start), _minutes(hours.work_end)
    return any(a < ws or b > we for a, b in _local_ranges(start, end)) or start.weekday() >= 5


@dataclass(frozen=True)
class SlotRow:
    slot: Slot
    times: tuple[LocalTime, ...]  # one per requested zone, in order


def slot_rows(meeting: Meeting, zones: Iterable[Resolved]) -> list[SlotRow]:
    zs = list(zones)
    return [SlotRow(s, tuple(to_zone(s, z.tz) for z in zs)) for s in meeting.slots]


@dataclass(frozen=True)
class CapitalRow:
    country: Country
    conferences: tuple[str, ...]
    offset: str  # UTC offset on the meeting's first day
    times: tuple[LocalTime, ...]  # one per slot
    days: tuple[LocalTime, ...] = ()  # one per meeting day: first start to last end


def capital_matrix(meeting: Meeting, members: Members, org: str, hours: Hours = DEFAULT_HOURS) -> list[CapitalRow]:
    from rcmcli.zones import get_zone

    rows = []
    for country in members.members_of(org):
        tz = get_zone(country.zone)
        times = tuple(to_zone(s, tz, hours) for s in meeting.slots)
        offset = format_offset(times[0].start.utcoffset()) if times else ""
        days = tuple(_day_span(day.slots, tz, hours) for day in meeting.days if day.slots)
        rows.append(CapitalRow(country, tuple(members.conference_of(country.code)), offset, times, days))
    return rows


def _day_span(slots: list[Slot], tz, hours: Hours) -> LocalTime:
    first = min(slots, key=lambda s: s.starts)
    last = max(slots, key=lambda s: s.ends)
    start, end = first.starts.astimezone(tz), last.ends.astimezone(tz)
    assert first.date
    return LocalTime(start, end, (start.date() - first.date).days, overlaps_night(start, end, hours), outside_work(start, end, hours))


def current_offset(zone_key: str, now: datetime) -> str:
    from rcmcli.zones import get_zone

    return format_offset(now.astimezone(get_zone(zone_key)).utcoffset())
