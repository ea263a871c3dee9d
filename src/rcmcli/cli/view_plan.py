"""Showing a plan: ranked windows, periods, clock changes, the 24-hour grid.

Machine formats (JSON keys, CSV headers) are fixed English, with ISO dates and
24-hour ``HH:MM``; every sentence a person reads goes through :func:`rcmcli.i18n._`
with named placeholders, and its dates, times, offsets and durations through the
run's formatter (``View.tf``, :mod:`rcmcli.timefmt`). Rich is imported inside functions.

The command hands a :class:`View` to the formats of :data:`PLAN_FORMATS` (a plan) or
:data:`SERIES_FORMATS` (a ``--series``); the terminal's return a list of renderables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rcmcli.cli.layout import csv_text
from rcmcli.core import planner as P
from rcmcli.core.localtime import hhmm_wall as hm  # machine formats: 24-hour HH:MM
from rcmcli.export.showjson import as_json as json_text
from rcmcli.i18n import _, ngettext
from rcmcli.timefmt import Formatter, iso_utc, utc_offset

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any


@dataclass(frozen=True)
class View:
    plan: P.Plan
    ref_label: str
    top: int = 5
    tf: Formatter = Formatter()  # the run's dates and times (rcmcli.timefmt)
    picks: tuple[P.Pick, ...] = ()  # a --series: the meetings chosen (planner.series)
    width: int | None = None  # None: the terminal's


def _starts(tf: Formatter, w: P.Window) -> str:
    return tf.hm(w.first) if w.first == w.last else tf.span(w.first, w.last)


def _band(band: tuple[int, int]) -> str:
    """A band of hours in machine formats: '09:00-18:00'."""
    return f"{hm(band[0])}-{hm(band[1])}"


def window_sentence(view: View, day: P.DayPlan, w: P.Window) -> str:
    """'09:00–13:00 GMT-6 (15:00–19:00 UTC): all 23 capitals within 09:00–18:00'."""
    tf = view.tf
    a, b = day.utc(w)
    utc = tf.hm(a) if a == b else tf.span(a, b)
    work = tf.span(*view.plan.bands.work)
    if w.all_in_work:
        judged = ngettext("the capital within %(work)s", "all %(n)d capitals within %(work)s", w.total) % {"n": w.total, "work": work}
    else:
        judged = ngettext(
            "%(k)d of %(n)d capital within %(work)s", "%(k)d of %(n)d capitals within %(work)s", w.total
        ) % {"k": w.in_work, "n": w.total, "work": work}
        judged += _(", %(r)d within %(band)s, %(night)d at night; starting at %(best)s, nobody is more than %(worst)s outside working hours") % {
            "r": w.reasonable,
            "band": tf.span(*view.plan.bands.reasonable),
            "night": w.night,
            "best": tf.hm(w.best),
            "worst": tf.duration(w.worst),
        }
    return _("%(starts)s %(ref)s (%(utc)s UTC): %(judged)s") % {"starts": _starts(tf, w), "ref": view.ref_label, "utc": utc, "judged": judged}


def _names(places: tuple[P.Place, ...], attr: str = "country") -> str:
    return ", ".join(getattr(p, attr) for p in places)


def transition_sentence(t: P.Transition, tf: Formatter) -> str:
    """'Chile moves from UTC-3 to UTC-4 on April 4, 2027 at 00:00 local time (03:00 UTC)'."""
    local = t.local_before
    return ngettext(
        "%(countries)s moves from %(old)s to %(new)s on %(date)s at %(time)s local time (%(utc)s UTC)",
        "%(countries)s move from %(old)s to %(new)s on %(date)s at %(time)s local time (%(utc)s UTC)",
        len(t.places),
    ) % {
        "countries": _names(t.places),
        "old": tf.offset(t.old),
        "new": tf.offset(t.new),
        "date": tf.day(local.date(), "long"),
        "time": tf.hm(local),
        "utc": tf.hm(t.instant),
    }


def change_sentence(view: View, c: P.Change) -> str:
    """'From 2027-03-14: 07:00–13:00 GMT-6 (was 08:00–13:00), because Canada moves ...'."""
    tf = view.tf
    why = "; ".join(transition_sentence(t, tf) for t in c.transitions) or _("no clock change")
    return _("from %(date)s: %(after)s %(ref)s (until then %(before)s), because %(why)s") % {
        "date": tf.day(c.date, "long"),
        "after": _starts(tf, c.after),
        "ref": view.ref_label,
        "before": _starts(tf, c.before),
        "why": why,
    }


def draft_title(meeting_id: str) -> str:
    return _("Draft agenda %(id)s") % {"id": meeting_id}


def wrote_draft(path: str, day: date, start: int, end: int, ref: str, tf: Formatter) -> str:
    return _("rcm: wrote the draft %(path)s: %(date)s %(start)s\u2013%(end)s %(ref)s") % {
        "path": path,
        "date": tf.day(day, "long"),
        "start": tf.hm(start),
        "end": tf.hm(end),
        "ref": ref,
    }


def wrote_file(path: str) -> str:
    return _("rcm: wrote %(path)s") % {"path": path}


# --- machine formats -----------------------------------------------------------------


def _window_json(day: P.DayPlan, w: P.Window) -> dict[str, Any]:
    a, b = day.utc(w)
    return {
        "rank": w.rank,
        "first": hm(w.first),
        "last": hm(w.last),
        "first_utc": iso_utc(a),
        "last_utc": iso_utc(b),
        "all_in_work": w.all_in_work,
        "in_work": w.in_work,
        "reasonable": w.reasonable,
        "night": w.night,
        "total": w.total,
        "worst_minutes": w.worst,
        "best_start": hm(w.best),
    }


def _span_json(day: P.DayPlan, w: P.Window) -> dict[str, str]:
    a, b = day.utc(w)
    return {"first": hm(w.first), "last": hm(w.last), "first_utc": iso_utc(a), "last_utc": iso_utc(b)}


def _transition_json(t: P.Transition) -> dict[str, Any]:
    return {
        "utc": iso_utc(t.instant),
        "local_before": t.local_before.strftime("%Y-%m-%dT%H:%M"),
        "from": utc_offset(t.old),
        "to": utc_offset(t.new),
        "countries": [p.code for p in t.places],
        "capitals": [p.capital for p in t.places],
    }


def as_json(view: View) -> str:
    plan = view.plan
    bands = plan.bands
    out: dict[str, Any] = {
        "reference": view.ref_label,
        "duration_minutes": plan.duration,
        "hours": {
            "work": _band(bands.work),
            "reasonable": _band(bands.reasonable),
            "night": _band(bands.night),
            "lunch": _band(bands.lunch) if bands.lunch else None,
        },
        "capitals": [{"code": p.code, "capital": p.capital, "country": p.country, "zone": p.zone} for p in plan.places],
        "days": [
            {
                "date": d.date.isoformat(),
                "best": _window_json(d, d.best),
                "all_in_work": [_span_json(d, w) for w in d.all_in_work],
                "windows": [_window_json(d, w) for w in d.windows[: view.top]],  # the --top best
            }
            for d in plan.days
        ],
        "periods": [
            {"from": a.date.isoformat(), "to": b.date.isoformat(), "best": _span_json(a, a.best), "all_in_work": [_span_json(a, w) for w in a.all_in_work]}
            for a, b in P.periods(plan.days)
        ],
        "clock_changes": [_transition_json(t) for t in plan.transitions],
        "best_window_changes": [
            {
                "date": c.date.isoformat(),
                "before": {"first": hm(c.before.first), "last": hm(c.before.last)},
                "after": {"first": hm(c.after.first), "last": hm(c.after.last)},
                "because": [iso_utc(t.instant) for t in c.transitions],
            }
            for c in plan.changes
        ],
    }
    return json_text(out)


CSV_HEADER = ["date", "rank", "first", "last", "first_utc", "last_utc", "all_in_work", "in_work", "reasonable", "night", "total", "worst_minutes", "best_start"]


def as_csv(view: View) -> str:
    rows = []
    for d in view.plan.days:
        for w in d.windows:
            j = _window_json(d, w)
            rows.append([d.date.isoformat(), *(str(j[k]).lower() if isinstance(j[k], bool) else j[k] for k in CSV_HEADER[1:])])
    return csv_text(CSV_HEADER, rows).rstrip("\n")


def as_markdown(view: View) -> str:
    plan, tf = view.plan, view.tf
    lines = [f"# {_heading(view)}", ""]
    for a, b in P.periods(plan.days):
        lines.append(f"## {_period(tf, a, b)}")
        lines.append("")
        if b.date != a.date:
            lines += [_ranked_as(tf, a), ""]
        lines.append(f"| {_('Rank')} | {_('Starts')} ({view.ref_label}) | UTC | {_('In working hours')} | {_('Reasonable')} | {_('Night')} | {_('Worst')} |")
        lines.append("|---:|---|---|---:|---:|---:|---|")
        for w in a.windows[: view.top]:
            u1, u2 = a.utc(w)
            utc = tf.hm(u1) if u1 == u2 else tf.span(u1, u2)
            worst = tf.duration(w.worst) if w.worst else "\u2014"
            lines.append(f"| {w.rank} | {_starts(tf, w)} | {utc} | {w.in_work}/{w.total} | {w.reasonable}/{w.total} | {w.night} | {worst} |")
        lines.append("")
    lines += _changes_lines(view, "- ")
    return "\n".join(lines).rstrip("\n")


# --- for people ----------------------------------------------------------------------


def _heading(view: View) -> str:
    plan = view.plan
    dates = view.tf.range(plan.days[0].date, plan.days[-1].date)
    return ngettext(
        "Best %(duration)s windows, %(dates)s, %(n)d capital, reference %(ref)s",
        "Best %(duration)s windows, %(dates)s, %(n)d capitals, reference %(ref)s",
        len(plan.places),
    ) % {"duration": view.tf.duration(plan.duration), "dates": dates, "n": len(plan.places), "ref": view.ref_label}


def _period(tf: Formatter, a: P.DayPlan, b: P.DayPlan) -> str:
    return tf.range(a.date, b.date)


def _ranked_as(tf: Formatter, a: P.DayPlan) -> str:
    return _("Ranked as on %(date)s; the best window is the same on every date of the period.") % {"date": tf.day(a.date, "long")}


def _changes_lines(view: View, bullet: str) -> list[str]:
    """The clock changes in the range, then the dates where the best window changes."""
    plan = view.plan
    if not plan.transitions:
        return []
    lines = [_("Clock changes in the range:")]
    moved = {t.utc for c in plan.changes for t in c.transitions}
    for t in plan.transitions:
        effect = _("the best window changes") if t.utc in moved else _("the best window stays")
        lines.append(f"{bullet}{transition_sentence(t, view.tf)}; {effect}")
    if plan.changes:
        lines += ["", _("The best window changes:")]
        lines += [f"{bullet}{change_sentence(view, c)}" for c in plan.changes]
    return lines


GRID_MARKS = {"work": "+", "reasonable": "~", "outside": ".", "night": "*"}
GRID_STYLES = {"work": "black on green", "reasonable": "black on yellow", "outside": "black on dark_orange", "night": "white on blue"}


def grid_lines(view: View, day: P.DayPlan) -> list[tuple[str, list[tuple[str, str]]]]:
    """The grid as (label, [(cell text, judgement)]) rows: the reference hours, one row
    per clock group, and the best window's marks. 3 characters a cell: 80 columns."""
    rows = P.grid(view.plan, day)
    labels = [view.tf.offset(r.offsets[0]) + ("*" if len(set(r.offsets)) > 1 else "") for r in rows]
    ref = view.ref_label if len(view.ref_label) <= 6 else _("ref")
    width = max(len(x) for x in [ref, *labels, _("best")]) + 1
    out = [(ref.ljust(width), [(f"{h:02d} ", "") for h in range(24)])]
    for label, row in zip(labels, rows):
        out.append((label.ljust(width), [(f"{hm(m)[:2]}{GRID_MARKS[j]}", j) for m, j in row.cells]))
    marks = P.in_window(day, day.best, view.plan.duration)
    out.append((_("best").ljust(width), [("===" if on else "   ", "best" if on else "") for on in marks]))
    return out


