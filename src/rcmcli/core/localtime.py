"""What the agenda commands compute: slot times in zones, working hours and night.

Pure data in, pure data out; rendering is elsewhere.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import datetime, time, timedelta, timezone

from rcmcli.core import settings
from rcmcli.core.model import Meeting, Slot
from rcmcli.core.zones import Resolved

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Iterable


def _clock(hhmm: str) -> time:
    return time(int(hhmm[:2]), int(hhmm[3:5]))


_H = settings.HOURS


class Hours(namedtuple("Hours", "work_start work_end night_start night_end", defaults=(_clock(_H["work_start"]), _clock(_H["work_end"]), _clock(_H["night_start"]), _clock(_H["night_end"])))):
    """Local hours that count as work and as night ([tool.rcm.hours], see core.settings)."""

    __slots__ = ()

    work_start: time
    work_end: time
    night_start: time
    night_end: time


DEFAULT_HOURS = Hours()
_RUN_HOURS: list = [settings.DEFAULT, DEFAULT_HOURS]  # the settings they were read from, and the hours


def run_hours() -> Hours:
    """The hours of this run's settings (the defaults outside a run); what ``hours=None`` means."""
    current = settings.current()
    if _RUN_HOURS[0] is not current:
        _RUN_HOURS[:] = [current, Hours(*(_clock(current.hours[k]) for k in Hours._fields))]
    return _RUN_HOURS[1]


class LocalTime(namedtuple("LocalTime", "start end day_shift night outside_work")):
    """A slot (or a day's span) in one zone: its local start and end, and how they sit."""

    __slots__ = ()

    start: datetime
    end: datetime
    day_shift: int  # local start date minus the slot's published date: -1, 0, +1
    night: bool
    outside_work: bool

    @property
    def flag(self) -> str:
        return "night" if self.night else ("outside-hours" if self.outside_work else "")


def to_zone(slot: Slot, tz, hours: Hours | None = None) -> LocalTime:
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


def wall(dt: datetime) -> int:
    """A wall-clock time as minutes since 0001-01-01 00:00 (weekday = minutes // 1440 - 1, mod 7)."""
    return dt.toordinal() * 1440 + dt.hour * 60 + dt.minute


def _day_ranges(ls: int, le: int) -> list[tuple[int, int]]:
    """[ls, le) in wall minutes as ranges within local days (split at local midnight)."""
    ranges = []
    s = ls
    while s < le:
        day = s // 1440
        ranges.append((s - day * 1440, min(le, (day + 1) * 1440) - day * 1440))
        s = (day + 1) * 1440
    return ranges or [(ls % 1440, ls % 1440)]


def night_between(ls: int, le: int, hours: Hours | None = None) -> bool:
    """Does any minute of the wall-clock span [ls, le) fall in the night window (which may wrap midnight)?"""
    if hours is None:
        hours = run_hours()
    ns, ne = _minutes(hours.night_start), _minutes(hours.night_end)
    windows = ((ns, 1440), (0, ne)) if ns > ne else ((ns, ne),)
    day = ls // 1440
    if le <= (day + 1) * 1440:  # the usual case: within one local day
        a, b = ls - day * 1440, le - day * 1440
        return any(a < we and ws < b for ws, we in windows) if a < b else False
    return any(a < we and ws < b for a, b in _day_ranges(ls, le) for ws, we in windows)


def outside_work_between(ls: int, le: int, hours: Hours | None = None) -> bool:
    """Is any minute of [ls, le) before or after working hours, or on a Saturday or Sunday?"""
    if hours is None:
        hours = run_hours()
    ws, we = _minutes(hours.work_start), _minutes(hours.work_end)
    day = ls // 1440
    if (day - 1) % 7 >= 5:  # ordinal day 1 was a Monday
        return True
    if le <= (day + 1) * 1440:
        return ls - day * 1440 < ws or le - day * 1440 > we
    return any(a < ws or b > we for a, b in _day_ranges(ls, le))


def overlaps_night(start: datetime, end: datetime, hours: Hours | None = None) -> bool:
    return night_between(wall(start), wall(end), hours)


