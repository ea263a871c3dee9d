"""A slot at a local time that does not exist, or happens twice, in the reference zone.

Only agendas published in an IANA zone with DST can hit this (a fixed offset like
GMT-6 has no transitions). On 2022-04-03 Santiago's clocks went back from 00:00 to
23:00, so 23:30 that night happened twice; on 2022-09-11 they jumped from 00:00 to
01:00, so 00:30 never happened.

Failing::

    reference_zone: {label: Santiago time, zone: America/Santiago}
    days:
      - date: 2022-09-11
        slots:
          - {start: "0:30", end: "1:30", title: A}

Passing::

    reference_zone: {label: Santiago time, zone: America/Santiago}
    days:
      - date: 2022-09-11
        slots:
          - {start: "9:00", end: "10:00", title: A}
"""

from __future__ import annotations

from datetime import datetime, timezone

from rcmcli.i18n import _
from rcmcli.lint.problem import Problem

CODE = "T008"
NAME = "dst-trap"
SEVERITY = "error"
OPTIONS: dict = {}


def _trouble(dt: datetime) -> str | None:
    """'missing' for a wall time in a DST gap, 'ambiguous' for one in an overlap."""
    back = dt.astimezone(timezone.utc).astimezone(dt.tzinfo)
    if back.replace(tzinfo=None) != dt.replace(tzinfo=None):
        return _("%(time)s does not exist in %(zone)s (the clocks jump over it); move the slot or publish a fixed offset")
    if dt.replace(fold=0).utcoffset() != dt.replace(fold=1).utcoffset():
        return _("%(time)s happens twice in %(zone)s (the clocks go back); move the slot or publish a fixed offset")
    return None


def check(ctx, opts):
    for s in ctx.slots:
        if s.starts is None or s.ends is None or not hasattr(s.starts.tzinfo, "key"):
            continue
        for key, dt in (("start", s.starts), ("end", s.ends)):
            why = _trouble(dt)
            if why:
                yield Problem.at(
                    s.where(key),
                    why % {"time": f"{dt:%Y-%m-%d %H:%M}", "zone": s.starts.tzinfo.key},
                )
