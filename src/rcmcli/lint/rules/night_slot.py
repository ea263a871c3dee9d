"""A slot that falls at night in a member capital of the organizing conferences.

Failing (02:00 in Paramaribo)::

    conferences: [rcm, sacm]
    reference_zone: {label: GMT-6, offset: GMT-6}
    ...
      - {start: "23:00", end: "23:30", title: Late call}

Passing::

      - {start: "9:00", end: "10:00", title: Morning session}
"""

from __future__ import annotations

from rcmcli.core.settings import HOURS
from rcmcli.i18n import N_, _, current
from rcmcli.lint.rules._common import capitals_where

CODE = "F001"
NAME = "night-slot"
SEVERITY = "warning"
SHARED = ("night_start", "night_end")  # defaults from [tool.rcm.hours] (core.settings); options here override them for this rule
OPTIONS = {"night_start": HOURS["night_start"], "night_end": HOURS["night_end"]}


def validate_options(opts) -> str | None:
    """The night may wrap midnight (22:00-06:00) but not be empty."""
    from rcmcli.core.timeparse import parse_time

    if parse_time(opts["night_start"]) == parse_time(opts["night_end"]):
        return (
            _(
                "night_start = '%(start)s' and night_end = '%(end)s' are the same time: "
                "the night would be empty (to turn the rule off, ignore night-slot)"
            )
            % {"start": opts["night_start"], "end": opts["night_end"]}
        )
    return None


def check(ctx, opts):
    from rcmcli.core.localtime import hhmm_wall, night_between

    hours = ctx.hours(opts)
    yield from capitals_where(
        ctx,
        key=lambda span: (span[0] % 1440, span[1] - span[0]),
        test=lambda span: night_between(span[0], span[1], hours),
        describe=lambda c, span: f"{c.capital.get(current())} {hhmm_wall(span[0])}-{hhmm_wall(span[1])}",
        what=N_("%(title)s falls at night in: %(places)s"),
    )
