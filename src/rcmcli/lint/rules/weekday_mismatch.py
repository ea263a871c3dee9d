"""A weekday written next to a date that does not fall on that weekday.

Failing::

    - date: 2021-09-09
      weekday: Friday

Passing::

    - date: 2021-09-09
      weekday: Thursday
"""

from __future__ import annotations

from rcmcli.core.errors import quote
from rcmcli.core.timeparse import weekday_index
from rcmcli.i18n import _, current
from rcmcli.lint.problem import Problem
from rcmcli.timefmt import Formatter

CODE = "T007"
NAME = "weekday-mismatch"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    if ctx.meeting is None:
        return
    for day in ctx.meeting.days:
        if not day.weekday or day.date is None:
            continue
        idx = weekday_index(day.weekday)
        real = Formatter(current()).weekday(day.date)
        if idx is None:
            yield Problem.at(day.where("weekday"), _("%(weekday)s is not a weekday name (English or Spanish)") % {"weekday": quote(day.weekday)})
        elif idx != day.date.weekday():
            yield Problem.at(day.where("weekday"), _("%(date)s is a %(real)s, not a %(weekday)s") % {"date": day.date, "real": real, "weekday": quote(day.weekday)})
