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
