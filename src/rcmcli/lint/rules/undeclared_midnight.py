"""A slot that ends before it starts without saying it crosses midnight.

Reported at the ``end`` value: the time that comes before the start.

Failing::

    - start: "23:00"
      end: "01:00"

Passing::

    - start: "23:00"
      end: "01:00"
      crosses_midnight: true
"""

from __future__ import annotations

from rcmcli.core.timeparse import hhmm
from rcmcli.i18n import _
from rcmcli.lint.problem import Problem

CODE = "T004"
NAME = "undeclared-midnight"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    for s in ctx.slots:
        if s.end < s.start and not s.crosses_midnight:
            yield Problem.at(
                s.where("end"),
                _(
                    "slot ends at %(end)s, before it starts at %(start)s: if it runs past midnight "
                    "say 'crosses_midnight: true', otherwise fix the times"
                )
                % {"end": hhmm(s.end), "start": hhmm(s.start)},
            )
