"""A slot whose end is not after its start.

Reported at the ``end`` value (or at ``crosses_midnight`` when that is what cannot be).

Failing::

    - start: "10:00"
      end: "10:00"

Passing::

    - start: "10:00"
      end: "10:30"
"""

from __future__ import annotations

from rcmcli.core.timeparse import hhmm
from rcmcli.i18n import _
from rcmcli.lint.problem import Problem

CODE = "T002"
NAME = "end-not-after-start"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    for s in ctx.slots:
        if s.end == s.start and not s.crosses_midnight:
            yield Problem.at(s.where("end"), _("slot ends when it starts (%(start)s); it has no length") % {"start": hhmm(s.start)})
        elif s.crosses_midnight and s.end >= s.start:
            yield Problem.at(
                s.where("crosses_midnight"),
                _(
                    "crosses_midnight is set but the end %(end)s is not before the start %(start)s: "
                    "the slot would last more than 24 hours"
                )
                % {"end": hhmm(s.end), "start": hhmm(s.start)},
            )
