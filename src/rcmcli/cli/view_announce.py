"""The start-time announcement in words: text, Markdown, JSON and CSV.

Agendas carry lines such as "10:00 am Mexico City, Panama City & Lima · 11:00 am
Washington DC, Ottawa, ...", written by hand; the II Plenary's put Santiago at 11:00
when it was 12:00. :mod:`rcmcli.core.clocks` groups the capitals by the local time
the meeting starts there, from the tz database; this module writes the block.

Every word of the announcement is in this module (and the dates, times and lists
of :mod:`rcmcli.timefmt`), through :func:`rcmcli.i18n._`, so translating it
touches nothing else. Imported only by the command (:mod:`rcmcli.cli.cmd_announce`),
which hands an :class:`Announce` to the formats of :data:`ANNOUNCE_FORMATS`.
"""

from __future__ import annotations

from collections import namedtuple

from rcmcli.i18n import _
from rcmcli.timefmt import iso_offset

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any, Sequence

    from rcmcli.core.clocks import Announcement, StartGroup
    from rcmcli.core.model import Meeting
    from rcmcli.timefmt import Formatter


class Announce(namedtuple("Announce", "meeting items lang tf width")):
    """What ``agenda announce`` writes: the start groups of each day or slot (``items``),
    in the command's language and clock (``tf``); text wraps to ``width`` when it is not 0."""

    __slots__ = ()


class Block(namedtuple("Block", "day sentence lines")):
    """One announcement as words: an optional day heading, a sentence, and its lines."""

    __slots__ = ()

    day: str  # a day heading ('Thursday 9 September 2021'), '' when the sentence names the days
    sentence: str
    lines: tuple[tuple[str, str], ...]  # (local time as written, capitals as written)


# --- words -----------------------------------------------------------------------------


def _zone(mt: Meeting) -> str:
    ref = mt.reference_zone
    return ref.label if ref else "?"


def _time(group: StartGroup, tf: Formatter) -> str:
    shown = tf.clock(group.local.time())
    if group.day_shift > 0:
        return _("%(time)s (next day)") % {"time": shown}
    if group.day_shift < 0:
        return _("%(time)s (previous day)") % {"time": shown}
    return shown


def _sentence(mt: Meeting, item: Announcement, tf: Formatter, per_day: bool) -> str:
    values = {"time": tf.clock(item.published), "zone": _zone(mt), "count": len(item.dates)}
    if item.slot is not None:
        values["title"] = item.slot.label(tf.lang)
        return _("%(title)s starts at %(time)s %(zone)s:") % values
    values["dates"] = tf.days(item.dates)
    if per_day:
        return _("On %(dates)s the meeting starts at %(time)s %(zone)s:") % values
    if len(item.dates) == 1:
        return _("The meeting starts at %(time)s %(zone)s on %(dates)s:") % values
    if len(item.dates) == 2:
        return _("The meeting starts at %(time)s %(zone)s on both days, %(dates)s:") % values
    return _("The meeting starts at %(time)s %(zone)s on all %(count)d days, %(dates)s:") % values


def _per_day(items: Sequence[Announcement]) -> bool:
    """Several days, each its own announcement: they differ (clocks changed, or the start)."""
    return len(items) > 1 and not any(item.slot for item in items)


def blocks(mt: Meeting, items: Sequence[Announcement], tf: Formatter) -> list[Block]:
    """The announcement in words: per day when days differ, once when they do not."""
    per_day = _per_day(items)
    out: list[Block] = []
    if per_day:
        out.append(Block("", _("The start times differ from one day to the next: each day is listed."), ()))
    last_day = None
    for item in items:
        heading = ""
        if item.slot is not None and item.dates[0] != last_day:
            heading = tf.day(item.dates[0])
            last_day = item.dates[0]
        lines = tuple((_time(g, tf), tf.names([p.name for p in g.places])) for g in item.groups)
        out.append(Block(heading, _sentence(mt, item, tf, per_day), lines))
    return out


# --- formats ---------------------------------------------------------------------------


def announce_text(v: Announce) -> str:
    return _text_of(blocks(v.meeting, v.items, v.tf), v.width)


def _text_of(parts: Sequence[Block], width: int = 0) -> str:
    """Plain text; wrapped to ``width`` (a terminal) with the capitals under each other,
    one line per time otherwise (to paste into an agenda)."""
    import textwrap

    out: list[str] = []
    for b in parts:
        if out:
            out.append("")
        if b.day:
            out += [b.day, ""]
        out += textwrap.wrap(b.sentence, width, break_on_hyphens=False) if width > 0 else [b.sentence]
        for shown, names in b.lines:
            line = f"{shown} {names}"
            if width > 0:
                indent = " " * min(len(shown) + 1, width // 2)
                out += textwrap.wrap(line, width, subsequent_indent=indent, break_on_hyphens=False) or [line]
            else:
                out.append(line)
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    for ch in "\\*_[]`<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def announce_markdown(v: Announce) -> str:
    parts = blocks(v.meeting, v.items, v.tf)
    out: list[str] = []
    for b in parts:
        if b.day:
            out += [f"### {_md(b.day)}", ""]
        out += [_md(b.sentence), ""]
        if b.lines:
            out += [f"- **{_md(shown)}** {_md(names)}" for shown, names in b.lines]
            out.append("")
    return "\n".join(out)


def announce_json(v: Announce) -> str:
    from rcmcli.core.timeparse import hhmm
    from rcmcli.export.showjson import as_json, meeting_header

    mt, items, tf = v.meeting, v.items, v.tf
    lang = tf.lang
    words = blocks(mt, items, tf)
    entries: list[dict[str, Any]] = []
    for item, b in zip(items, [b for b in words if b.lines]):
        entries.append({
            "dates": [str(d) for d in item.dates],
            "slot": None if item.slot is None else {"index": item.slot.index, "title": item.slot.title.get(lang), "session": item.slot.session},
            "published": {"start": hhmm(item.published), "zone": _zone(mt)},
            "text": b.sentence,
            "groups": [
                {
                    "time": hhmm(g.local.time()),
                    "shown": shown,
                    "utc_offset": iso_offset(g.offset),
                    "day_shift": g.day_shift,
                    "places": [{"country": p.code, "capital": p.name, "zone": p.zone} for p in g.places],
                }
                for g, (shown, _names) in zip(item.groups, b.lines)
            ],
        })
    out = {"meeting": meeting_header(mt, lang), "clock": tf.chosen or tf.habit, "days_differ": _per_day(items),
           "announcements": entries, "text": _text_of(words)}
    return as_json(out)


def announce_csv(v: Announce) -> str:
    """One row per day, slot and place: for mail merges and spreadsheets."""
    from datetime import timedelta

    from rcmcli.core.csvsafe import csv_text
    from rcmcli.core.timeparse import hhmm

    mt, items, lang = v.meeting, v.items, v.lang

    head = ["date", "slot", "title", "published_start", "reference_zone", "local_start", "local_date", "utc_offset", "country", "capital", "zone"]
    body = []
    for item in items:
        for d in item.dates:
            for g in item.groups:
                local_date = d + timedelta(days=g.day_shift)
                for p in g.places:
                    body.append([
                        d, "" if item.slot is None else item.slot.index, "" if item.slot is None else item.slot.title.get(lang),
                        hhmm(item.published), _zone(mt), hhmm(g.local.time()), local_date, iso_offset(g.offset),
                        p.code, p.name, p.zone,
                    ])
    return csv_text(head, body)


ANNOUNCE_FORMATS = {"text": announce_text, "markdown": announce_markdown, "json": announce_json, "csv": announce_csv}
