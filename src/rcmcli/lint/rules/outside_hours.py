"""A slot outside working hours (or on a weekend) in a member capital of the organizing conferences.

Failing (07:00 in Ottawa is before the working day, 09:00 unless [tool.rcm.hours] says otherwise)::

    conferences: [rcm]
    reference_zone: {label: GMT-6, offset: GMT-6}
    ...
      - {start: "5:00", end: "6:00", title: Early call}

Passing::

      - {start: "9:00", end: "10:00", title: Morning session}
"""

from __future__ import annotations

from datetime import date

from rcmcli.core.settings import HOURS
from rcmcli.i18n import N_, _, current
from rcmcli.lint.rules._common import capitals_where
from rcmcli.timefmt import Formatter

CODE = "F002"
NAME = "outside-hours"
SEVERITY = "warning"
SHARED = ("work_start", "work_end")  # defaults from [tool.rcm.hours] (core.settings); options here override them for this rule
OPTIONS = {"work_start": HOURS["work_start"], "work_end": HOURS["work_end"]}


def validate_options(opts) -> str | None:
    """Working hours run forward within one day: work_start before work_end."""
    from rcmcli.core.timeparse import parse_time

    if parse_time(opts["work_start"]) >= parse_time(opts["work_end"]):
        return (
            _("work_start = '%(start)s' is not before work_end = '%(end)s'; working hours are one span within a day")
            % {"start": opts["work_start"], "end": opts["work_end"]}
        )
    return None




def check(ctx, opts):
    from rcmcli.core.localtime import hhmm_wall, outside_work_between

    hours, tf = ctx.hours(opts), Formatter(current())
    yield from capitals_where(
        ctx,
        key=lambda span: ((span[0] // 1440 - 1) % 7, span[0] % 1440, span[1] - span[0]),
        test=lambda span: outside_work_between(span[0], span[1], hours),
        describe=lambda c, span: f"{c.capital.get(current())} {tf.weekday(date.fromordinal(span[0] // 1440), width='abbreviated')} "
        f"{hhmm_wall(span[0])}-{hhmm_wall(span[1])}",
        what=N_("%(title)s is outside working hours in: %(places)s"),
    )
