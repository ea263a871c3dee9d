"""What ``rcm agenda list``, ``show`` and ``times`` write: Rich tables, JSON, Markdown, CSV.

Each command hands its formats one view record (:class:`Listing`, :class:`Show`,
:class:`Times`), and finds them in a table (:data:`LIST_FORMATS`, :data:`SHOW_FORMATS`,
:data:`TIMES_FORMATS`) through :func:`rcmcli.cli.runtime.emit`. Rich is imported
inside the functions that draw tables, so machine formats never pay for it.

Tables are laid out for the width they are drawn at (:mod:`rcmcli.cli.layout`):
times never wrap, titles wrap between words and keep at least 30 columns, and
whatever does not fit is left out with a line that says so, never silently.
"""

from __future__ import annotations

from collections import namedtuple

from rcmcli.cli.layout import csv_text, filled, md_escape, md_table, plain
from rcmcli.core.localtime import LocalTime, SlotRow, to_zone
from rcmcli.core.model import Meeting, Slot
from rcmcli.core.timeparse import hhmm
from rcmcli.core.zones import Resolved
from rcmcli.export.showjson import as_json, meeting_header
from rcmcli.i18n import N_, _, ngettext

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any, Optional, Sequence

    from rcmcli.cli.layout import Col
    from rcmcli.core.clocks import DayClocks, PlaceRow
    from rcmcli.timefmt import Formatter



class Listing(namedtuple("Listing", "meetings broken lang tf width")):
    """What ``agenda list`` shows: the usable meetings, and the files that cannot be shown."""

    __slots__ = ()


class Show(namedtuple("Show", "meeting zones rows lang tf width note zones_given")):
    """What ``agenda show`` shows: a meeting's slots in each zone asked for (``zones_given``:
    the zones were typed, not the reference zone by default), and why this meeting (``note``)."""

    __slots__ = ()


class Times(namedtuple("Times", "meeting slots matrix days by lang tf width")):
    """What ``agenda times`` shows: the slots, each capital's times (``matrix``) and the
    capitals grouped by clock per day (``days``); ``by``: ``group`` or ``capital``."""

    __slots__ = ()


TITLE_MIN = 30  # a title line is never narrower than this (unless the title is shorter)
TITLE_COMFORT = 40  # optional columns (kind, lead) only while titles keep this much
NIGHT = "\u263e"  # ☾: at night; text, so it survives NO_COLOR and copy-paste
OUTSIDE = "*"  # outside working hours
DASH = "\u2013"

KINDS = {
    "opening": N_("Opening"),
    "presentation": N_("Presentation"),
    "session": N_("Session"),
    "discussion": N_("Discussion"),
    "break": N_("Break"),
    "closing": N_("Closing"),
    "other": N_("Other"),
}
# At most five characters: the header of a slot column in `times --by capital`.
KINDS_TINY = {
    "opening": N_("Open"),
    "presentation": N_("Pres"),
    "session": N_("Sess"),
    "discussion": N_("Disc"),
    "break": N_("Break"),
    "closing": N_("Close"),
    "other": N_("Other"),
}


def _shift(n: int) -> str:
    return "" if n == 0 else (f" (+{n})" if n > 0 else f" (\u2212{-n})")


def _span(t: LocalTime, tf: Formatter) -> str:
    return tf.span(t.start, t.end) + _shift(t.day_shift)


def _published(slot: Slot, tf: Formatter) -> str:
    return tf.span(slot.start, slot.end)


def _label(slot: Slot, lang: str) -> str:
    return slot.label(lang)


def kind_word(kind: str) -> str:
    return _(KINDS.get(kind, kind))


def short_label(slot: Slot) -> str:
    """'Session 2', 'Break', 'Opening': a slot named in one or two words."""
    if slot.session is not None:
        return _("Session %(number)d") % {"number": slot.session}
    return kind_word(slot.kind)


def tiny_label(slot: Slot) -> str:
    """'S2', 'Break', 'Open': at most five characters."""
    if slot.session is not None:
        return _("S%(number)d") % {"number": slot.session}
    return _(KINDS_TINY.get(slot.kind, "Other"))


