"""Helpers shared by rule modules."""

from __future__ import annotations

from typing import Iterator

from rcmcli.lint.problem import Finding


def from_load(ctx, code: str) -> Iterator[Finding]:
    """Findings for the diagnostics the loader recorded under ``code``."""
    for d in ctx.diagnostics:
        if d.code == code:
            yield Finding(d.pos, d.message)


def hm(dt) -> str:
    return f"{dt:%H:%M}"


def capitals_where(ctx, key, test, describe, what: str) -> Iterator[Finding]:
    """A finding for each slot (breaks aside) listing the member capitals where ``test``
    holds for its local span (wall minutes, from ``ctx.capital_walls``).

    Verdicts are memoized by ``key(span)``: agendas repeat the same hours, and a
    large one would otherwise test every slot in all 23 capitals.
    """
    walls = ctx.capital_walls
    verdicts: dict = {}
    for i, s in enumerate(ctx.slots):
        if s.kind == "break":
            continue
        hit = []
        for country, spans in walls:
            span = spans[i]
            if span is None:
                continue
            k = key(span)
            verdict = verdicts.get(k)
            if verdict is None:
                verdict = verdicts[k] = test(span)
            if verdict:
                hit.append(describe(country, span))
        if hit:
            yield Finding(s.where("start"), f"'{s.title}' {what}: {', '.join(hit)}")
