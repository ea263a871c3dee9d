"""When to hold a meeting: every start time of a day, judged in every chosen capital.

Pure core: data in, data out. :func:`plan` takes dates, a duration, the places
whose day matters, a reference zone and the local hours that count (working,
reasonable, night, an optional lunch), and returns for each date the merged and
ranked windows of start times, the clock changes inside the range and the dates
where the best window moves.

Offsets are found once per zone and day, never per start: a zone's transitions
inside the range are located once (a bisection on the few UTC days where the
offset changes), and every start then reads its offset by comparing integers.
A day whose places and reference keep one offset throughout is judged once per
*shape* (the reference midnight's time of day, and the set of offsets with their
counts): a year of dates repeats a handful of shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from rcmcli.core import settings
from rcmcli.core.errors import quote
from rcmcli.core.localtime import Hours, night_between
from rcmcli.core.timeparse import YEARS, check_year
from rcmcli.i18n import _

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Optional, Sequence

DAY = 1440
STEP = 15
MAX_DAYS = 3660  # ten years of dates: a typo ("2026..2126") is refused, not computed for minutes
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Place:
    """A capital whose day matters: who, and its IANA zone."""

    code: str
    capital: str
    country: str
    zone: str
    tz: tzinfo = field(compare=False, repr=False)


def _band(name: str) -> tuple[int, int]:
    """A band of the built-in hours (core.settings) as minutes of the day."""
    return settings.minutes(settings.HOURS[name + "_start"]), settings.minutes(settings.HOURS[name + "_end"])


@dataclass(frozen=True)
class Bands:
    """Local hours as minutes of the day: working, reasonable, night (may wrap), lunch."""

    work: tuple[int, int] = _band("work")
    reasonable: tuple[int, int] = _band("reasonable")
    night: tuple[int, int] = _band("night")
    lunch: Optional[tuple[int, int]] = None


@dataclass(frozen=True)
class Transition:
    """A clock change of one or more places: at ``utc`` minute, from ``old`` to ``new`` offset."""

    utc: int  # minutes since 1970-01-01 00:00 UTC
    old: int
    new: int
    places: tuple[Place, ...]

    @property
    def instant(self) -> datetime:
        return _EPOCH + timedelta(minutes=self.utc)

    @property
    def local_before(self) -> datetime:
        """The wall clock just before the change, in the old offset (naive)."""
        return (_EPOCH + timedelta(minutes=self.utc + self.old)).replace(tzinfo=None)


@dataclass(frozen=True)
class Window:
    """Consecutive starts (``first``..``last``, minutes of the reference day) judged alike.

    ``in_work``, ``reasonable``, ``night``: how many places have the meeting inside
    working hours, inside the reasonable band, and touching the night. ``worst``: the
    furthest any place is pushed outside its working hours, in minutes (0 when all
    are inside), at the window's best start ``best``; ``centrality``: how far that
    start's local midpoints are from the middle of the working day, summed.
    """

    first: int
    last: int
    first_after: int  # UTC minutes from the reference midnight to the first start
    last_after: int
    in_work: int
    reasonable: int
    night: int
    total: int
    worst: int
    centrality: int
    best: int
    rank: int = 0

    @property
    def all_in_work(self) -> bool:
        return self.in_work == self.total

    def same_judgement(self, other: Optional[Window]) -> bool:
        return other is not None and (self.first, self.last, self.in_work, self.reasonable, self.night) == (
            other.first,
            other.last,
            other.in_work,
            other.reasonable,
            other.night,
        )


@dataclass(frozen=True)
class DayPlan:
    date: date
    ref_midnight: int  # UTC minute of 00:00 in the reference zone that day
    offsets: tuple[tuple[int, int], ...]  # per place: offset at the day's first and last start
    windows: tuple[Window, ...]  # ranked, best first

    @property
    def best(self) -> Window:
        return self.windows[0]

    def utc(self, w: Window) -> tuple[datetime, datetime]:
        """The UTC instants of a window's first and last start."""
        return _utc(self.ref_midnight + w.first_after), _utc(self.ref_midnight + w.last_after)

    @property
    def all_in_work(self) -> tuple[Window, ...]:
        return tuple(sorted((w for w in self.windows if w.all_in_work), key=lambda w: w.first))