def local_text(t: LocalTime, tf: Formatter, span: bool = True) -> str:
    """'12:00–12:30', or '12:00' alone; then '+1' if the local day differs, then the mark."""
    text = tf.span(t.start, t.end) if span else tf.hm(t.start)
    if t.day_shift:
        text += f" {t.day_shift:+d}"
    if t.night:
        text += " " + NIGHT
    elif t.outside_work:
        text += " " + OUTSIDE
    return text


def _style(t: LocalTime) -> Optional[str]:
    return "bold red" if t.night else ("yellow" if t.outside_work else None)


def reference_short(meeting: Meeting, tf: Formatter) -> str:
    """The published zone in a few characters: its published offset ('GMT-6'), else its
    offsets over the meeting ('UTC-6', 'UTC-6/-5')."""
    from rcmcli.core.clocks import offset_minutes

    ref = meeting.reference_zone
    if ref is None:
        return "?"
    if ref.offset:
        return ref.offset
    if ref.tz is None:
        return ref.label
    return tf.offsets([offset_minutes(s.starts, ref.tz) for s in meeting.slots if s.starts]) or ref.label


def zone_short(z: Resolved, tf: Formatter) -> str:
    """What a zone column is headed by: the name typed ('Santiago'), else the IANA name's city."""
    return tf.zone_label(z.name, z.query)


# --- machine formats -----------------------------------------------------------


def _table_cells(zones: Sequence[Resolved], rows: Sequence[SlotRow], tf: Formatter) -> tuple[list[str], list[list[str]]]:
    # TRANSLATORS: column headers of the Markdown agenda table; "Kind" is the kind of slot (session, break)
    head = [_("Date"), _("Published"), *[z.name for z in zones], _("Kind"), _("Title")]
    body = [
        [str(r.slot.date), _published(r.slot, tf), *[_span(t, tf) for t in r.times], r.slot.kind, _label(r.slot, tf.lang)]
        for r in rows
    ]
    return head, body


def show_json(v: Show) -> str:
    """The JSON the site publishes too (:mod:`rcmcli.export.showjson`)."""
    from rcmcli.export.showjson import show_json as as_show_json

    return as_show_json(v.meeting, v.zones, v.rows, v.lang, v.note)


def show_csv(v: Show) -> str:
    zones, rows, lang = v.zones, v.rows, v.lang
    head = ["date", "published_start", "published_end"]
    for z in zones:
        head += [f"{z.name} start", f"{z.name} end"]
    body = []
    for r in rows:
        cells = [str(r.slot.date), hhmm(r.slot.start), hhmm(r.slot.end)]
        for t in r.times:
            cells += [t.start.isoformat(), t.end.isoformat()]
        body.append(cells + [r.slot.kind, r.slot.session or "", r.slot.title.get(lang)])
    return csv_text(head + ["kind", "session", "title"], body)


def show_markdown(v: Show) -> str:
    meeting, zones, rows, tf = v.meeting, v.zones, v.rows, v.tf
    lang = tf.lang
    head, body = _table_cells(zones, rows, tf)
    ref = meeting.reference_zone
    lines = [f"## {md_escape(meeting.title.get(lang))}", "", _("Published in %(zone)s.") % {"zone": ref.label if ref else "?"}, ""]
    lines += md_table([h.replace("\n", " ") for h in head], body)
    return "\n".join(lines) + "\n"


def _local_json(t: LocalTime) -> dict[str, Any]:
    return {"start": t.start.isoformat(), "end": t.end.isoformat(), "day_shift": t.day_shift, "night": t.night, "outside_working_hours": t.outside_work}


