"""A ``# rcm: ignore[CODE]`` comment that gives no reason.

Failing::

    end: "10:30"  # rcm: ignore[S001]

Passing::

    end: "10:30"  # rcm: ignore[S001] the agenda gives this session 90 minutes
"""

from __future__ import annotations

from rcmcli.i18n import _
from rcmcli.lint.problem import Problem

CODE = "X001"
NAME = "suppression-reason"
SEVERITY = "warning"
OPTIONS: dict = {}


def check(ctx, opts):
    for sup in ctx.suppressions:
        if not sup.reason:
            yield Problem.at(sup.pos, _("suppression of %(codes)s gives no reason; say why after the ']'") % {"codes": ", ".join(sup.codes) or _("nothing")})
