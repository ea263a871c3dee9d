"""A file that is not UTF-8 text (UTF-16, Latin-1, binary).

Failing::

    (Latin-1 bytes: t\xedtulo)

Passing::

    (UTF-8: título)
"""

from __future__ import annotations

from rcmcli.lint.rules._common import from_load

CODE = "Y007"
NAME = "encoding"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    yield from from_load(ctx, CODE)
