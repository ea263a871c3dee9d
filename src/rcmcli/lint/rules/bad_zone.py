"""A reference zone whose offset or IANA name cannot be read, or a member capital zone that does not exist.

A ``zone`` given beside an ``offset`` is checked too (the offset is what the times
mean, but a misspelt zone would pass the offset check unseen); an unknown name
comes with the IANA keys it may be a misspelling of.

Failing::

    reference_zone: {label: Central American time, offset: GMT-25}
    reference_zone: {label: "Mexico Time, GMT-5", offset: GMT-5, zone: America/Mexico_Ciy}

Passing::

    reference_zone: {label: Central American time (GMT-6), offset: GMT-6}
"""

from __future__ import annotations

from rcmcli.i18n import _
from rcmcli.lint.rules._common import from_load

CODE = "Y009"
NAME = "bad-zone"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    yield from from_load(ctx, CODE)
    if ctx.members_doc is None:
        return
    from rcmcli.core.loader import unknown_zone_message
    from rcmcli.core.zones import get_zone
    from rcmcli.lint.problem import Problem

    for country in ctx.members_doc.countries.values():
        try:
            get_zone(country.zone)
        except KeyError:
            yield Problem.at(country.where("zone"), _("%(problem)s (capital of %(country)s)") % {"problem": unknown_zone_message(country.zone), "country": country.code})
