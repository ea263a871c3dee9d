"""Duplicate session numbers, or numbers that do not run 1, 2, 3... in agenda order.

Failing::

      - {start: "9:00", end: "10:00", title: A, kind: session, session: 1}
      - {start: "10:00", end: "11:00", title: B, kind: session, session: 3}

Passing::

      - {start: "9:00", end: "10:00", title: A, kind: session, session: 1}
      - {start: "10:00", end: "11:00", title: B, kind: session, session: 2}
"""

from __future__ import annotations

from rcmcli.lint.problem import Finding

CODE = "R003"
NAME = "session-numbering"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    seen: dict[int, int] = {}
    expected = 1
    for s in ctx.slots:
        if s.session is None:
            continue
        line = s.at.line if s.at else 0
        if s.session in seen:
            yield Finding(s.where("session"), f"session {s.session} is numbered twice (first at line {seen[s.session]})")
            continue
        seen[s.session] = line
        if s.session != expected:
            yield Finding(s.where("session"), f"session {s.session} comes where session {expected} was expected")
        expected = s.session + 1
