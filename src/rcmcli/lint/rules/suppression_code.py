"""A ``# rcm: ignore[...]`` comment naming a code that no rule has.

Failing::

    end: "10:30"  # rcm: ignore[S999] typo in the code

Passing::

    end: "10:30"  # rcm: ignore[S001] the agenda gives this session 90 minutes
"""

from __future__ import annotations

from rcmcli.i18n import _
from rcmcli.lint.problem import Problem

CODE = "X002"
NAME = "suppression-code"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    from rcmcli.lint.rules import REGISTRY

    for sup in ctx.suppressions:
        unknown = [c for c in sup.codes if c not in REGISTRY]
        if unknown or not sup.codes:
            yield Problem.at(sup.pos, _("suppression names unknown rule code(s): %(codes)s") % {"codes": ", ".join(unknown) or _("(none)")})
