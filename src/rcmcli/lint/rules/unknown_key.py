"""A key the agenda format does not know, with a did-you-mean.

Failing::

    - strat: "9:00"

Passing::

    - start: "9:00"
"""

from __future__ import annotations

from rcmcli.lint.rules._common import from_load

CODE = "Y003"
NAME = "unknown-key"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    yield from from_load(ctx, CODE)
