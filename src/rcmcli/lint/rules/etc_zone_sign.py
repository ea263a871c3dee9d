"""A reference zone ``Etc/GMT±N`` whose published label does not state its real UTC offset.

tz names invert the sign (POSIX): ``Etc/GMT-6`` is UTC+06:00, six hours *ahead*
of UTC, while an agenda's "GMT-6" is six hours behind. An agenda published in
"Central American time" with ``zone: Etc/GMT-6`` is read twelve hours off:
``rcm agenda show`` prints its 09:00 as 21:00 the day before. Nothing else can
tell, since the label states no offset to compare (rule P002 compares one when it
does). The warning goes away when the label or the ``offset`` states the zone's
real offset, or when the agenda gives its published ``offset`` instead.

Failing::

    reference_zone: {label: Central American time, zone: Etc/GMT-6}

Passing::

    reference_zone: {label: Central American time (GMT-6), offset: GMT-6}
    reference_zone: {label: "Dhaka time (UTC+6)", zone: Etc/GMT-6}
"""

from __future__ import annotations

import re
from datetime import datetime

from rcmcli.core.errors import quote
from rcmcli.core.zones import get_zone, parse_offset
from rcmcli.i18n import ngettext
from rcmcli.lint.problem import Problem
from rcmcli.timefmt import iso_offset

CODE = "P003"
NAME = "etc-zone-sign"
SEVERITY = "warning"
OPTIONS: dict = {}

_ETC = re.compile(r"Etc/GMT([+-])(\d{1,2})")
_STATED = re.compile(r"(?:GMT|UTC)\s*[+\-\u2212]\s*\d{1,2}(?::?\d{2})?", re.IGNORECASE)


def check(ctx, opts):
    mt = ctx.meeting
    ref = mt.reference_zone if mt else None
    if ref is None or not ref.zone:
        return
    m = _ETC.fullmatch(ref.zone)
    if not m or int(m[2]) == 0:
        return
    try:
        real = datetime(2000, 1, 1, tzinfo=get_zone(ref.zone)).utcoffset()
    except KeyError:
        return  # reported by bad-zone
    stated = [*_STATED.findall(ref.label), *([ref.offset] if ref.offset else [])]
    if any((fixed := parse_offset(s)) is not None and fixed.utcoffset(None) == real for s in stated):
        return
    n = int(m[2])
    if m[1] == "-":  # Etc/GMT-6 is six hours ahead of UTC
        message = ngettext(
            "%(zone)s is %(real)s, %(n)d hour ahead of UTC: tz names invert the sign (POSIX), so it is "
            "not the '%(written)s' an agenda writes, and the label %(label)s does not say %(real)s; "
            "for %(n)d hour behind UTC write 'offset: %(written)s', for %(real)s say so in the label",
            "%(zone)s is %(real)s, %(n)d hours ahead of UTC: tz names invert the sign (POSIX), so it is "
            "not the '%(written)s' an agenda writes, and the label %(label)s does not say %(real)s; "
            "for %(n)d hours behind UTC write 'offset: %(written)s', for %(real)s say so in the label",
            n,
        )
    else:
        message = ngettext(
            "%(zone)s is %(real)s, %(n)d hour behind UTC: tz names invert the sign (POSIX), so it is "
            "not the '%(written)s' an agenda writes, and the label %(label)s does not say %(real)s; "
            "for %(n)d hour ahead of UTC write 'offset: %(written)s', for %(real)s say so in the label",
            "%(zone)s is %(real)s, %(n)d hours behind UTC: tz names invert the sign (POSIX), so it is "
            "not the '%(written)s' an agenda writes, and the label %(label)s does not say %(real)s; "
            "for %(n)d hours ahead of UTC write 'offset: %(written)s', for %(real)s say so in the label",
            n,
        )
    values = {"zone": ref.zone, "real": iso_offset(real), "n": n, "written": f"GMT{m[1]}{m[2]}", "label": quote(ref.label)}
    yield Problem.at(ref.where("zone"), message % values)