def times_json(v: Times) -> str:
    meeting, slots, matrix, days, lang = v.meeting, v.slots, v.matrix, v.days, v.lang
    out = {
        "meeting": meeting_header(meeting, lang),
        "slots": [
            {"index": s.index, "date": str(s.date), "title": s.title.get(lang), "kind": s.kind,
             "published": {"start": hhmm(s.start), "end": hhmm(s.end)}}
            for s in slots
        ],
        "capitals": [
            {
                "country": r.place.code,
                "name": r.place.country,
                "capital": r.place.capital,
                "zone": r.place.zone,
                "conferences": list(r.place.conferences),
                "offset": r.offset,
                "days": [_local_json(t) for t in r.days],
                "times": [_local_json(t) for t in r.times],
            }
            for r in matrix
        ],
        # Places that read the same clock all day, per day: the columns of the default view.
        "clock_groups": [
            {
                "day": d.number,
                "date": str(d.day.date),
                "groups": [
                    {"offset": g.label, "offsets_minutes": sorted(set(g.offsets)), "countries": [p.code for p in g.places],
                     "capitals": [p.name for p in g.places]}
                    for g in d.groups
                ],
            }
            for d in days
        ],
    }
    return as_json(out)


def times_csv(v: Times) -> str:
    """One row per slot and place: the long format a spreadsheet filters and pivots."""
    slots, matrix, days, lang = v.slots, v.matrix, v.days, v.lang
    group_of = {(str(d.day.date), p.code or p.name): g.label for d in days for g in d.groups for p in g.places}
    head = ["date", "slot", "kind", "session", "title", "published_start", "published_end", "country", "capital", "zone",
            "clock_group", "local_start", "local_end", "day_shift", "night", "outside_working_hours"]
    body = []
    for i, s in enumerate(slots):
        for r in matrix:
            t = r.times[i]
            body.append([
                str(s.date), s.index, s.kind, s.session or "", s.title.get(lang), hhmm(s.start), hhmm(s.end),
                r.place.code, r.place.capital, r.place.zone, group_of.get((str(s.date), r.place.code or r.place.name), ""),
                t.start.isoformat(), t.end.isoformat(), t.day_shift, str(t.night).lower(), str(t.outside_work).lower(),
            ])
    return csv_text(head, body)


def times_markdown(v: Times) -> str:
    meeting, days, matrix, by, tf = v.meeting, v.days, v.matrix, v.by, v.tf
    lang, ref = tf.lang, meeting.reference_zone
    lines = [f"## {md_escape(meeting.title.get(lang))}", ""]
    index = {id(s): i for i, s in enumerate(s for d in days for s in d.day.slots)}
    for d in days:
        assert d.day.date is not None
        lines += [f"### {tf.day(d.day.date)}", ""]
        if by == "capital":
            head = [_("Capital"), "UTC", *[f"{tf.hm(s.start)} {short_label(s)}" for s in d.day.slots]]
            body = []
            for r in matrix:
                times = [r.times[index[id(s)]] for s in d.day.slots]
                body.append([r.place.name, _offsets_of(times, tf), *[local_text(t, tf) for t in times]])
            lines += md_table(head, body) + ["", md_escape(published_note(meeting, tf)), ""]
            continue
        ref_group = _reference_group(meeting, d)
        pub = [reference_short(meeting, tf)] if ref_group is None else []
        head = [*pub, *[tf.offsets(g.offsets) for g in d.groups], _("Title")]
        body = [[*([_published(s, tf)] if pub else []), *[local_text(to_zone(s, g.places[0].tz), tf) for g in d.groups], _label(s, lang)] for s in d.day.slots]
        lines += md_table(head, body) + [""]
        lines += [f"- **{tf.offsets(g.offsets)}**: {md_escape(tf.names([p.name for p in g.places]))}" for g in d.groups] + [""]
        if ref_group is None:
            lines += [md_escape(published_note(meeting, tf)), ""]
        else:
            zone = ref.label if ref else "?"
            lines += [md_escape(_("Published in %(zone)s: the %(column)s column.") % {"zone": zone, "column": tf.offsets(d.groups[ref_group].offsets)}), ""]
    lines.append(md_escape(marks_legend(tf)))
    return "\n".join(lines) + "\n"


class Broken:
    """A catalog file that cannot be shown: its id (the file name), path and first problem."""

    __slots__ = ("id", "path", "pos", "message")

    def __init__(self, id: str, path: str, pos: Any, message: str) -> None:
        self.id, self.path, self.pos, self.message = id, path, pos, message

    def where(self) -> str:
        return f"{self.path}:{self.pos.line}:{self.pos.column}" if self.pos else self.path


