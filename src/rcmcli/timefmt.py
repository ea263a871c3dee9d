"""Dates, times, offsets, ranges, durations and zone labels as people read them: the one place.

A :class:`Formatter` is built once per run from the language and the clock
(``Formatter(lang, clock)``, in ``cli.runtime.setup``) and handed to every renderer:
terminal tables, announcements, plan and diff reports, notices, calendar descriptions
and the site. Renderers hold no date logic of their own; machine formats (JSON, CSV)
keep ISO values and never see a formatter.

**The clock.** ``clock`` is ``'12'`` or ``'24'`` (``--clock``, ``RCM_CLOCK``) or None.
A chosen clock applies to every time shown. Without one, two defaults apply, each
decided here and nowhere else:

* :meth:`Formatter.clock`, a time in a sentence written for delegates (the
  announcement a secretariat pastes into an agenda): the language's CLDR habit
  (12-hour for ``en`` and ``es-419``, 24-hour for ``pt`` and ``fr``);
* :meth:`Formatter.hm`, a time in a table, a report, a notice or a calendar
  description: 24-hour. The agendas publish 24-hour times, tables line them up in
  columns of one width, and a calendar description that changed with the reader's
  locale would make every invitation look updated (docs/decisions.md).

English 12-hour times are written as the agendas write them, ``09:00 am``; the other
languages' come from CLDR (``9:00 a. m.``). 24-hour times are ``HH:MM`` in every
language. Days, weekdays, month names, date ranges (CLDR interval formats) and GMT
offsets come from CLDR through Babel, imported only when a non-English date or a
12-hour non-English time is written: English tables never import it.

Language-free helpers (:func:`utc_offset`, :func:`offsets_label`, :func:`iso_offset`,
:func:`iso_utc`) serve the core and the machine formats, which have no formatter.
"""

from __future__ import annotations

from rcmcli.i18n import CLOCKS, _, cldr_locale

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from datetime import date, datetime, time, timedelta
    from typing import Optional, Sequence, Union

    Moment = Union[time, datetime, int, str]  # a wall time, minutes since midnight, or 'HH:MM'
    Offset = Union[int, timedelta, None]  # minutes east of UTC

DASH = "\u2013"


class ClockError(ValueError):
    """A clock that is neither '12' nor '24' (the command line turns it into a usage error)."""


def check_clock(clock: Optional[str]) -> None:
    """ClockError unless ``clock`` is '12', '24' or None."""
    if clock is not None and clock not in CLOCKS:
        raise ClockError(_("unknown clock '%(clock)s'; use 12 or 24") % {"clock": clock})