def grid_legend(view: View, day: P.DayPlan) -> list[str]:
    rows = P.grid(view.plan, day)
    bands, tf = view.plan.bands, view.tf
    lines = [
        _("+ work %(work)s, ~ reasonable %(reasonable)s, . early/late, * night %(night)s") % {
            "work": tf.span(*bands.work),
            "reasonable": tf.span(*bands.reasonable),
            "night": tf.span(*bands.night),
        }
    ]
    if view.ref_label != _("ref") and len(view.ref_label) > 6:
        lines.append(_("ref = %(ref)s") % {"ref": view.ref_label})
    for r in rows:
        label = tf.offset(r.offsets[0]) + ("*" if len(set(r.offsets)) > 1 else "")
        lines.append(f"{label}: {_names(r.places, 'capital')}")
    if any(len(set(r.offsets)) > 1 for r in rows):
        lines.append(_("* the clock changes during this day"))
    return lines


def _grid_day(view: View, a: P.DayPlan, b: P.DayPlan) -> P.DayPlan:
    """The day of a period to draw: its first, unless a clock changes during it."""
    days = [d for d in view.plan.days if a.date <= d.date <= b.date][:3]
    for d in days:
        if all(len(set(r.offsets)) == 1 for r in P.grid(view.plan, d)):
            return d
    return a


