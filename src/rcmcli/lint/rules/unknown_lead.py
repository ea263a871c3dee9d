"""A lead country that is neither a member nor an observer of the organizing conferences.

Failing (Spain is in neither conference)::

    conferences: [rcm, sacm]
    ...
      - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [ES]}

Passing::

      - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [PA, CR]}
"""

from __future__ import annotations

from rcmcli.core.errors import quote
from rcmcli.i18n import _
from rcmcli.lint.problem import Problem

CODE = "R001"
NAME = "unknown-lead"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    mt = ctx.meeting
    if mt is None:
        return
    allowed: set[str] = set()
    for org in mt.conferences:
        conf = ctx.members.conferences.get(org)
        if conf is None:
            yield Problem.at(mt.where("conferences"), _("unknown conference %(org)s; known: %(known)s") % {"org": quote(org), "known": ", ".join(ctx.members.conferences)})
            continue
        allowed.update(conf.members, conf.observers)
    if not allowed:
        return
    for s in ctx.slots:
        for code in s.leads:
            if code not in allowed:
                name = ctx.members.countries[code].name.get("en") if code in ctx.members.countries else code
                yield Problem.at(
                    s.where("leads"),
                    _("lead country %(code)s (%(name)s) is not a member or observer of %(conferences)s")
                    % {"code": code, "name": name, "conferences": ", ".join(c.upper() for c in mt.conferences)},
                )
