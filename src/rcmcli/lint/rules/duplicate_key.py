"""A key written twice in one mapping (YAML would silently keep the last).

Failing::

    - start: "9:00"
      end: "9:30"
      end: "9:45"

Passing::

    - start: "9:00"
      end: "9:45"
"""

from __future__ import annotations

from rcmcli.lint.rules._common import from_load

CODE = "Y002"
NAME = "duplicate-key"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    yield from from_load(ctx, CODE)
