"""Times and dates as people write them in agendas, parsed strictly.

Accepted times: ``09:00``, ``9:00``, ``9:00 am``, ``12:00 pm``, ``9 am``, ``9:00 a.m.``.
Refused: ``24:00``, ``25:61``, ``9`` (no minutes, no am/pm), ``9.30``, ``-1:00``.
We parse these ourselves rather than with ``dateutil.parser``: it accepts ``9`` and
``9.30`` and guesses, and an agenda linter must not guess.
"""

from __future__ import annotations

import re
from datetime import date, time

from rcmcli.core.errors import quote
from rcmcli.i18n import _

_TIME = re.compile(
    r"^\s*(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>[aApP])?\.?\s*(?(ampm)[mM]\.?)\s*$",
    re.ASCII,  # '١٢:٠٠' or full-width digits are not times an agenda means
)
# The years an agenda's dates may have (T001); `rcm plan` and `rcm agenda new` take the
# same, so that they never plan or write a date the rest of rcm refuses.
YEARS = (1900, 2200)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS_ES = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")


def parse_time(text: str) -> time:
    """Parse a wall-clock time; raise ValueError with a hint."""
    m = _TIME.match(text)
    if not m or (m["m"] is None and m["ampm"] is None):
        raise ValueError(_("%(value)s is not a time; write it like '09:00', '9:00 am' or '2:30 pm'") % {"value": quote(text)})
    hour, minute = int(m["h"]), int(m["m"] or 0)
    if minute > 59:
        raise ValueError(_("%(value)s is not a time: minutes must be 00-59") % {"value": quote(text)})
    ampm = (m["ampm"] or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(_("%(value)s is not a time: with am/pm the hour must be 1-12") % {"value": quote(text)})
        hour = hour % 12 + (12 if ampm == "p" else 0)
    elif hour > 23:
        raise ValueError(
            _("%(value)s is not a time: hours must be 00-23 (for midnight write 00:00 and crosses_midnight: true)")
            % {"value": quote(text)}
        )
    return time(hour, minute)


def parse_date(text: str) -> date:
    """Parse an ISO 8601 calendar date (YYYY-MM-DD)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip(), re.ASCII):
        raise ValueError(_("%(value)s is not a date; write it as YYYY-MM-DD, e.g. 2021-09-09") % {"value": quote(text)})
    try:
        value = date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError(_("%(value)s is not a real date (%(reason)s)") % {"value": quote(text), "reason": exc}) from None
    return check_year(value, text)


def check_year(value: date, text: str) -> date:
    """``value`` if its year is in :data:`YEARS`; ValueError quoting ``text`` otherwise."""
    first, last = YEARS
    if not first <= value.year <= last:
        values = {"value": quote(text), "year": value.year, "first": first, "last": last}
        raise ValueError(_("%(value)s: year %(year)s is outside %(first)s-%(last)s; is it a typo?") % values)
    return value


def weekday_index(name: str) -> int | None:
    """0 for Monday ... 6 for Sunday, from an English or Spanish name; None if unknown."""
    key = name.strip().lower()
    for names in (WEEKDAYS, _WEEKDAYS_ES):
        if key in names:
            return names.index(key)
    plain = key.replace("é", "e").replace("á", "a")
    for i, n in enumerate(_WEEKDAYS_ES):
        if n.replace("é", "e").replace("á", "a") == plain:
            return i
    return None


def hhmm(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"
