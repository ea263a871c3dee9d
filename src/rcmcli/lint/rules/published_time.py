"""A local time the document published for another place that the tz database contradicts.

Agendas often add "10:00 am Mexico City, Panama City & Lima". Each claim is
converted from the reference time on its date with the tz database and compared.
A place is a capital, a country, an IANA name, or words of the reference label
("Central America" in "Central American time (GMT-6)").

Failing (Chile was on UTC-3 from 5 September 2021)::

    reference_zone: {label: Central American time (GMT-6), offset: GMT-6}
    published_times:
      - date: 2021-09-09
        reference_time: "09:00"
        claims:
          - {time: "11:00 am", places: [Santiago]}

Passing::

    published_times:
      - date: 2021-09-09
        reference_time: "09:00"
        claims:
          - {time: "12:00 pm", places: [Santiago, Buenos Aires]}
"""

from __future__ import annotations

from datetime import datetime

from rcmcli.core.errors import quote
from rcmcli.core.timeparse import hhmm
from rcmcli.i18n import _
from rcmcli.lint.problem import Problem
from rcmcli.timefmt import iso_offset

CODE = "P001"
NAME = "published-time"
SEVERITY = "error"
OPTIONS: dict = {}


def check(ctx, opts):
    mt = ctx.meeting
    if mt is None or mt.reference_zone is None or mt.reference_zone.tz is None:
        return
    for pub in mt.published_times:
        if pub.date is None or pub.reference_time is None:
            continue
        instant = datetime.combine(pub.date, pub.reference_time, tzinfo=mt.reference_zone.tz)
        for claim in pub.claims:
            for place in claim.places:
                zone = ctx.place_zone(place)
                if zone is None:
                    yield Problem.at(claim.at, _("cannot check the time published for %(place)s: no zone is known for that place") % {"place": quote(place)})
                    continue
                local = instant.astimezone(zone.tz)
                shift = (local.date() - pub.date).days
                if local.time() != claim.time or shift:
                    if shift:
                        message = _(
                            "published %(published)s for %(place)s on %(date)s, but %(reference)s %(label)s is "
                            "%(local)s on %(local_date)s there (%(zone)s, %(offset)s)"
                        )
                    else:
                        message = _(
                            "published %(published)s for %(place)s on %(date)s, but %(reference)s %(label)s is "
                            "%(local)s there (%(zone)s, %(offset)s)"
                        )
                    values = {
                        "published": hhmm(claim.time),
                        "place": quote(place),
                        "date": pub.date,
                        "reference": hhmm(pub.reference_time),
                        "label": quote(mt.reference_zone.label),
                        "local": f"{local:%H:%M}",
                        "local_date": local.date(),
                        "zone": zone.name,
                        "offset": iso_offset(local.utcoffset()),
                    }
                    yield Problem.at(claim.at, message % values)
