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
    from rcmcli.agenda import hhmm_wall, night_between

    hours = ctx.hours(opts)
    walls = ctx.capital_walls
    verdicts: dict[tuple[int, int], bool] = {}  # (local minute of day, length) -> at night?

    def at_night(span: tuple[int, int]) -> bool:
        key = (span[0] % 1440, span[1] - span[0])
        if key not in verdicts:
            verdicts[key] = night_between(span[0], span[1], hours)
        return verdicts[key]

    for i, s in enumerate(ctx.slots):
        if s.kind == "break":
            continue
        hit = [
            f"{country.capital.get('en')} {hhmm_wall(span[0])}-{hhmm_wall(span[1])}"
            for country, spans in walls
            if (span := spans[i]) is not None and at_night(span)
        ]
        if hit:
            yield Finding(s.where("start"), f"'{s.title}' falls at night in: {', '.join(hit)}")
