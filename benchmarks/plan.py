#!/usr/bin/env python3
"""How fast ``rcm plan`` ranks a year: 365 dates x 23 capitals x 96 quarter-hours.

    python benchmarks/plan.py               # 7 repetitions, medians
    python benchmarks/plan.py --repeat 3 --quick

Three figures, each the median of ``--repeat`` runs:

* ``plan()``: the core call of ``rcm plan 2027-01-01..2027-12-31`` (all 23 capitals,
  reference GMT-6, 2 hours): offsets once per zone and day, days of the same shape
  judged once, every date merged and ranked. Target: under 1 s.
* no shape cache: every date judged on its own by the path a day with a clock change
  takes (capitals grouped by offset, each of the 96 starts judged per group), as if
  every day of the year had a clock change.
* ``rcm plan ... -f json``: the whole command as a child process (start-up, catalog,
  the JSON of every date's five best windows).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta


def _places():
    from rcmcli.core import planner
    from rcmcli.core.catalog import Catalog, bundled_dir
    from rcmcli.core.zones import get_zone

    members = Catalog(bundled_dir()).members.members_of("all")
    return [planner.Place(c.code, c.capital.en, c.name.en, c.zone, get_zone(c.zone)) for c in members]


def _median(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        func()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="one month instead of a year (smoke check)")
    args = parser.parse_args()

    from rcmcli.core import planner
    from rcmcli.core.zones import parse_offset

    first = date(2027, 1, 1)
    n = 31 if args.quick else 365
    dates = [first + timedelta(days=i) for i in range(n)]
    places, ref = _places(), parse_offset("GMT-6")
    assert ref is not None

    def exact() -> None:
        span = planner._ref_midnight(dates[0], ref) - planner.DAY
        end = planner._ref_midnight(dates[-1], ref) + 3 * planner.DAY
        clocks = [planner._Clock(p.tz, span, end) for p in places]
        hours = planner._hours(planner.Bands())
        for d in dates:
            m = planner._ref_midnight(d, ref)
            planner._judge_exact([m + k for k in range(0, planner.DAY, planner.STEP)], clocks, 120, planner.Bands(), hours)

    last = dates[-1].isoformat()
    command = [sys.executable, "-m", "rcmcli", "plan", f"{first.isoformat()}..{last}", "-d", "2h", "-f", "json"]
    rows = [
        (f"plan(): {n} dates x {len(places)} capitals x 96 starts", _median(lambda: planner.plan(dates, 120, places, ref), args.repeat)),
        (f"no shape cache: {n} dates judged one by one", _median(exact, args.repeat)),
        ("rcm plan ... -f json (child process)", _median(lambda: subprocess.run(command, check=True, capture_output=True), args.repeat)),
    ]
    print(f"| figure (median of {args.repeat}) | seconds |")
    print("| --- | ---: |")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
