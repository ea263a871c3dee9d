"""Dates, clock times and lists of names as a person reads them: the one place.

Every screen and announcement formats a day ("Thursday 9 September 2021"), a wall
time ("09:00 am" or "09:00") and a list of capitals ("Mexico City, Panama City &
Lima") through these functions. Days and other languages' clocks come from CLDR
through Babel (rcmcli.i18n); no month or weekday names are written here.
"""

from __future__ import annotations

from rcmcli.i18n import _

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from datetime import date, time
    from typing import Optional, Sequence

def format_day(day: date, lang: str = "en", width: str = "full") -> str:
    """The day written out as people of ``lang`` write it, from CLDR (Babel): 'Thursday,
    September 9, 2021', 'jueves, 9 de septiembre de 2021'; ``width='long'`` without the
    weekday ('September 9, 2021'). Only screens for people call this: machine formats
    keep ISO dates and never import Babel."""
    if lang == "en":
        # CLDR's English full and long dates, 'EEEE, MMMM d, y' and 'MMMM d, y', from the C
        # library's own English names (Python never calls setlocale): no Babel for English.
        long = f"{day:%B} {day.day}, {day.year}"
        return long if width == "long" else f"{day:%A}, {long}"
    from rcmcli import i18n

    return i18n.format_day(day, lang, width)


def format_days(days: Sequence[date], lang: str = "en") -> str:
    """Several days as one phrase: 'Thursday 9 September 2021 and Friday 10 September 2021'."""
    return join_names([format_day(d, lang) for d in days], lang, last=_("%(items)s and %(last)s"))


def format_clock(t: time, clock: Optional[str] = None, lang: str = "en") -> str:
    """A wall time: '09:00' (24-hour), or 12-hour: in English as the agendas write it
    ('09:00 am', '12:00 pm'), in the other languages from CLDR ('9:00 a. m.').

    ``clock``: '12' or '24'; else ``--clock``; else the language's habit (CLDR's short
    time format: 12-hour for en and es-419, 24-hour for pt and fr).
    """
    from rcmcli import i18n

    chosen = clock or i18n.clock() or habit(lang)
    if chosen == "24":
        return f"{t.hour:02d}:{t.minute:02d}"
    if lang == "en":
        hour = t.hour % 12 or 12
        suffix = _("am") if t.hour < 12 else _("pm")
        return _("%(hour)02d:%(minute)02d %(suffix)s") % {"hour": hour, "minute": t.minute, "suffix": suffix}
    return i18n.format_clock(t, lang, "12")


def habit(lang: str) -> str:
    """'12' where CLDR's short time format for ``lang`` uses a 12-hour clock, else '24'."""
    if lang == "en":
        return "12"  # CLDR en: 'h:mm a' (a test checks it against Babel); no Babel for English
    from babel import Locale

    from rcmcli import i18n

    return "12" if "h" in Locale.parse(i18n.cldr_locale(lang)).time_formats["short"].pattern else "24"


def join_names(names: Sequence[str], lang: str = "en", last: str = "") -> str:
    """'A', 'A & B', 'A, B & C': the agendas' own way of listing capitals."""
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    pattern = last or _("%(items)s & %(last)s")
    return pattern % {"items": _(", ").join(names[:-1]), "last": names[-1]}
