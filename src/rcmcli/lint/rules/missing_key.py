"""A required key is missing (e.g. a slot without 'end').

Failing::

    - start: "9:00"
      title: Opening

Passing::

    - start: "9:00"
      end: "9:30"
      title: Opening
"""

from __future__ import annotations

from rcmcli.lint.rules._common import from_load

CODE = "Y004"
NAME = "missing-key"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    yield from from_load(ctx, CODE)
