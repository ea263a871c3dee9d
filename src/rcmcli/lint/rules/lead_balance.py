"""Lead roles not shared equally between the conferences when the meeting says they are.

Counts the numbered sessions each conference leads (through its member
countries); with ``lead_roles.shared_equally`` the counts must be equal, and equal
to ``lead_roles.per_conference`` when given. The II Plenary's concept note:
"Three sessions of the event will be led by RCM Member Countries and three
sessions by SACM Member Countries."

Failing::

    lead_roles: {shared_equally: true, per_conference: 1}
    ...
      - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [MX]}
      - {start: "10:00", end: "11:00", title: B, kind: session, session: 2, leads: [US]}

Passing::

      - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [MX]}
      - {start: "10:00", end: "11:00", title: B, kind: session, session: 2, leads: [AR]}
"""

from __future__ import annotations

from rcmcli.i18n import _
from rcmcli.lint.problem import Problem

CODE = "R002"
NAME = "lead-balance"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    mt = ctx.meeting
    if mt is None or mt.lead_roles is None or not mt.lead_roles.shared_equally:
        return
    if mt.holes:  # a day or slot did not load (reported): its leads cannot be counted
        return
    counts = {org: 0 for org in mt.conferences}
    for s in ctx.slots:
        if s.session is None or not s.leads:
            continue
        led = {org for org in mt.conferences for code in s.leads if code in ctx.members.conferences.get(org, _EMPTY).members}
        for org in led:
            counts[org] += 1
    summary = ", ".join(f"{org.upper()} {n}" for org, n in counts.items())
    want = mt.lead_roles.per_conference
    if len(set(counts.values())) > 1 or (want is not None and any(n != want for n in counts.values())):
        if want is not None:
            message = _("lead roles are declared shared equally (%(n)s each) but sessions led are: %(summary)s")
        else:
            message = _("lead roles are declared shared equally (equal numbers) but sessions led are: %(summary)s")
        yield Problem.at(mt.lead_roles.at, message % {"n": want, "summary": summary})


class _Empty:
    members: list = []


_EMPTY = _Empty()