def _hanging(rows: list[tuple[str, str, str]]) -> Any:
    """Lines with a marker column, wrapped lines indented under their text."""
    from rich.table import Table

    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True)
    table.add_column()
    for mark, text, style in rows:
        table.add_row(mark, text, style=style)
    return table


def as_terminal(view: View) -> list[Any]:
    """Renderables for the terminal: heading, periods with their ranked windows and grid."""
    from rich.text import Text

    plan, tf = view.plan, view.tf
    parts: list[Any] = [Text(_heading(view), style="bold")]
    for a, b in P.periods(plan.days):
        parts.append(Text(""))
        parts.append(Text(_period(tf, a, b), style="bold underline"))
        ranked = [(f"{w.rank}.", window_sentence(view, a, w), "green" if w.all_in_work else "") for w in a.windows[: view.top]]
        parts.append(_hanging(ranked))
        if b.date != a.date:
            parts.append(Text(_ranked_as(tf, a), style="dim"))
        shown = _grid_day(view, a, b)
        parts.append(Text(""))
        if shown.date != a.date:
            parts.append(Text(_("Grid of %(date)s") % {"date": tf.day(shown.date, "long")}, style="dim"))
        parts.append(_grid_text(view, shown))
        for line in grid_legend(view, shown):
            parts.append(Text(line, style="dim"))
    changes = _changes_lines(view, "")
    for line in changes:
        if line.endswith(":") or not line:  # a heading, or the gap before one
            parts.append(Text(line))
        else:
            parts.append(_hanging([("\u2022", line, "")]))
    if changes:
        parts.insert(len(parts) - len(changes), Text(""))
    return parts


