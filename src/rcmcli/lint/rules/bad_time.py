"""A time or date that cannot be read (25:61, 9.30, 2021-02-30).

Failing::

    - start: "9.30"

Passing::

    - start: "9:30"
"""

from __future__ import annotations

from rcmcli.lint.rules._common import from_load

CODE = "T001"
NAME = "bad-time"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    yield from from_load(ctx, CODE)
