"""Duplicate session numbers, or numbers that do not run 1, 2, 3... in agenda order.

Failing::

      - {start: "9:00", end: "10:00", title: A, kind: session, session: 1}
      - {start: "10:00", end: "11:00", title: B, kind: session, session: 3}

Passing::

      - {start: "9:00", end: "10:00", title: A, kind: session, session: 1}
      - {start: "10:00", end: "11:00", title: B, kind: session, session: 2}
"""

from __future__ import annotations

from rcmcli.core.errors import Pos
from rcmcli.i18n import _
from rcmcli.lint.problem import Problem

CODE = "R003"
NAME = "session-numbering"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    from bisect import bisect_right

    holes = ctx.meeting.holes if ctx.meeting else []
    seen: dict[int, int] = {}
    expected = 1
    last = Pos(0, 0)  # where the previous numbered slot is
    for s in ctx.slots:
        if s.session is None:
            continue
        at = s.at or Pos(0, 0)
        line = at.line
        if s.session in seen:
            yield Problem.at(s.where("session"), _("session %(n)s is numbered twice (first at line %(line)s)") % {"n": s.session, "line": seen[s.session]})
            continue
        seen[s.session] = line
        # A slot or day that did not load since the previous number may have held the
        # expected one (the loader reported it): the count starts again from here.
        i = bisect_right(holes, last)
        hole = i < len(holes) and holes[i] < at
        if s.session != expected and not hole:
            yield Problem.at(s.where("session"), _("session %(n)s comes where session %(expected)s was expected") % {"n": s.session, "expected": expected})
        expected = s.session + 1
        last = at