class Formatter:
    """Dates and times in one language with one clock; see the module's docstring."""

    __slots__ = ("lang", "chosen", "_locale", "_habit")

    def __init__(self, lang: str = "en", clock: Optional[str] = None) -> None:
        check_clock(clock)
        self.lang = lang
        self.chosen = clock  # '12', '24' or None: the defaults of clock() and hm()
        self._locale: Optional[str] = None
        self._habit: Optional[str] = None

    def __repr__(self) -> str:
        return f"Formatter({self.lang!r}, {self.chosen!r})"

    def for_language(self, lang: str) -> Formatter:
        """The same clock in another language: a participant's invitation, a page of the site."""
        return self if lang == self.lang else Formatter(lang, self.chosen)

    def with_clock(self, clock: Optional[str]) -> Formatter:
        """This language with a command's own ``--clock`` (``announce``); None keeps the run's."""
        return self if clock is None or clock == self.chosen else Formatter(self.lang, clock)

    @property
    def locale(self) -> str:
        """The CLDR locale: the POSIX locale's region when it is in this language (es_AR)."""
        if self._locale is None:
            self._locale = cldr_locale(self.lang)
        return self._locale

    @property
    def habit(self) -> str:
        """'12' where CLDR's short time format for the locale uses a 12-hour clock, else '24'."""
        if self._habit is None:
            if self.lang == "en":
                self._habit = "12"  # CLDR en: 'h:mm a' (a test checks it against Babel); no Babel for English
            else:
                from babel import Locale

                self._habit = "12" if "h" in Locale.parse(self.locale).time_formats["short"].pattern else "24"
        return self._habit

    # --- days ---------------------------------------------------------------------------

    def day(self, day: Union[date, datetime], width: str = "full") -> str:
        """A day as people of the language write it: 'Thursday, September 9, 2021',
        'jueves, 9 de septiembre de 2021' (CLDR full).

        ``width``: full, long ('September 9, 2021'), medium or short (CLDR date formats), or
        ``abbreviated`` ('Thu, Sep 9': CLDR skeleton MMMEd), for table cells.
        """
        if self.lang == "en" and width in ("full", "long"):
            # CLDR's English full and long dates, 'EEEE, MMMM d, y' and 'MMMM d, y', from the C
            # library's own English names (Python never calls setlocale): no Babel for English.
            long = f"{day:%B} {day.day}, {day.year}"
            return long if width == "long" else f"{day:%A}, {long}"
        from babel.dates import format_date, format_skeleton

        if width == "abbreviated":
            return format_skeleton("MMMEd", _naive(day), locale=self.locale)
        return format_date(day, width, locale=self.locale)

    def weekday(self, day: Union[date, datetime], width: str = "wide") -> str:
        """'Thursday'/'jueves' (wide) or 'Thu'/'jue' (abbreviated), from CLDR; English from the
        C library's own names, without importing Babel."""
        if self.lang == "en":
            return f"{day:%A}" if width == "wide" else f"{day:%a}"
        from babel.dates import format_date

        return format_date(day, "EEEE" if width == "wide" else "EEE", locale=self.locale)

    def days(self, days: Sequence[date]) -> str:
        """Several days as one phrase: 'Thursday, September 9, 2021 and Friday, September 10, 2021'."""
        return self.names([self.day(d) for d in days], last=_("%(items)s and %(last)s"))

    def range(self, first: date, last: date, width: str = "long") -> str:
        """Two dates as one range, by CLDR's interval formats: 'Mar 1 – 12, 2027',
        '1–12 de marzo de 2027', '30 mars – 2 avr. 2027'; one day when they are equal.

        ``width='iso'``: '2021-09-09 → 2021-09-10', the sortable column of the catalog list.
        """
        if width == "iso":
            return str(first) if first == last else f"{first} \u2192 {last}"
        if first == last:
            return self.day(first, width)
        from babel.dates import format_interval

        return format_interval(first, last, "yMMMMd", locale=self.locale)

    def names(self, names: Sequence[str], last: str = "") -> str:
        """'A', 'A & B', 'A, B & C': the agendas' own way of listing capitals."""
        if not names:
            return ""
        if len(names) == 1:
            return names[0]
        pattern = last or _("%(items)s & %(last)s")
        return pattern % {"items": _(", ").join(names[:-1]), "last": names[-1]}

    # --- times ----------------------------------------------------------------------------

    def clock(self, moment: Moment) -> str:
        """A time in a sentence for delegates: the chosen clock, else the language's CLDR habit.

        The time is shown as given: a zone-aware value is not converted.
        """
        if self.chosen is None and self.lang != "en":
            from babel.dates import format_time

            return format_time(_wall(_as_time(moment)), "short", locale=self.locale)  # fr_CA: '14 h 30'
        return self._write(_as_time(moment), self.chosen or self.habit)

    def hm(self, moment: Moment) -> str:
        """A time in a table, a report, a notice or a calendar: the chosen clock, else 24-hour."""
        return self._write(_as_time(moment), self.chosen or "24")

    def span(self, start: Moment, end: Moment) -> str:
        """'12:00–12:30' (:meth:`hm` at both ends)."""
        return f"{self.hm(start)}{DASH}{self.hm(end)}"

    def _write(self, t: Union[time, datetime], clock: str) -> str:
        if clock == "24":
            return f"{t.hour:02d}:{t.minute:02d}"
        if self.lang == "en":
            hour = t.hour % 12 or 12
            suffix = _("am") if t.hour < 12 else _("pm")
            return _("%(hour)02d:%(minute)02d %(suffix)s") % {"hour": hour, "minute": t.minute, "suffix": suffix}
        from babel.dates import format_skeleton

        return format_skeleton("hm", _wall(t), locale=self.locale)

    def duration(self, minutes: int) -> str:
        """'2 h', '45 min', '1 h 30 min'."""
        h, m = divmod(minutes, 60)
        if h and m:
            return _("%(h)d h %(m)02d min") % {"h": h, "m": m}
        return _("%(h)d h") % {"h": h} if h else _("%(m)d min") % {"m": m}

    # --- offsets and zones ------------------------------------------------------------------

    def offset(self, value: Offset, style: str = "utc") -> str:
        """A UTC offset (minutes east of UTC, or a timedelta) for people.

        ``utc``: 'UTC-6', 'UTC+5:30', 'UTC+0' (the tables' clock groups, the plan);
        ``iso``: 'UTC-06:00' (:func:`iso_offset`);
        ``gmt``: CLDR's short localized GMT format of the language ('GMT-6', 'UTC-3' in
        French, '-3 GMT' in Portuguese; zero is the bare 'GMT'); ``gmt-long``: 'GMT-06:00'.
        The minus is ASCII, so what is shown can be typed back into ``--tz``.
        """
        minutes = _minutes(value)
        if style == "iso":
            return iso_offset(minutes)
        if style == "utc":
            return "UTC?" if minutes is None else utc_offset(minutes)
        from babel import Locale

        pattern = Locale.parse(self.locale).zone_formats["gmt"]
        if minutes is None:
            return pattern % "?"
        if minutes == 0:
            return (pattern % "").strip()
        sign = "-" if minutes < 0 else "+"
        h, m = divmod(abs(minutes), 60)
        if style == "gmt-long":
            return pattern % f"{sign}{h:02d}:{m:02d}"
        return pattern % (f"{sign}{h}:{m:02d}" if m else f"{sign}{h}")

    def offsets(self, values: Sequence[int]) -> str:
        """One offset ('UTC-4'), or the distinct ones in order when a clock changes ('UTC-4/-3')."""
        return offsets_label(values)

    def zone_label(self, name: str, typed: str = "") -> str:
        """What a zone column is headed by: the name typed ('Santiago', 'GMT-6'), else the
        city of the IANA name ('Buenos Aires')."""
        typed = typed.strip()
        if typed and "/" not in typed:
            return typed
        if "/" in name:
            return name.rsplit("/", 1)[1].replace("_", " ")
        return name


