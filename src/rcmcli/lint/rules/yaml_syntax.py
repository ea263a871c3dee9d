"""YAML that does not parse, reported at the parser's position.

Failing::

    title: [unclosed

Passing::

    title: closed
"""

from __future__ import annotations

from rcmcli.lint.rules._common import from_load

CODE = "Y001"
NAME = "yaml-syntax"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    yield from from_load(ctx, CODE)