def outside_work(start: datetime, end: datetime, hours: Hours | None = None) -> bool:
    return outside_work_between(wall(start), wall(end), hours)


class LocalClock:
    """Wall-clock minutes in one zone for many UTC instants, fast.

    Converting every slot into every capital with ``astimezone`` dominates the
    validation of a large agenda. A zone's offset is constant over almost every UTC
    day, so it is looked up twice per day and added as an integer; only a day with a
    transition falls back to a real conversion.
    """

    def __init__(self, tz) -> None:
        self.tz = tz
        self._offsets: dict[int, int | None] = {}

    def offset(self, day: int) -> int | None:
        """Offset in minutes over the whole UTC day ``day`` (an ordinal), None if it changes."""
        try:
            return self._offsets[day]
        except KeyError:
            offset = self._offsets[day] = self._day_offset(day)
            return offset

    def offsets(self, days: list[int], midnights: dict[int, datetime] | None = None) -> list[int | None]:
        """:meth:`offset` of many days at once: one conversion per day boundary.

        A day counts as constant when the offsets at its midnight and at the next
        midnight are equal; a transition exactly at the next midnight makes it None,
        which only costs a real conversion of that day's instants. ``midnights``
        (from :func:`utc_midnights` of the days and the days after them) can be
        shared by the clocks of many zones.
        """
        if midnights is None:
            midnights = utc_midnights(days)
        tz = self.tz
        at = {d: t.astimezone(tz).utcoffset() for d, t in midnights.items()}
        minutes: dict = {}
        out: list[int | None] = []
        for d in days:
            a = at[d]
            if a is None or a != at[d + 1]:
                out.append(None)
                continue
            m = minutes.get(a)
            if m is None:
                m = minutes[a] = int(a.total_seconds() // 60)
            out.append(m)
        self._offsets.update(zip(days, out))
        return out

    def wall(self, utc: datetime, utc_wall: int) -> int:
        """Local wall minutes of the UTC instant ``utc`` (``utc_wall`` = wall(utc))."""
        day = utc_wall // 1440
        try:
            offset = self._offsets[day]
        except KeyError:
            offset = self._offsets[day] = self._day_offset(day)
        if offset is None:  # a transition that day
            return wall(utc.astimezone(self.tz))
        return utc_wall + offset

    def _day_offset(self, day: int) -> int | None:
        first = datetime.fromordinal(day).replace(tzinfo=timezone.utc)
        last = first + timedelta(days=1, microseconds=-1)
        a, b = first.astimezone(self.tz).utcoffset(), last.astimezone(self.tz).utcoffset()
        if a is None or a != b:
            return None
        return int(a.total_seconds() // 60)


def utc_midnights(days: Iterable[int]) -> dict[int, datetime]:
    """UTC midnight starting each day ordinal, and the day after it (for :meth:`LocalClock.offsets`)."""
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)  # ordinal 719163
    return {d: epoch + timedelta(days=d - 719163) for day in days for d in (day, day + 1)}


def hhmm_wall(minutes: int) -> str:
    return f"{minutes % 1440 // 60:02d}:{minutes % 60:02d}"


class SlotRow(namedtuple("SlotRow", "slot times")):
    """A slot and its times in each zone asked for."""

    __slots__ = ()

    slot: Slot
    times: tuple[LocalTime, ...]  # one per requested zone, in order


def slot_rows(meeting: Meeting, zones: Iterable[Resolved]) -> list[SlotRow]:
    zs = list(zones)
    return [SlotRow(s, tuple(to_zone(s, z.tz) for z in zs)) for s in meeting.slots]


def day_span(slots: list[Slot], tz, hours: Hours | None = None) -> LocalTime:
    """A day's first start to its last end, in ``tz``."""
    first = min(slots, key=lambda s: s.start_utc or datetime.max.replace(tzinfo=timezone.utc))
    last = max(slots, key=lambda s: s.end_utc or datetime.min.replace(tzinfo=timezone.utc))
    assert first.starts and last.ends and first.date
    start, end = first.starts.astimezone(tz), last.ends.astimezone(tz)
    return LocalTime(start, end, (start.date() - first.date).days, overlaps_night(start, end, hours), outside_work(start, end, hours))
