"""A day outside the meeting's dates, dates in the wrong order, or a day listed twice.

Failing::

    dates: {start: 2021-09-09, end: 2021-09-10}
    days:
      - date: 2021-09-11

Passing::

    dates: {start: 2021-09-09, end: 2021-09-10}
    days:
      - date: 2021-09-10
"""

from __future__ import annotations

from rcmcli.i18n import _
from rcmcli.lint.problem import Problem

CODE = "T006"
NAME = "day-outside-dates"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    mt = ctx.meeting
    if mt is None or mt.dates is None:
        return
    start, end = mt.dates.start, mt.dates.end
    if start and end and end < start:
        yield Problem.at(mt.dates.where("end"), _("the meeting ends (%(end)s) before it starts (%(start)s)") % {"end": end, "start": start})
        return
    seen = {}
    for day in mt.days:
        if day.date is None:
            continue
        if day.date in seen:
            yield Problem.at(day.where("date"), _("day %(date)s is listed twice (first at line %(line)s)") % {"date": day.date, "line": seen[day.date]})
        seen.setdefault(day.date, day.at.line if day.at else 0)
        if start and end and not start <= day.date <= end:
            yield Problem.at(day.where("date"), _("day %(date)s is outside the meeting's dates %(start)s to %(end)s") % {"date": day.date, "start": start, "end": end})
