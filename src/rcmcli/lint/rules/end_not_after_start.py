"""A slot whose end is not after its start.

Failing::

    - start: "10:00"
      end: "10:00"

Passing::

    - start: "10:00"
      end: "10:30"
"""

from __future__ import annotations

from rcmcli.lint.problem import Finding
from rcmcli.core.timeparse import hhmm

CODE = "T002"
NAME = "end-not-after-start"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    for s in ctx.slots:
        if s.end == s.start and not s.crosses_midnight:
            yield Finding(s.at, f"slot ends when it starts ({hhmm(s.start)}); it has no length")
        elif s.crosses_midnight and s.end >= s.start:
            yield Finding(
                s.where("crosses_midnight"),
                f"crosses_midnight is set but the end {hhmm(s.end)} is not before the start {hhmm(s.start)}: "
                "the slot would last more than 24 hours",
            )