@dataclass(frozen=True)
class Change:
    """A date whose best window differs from the day before, and the clock changes between."""

    date: date
    before: Window
    after: Window
    transitions: tuple[Transition, ...]


@dataclass(frozen=True)
class Plan:
    places: tuple[Place, ...]
    duration: int
    bands: Bands
    days: tuple[DayPlan, ...]
    transitions: tuple[Transition, ...]
    changes: tuple[Change, ...]


# --- offsets, once per zone and day ------------------------------------------------


def _minute(dt: datetime) -> int:
    return int((dt - _EPOCH).total_seconds() // 60)


def _offset_at(tz: tzinfo, utc_minute: int) -> int:
    delta = (_EPOCH + timedelta(minutes=utc_minute)).astimezone(tz).utcoffset()
    assert delta is not None
    return int(delta.total_seconds() // 60)


def zone_steps(tz: tzinfo, start: int, end: int) -> list[tuple[int, int, int]]:
    """The transitions of ``tz`` in [start, end) UTC minutes: (minute, old, new).

    One conversion per UTC day boundary; a bisection to the minute only inside a
    day whose two ends disagree (real zones change at most once a day).
    """
    steps: list[tuple[int, int, int]] = []
    lo = start - start % DAY
    prev = _offset_at(tz, lo)
    while lo < end:
        hi = lo + DAY
        nxt = _offset_at(tz, hi)
        if nxt != prev:
            a, b = lo, hi  # offset at a is prev, at b is nxt
            while b - a > 1:
                mid = (a + b) // 2
                if _offset_at(tz, mid) == prev:
                    a = mid
                else:
                    b = mid
            if start <= b < end:
                steps.append((b, prev, nxt))
        prev, lo = nxt, hi
    return steps


class _Clock:
    """A zone's offset at any UTC minute of the range, from its few transitions."""

    def __init__(self, tz: tzinfo, start: int, end: int) -> None:
        self.first = _offset_at(tz, start)
        self.steps = zone_steps(tz, start, end)

    def at(self, minute: int) -> int:
        off = self.first
        for when, _old, new in self.steps:
            if minute < when:
                break
            off = new
        return off

    def constant(self, a: int, b: int) -> bool:
        """No transition in [a, b]."""
        return not any(a <= when <= b for when, _o, _n in self.steps)


# --- judging one start in one place ------------------------------------------------


def _judge(s: int, e: int, bands: Bands, hours: Hours) -> tuple[bool, bool, bool, int, int]:
    """(in work, reasonable, night, minutes outside work, distance from mid-work) of the
    local wall span [s, e) (wall minutes)."""
    day = s - s % DAY
    a, b = s - day, e - day
    ws, we = bands.work
    rs, re_ = bands.reasonable
    in_work = ws <= a and b <= we
    lunch = bands.lunch
    if in_work and lunch is not None and a < lunch[1] and lunch[0] < b:
        in_work = False
    reasonable = rs <= a and b <= re_
    night = night_between(s, e, hours)
    worst = max(ws - a, b - we, 0)
    return in_work, reasonable, night, worst, abs(a + b - ws - we) // 2


def _hours(bands: Bands) -> Hours:
    return Hours(night_start=time(bands.night[0] // 60, bands.night[0] % 60), night_end=time(bands.night[1] // 60, bands.night[1] % 60))


Stats = tuple  # (in_work, reasonable, night, worst, centrality) of one start, summed over places


def _judge_shape(midnight_tod: int, groups: tuple[tuple[int, int], ...], duration: int, bands: Bands, hours: Hours) -> list[Stats]:
    """Stats of the 96 starts of a day whose places keep one offset each (groups: offset, count)."""
    return [_tally(midnight_tod + k, groups, duration, bands, hours) for k in range(0, DAY, STEP)]


def _tally(u: int, groups: tuple[tuple[int, int], ...], duration: int, bands: Bands, hours: Hours) -> Stats:
    """(in work, in the reasonable band, at night, worst, centrality) of a start ``u``
    for places grouped by their one offset ((offset, count) pairs)."""
    n_work = n_reas = n_night = worst = central = 0
    for off, count in groups:
        w, r, n, bad, c = _judge(u + off, u + off + duration, bands, hours)
        n_work += count * w
        n_reas += count * r
        n_night += count * n
        worst = max(worst, bad)
        central += count * c
    return (n_work, n_reas, n_night, worst, central)


def _judge_exact(starts: list[int], clocks: list[_Clock], duration: int, bands: Bands, hours: Hours) -> list[Stats]:
    """Stats of given UTC starts on a day with a clock change: the places whose clock
    changes read their offset at each start and end (integer comparisons with the
    transition instants); the others are grouped by their one offset, as in a shape."""
    lo, hi = starts[0], starts[-1] + duration
    steady: dict[int, int] = {}
    moving = []
    for clock in clocks:
        if clock.constant(lo, hi):
            off = clock.at(lo)
            steady[off] = steady.get(off, 0) + 1
        else:
            moving.append(clock)
    groups = tuple(steady.items())
    out = []
    for u in starts:
        n_work, n_reas, n_night, worst, central = _tally(u, groups, duration, bands, hours)
        for clock in moving:
            w, r, n, bad, c = _judge(u + clock.at(u), u + duration + clock.at(u + duration), bands, hours)
            n_work += w
            n_reas += r
            n_night += n
            worst = max(worst, bad)
            central += c
        out.append((n_work, n_reas, n_night, worst, central))
    return out


# --- merging and ranking -----------------------------------------------------------


def _windows(starts: list[tuple[int, int]], stats: list[Stats], total: int) -> tuple[Window, ...]:
    """Merge consecutive starts with the same counts; rank the merged windows."""
    merged: list[list] = []
    for (k, u), st in zip(starts, stats):
        key = st[:3]
        last = merged[-1] if merged else None
        if last is not None and last[0] == key and last[2] == k - STEP:
            last[2], last[7] = k, u
            if (st[3], st[4]) < (last[4], last[5]):
                last[4], last[5], last[6] = st[3], st[4], k
            continue
        merged.append([key, k, k, u, st[3], st[4], k, u])
    windows = [
        Window(k0, k1, u0, u1, key[0], key[1], key[2], total, worst, central, best)
        for key, k0, k1, u0, worst, central, best, u1 in merged
    ]
    order = sorted(
        windows,
        key=lambda w: (not w.all_in_work, w.worst, -w.in_work, -w.reasonable, w.night, w.centrality, w.first),
    )
    return tuple(_ranked(w, i + 1) for i, w in enumerate(order))


def _utc(minute: int) -> datetime:
    return _EPOCH + timedelta(minutes=minute)


def _ranked(w: Window, rank: int) -> Window:
    from dataclasses import replace

    return replace(w, rank=rank)


# --- the plan ----------------------------------------------------------------------


def _ref_midnight(d: date, ref: tzinfo) -> int:
    return _minute(datetime.combine(d, time(0), ref))


def _ref_starts(d: date, ref: tzinfo, ref_clock: _Clock, midnight: int) -> list[tuple[int, int]]:
    """(minute of the reference day, UTC minute) of each step that exists that day."""
    if ref_clock.constant(midnight - DAY, midnight + 2 * DAY):
        return _REGULAR
    out = []
    for k in range(0, DAY, STEP):  # a clock change in the reference zone itself: rare, exact
        local = datetime.combine(d, time(k // 60, k % 60), ref)
        back = local.astimezone(timezone.utc).astimezone(ref)
        if back.replace(tzinfo=None) == local.replace(tzinfo=None):  # skip wall times that do not exist
            out.append((k, _minute(local) - midnight))
    return out


_REGULAR = [(k, k) for k in range(0, DAY, STEP)]


def plan(dates: Sequence[date], duration: int, places: Sequence[Place], ref: tzinfo, bands: Bands = Bands()) -> Plan:
    """Judge, merge and rank every start of every date; find the clock changes that matter."""
    if not dates or not places:
        return Plan(tuple(places), duration, bands, (), (), ())
    hours = _hours(bands)
    span_start = _ref_midnight(min(dates), ref) - DAY
    span_end = _ref_midnight(max(dates), ref) + 3 * DAY + duration
    ref_clock = _Clock(ref, span_start, span_end)
    clocks = [_Clock(p.tz, span_start, span_end) for p in places]
    shapes: dict[tuple, tuple[Window, ...]] = {}
    days = []
    for d in dates:
        midnight = _ref_midnight(d, ref)
        starts = _ref_starts(d, ref, ref_clock, midnight)
        lo, hi = midnight + starts[0][1], midnight + starts[-1][1] + duration
        offsets = tuple((c.at(lo), c.at(hi)) for c in clocks)
        if starts is _REGULAR and all(c.constant(lo, hi) for c in clocks):
            counts: dict[int, int] = {}
            for a, _b in offsets:
                counts[a] = counts.get(a, 0) + 1
            shape = (midnight % DAY, tuple(sorted(counts.items())))
            windows = shapes.get(shape)
            if windows is None:
                stats = _judge_shape(shape[0], shape[1], duration, bands, hours)
                windows = shapes[shape] = _windows(starts, stats, len(places))
        else:
            stats = _judge_exact([midnight + u for _k, u in starts], clocks, duration, bands, hours)
            windows = _windows(starts, stats, len(places))
        days.append(DayPlan(d, midnight, offsets, windows))
    transitions = _transitions(places, clocks, ref_clock, days, duration)
    return Plan(tuple(places), duration, bands, tuple(days), transitions, _changes(days, transitions))


def _transitions(places: Sequence[Place], clocks: list[_Clock], ref_clock: _Clock, days: list[DayPlan], duration: int) -> tuple[Transition, ...]:
    """Clock changes of the places between the first date's first start and the last date's last end."""
    lo, hi = days[0].ref_midnight, days[-1].ref_midnight + DAY + duration
    grouped: dict[tuple[int, int, int], list[Place]] = {}
    for p, clock in zip(places, clocks):
        for step in clock.steps:
            if lo <= step[0] < hi:
                grouped.setdefault(step, []).append(p)
    return tuple(Transition(when, old, new, tuple(ps)) for (when, old, new), ps in sorted(grouped.items()))


def _changes(days: list[DayPlan], transitions: tuple[Transition, ...]) -> tuple[Change, ...]:
    out = []
    for prev, day in zip(days, days[1:]):
        if day.best.same_judgement(prev.best) and _starts(day) == _starts(prev):
            continue
        why = tuple(t for t in transitions if prev.ref_midnight <= t.utc < day.ref_midnight + DAY)
        out.append(Change(day.date, prev.best, day.best, why))
    return tuple(out)


def _starts(day: DayPlan) -> tuple[tuple[int, int], ...]:
    return tuple((w.first, w.last) for w in day.all_in_work)


def periods(days: Sequence[DayPlan]) -> list[tuple[DayPlan, DayPlan]]:
    """Runs of consecutive planned dates with the same best window and the same all-in starts:
    (first day, last day) of each."""
    out: list[list[DayPlan]] = []
    for day in days:
        if out and day.best.same_judgement(out[-1][1].best) and _starts(day) == _starts(out[-1][1]):
            out[-1][1] = day
        else:
            out.append([day, day])
    return [(a, b) for a, b in out]


# --- inputs people type ------------------------------------------------------------


def parse_dates(text: str, weekdays_only: bool = False) -> list[date]:
    """'2026-12-03' or '2026-12-01..2026-12-15' (inclusive); ValueError with a reason."""
    first, sep, last = text.strip().partition("..")
    try:
        a = date.fromisoformat(first.strip())
        b = date.fromisoformat(last.strip()) if sep else a
    except ValueError:
        raise ValueError(_("%(text)s is not a date like 2026-12-03 or a range like 2026-12-01..2026-12-15") % {"text": quote(text)}) from None
    check_year(a, first.strip())  # the years an agenda may have: a plan never reaches the ends of datetime
    check_year(b, last.strip() if sep else first.strip())
    if b < a:
        raise ValueError(_("the range %(text)s ends before it starts") % {"text": quote(text)})
    if (b - a).days >= MAX_DAYS:
        raise ValueError(_("the range %(text)s is longer than %(n)d days") % {"text": quote(text), "n": MAX_DAYS})
    days = [a + timedelta(days=i) for i in range((b - a).days + 1)]
    if weekdays_only:
        days = [d for d in days if d.weekday() < 5]
        if not days:
            raise ValueError(_("the range %(text)s has no weekday (Monday to Friday)") % {"text": quote(text)})
    return days


def parse_duration(text: str) -> int:
    """'2h', '90m', '1h30m', '1:30' as minutes (1 to 1440); ValueError with a reason."""
    import re

    t = text.strip().lower().replace(" ", "")
    m = re.fullmatch(r"(?:(\d{1,2})h)?(?:(\d{1,4})m(?:in)?)?", t) if t else None
    if m and (m[1] or m[2]):
        minutes = int(m[1] or 0) * 60 + int(m[2] or 0)
    else:
        m = re.fullmatch(r"(\d{1,2}):([0-5]\d)", t)
        if not m:
            raise ValueError(_("%(text)s is not a duration like 2h, 90m or 1h30m") % {"text": quote(text)})
        minutes = int(m[1]) * 60 + int(m[2])
    if not 1 <= minutes <= DAY:
        raise ValueError(_("duration %(text)s must be between 1 minute and 24 hours") % {"text": quote(text)})
    return minutes


def parse_band(text: str) -> tuple[int, int]:
    """'09:00-18:00' (or with an en dash) as minutes of the day; ValueError with a reason."""
    from rcmcli.core.timeparse import parse_time

    parts = text.replace("–", "-").split("-")
    if len(parts) != 2:
        raise ValueError(_("%(text)s is not a range of local times like 09:00-18:00") % {"text": quote(text)})
    a, b = (parse_time(p.strip()) for p in parts)
    return a.hour * 60 + a.minute, b.hour * 60 + b.minute


# --- the 24-hour grid of one date ----------------------------------------------------


@dataclass(frozen=True)
class GridRow:
    """Places that keep the same clock all day; per hour of the reference day, the
    local wall time at the hour's start and how that local hour is judged:
    ``work``, ``reasonable`` (outside work), ``night``, or ``outside`` (early or late)."""

    places: tuple[Place, ...]
    offsets: tuple[int, ...]  # per reference hour, minutes
    cells: tuple[tuple[int, str], ...]  # (local minute of the day, judgement)


def judge_hour(a: int, bands: Bands) -> str:
    """How the local hour starting at minute ``a`` of the day is judged in the grid."""
    b = a + 60
    ws, we = bands.work
    lunch = bands.lunch
    if ws <= a and b <= we and not (lunch and a < lunch[1] and lunch[0] < b):
        return "work"
    if bands.reasonable[0] <= a and b <= bands.reasonable[1]:
        return "reasonable"
    if night_between(a, b, _hours(bands)):
        return "night"
    return "outside"


def grid(result: Plan, day: DayPlan) -> list[GridRow]:
    """One row per clock group of ``day``: places whose offsets agree at every hour."""
    groups: dict[tuple[int, ...], list[Place]] = {}
    for p in result.places:
        clock = _Clock(p.tz, day.ref_midnight, day.ref_midnight + DAY)
        offs = tuple(clock.at(day.ref_midnight + h * 60) for h in range(24))
        groups.setdefault(offs, []).append(p)
    rows = []
    for offs, ps in sorted(groups.items(), key=lambda kv: kv[0]):
        cells = []
        for h, off in enumerate(offs):
            local = (day.ref_midnight + h * 60 + off) % DAY
            cells.append((local, judge_hour(local, result.bands)))
        rows.append(GridRow(tuple(ps), offs, tuple(cells)))
    return rows


def in_window(day: DayPlan, w: Window, duration: int) -> list[bool]:
    """Per reference hour: is the whole hour inside the span the window's starts cover?"""
    return [w.first <= h * 60 and h * 60 + 60 <= w.last + duration for h in range(24)]


# --- a series of meetings: sharing the burden ----------------------------------------


@dataclass(frozen=True)
class Pick:
    """One meeting of a series: its date and start (minute of the reference day), and
    per place the minutes of it outside working hours, this time and so far."""

    day: DayPlan
    start: int
    after: int  # UTC minutes from the reference midnight to the start
    burden: tuple[int, ...]
    total: tuple[int, ...]

    @property
    def utc(self) -> datetime:
        return _utc(self.day.ref_midnight + self.after)


def _outside(s: int, e: int, bands: Bands) -> int:
    """Minutes of the local span [s, e) before or after working hours (of the start's day)."""
    day = s - s % DAY
    a, b = s - day, e - day
    ws, we = bands.work
    return max(0, min(b, ws) - a) + max(0, b - max(a, we))


def series_dates(first: date, count: int, every_days: int) -> list[date]:
    """``count`` dates ``every_days`` apart from ``first``; ValueError if the last falls after :data:`YEARS`."""
    span = (count - 1) * every_days
    if first.toordinal() + span > date(YEARS[1], 12, 31).toordinal():
        values = {"n": count, "days": every_days, "first": YEARS[0], "last": YEARS[1]}
        raise ValueError(_("%(n)d meetings %(days)d days apart run past the year %(last)s; rcm plans dates in %(first)s-%(last)s") % values)
    return [first + timedelta(days=i * every_days) for i in range(count)]


def series(result: Plan, ref: tzinfo) -> tuple[Pick, ...]:
    """One start per planned date, chosen so that the minutes outside working hours are
    shared: each meeting takes the start that keeps the largest running total of any
    place smallest (then the smallest sum, then this meeting's best rank and the
    window's central start). With a window that suits everyone, that is simply it."""
    if not result.days:
        return ()
    lo = result.days[0].ref_midnight - DAY
    hi = result.days[-1].ref_midnight + 3 * DAY + result.duration
    clocks = [_Clock(p.tz, lo, hi) for p in result.places]
    ref_clock = _Clock(ref, lo, hi)
    total = [0] * len(result.places)
    picks = []
    for day in result.days:
        rank = {}
        for w in day.windows:
            for k in range(w.first, w.last + STEP, STEP):
                rank[k] = (w.rank, abs(k - w.best))
        best_key, best = None, None
        for k, after in _ref_starts(day.date, ref, ref_clock, day.ref_midnight):
            u = day.ref_midnight + after
            burden = [_outside(u + c.at(u), u + result.duration + c.at(u + result.duration), result.bands) for c in clocks]
            running = [t + b for t, b in zip(total, burden)]
            key = (max(running), sum(running), rank.get(k, (len(day.windows) + 1, 0)), k)
            if best_key is None or key < best_key:
                best_key, best = key, (k, after, tuple(burden))
        assert best is not None
        total = [t + b for t, b in zip(total, best[2])]
        picks.append(Pick(day, best[0], best[1], best[2], tuple(total)))
    return tuple(picks)


def parse_every(text: str) -> int:
    """'1w', '2w', '7d', '1d' as days; ValueError with a reason."""
    import re

    m = re.fullmatch(r"\s*(\d{1,3})\s*([dw])\s*", text.lower())
    if not m or int(m[1]) == 0:
        raise ValueError(_("%(text)s is not an interval like 1w, 2w or 3d") % {"text": quote(text)})
    return int(m[1]) * (7 if m[2] == "w" else 1)
