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


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def check(ctx, opts):
    from rcmcli.agenda import hhmm_wall, outside_work_between

    hours = ctx.hours(opts)
    walls = ctx.capital_walls
    verdicts: dict[tuple[int, int, int], bool] = {}  # (weekday, minute of day, length) -> outside?

    def outside(span: tuple[int, int]) -> bool:
        key = ((span[0] // 1440 - 1) % 7, span[0] % 1440, span[1] - span[0])
        if key not in verdicts:
            verdicts[key] = outside_work_between(span[0], span[1], hours)
        return verdicts[key]

    for i, s in enumerate(ctx.slots):
        if s.kind == "break":
            continue
        hit = [
            f"{country.capital.get('en')} {_DAYS[(span[0] // 1440 - 1) % 7]} {hhmm_wall(span[0])}-{hhmm_wall(span[1])}"
            for country, spans in walls
            if (span := spans[i]) is not None and outside(span)
        ]
        if hit:
            yield Finding(s.where("start"), f"'{s.title}' is outside working hours in: {', '.join(hit)}")
