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

from rcmcli.lint.problem import Finding

CODE = "F001"
NAME = "night-slot"
SEVERITY = "warning"
OPTIONS = {"night_start": "22:00", "night_end": "06:00"}


def check(ctx, opts):
    from rcmcli.agenda import overlaps_night

    hours = ctx.hours(opts)
    for s in ctx.slots:
        if s.starts is None or s.ends is None or s.kind == "break":
            continue
        hit = []
        for country, tz in ctx.capitals:
            start, end = s.starts.astimezone(tz), s.ends.astimezone(tz)
            if overlaps_night(start, end, hours):
                hit.append(f"{country.capital.get('en')} {start:%H:%M}-{end:%H:%M}")
        if hit:
            yield Finding(s.where("start"), f"'{s.title}' falls at night in: {', '.join(hit)}")
