"""A file beyond the size, depth or node limits (alias bombs, deep nesting).

Failing::

    a: &a [x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    # ... nine levels: billions of nodes

Passing::

    a: [x, x, x]
"""

from __future__ import annotations

from rcmcli.lint.rules._common import from_load

CODE = "Y006"
NAME = "input-limits"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    yield from from_load(ctx, CODE)
