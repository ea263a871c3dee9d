r"""A control character (ESC, BEL, NUL...) inside a text value.

Such characters would reach terminals (an ESC sequence can clear or rewrite the
screen) and calendars (RFC 5545 forbids them in TEXT). Tabs and line breaks are
allowed: CR, LF and NEL (U+0085, a line break to YAML 1.1 and Unicode, though a C1
control) are judged as line breaks, by C001 in a one-line text. Escape sequences
written in double quotes ("\\e", "\\x07") count too.

Failing::

    title: "Opening \e[2J"

Passing::

    title: "Opening session"
"""

from __future__ import annotations

from rcmcli.lint.rules._common import from_load

CODE = "Y010"
NAME = "control-character"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    yield from from_load(ctx, CODE)
