"""Dates, clock times and lists of names as a person reads them: the one place.

Every screen and announcement formats a day ("Thursday 9 September 2021"), a wall
time ("09:00 am" or "09:00") and a list of capitals ("Mexico City, Panama City &
Lima") through these functions, so that switching them to CLDR (Babel) for other
languages changes this module only. For now the names are English whatever
``lang`` says.
"""

from __future__ import annotations

from rcmcli.i18n import _

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from datetime import date, time
    from typing import Sequence

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def format_day(day: date, lang: str = "en") -> str:
    """'Thursday 9 September 2021': weekday and date written out, no ISO."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_days(days: Sequence[date], lang: str = "en") -> str:
    """Several days as one phrase: 'Thursday 9 September 2021 and Friday 10 September 2021'."""
    return join_names([format_day(d, lang) for d in days], lang, last=_("%(items)s and %(last)s"))


def format_clock(t: time, clock: str = "24", lang: str = "en") -> str:
    """'09:00' (24-hour) or '09:00 am' / '12:00 pm' (12-hour, as the agendas write it)."""
    if clock == "12":
        hour = t.hour % 12 or 12
        suffix = _("am") if t.hour < 12 else _("pm")
        return _("%(hour)02d:%(minute)02d %(suffix)s") % {"hour": hour, "minute": t.minute, "suffix": suffix}
    return f"{t.hour:02d}:{t.minute:02d}"


def join_names(names: Sequence[str], lang: str = "en", last: str = "") -> str:
    """'A', 'A & B', 'A, B & C': the agendas' own way of listing capitals."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    pattern = last or _("%(items)s & %(last)s")
    return pattern % {"items": _(", ").join(names[:-1]), "last": names[-1]}
