"""A published reference label whose offset does not hold for the meeting's dates.

Where the label names a zone or city together with an offset ("Mexico Time,
GMT-5"), the zone's real UTC offset on each day is compared with the published
one; an offset written inside the label must also equal the ``offset`` field.

Failing (Mexico City was on UTC-06:00 on 31 May 2023, DST having ended in 2022)::

    dates: {start: 2023-05-31, end: 2023-05-31}
    reference_zone: {label: "Mexico Time, GMT-5", offset: GMT-5, zone: America/Mexico_City}

Passing (1 October 2021, Mexico City on CDT, UTC-05:00)::

    dates: {start: 2021-10-01, end: 2021-10-01}
    reference_zone: {label: "Mexico Time, GMT-5", offset: GMT-5, zone: America/Mexico_City}
"""

from __future__ import annotations

import re
from datetime import datetime, time

from rcmcli.core.errors import quote
from rcmcli.core.zones import get_zone, parse_offset
from rcmcli.i18n import _
from rcmcli.lint.problem import Problem
from rcmcli.timefmt import iso_offset

CODE = "P002"
NAME = "published-offset"
SEVERITY = "error"
OPTIONS: dict = {}

_IN_LABEL = re.compile(r"(?:GMT|UTC)\s*[+\-\u2212]\s*\d{1,2}(?::?\d{2})?", re.IGNORECASE)


def check(ctx, opts):
    mt = ctx.meeting
    ref = mt.reference_zone if mt else None
    if ref is None or ref.tz is None:
        return
    fixed = parse_offset(ref.offset) if ref.offset else None
    written = _IN_LABEL.search(ref.label)
    in_label = parse_offset(written.group(0)) if written else None
    if in_label is not None and fixed is not None and in_label.utcoffset(None) != fixed.utcoffset(None):
        yield Problem.at(ref.where("label"), _("the label says %(label)s but the offset is %(offset)s") % {"label": written.group(0), "offset": quote(ref.offset)})
    claimed = fixed or in_label
    if not ref.zone or claimed is None:
        return
    try:
        zone = get_zone(ref.zone)
    except KeyError:
        return  # reported by bad-zone
    wrong = []
    for day in mt.days:
        if day.date is None:
            continue
        first = min((s.start for s in day.slots), default=time(12))
        real = datetime.combine(day.date, first, tzinfo=zone).utcoffset()
        if real != claimed.utcoffset(None):
            wrong.append(_("%(offset)s on %(date)s") % {"offset": iso_offset(real), "date": day.date})
    if wrong:
        said = ref.offset or written.group(0)
        yield Problem.at(
            ref.where("offset" if ref.offset else "label"),
            _("%(label)s says %(said)s, but %(zone)s is %(real)s") % {"label": quote(ref.label), "said": said, "zone": ref.zone, "real": ", ".join(wrong)},
        )