def meetings_json(v: Listing) -> str:
    meetings, lang, broken = v.meetings, v.lang, v.broken
    out: list[dict[str, Any]] = [{**meeting_header(mt, lang), "status": "ok"} for mt in meetings]
    out += [
        {"id": b.id, "path": b.path, "status": "broken",
         "problem": {"line": b.pos.line if b.pos else None, "column": b.pos.column if b.pos else None, "message": b.message}}
        for b in broken
    ]
    return as_json(out)


def meetings_csv(v: Listing) -> str:
    meetings, lang, broken = v.meetings, v.lang, v.broken
    head = ["id", "first_day", "last_day", "reference_zone", "title", "path", "status", "problem"]
    body = [[mt.id, mt.first_day, mt.last_day, mt.reference_zone.label if mt.reference_zone else "", mt.title.get(lang), mt.path, "ok", ""] for mt in meetings]
    body += [[b.id, "", "", "", "", b.path, "broken", f"{b.where()}: {b.message}"] for b in broken]
    return csv_text(head, body)


def meetings_markdown(v: Listing) -> str:
    meetings, tf, broken = v.meetings, v.tf, v.broken
    lang = tf.lang
    head = [_("Id"), _("Dates"), _("Reference zone"), _("Title")]
    body = [[mt.id, _dates(mt, tf), mt.reference_zone.label if mt.reference_zone else "", mt.title.get(lang)] for mt in meetings]
    body += [[b.id, "", "", f"\u2716 {_('broken')}: {b.where()}: {b.message}"] for b in broken]
    return "\n".join(md_table(head, body)) + "\n"


def _dates(mt: Meeting, tf: Formatter) -> str:
    assert mt.first_day is not None and mt.last_day is not None, "a usable meeting has dates"
    return tf.range(mt.first_day, mt.last_day, "iso")


def marks_legend(tf: Formatter) -> str:
    """What the marks mean, with the run's hours ([tool.rcm.hours]; the marks are computed with them)."""
    from rcmcli.core import settings

    hours = settings.current().hours
    work, night = tf.span(hours["work_start"], hours["work_end"]), tf.span(hours["night_start"], hours["night_end"])
    return _("%(outside)s outside working hours (%(work)s local) \u00b7 %(night)s at night (%(night_hours)s) \u00b7 "
             "+1/-1 the next/previous day there") % {"outside": OUTSIDE, "night": NIGHT, "work": work, "night_hours": night}