def _grid_text(view: View, day: P.DayPlan) -> Any:
    """The grid with a style per cell; the console drops colour when it should
    (--no-color, NO_COLOR, not a terminal), the marks stay."""
    from rich.text import Text

    text = Text(no_wrap=True)
    for i, (label, cells) in enumerate(grid_lines(view, day)):
        if i:
            text.append("\n")
        text.append(label, style="bold")
        for cell, judged in cells:
            style = GRID_STYLES.get(judged, "bold" if judged == "best" else "")
            text.append(cell, style=style)
    return text


# --- a series ------------------------------------------------------------------------


def _series_heading(view: View, picks: tuple[P.Pick, ...]) -> str:
    return ngettext(
        "Series of %(n)d meeting of %(duration)s, reference %(ref)s, %(k)d capitals",
        "Series of %(n)d meetings of %(duration)s, reference %(ref)s, %(k)d capitals",
        len(picks),
    ) % {"n": len(picks), "duration": view.tf.duration(view.plan.duration), "ref": view.ref_label, "k": len(view.plan.places)}


def _burdens(view: View, minutes: tuple[int, ...]) -> str:
    parts = [f"{p.capital} {view.tf.duration(m)}" for p, m in zip(view.plan.places, minutes) if m]
    return ", ".join(parts) if parts else _("nobody")