# --- language-free: the core and the machine formats -----------------------------------


def utc_offset(minutes: int, prefix: str = "UTC") -> str:
    """'UTC-6', 'UTC+5:30', 'UTC+0': the offset as agendas and people write it."""
    sign = "-" if minutes < 0 else "+"
    h, m = divmod(abs(minutes), 60)
    return f"{prefix}{sign}{h}" + (f":{m:02d}" if m else "")


def offsets_label(offsets: Sequence[int], prefix: str = "UTC") -> str:
    """One offset ('UTC-4'), or the distinct ones in order when a clock changes ('UTC-4/-3')."""
    distinct: list[int] = []
    for o in offsets:
        if o not in distinct:
            distinct.append(o)
    if not distinct:
        return ""
    return "/".join([utc_offset(distinct[0], prefix), *[utc_offset(o, "") for o in distinct[1:]]])


def iso_offset(value: Offset) -> str:
    """'UTC-06:00', 'UTC+05:30', 'UTC?' for None: the fixed-width form of machine output,
    zone names and validator messages."""
    minutes = _minutes(value)
    if minutes is None:
        return "UTC?"
    sign = "-" if minutes < 0 else "+"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h:02d}:{m:02d}"


def iso_utc(moment: datetime) -> str:
    """'2021-09-09T15:00:00Z': an instant in machine output and in a page's markup (RFC 3339)."""
    from datetime import timezone

    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _minutes(value: Offset) -> Optional[int]:
    if value is None or isinstance(value, int):
        return value
    return int(value.total_seconds()) // 60


def _as_time(moment: Moment) -> Union[time, datetime]:
    """Minutes since midnight (the planner's unit, wrapped at 24 h) or an ISO 'HH:MM' (a
    published time as the diff keeps it) as a wall time."""
    if isinstance(moment, int):
        from datetime import time as time_

        moment %= 1440
        return time_(moment // 60, moment % 60)
    if isinstance(moment, str):
        from datetime import time as time_

        return time_.fromisoformat(moment)
    return moment


def _naive(day: Union[date, datetime]) -> Union[date, datetime]:
    """A day's wall-clock fields only (Babel would otherwise convert an aware value)."""
    from datetime import datetime as datetime_

    return day.replace(tzinfo=None) if isinstance(day, datetime_) else day


def _wall(moment: Union[time, datetime]) -> datetime:
    """A time's wall-clock fields only, as a naive datetime (what Babel formats unconverted)."""
    from datetime import date as date_
    from datetime import datetime as datetime_

    if isinstance(moment, datetime_):
        return moment.replace(tzinfo=None)
    return datetime_.combine(date_(2000, 1, 1), moment.replace(tzinfo=None))
