"""Slots that overlap in time (slots that merely touch are fine).

Sorted by start and swept once while remembering the latest end seen, so the
check is O(n log n), not O(n²).

Failing::

    - {start: "9:00", end: "10:00", title: A}
    - {start: "9:30", end: "10:30", title: B}

Passing::

    - {start: "9:00", end: "10:00", title: A}
    - {start: "10:00", end: "10:30", title: B}
"""

from __future__ import annotations

from rcmcli.core.errors import quote
from rcmcli.core.timeparse import hhmm
from rcmcli.i18n import _
from rcmcli.lint.problem import Problem

CODE = "T003"
NAME = "overlap"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    timed = [s for s in ctx.slots if s.starts and s.ends]
    timed = sorted((s for s in timed if s.end_utc > s.start_utc), key=lambda s: (s.start_utc, s.index))
    latest = None
    for s in timed:
        if latest is not None and s.start_utc < latest.end_utc:
            yield Problem.at(
                s.at,
                _("slot %(title)s (%(date)s %(start)s-%(end)s) overlaps %(other)s (%(other_date)s %(other_start)s-%(other_end)s, line %(line)s)")
                % {
                    "title": quote(s.title),
                    "date": s.date,
                    "start": hhmm(s.start),
                    "end": hhmm(s.end),
                    "other": quote(latest.title),
                    "other_date": latest.date,
                    "other_start": hhmm(latest.start),
                    "other_end": hhmm(latest.end),
                    "line": latest.at.line if latest.at else "?",
                },
            )
        if latest is None or s.end_utc > latest.end_utc:
            latest = s