def _pick_sentence(view: View, pick: P.Pick) -> str:
    tf = view.tf
    return _("%(date)s %(start)s\u2013%(end)s %(ref)s (%(utc)s UTC); outside working hours: %(who)s") % {
        "date": tf.day(pick.day.date, "long"),
        "start": tf.hm(pick.start),
        "end": tf.hm(pick.start + view.plan.duration),
        "ref": view.ref_label,
        "utc": tf.hm(pick.utc),
        "who": _burdens(view, pick.burden),
    }


def _series_total(view: View, picks: tuple[P.Pick, ...]) -> str:
    return _("Outside working hours over the series: %(who)s") % {"who": _burdens(view, picks[-1].total if picks else ())}


def series_terminal(view: View) -> list[Any]:
    picks = view.picks
    from rich.text import Text

    rows = [(f"{i}.", _pick_sentence(view, p), "") for i, p in enumerate(picks, 1)]
    return [Text(_series_heading(view, picks), style="bold"), _hanging(rows), Text(""), Text(_series_total(view, picks))]


def series_markdown(view: View) -> str:
    picks = view.picks
    lines = [f"# {_series_heading(view, picks)}", ""]
    lines += [f"{i}. {_pick_sentence(view, p)}" for i, p in enumerate(picks, 1)]
    return "\n".join([*lines, "", _series_total(view, picks)])


def series_json(view: View) -> str:
    picks = view.picks
    codes = [p.code for p in view.plan.places]
    out = {
        "reference": view.ref_label,
        "duration_minutes": view.plan.duration,
        "meetings": [
            {
                "date": p.day.date.isoformat(),
                "start": hm(p.start),
                "end": hm(p.start + view.plan.duration),
                "start_utc": iso_utc(p.utc),
                "outside_minutes": dict(zip(codes, p.burden)),
            }
            for p in picks
        ],
        "total_outside_minutes": dict(zip(codes, picks[-1].total if picks else [0] * len(codes))),
    }
    return json_text(out)


def series_csv(view: View) -> str:
    picks = view.picks
    head = ["date", "start", "end", "start_utc", *[p.code for p in view.plan.places]]
    rows = [[p.day.date.isoformat(), hm(p.start), hm(p.start + view.plan.duration), iso_utc(p.utc), *p.burden] for p in picks]
    return csv_text(head, rows).rstrip("\n")


# --- the formats (runtime.emit looks them up here) ----------------------------------------

PLAN_FORMATS = {"table": as_terminal, "json": as_json, "csv": as_csv, "markdown": as_markdown}
SERIES_FORMATS = {"table": series_terminal, "json": series_json, "csv": series_csv, "markdown": series_markdown}
