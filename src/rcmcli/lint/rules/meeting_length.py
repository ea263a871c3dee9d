"""A meeting day whose span differs from the length the meeting declares.

Failing::

    norms: {meeting_minutes: 120}
    ...
      - {start: "10:00", end: "12:30", title: Round table}

Passing::

    norms: {meeting_minutes: 120}
    ...
      - {start: "10:00", end: "12:00", title: Round table}
"""

from __future__ import annotations

from rcmcli.i18n import _
from rcmcli.lint.problem import Problem
from rcmcli.lint.rules._common import minutes_problem

CODE = "S002"
NAME = "meeting-length"
SEVERITY = "warning"
OPTIONS = {"tolerance": 0}


def validate_option(name: str, value) -> str | None:
    return minutes_problem(value, 0) if name == "tolerance" else None


def check(ctx, opts):
    mt = ctx.meeting
    if mt is None or mt.norms is None or not mt.norms.meeting_minutes:
        return
    for day in mt.days:
        timed = [s for s in day.slots if s.starts and s.ends]
        if not timed or day.dropped:  # a slot that did not load may have been the first or last
            continue
        span = int((max(s.end_utc for s in timed) - min(s.start_utc for s in timed)).total_seconds() // 60)
        if abs(span - mt.norms.meeting_minutes) > opts["tolerance"]:
            yield Problem.at(
                day.at,
                _("day %(date)s runs %(span)s min, but the meeting declares %(norm)s min") % {"date": day.date, "span": span, "norm": mt.norms.meeting_minutes},
            )
