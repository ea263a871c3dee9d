"""A YAML tag such as !!python/object: rcm reads plain data only.

Failing::

    title: !!python/object/apply:os.system [ls]

Passing::

    title: Opening
"""

from __future__ import annotations

from rcmcli.lint.rules._common import from_load

CODE = "Y008"
NAME = "forbidden-tag"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    yield from from_load(ctx, CODE)