def _offsets_of(times: Sequence[LocalTime], tf: Formatter) -> str:
    offsets = (t.start.utcoffset() for t in times)
    return tf.offsets([int(o.total_seconds() // 60) for o in offsets if o is not None])


# --- terminal tables -----------------------------------------------------------


def heading(meeting: Meeting, lang: str):
    from rich.text import Text

    out = Text(meeting.title.get(lang), style="bold")
    out.append("\n")
    out.append(meeting.id, style="dim")
    return out


def _note(text: str):
    return plain(text, "dim")


def _days_of(rows: Sequence[SlotRow]) -> list[tuple[Any, list[SlotRow]]]:
    out: list[tuple[Any, list[SlotRow]]] = []
    for r in rows:
        if not out or out[-1][0] != r.slot.date:
            out.append((r.slot.date, []))
        out[-1][1].append(r)
    return out


def _show_cols(meeting: Meeting, zones: Sequence[Resolved], rows: Sequence[SlotRow], tf: Formatter, n: int, zone_span: bool,
               pub_span: bool, kind: bool, lead: bool, floor: int) -> list[Col]:
    from rcmcli.cli.layout import Col

    lang = tf.lang
    cols = [Col("published", reference_short(meeting, tf), [_published(r.slot, tf) if pub_span else tf.hm(r.slot.start) for r in rows], style="dim")]
    for i, z in enumerate(zones[:n]):
        offsets = _offsets_of([r.times[i] for r in rows], tf)
        cells = [local_text(r.times[i], tf, zone_span) for r in rows]
        cols.append(Col(f"zone{i}", f"{zone_short(z, tf)}\n{offsets}", cells, style="bold cyan"))
    if kind:
        cols.append(Col("kind", _("Kind"), [kind_word(r.slot.kind) for r in rows], style="magenta"))
    cols.append(Col("title", _("Title"), [_label(r.slot, lang) for r in rows], shrink="words", floor=floor))
    if lead:
        cols.append(Col("lead", _("Lead"), [", ".join(r.slot.leads) for r in rows], shrink="words"))
    return cols


def _show_layout(meeting: Meeting, zones: Sequence[Resolved], rows: Sequence[SlotRow], tf: Formatter, width: int) -> tuple[list[Col], list[int], int]:
    """The richest layout that fits: every zone, whole spans, kind and lead columns
    (the kind only if no title has to wrap); then without kind, without lead, with
    start times only; then with fewer zones."""
    from rcmcli.cli.layout import fit

    has_leads = any(r.slot.leads for r in rows)
    whole = max((len(_label(r.slot, tf.lang)) for r in rows), default=0)  # the kind only if no title wraps
    for n in range(len(zones), -1, -1):
        for zone_span, pub_span in ((True, True), (False, True), (False, False)):
            if n == 0 and not zone_span:
                zone_span = True
            for kind, lead, floor in ((True, has_leads, whole), (False, has_leads, TITLE_COMFORT), (False, False, TITLE_MIN)):
                cols = _show_cols(meeting, zones, rows, tf, n, zone_span, pub_span, kind, lead, floor)
                widths = fit(cols, width)
                if widths is not None:
                    return cols, widths, n
    cols = _show_cols(meeting, zones, rows, tf, 0, True, False, False, False, 1)
    return cols, [cols[0].natural(), max(1, width - cols[0].natural() - 2)], 0


def show_table(v: Show):
    """The agenda at ``width`` columns: one group of rows per day, the published time,
    each ``--tz`` (as many as fit) and the title, wrapped between words."""
    from rich.console import Group

    meeting, zones, rows, tf, width, zones_given = v.meeting, v.zones, v.rows, v.tf, v.width, v.zones_given

    from rcmcli.cli.layout import table

    shown = list(zones) if zones_given else []
    cols, widths, n = _show_layout(meeting, shown, rows, tf, width)
    parts: list[Any] = [heading(meeting, tf.lang), plain(""), table(cols, widths)]
    i = 0
    for k, (day, day_rows) in enumerate(_days_of(rows)):
        if k:
            parts.append(plain(""))
        parts.append(plain(tf.day(day), "bold"))
        t = table(cols, widths, show_header=False)
        for r in day_rows:
            t.add_row(*_show_row(cols, r, i))
            i += 1
        parts.append(t)
    parts += _show_footer(meeting, shown, rows, tf, n, width)
    return Group(*parts)


def _show_row(cols: Sequence[Col], r: SlotRow, i: int) -> list[Any]:
    """Row ``i`` of the laid-out cells, styled: breaks dim, night and off-hours coloured."""
    out: list[Any] = []
    dim = "dim" if r.slot.kind == "break" else None
    for c in cols:
        if c.key.startswith("zone"):
            out.append(plain(c.cells[i], _style(r.times[int(c.key[4:])])))
        else:
            out.append(plain(c.cells[i], None if c.key == "published" else dim))
    return out


def published_note(meeting: Meeting, tf: Formatter) -> str:
    """'GMT-6: as published, in Central American time (GMT-6).'"""
    ref, short = meeting.reference_zone, reference_short(meeting, tf)
    if ref is None or ref.label == short:
        return _("%(column)s: as published.") % {"column": short}
    return _("%(column)s: as published, in %(zone)s.") % {"column": short, "zone": ref.label}


def day_heading(d: DayClocks, count: int, tf: Formatter) -> str:
    """'Thursday, September 9, 2021 (day 1)'; no day number for a one-day meeting."""
    assert d.day.date is not None
    if count < 2:
        return tf.day(d.day.date)
    return _("%(day)s (day %(number)d)") % {"day": tf.day(d.day.date), "number": d.number}


def _show_footer(meeting: Meeting, zones: Sequence[Resolved], rows: Sequence[SlotRow], tf: Formatter, n: int, width: int) -> list[Any]:
    lines = [published_note(meeting, tf)]
    for z in zones[:n]:
        why = z.via if z.via and z.via != "reference zone" else ""
        if zone_short(z, tf) != z.name:
            lines.append(_("%(column)s: %(zone)s%(why)s.") % {"column": zone_short(z, tf), "zone": z.name, "why": f" ({why})" if why else ""})
        elif why:
            lines.append(_("%(column)s: %(why)s.") % {"column": z.name, "why": why})
    shown = [r.times[i] for r in rows for i in range(n)]
    if any(t.night or t.outside_work or t.day_shift for t in shown):
        lines.append(marks_legend(tf))
    if n < len(zones):
        hidden = [zone_short(z, tf) for z in zones[n:]]
        lines.append(
            ngettext(
                "%(count)d more zone does not fit in %(width)d columns (%(zones)s): see it with --format markdown, csv or json, "
                "or every capital with 'rcm agenda times'.",
                "%(count)d more zones do not fit in %(width)d columns (%(zones)s): see them with --format markdown, csv or json, "
                "or every capital with 'rcm agenda times'.",
                len(hidden),
            )
            % {"count": len(hidden), "width": width, "zones": ", ".join(hidden)}
        )
    return [plain(""), *[_note(line) for line in lines]]


# --- agenda times ----------------------------------------------------------------


def _times_cols(meeting: Meeting, d: DayClocks, pub: bool, span: bool, full: bool, floor: int, tf: Formatter) -> list[Col]:
    from rcmcli.cli.layout import Col

    slots = d.day.slots
    cols: list[Col] = []
    if pub:
        cols.append(Col("published", reference_short(meeting, tf), [_published(s, tf) if span else tf.hm(s.start) for s in slots], style="dim"))
    for k, g in enumerate(d.groups):
        cols.append(Col(f"group{k}", tf.offsets(g.offsets), [local_text(to_zone(s, g.places[0].tz), tf, span) for s in slots], justify="left"))
    labels = [_label(s, tf.lang) if full else short_label(s) for s in slots]
    cols.append(Col("slot", _("Title"), labels, shrink="words" if full else "none", floor=floor))
    return cols


def _reference_group(meeting: Meeting, d: DayClocks) -> Optional[int]:
    """The group whose clock is the published one all day: it replaces the published column."""
    from rcmcli.core.clocks import day_instants, offset_minutes

    ref = meeting.reference_zone
    if ref is None or ref.tz is None:
        return None
    want = tuple(offset_minutes(t, ref.tz) for t in day_instants(d.day.slots))
    return next((k for k, g in enumerate(d.groups) if g.offsets == want), None)


def times_terminal(v: Times):
    """One column per shared clock (``--by group``), or one row per capital (``--by capital``)."""
    if v.by == "capital":
        return times_by_capital(v.meeting, v.days, v.matrix, v.tf, v.width)
    return times_table(v.meeting, v.days, v.tf, v.width)


def times_table(meeting: Meeting, days: Sequence[DayClocks], tf: Formatter, width: int):
    """Slots as rows, clock groups as columns, one table per day, capitals in a legend."""
    from rich.console import Group

    from rcmcli.cli.layout import table
    from rcmcli.core.clocks import meeting_days, same_groups

    parts: list[Any] = [heading(meeting, tf.lang)]
    once = same_groups(days)
    for d in days:
        ref_group = _reference_group(meeting, d)
        chunks = _times_chunks(meeting, d, ref_group is None, width, tf, days)
        parts += [plain(""), plain(day_heading(d, len(meeting_days(meeting)), tf), "bold")]
        for cols, widths in chunks:
            t = table(cols, widths)
            for i, s in enumerate(d.day.slots):
                t.add_row(*[_times_cell(c, s, i, d) for c in cols])
            parts.append(t)
        if not once or d is days[-1]:
            parts += _groups_legend(meeting, d, ref_group, width, tf)
    parts += [plain(""), _note(marks_legend(tf))]
    return Group(*parts)


def _times_cell(c: Col, s: Slot, i: int, d: DayClocks):
    if c.key.startswith("group"):
        t = to_zone(s, d.groups[int(c.key[5:])].places[0].tz)
        return plain(c.cells[i], _style(t))
    dim = "dim" if s.kind == "break" else None
    return plain(c.cells[i], dim)


def _times_chunks(meeting: Meeting, d: DayClocks, pub: bool, width: int, tf: Formatter, days: Sequence[DayClocks]) -> list[tuple[list[Col], list[int]]]:
    """One table when it fits (full titles, then short labels, then start times only);
    else the clock groups split over several tables, each with the slot column."""
    from rcmcli.cli.layout import fit

    ladder = ((True, True, TITLE_MIN), (True, True, 20), (False, True, 20), (True, False, 1), (False, False, 1))
    for span, full, floor in ladder:
        cols = _times_cols(meeting, d, pub, span, full, floor, tf)
        # Every day's title column as wide as the widest day needs: the days line up.
        cols[-1].measure = [_label(s, tf.lang) if full else short_label(s) for other in days for s in other.day.slots]
        widths = fit(cols, width)
        if widths is not None:
            return [(cols, widths)]
    cols = _times_cols(meeting, d, pub, False, False, 1, tf)
    fixed = ([cols[0]] if pub else []), cols[-1]
    groups = cols[len(fixed[0]):-1]
    size = len(groups)
    while size > 1 and fit([*fixed[0], *groups[:size], fixed[1]], width) is None:
        size -= 1
    out = []
    for k in range(0, len(groups), size):
        part = [*fixed[0], *groups[k:k + size], fixed[1]]
        widths = fit(part, width) or [c.natural() for c in part]
        out.append((part, widths))
    return out


def _groups_legend(meeting: Meeting, d: DayClocks, ref_group: Optional[int], width: int, tf: Formatter) -> list[Any]:
    """The capitals of each clock group, and where the published times are."""
    from rcmcli.cli.layout import Col, fit, table

    ref = meeting.reference_zone
    labels = [tf.offsets(g.offsets) for g in d.groups]
    names = [tf.names([p.name for p in g.places]) for g in d.groups]
    cols = [Col("label", "", labels), Col("names", "", names, shrink="words")]
    widths = fit(cols, width) or [cols[0].natural(), max(1, width - cols[0].natural() - 2)]
    t = table(cols, widths, show_header=False)
    for label, listed in zip(labels, names):
        t.add_row(plain(label, "bold"), plain(listed))
    zone = ref.label if ref else "?"
    if ref_group is None:
        said = published_note(meeting, tf)
    else:
        said = _("Published in %(zone)s: the %(column)s column.") % {"zone": zone, "column": labels[ref_group]}
    return [plain(""), t, plain(""), _note(said)]


def times_by_capital(meeting: Meeting, days: Sequence[DayClocks], matrix: Sequence[PlaceRow], tf: Formatter, width: int):
    """Capitals as rows, the slots of each day as columns (split when too many to fit)."""
    from rich.console import Group

    from rcmcli.cli.layout import table
    from rcmcli.core.clocks import meeting_days

    parts: list[Any] = [heading(meeting, tf.lang)]
    start = 0
    for d in days:
        slots = d.day.slots
        times = [[r.times[start + i] for i in range(len(slots))] for r in matrix]
        start += len(slots)
        parts += [plain(""), plain(day_heading(d, len(meeting_days(meeting)), tf), "bold")]
        for cols, widths, picked in _capital_chunks(meeting, slots, matrix, times, width, tf):
            t = table(cols, widths)
            for j, row_times in enumerate(times):
                cells: list[Any] = [plain(cols[0].cells[j]), plain(cols[1].cells[j], "dim")]
                cells += [plain(c.cells[j], _style(row_times[i])) for c, i in zip(cols[2:], picked)]
                t.add_row(*cells)
            parts.append(t)
        parts += [plain(""), _slots_legend(meeting, slots, tf, width)]
    parts += [plain(""), _note(marks_legend(tf))]
    return Group(*parts)


def _slots_legend(meeting: Meeting, slots: Sequence[Slot], tf: Formatter, width: int):
    """What each slot column is: published start, its short name, its title."""
    from rcmcli.cli.layout import Col

    cols = [
        Col("start", reference_short(meeting, tf), [tf.hm(s.start) for s in slots]),
        Col("tiny", "", [tiny_label(s) for s in slots]),
        Col("title", _("Title"), [_label(s, tf.lang) for s in slots], shrink="words", floor=TITLE_MIN),
    ]
    return filled(cols, width)


def _capital_cols(meeting: Meeting, slots: Sequence[Slot], matrix: Sequence[PlaceRow], times: Sequence[Sequence[LocalTime]],
                  picked: Sequence[int], span: bool, tf: Formatter) -> list[Col]:
    from rcmcli.cli.layout import Col

    cols = [Col("capital", _("Capital"), [r.place.name for r in matrix], shrink="words", floor=8),
            Col("utc", "UTC", [_offsets_of(t, tf) for t in times])]
    for i in picked:
        s = slots[i]
        cols.append(Col(f"slot{i}", f"{tf.hm(s.start)}\n{tiny_label(s)}", [local_text(t[i], tf, span) for t in times]))
    return cols


def _capital_chunks(meeting: Meeting, slots: Sequence[Slot], matrix: Sequence[PlaceRow], times: Sequence[Sequence[LocalTime]], width: int, tf: Formatter):
    from rcmcli.cli.layout import fit

    every = list(range(len(slots)))
    for span in (True, False):
        cols = _capital_cols(meeting, slots, matrix, times, every, span, tf)
        widths = fit(cols, width)
        if widths is not None:
            return [(cols, widths, every)]
    size = len(slots)
    while size > 1 and fit(_capital_cols(meeting, slots, matrix, times, every[:size], False, tf), width) is None:
        size -= 1
    out = []
    for k in range(0, len(slots), size):
        picked = every[k:k + size]
        cols = _capital_cols(meeting, slots, matrix, times, picked, False, tf)
        out.append((cols, fit(cols, width) or [c.natural() for c in cols], picked))
    return out


# --- the catalog -------------------------------------------------------------------


def meetings_table(v: Listing):
    from rich.console import Group

    from rcmcli.cli.layout import Col, fit

    meetings, tf, width, broken = v.meetings, v.tf, v.width, v.broken
    lang = tf.lang
    broken_rows = [f"\u2716 {_('broken')}: {b.where()}: {b.message}" for b in broken]
    titles = [mt.title.get(lang) for mt in meetings] + broken_rows
    cols = [
        Col("id", _("Id"), [mt.id for mt in meetings] + [b.id for b in broken], shrink="fold", floor=12),
        Col("dates", _("Dates"), [_dates(mt, tf) for mt in meetings] + ["" for _b in broken], shrink="words", give=1),
        Col("zone", _("Reference zone"), [mt.reference_zone.label if mt.reference_zone else "" for mt in meetings] + ["" for _b in broken], shrink="words", floor=14, give=1),
        Col("title", _("Title"), titles, shrink="words", floor=TITLE_MIN, give=3),
    ]
    if fit(cols, width) is None:  # narrow: the reference zone gives way, the title never does
        cols = [cols[0], cols[1], cols[3]]
    return Group(plain(_("Meetings in the catalog"), "bold"), plain(""), filled(cols, width))


# --- the formats of each command (runtime.emit looks them up here) ----------------------

LIST_FORMATS = {"table": meetings_table, "json": meetings_json, "csv": meetings_csv, "markdown": meetings_markdown}
SHOW_FORMATS = {"table": show_table, "json": show_json, "csv": show_csv, "markdown": show_markdown}
TIMES_FORMATS = {"table": times_terminal, "json": times_json, "csv": times_csv, "markdown": times_markdown}
