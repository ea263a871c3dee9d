"""Helpers shared by rule modules."""

from __future__ import annotations

from typing import Iterator

from rcmcli.core.errors import quote
from rcmcli.i18n import _
from rcmcli.lint.problem import Problem


def from_load(ctx, code: str) -> Iterator[Problem]:
    """Findings for the diagnostics the loader recorded under ``code``."""
    for d in ctx.diagnostics:
        if d.code == code:
            yield Problem.at(d.pos, d.message)


def hm(dt) -> str:
    return f"{dt:%H:%M}"


def capitals_where(ctx, key, test, describe, what: str) -> Iterator[Problem]:
    """``what``: the message (marked with N_, placeholders %(title)s and %(places)s).

    A finding for each slot (breaks aside) listing the member capitals, in the
    order of ``ctx.capitals``, where ``test`` holds for its local span (wall
    minutes, see ``rcmcli.core.localtime.wall``).

    ``key(span)`` must determine ``test(span)``, and must not change when the span
    moves by whole weeks (it may depend on the weekday, the time of day and the
    length, not on the date). Verdicts are then computed once per key, and per
    group of capitals sharing a clock (``ctx.capital_groups``) only for each shape
    of UTC span in the week (``ctx.week_shapes``) and each offset of the group:
    a large agenda repeats a few shapes, and is not tested slot by slot in all
    23 capitals. Only the slots of a shape that fails somewhere are converted one
    by one, and so are the slots these shapes cannot describe (on a day with a
    transition, or across two UTC days with different offsets).
    """
    group, groups = ctx.capital_groups
    if not groups:
        return
    slots = ctx.slots
    walls = ctx.utc_walls
    shapes, crossing = ctx.week_shapes
    verdicts: dict = {}

    def holds(span: tuple[int, int]) -> bool:
        k = key(span)
        verdict = verdicts.get(k)
        if verdict is None:
            verdict = verdicts[k] = test(span)
        return verdict

    hits: dict[int, set[int]] = {}  # slot index -> groups where the test holds
    for g, clock in enumerate(groups):
        offsets = clock.offsets
        values = set(offsets.values())
        suspects: set[int] = set()
        for a in values:
            if a is None:
                continue
            for members in shapes.values():
                u = walls[members[0]]
                if holds((u[1] + a, u[3] + a)):  # every slot of this shape on a day at offset a
                    suspects.update(members)
        if None in values:  # a transition on some day: those slots are converted one by one
            suspects.update(
                i for i, u in enumerate(walls) if u and (offsets[u[1] // 1440] is None or offsets[u[3] // 1440] is None)
            )
        suspects.update(i for i in crossing if offsets[walls[i][1] // 1440] != offsets[walls[i][3] // 1440])
        for i in suspects:
            if slots[i].kind != "break" and holds(clock.span(walls[i])):
                hits.setdefault(i, set()).add(g)
    capitals = ctx.capitals
    for i in sorted(hits):
        s, where = slots[i], hits[i]
        hit = [
            describe(country, groups[group[c]].span(walls[i]))
            for c, (country, _tz) in enumerate(capitals)
            if group[c] in where
        ]
        yield Problem.at(s.at, _(what) % {"title": quote(s.title), "places": ", ".join(hit)})


def minutes_problem(value: int, low: int) -> str | None:
    """Why a configured number of minutes is unusable (below ``low``), or None."""
    if value < low:
        return _("must be a whole number of minutes, %(low)s or more, got %(value)s") % {"low": low, "value": repr(value)}
    return None
