"""A slot outside working hours (or on a weekend) in a member capital of the organizing conferences.

Failing (07:00 in Ottawa is before 08:00)::

    conferences: [rcm]
    reference_zone: {label: GMT-6, offset: GMT-6}
    ...
      - {start: "5:00", end: "6:00", title: Early call}

Passing::

      - {start: "9:00", end: "10:00", title: Morning session}
"""

from __future__ import annotations

from rcmcli.lint.problem import Finding

CODE = "F002"
NAME = "outside-hours"
SEVERITY = "warning"
OPTIONS = {"work_start": "08:00", "work_end": "18:00"}


def check(ctx, opts):
    from rcmcli.agenda import outside_work

    hours = ctx.hours(opts)
    for s in ctx.slots:
        if s.starts is None or s.ends is None or s.kind == "break":
            continue
        hit = []
        for country, tz in ctx.capitals:
            start, end = s.starts.astimezone(tz), s.ends.astimezone(tz)
            if outside_work(start, end, hours):
                hit.append(f"{country.capital.get('en')} {start:%a %H:%M}-{end:%H:%M}")
        if hit:
            yield Finding(s.where("start"), f"'{s.title}' is outside working hours in: {', '.join(hit)}")
