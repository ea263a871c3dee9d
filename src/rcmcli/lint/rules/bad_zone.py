"""A reference zone whose offset or IANA name cannot be read, or a member capital zone that does not exist.

Failing::

    reference_zone: {label: Central American time, offset: GMT-25}

Passing::

    reference_zone: {label: Central American time (GMT-6), offset: GMT-6}
"""

from __future__ import annotations

from rcmcli.lint.rules._common import from_load

CODE = "Y009"
NAME = "bad-zone"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    yield from from_load(ctx, CODE)
    if ctx.members_doc is None:
        return
    from rcmcli.lint.problem import Finding
    from rcmcli.core.zones import get_zone

    for country in ctx.members_doc.countries.values():
        try:
            get_zone(country.zone)
        except KeyError:
            yield Finding(country.where("zone"), f"unknown IANA zone '{country.zone}' for {country.code}")
