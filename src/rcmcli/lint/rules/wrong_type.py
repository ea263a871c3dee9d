"""A value of the wrong type or outside its allowed values.

Failing::

    session: one

Passing::

    session: 1
"""

from __future__ import annotations

from rcmcli.lint.rules._common import from_load

CODE = "Y005"
NAME = "wrong-type"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    yield from from_load(ctx, CODE)
