"""The planner against hand-computed expectations.

Every expected value here was worked out by hand from the tz database's rules, not
from the planner: on 3 December 2026 the 23 capitals run from UTC-6 (Mexico and
Central America) to UTC-3 (Argentina, Brazil, Chile, Paraguay, Suriname, Uruguay);
in 2027 the United States and Canada move from UTC-5 to UTC-4 at 02:00 local on
Sunday 14 March (07:00 UTC), and Chile from UTC-3 to UTC-4 at 24:00 local on
Saturday 3 April (03:00 UTC on 4 April).
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from rcmcli.core import planner as P
from rcmcli.core.catalog import Catalog, bundled_dir
from rcmcli.core.zones import get_zone, parse_offset

GMT6 = parse_offset("GMT-6")


def places(*codes: str) -> list[P.Place]:
    members = Catalog(bundled_dir()).members
    chosen = members.members_of("all")
    return [P.Place(c.code, c.capital.en, c.name.en, c.zone, get_zone(c.zone)) for c in chosen if not codes or c.code in codes]


def hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def all_in(day: P.DayPlan) -> list[tuple[str, str]]:
    return [(hm(w.first), hm(w.last)) for w in day.all_in_work]


def test_3_december_2026_all_23_capitals() -> None:
    result = P.plan([date(2026, 12, 3)], 120, places(), GMT6)
    assert len(result.places) == 23
    day = result.days[0]
    # UTC-6 capitals need a start >= 09:00 GMT-6; UTC-3 ones an end <= 18:00 local = 15:00 GMT-6.
    assert all_in(day) == [("09:00", "13:00")]
    assert day.best.rank == 1 and day.best.all_in_work
    assert day.utc(day.best) == (datetime(2026, 12, 3, 15, 0, tzinfo=timezone.utc), datetime(2026, 12, 3, 19, 0, tzinfo=timezone.utc))
    # 13:15 GMT-6 ends at 18:15 in the UTC-3 capitals (6 of them, Chile on summer time).
    after = next(w for w in day.windows if w.first == 13 * 60 + 15)
    assert (after.in_work, after.worst) == (17, 15)


def test_spring_2027_all_capitals_keep_the_same_best_window() -> None:
    dates = P.parse_dates("2027-03-01..2027-04-15")
    result = P.plan(dates, 120, places(), GMT6)
    assert all(all_in(d) == [("09:00", "13:00")] for d in result.days)
    assert all((hm(d.best.first), hm(d.best.last)) == ("09:00", "13:00") for d in result.days)
    assert result.changes == ()
    moves = [(t.instant, t.old, t.new, sorted(p.code for p in t.places)) for t in result.transitions]
    assert moves == [
        (datetime(2027, 3, 14, 7, 0, tzinfo=timezone.utc), -300, -240, ["CA", "US"]),
        (datetime(2027, 4, 4, 3, 0, tzinfo=timezone.utc), -180, -240, ["CL"]),
    ]
    assert result.transitions[1].local_before == datetime(2027, 4, 4, 0, 0)


def test_spring_2027_ottawa_and_santiago() -> None:
    dates = P.parse_dates("2027-03-01..2027-04-15")
    result = P.plan(dates, 120, places("CA", "CL"), GMT6)
    by_date = {d.date: all_in(d) for d in result.days}
    # Ottawa UTC-5 -> start >= 08:00; Santiago UTC-3 -> start <= 13:00.
    assert by_date[date(2027, 3, 1)] == by_date[date(2027, 3, 13)] == [("08:00", "13:00")]
    # Ottawa UTC-4 -> start >= 07:00.
    assert by_date[date(2027, 3, 14)] == by_date[date(2027, 4, 3)] == [("07:00", "13:00")]
    # Santiago UTC-4 -> start <= 14:00.
    assert by_date[date(2027, 4, 4)] == by_date[date(2027, 4, 15)] == [("07:00", "14:00")]
    spans = [(a.date, b.date) for a, b in P.periods(result.days)]
    assert spans == [
        (date(2027, 3, 1), date(2027, 3, 13)),
        (date(2027, 3, 14), date(2027, 4, 3)),
        (date(2027, 4, 4), date(2027, 4, 15)),
    ]
    assert [(c.date, [p.code for t in c.transitions for p in t.places]) for c in result.changes] == [
        (date(2027, 3, 14), ["CA"]),
        (date(2027, 4, 4), ["CL"]),
    ]


def test_a_window_across_a_transition_is_judged_at_both_ends() -> None:
    # Santiago, reference UTC, 4 April 2027. A 3-hour start at 00:00 UTC is 21:00 local
    # (UTC-3) on 3 April; it ends at 03:00 UTC, the instant of the change, so at
    # 23:00 local (UTC-4): inside a 20:00-23:00 band. At 00:15 UTC it ends at 23:15.
    # Read with the start's offset only, the end would be 24:00 and the start refused.
    bands = P.Bands(work=(20 * 60, 23 * 60), reasonable=(0, 24 * 60))
    result = P.plan([date(2027, 4, 4)], 180, places("CL"), timezone.utc, bands)
    assert all_in(result.days[0]) == [("00:00", "00:00")]


def test_reference_zone_with_its_own_clock_change() -> None:
    # Reference America/Santiago on 4 April 2027: every wall time exists once (clocks go back at 24:00).
    result = P.plan([date(2027, 4, 4)], 60, places("CL"), get_zone("America/Santiago"))
    assert all_in(result.days[0]) == [("09:00", "17:00")]


def test_lunch_splits_the_day() -> None:
    bands = P.Bands(lunch=(13 * 60, 14 * 60))
    result = P.plan([date(2026, 12, 3)], 60, places("MX"), GMT6, bands)
    assert all_in(result.days[0]) == [("09:00", "12:00"), ("14:00", "17:00")]


@pytest.mark.parametrize(
    ("text", "minutes"), [("2h", 120), ("90m", 90), ("1h30m", 90), ("1:30", 90), ("45min", 45)]
)
def test_durations(text: str, minutes: int) -> None:
    assert P.parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "2", "0m", "25h", "2 hours", "h"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        P.parse_duration(text)


def test_dates() -> None:
    assert P.parse_dates("2026-12-03") == [date(2026, 12, 3)]
    # 2026-12-04 is a Friday, 12-05/06 the weekend, 12-07 a Monday.
    assert P.parse_dates("2026-12-04..2026-12-07", weekdays_only=True) == [date(2026, 12, 4), date(2026, 12, 7)]
    for bad in ("2026-12-32", "2026-12-05..2026-12-01", "2026-01-01..2036-12-31"):
        with pytest.raises(ValueError):
            P.parse_dates(bad)
    with pytest.raises(ValueError):
        P.parse_dates("2026-12-05..2026-12-06", weekdays_only=True)


def test_grid_of_a_day_with_a_clock_change() -> None:
    # Santiago, reference UTC, 4 April 2027: 02:00 UTC is 23:00 local (UTC-3); at 03:00
    # UTC the clock goes back, so 03:00 UTC is 23:00 again (UTC-4); 13:00 UTC is 09:00.
    result = P.plan([date(2027, 4, 4)], 60, places("CL"), timezone.utc)
    (row,) = P.grid(result, result.days[0])
    assert row.offsets[2] == -180 and row.offsets[3] == -240
    assert [hm(m) for m, _j in row.cells[1:5]] == ["22:00", "23:00", "23:00", "00:00"]
    # 09:00-13:00 UTC is 05:00-09:00 local: night, early, reasonable twice, work.
    assert [j for _m, j in row.cells[9:14]] == ["night", "outside", "reasonable", "reasonable", "work"]


@pytest.mark.parametrize(
    ("hour", "judged"),
    [(9, "work"), (17, "work"), (18, "reasonable"), (7, "reasonable"), (6, "outside"), (21, "outside"), (22, "night"), (5, "night")],
)
def test_hours_of_the_grid(hour: int, judged: str) -> None:
    # Defaults: work 09-18, reasonable 07-21, night 22-06.
    assert P.judge_hour(hour * 60, P.Bands()) == judged


def test_lunch_hour_in_the_grid_is_not_work() -> None:
    assert P.judge_hour(13 * 60, P.Bands(lunch=(13 * 60, 14 * 60))) == "reasonable"
