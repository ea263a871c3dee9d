"""A gap between consecutive slots of a day that is not a declared break.

Failing::

    - {start: "9:00", end: "10:00", title: A}
    - {start: "10:20", end: "11:00", title: B}

Passing::

    - {start: "9:00", end: "10:00", title: A}
    - {start: "10:00", end: "10:20", title: Break, kind: break}
    - {start: "10:20", end: "11:00", title: B}
"""

from __future__ import annotations

from rcmcli.core.errors import quote
from rcmcli.core.timeparse import hhmm
from rcmcli.i18n import _
from rcmcli.lint.problem import Problem
from rcmcli.lint.rules._common import minutes_problem

CODE = "T005"
NAME = "gap"
SEVERITY = "warning"
OPTIONS = {"min_minutes": 1}


def validate_option(name: str, value) -> str | None:
    """At least 1: with 0 every pair of touching slots would be a "0 min gap"."""
    return minutes_problem(value, 1) if name == "min_minutes" else None


def check(ctx, opts):
    if ctx.meeting is None:
        return
    for day in ctx.meeting.days:
        if day.dropped:  # a slot of this day did not load: where it was, no gap can be judged
            continue
        timed = sorted((s for s in day.slots if s.starts and s.ends), key=lambda s: s.start_utc)
        if not timed:
            continue
        latest = timed[0]  # the slot that ends last so far: a gap is time no slot covers
        for b in timed[1:]:
            minutes = (b.start_utc - latest.end_utc).total_seconds() / 60
            if minutes >= opts["min_minutes"]:
                yield Problem.at(
                    b.at,
                    _(
                        "%(minutes)s min gap between %(first)s (ends %(end)s) and %(second)s "
                        "(starts %(start)s); declare it as a slot with 'kind: break' if intended"
                    )
                    % {
                        "minutes": int(minutes),
                        "first": quote(latest.title),
                        "end": hhmm(latest.end),
                        "second": quote(b.title),
                        "start": hhmm(b.start),
                    },
                )
            if b.end_utc > latest.end_utc:
                latest = b
