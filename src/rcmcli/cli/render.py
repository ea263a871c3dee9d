"""Turning computed agenda data into output: Rich tables, JSON, Markdown, CSV.

The only module besides the CLI that knows about the terminal. Rich is imported
inside the functions that draw tables, so machine formats never pay for it.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from rcmcli.core.localtime import CapitalRow, LocalTime, SlotRow
from rcmcli.core.model import Country, Meeting, Slot
from rcmcli.core.timeparse import hhmm
from rcmcli.core.zones import Resolved, format_offset

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any, Sequence


def _shift(n: int) -> str:
    return "" if n == 0 else (f" (+{n})" if n > 0 else f" (\u2212{-n})")


def _span(t: LocalTime) -> str:
    return f"{t.start:%H:%M}\u2013{t.end:%H:%M}{_shift(t.day_shift)}"


def _published(slot: Slot) -> str:
    return f"{hhmm(slot.start)}\u2013{hhmm(slot.end)}"


def _label(slot: Slot, lang: str) -> str:
    return slot.label(lang)


def zone_heading(z: Resolved, meeting: Meeting) -> str:
    """What the user typed, then the zone it resolved to and its offset on the first day."""
    first = meeting.slots[0].starts if meeting.slots else None
    off = format_offset(first.astimezone(z.tz).utcoffset()) if first else ""
    lines = [z.query] if z.query and z.query != z.name and z.query != "local" else []
    lines.append(z.name)
    if off and off != z.name:
        lines.append(off)
    return "\n".join(lines)


# --- machine formats -----------------------------------------------------------


def meeting_header(meeting: Meeting, lang: str = "en") -> dict[str, Any]:
    ref = meeting.reference_zone
    return {
        "id": meeting.id,
        "title": meeting.title.get(lang),
        "dates": [str(meeting.first_day), str(meeting.last_day)],
        "reference_zone": {
            "label": ref.label if ref else None,
            "offset": ref.offset if ref else None,
            "zone": ref.zone if ref else None,
        },
        "path": meeting.path,
    }


def show_json(meeting: Meeting, zones: Sequence[Resolved], rows: Sequence[SlotRow], lang: str, note: str = "") -> str:
    out: dict[str, Any] = {"meeting": meeting_header(meeting, lang), "zones": [z.name for z in zones]}
    if note:
        out["selected"] = note
    slots = []
    for row in rows:
        s = row.slot
        first = row.times[0]
        item: dict[str, Any] = {
            "index": s.index,
            "date": str(s.date),
            "start": first.start.isoformat(),
            "end": first.end.isoformat(),
            "title": s.title.get(lang),
            "kind": s.kind,
            "session": s.session,
            "leads": s.leads,
            "published": {"start": hhmm(s.start), "end": hhmm(s.end)},
        }
        # One entry per --tz, in order: two spellings of one zone stay two entries.
        item["times"] = [
            {"zone": z.name, "query": z.query, "start": t.start.isoformat(), "end": t.end.isoformat()}
            for z, t in zip(zones, row.times)
        ]
        slots.append(item)
    out["slots"] = slots
    return json.dumps(out, ensure_ascii=False, indent=2)


def _table_cells(zones: Sequence[Resolved], rows: Sequence[SlotRow], lang: str) -> tuple[list[str], list[list[str]]]:
    head = ["Date", "Published", *[z.name for z in zones], "Kind", "Title"]
    body = [
        [str(r.slot.date), _published(r.slot), *[_span(t) for t in r.times], r.slot.kind, _label(r.slot, lang)]
        for r in rows
    ]
    return head, body


def show_csv(zones: Sequence[Resolved], rows: Sequence[SlotRow], lang: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    head = ["date", "published_start", "published_end"]
    for z in zones:
        head += [f"{z.name} start", f"{z.name} end"]
    w.writerow(head + ["kind", "session", "title"])
    for r in rows:
        cells = [str(r.slot.date), hhmm(r.slot.start), hhmm(r.slot.end)]
        for t in r.times:
            cells += [t.start.isoformat(), t.end.isoformat()]
        w.writerow(cells + [r.slot.kind, r.slot.session or "", r.slot.title.get(lang)])
    return buf.getvalue()


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def show_markdown(meeting: Meeting, zones: Sequence[Resolved], rows: Sequence[SlotRow], lang: str) -> str:
    head, body = _table_cells(zones, rows, lang)
    ref = meeting.reference_zone
    lines = [f"## {_md_escape(meeting.title.get(lang))}", "", f"Published in {ref.label if ref else '?'}.", ""]
    lines.append("| " + " | ".join(h.replace("\n", " ") for h in head) + " |")
    lines.append("|" + "---|" * len(head))
    lines += ["| " + " | ".join(_md_escape(c) for c in row) + " |" for row in body]
    return "\n".join(lines) + "\n"


def times_json(meeting: Meeting, matrix: Sequence[CapitalRow], lang: str) -> str:
    out = {
        "meeting": meeting_header(meeting, lang),
        "slots": [
            {"index": s.index, "date": str(s.date), "title": s.title.get(lang), "kind": s.kind,
             "published": {"start": hhmm(s.start), "end": hhmm(s.end)}}
            for s in meeting.slots
        ],
        "capitals": [
            {
                "country": r.country.code,
                "name": r.country.name.get(lang),
                "capital": r.country.capital.get(lang),
                "zone": r.country.zone,
                "conferences": list(r.conferences),
                "offset": r.offset,
                "days": [
                    {"start": t.start.isoformat(), "end": t.end.isoformat(), "day_shift": t.day_shift,
                     "night": t.night, "outside_working_hours": t.outside_work}
                    for t in r.days
                ],
                "times": [
                    {"start": t.start.isoformat(), "end": t.end.isoformat(), "day_shift": t.day_shift,
                     "night": t.night, "outside_working_hours": t.outside_work}
                    for t in r.times
                ],
            }
            for r in matrix
        ],
    }
    return json.dumps(out, ensure_ascii=False, indent=2)


def members_json(rows: Sequence[tuple[Country, tuple[str, ...], str]], lang: str) -> str:
    return json.dumps(
        [
            {"country": c.code, "iso3": c.iso3, "name": c.name.get(lang), "capital": c.capital.get(lang),
             "zone": c.zone, "conferences": list(orgs), "utc_offset_now": off}
            for c, orgs, off in rows
        ],
        ensure_ascii=False,
        indent=2,
    )


class Broken:
    """A catalog file that cannot be shown: its id (the file name), path and first problem."""

    __slots__ = ("id", "path", "pos", "message")

    def __init__(self, id: str, path: str, pos: Any, message: str) -> None:
        self.id, self.path, self.pos, self.message = id, path, pos, message

    def where(self) -> str:
        return f"{self.path}:{self.pos.line}:{self.pos.column}" if self.pos else self.path


def meetings_json(meetings: Sequence[Meeting], lang: str, broken: Sequence[Broken] = ()) -> str:
    out: list[dict[str, Any]] = [{**meeting_header(mt, lang), "status": "ok"} for mt in meetings]
    out += [
        {"id": b.id, "path": b.path, "status": "broken",
         "problem": {"line": b.pos.line if b.pos else None, "column": b.pos.column if b.pos else None, "message": b.message}}
        for b in broken
    ]
    return json.dumps(out, ensure_ascii=False, indent=2)


# --- terminal tables -----------------------------------------------------------


def console(stderr: bool = False, no_color: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, no_color=no_color or None, highlight=False, soft_wrap=False)


def show_table(meeting: Meeting, zones: Sequence[Resolved], rows: Sequence[SlotRow], lang: str, note: str = ""):
    from rich.table import Table

    ref = meeting.reference_zone
    caption = f"Published in {ref.label}" if ref else ""
    if note:
        caption += f" \u2022 showing {note}"
    t = Table(title=f"{meeting.title.get(lang)}\n[dim]{meeting.id}[/dim]", caption=caption, show_lines=False)
    t.add_column("Date", no_wrap=True)
    t.add_column(f"As published\n{ref.label if ref else ''}", no_wrap=True, style="dim")
    for z in zones:
        t.add_column(zone_heading(z, meeting), no_wrap=True, style="bold cyan")
    t.add_column("Kind", style="magenta")
    t.add_column("Title")
    last_date = None
    for r in rows:
        date_cell = str(r.slot.date) if r.slot.date != last_date else ""
        last_date = r.slot.date
        style = "dim" if r.slot.kind == "break" else None
        t.add_row(date_cell, _published(r.slot), *[_span(x) for x in r.times], r.slot.kind, _label(r.slot, lang), style=style)
    return t


def times_table(meeting: Meeting, matrix: Sequence[CapitalRow], lang: str):
    from rich.table import Table
    from rich.text import Text as RText

    ref = meeting.reference_zone
    t = Table(
        title=f"{meeting.title.get(lang)}\n[dim]{meeting.id} \u2022 published in {ref.label if ref else '?'}[/dim]",
        caption="[yellow]yellow[/yellow]: outside 08:00\u201318:00 local \u2022 [red]red \u263e[/red]: at night (22:00\u201306:00) \u2022 (+1)/(\u22121): local day differs",
    )
    t.add_column("Capital", no_wrap=True)
    t.add_column("Conf.", no_wrap=True)
    t.add_column("UTC", no_wrap=True, style="dim")
    for n, day in enumerate((d for d in meeting.days if d.slots), 1):
        t.add_column(f"{day.date:%d %b}\nDay {n}\nwhole day", no_wrap=True, justify="center", style="bold")
    for s in meeting.slots:
        head = f"{s.date:%d %b}\n{hhmm(s.start)}\n{_short(s, lang)}"
        t.add_column(head, no_wrap=True, justify="center")
    for r in matrix:
        cells = []
        for lt in (*r.days, *r.times):
            text = f"{lt.start:%H:%M}\u2013{lt.end:%H:%M}{_shift(lt.day_shift)}"
            if lt.night:
                cells.append(RText(text + " \u263e", style="bold red"))
            elif lt.outside_work:
                cells.append(RText(text, style="yellow"))
            else:
                cells.append(RText(text))
        name = f"{r.country.capital.get(lang)} ({r.country.code})"
        t.add_row(name, "/".join(c.upper() for c in r.conferences), r.offset.replace("UTC", ""), *cells)
    return t


_SHORT = {"opening": "Opening", "presentation": "Present.", "session": "Session", "discussion": "Discuss.",
          "break": "Break", "closing": "Closing", "other": "Other"}


def _short(slot: Slot, lang: str) -> str:
    if slot.kind == "session" and slot.session:
        return f"Session {slot.session}"
    return _SHORT.get(slot.kind, slot.kind)


def members_table(rows: Sequence[tuple[Country, tuple[str, ...], str]], lang: str, now: datetime):
    from rich.table import Table

    t = Table(title=f"Member states \u2022 UTC offsets at {now:%Y-%m-%d %H:%M} UTC")
    for col in ("Code", "Country", "Capital", "Zone", "Conf.", "UTC offset now"):
        t.add_column(col, no_wrap=col != "Country")
    for c, orgs, off in rows:
        t.add_row(c.code, c.name.get(lang), c.capital.get(lang), c.zone, "/".join(o.upper() for o in orgs), off)
    return t


def meetings_table(meetings: Sequence[Meeting], lang: str, broken: Sequence[Broken] = ()):
    from rich.table import Table

    t = Table(title="Meetings in the catalog")
    for col in ("Id", "Dates", "Reference zone", "Title"):
        t.add_column(col, no_wrap=col != "Title")
    for mt in meetings:
        dates = str(mt.first_day) if mt.first_day == mt.last_day else f"{mt.first_day} \u2192 {mt.last_day}"
        t.add_row(mt.id, dates, mt.reference_zone.label if mt.reference_zone else "", mt.title.get(lang))
    for b in broken:
        t.add_row(b.id, "\u2716 broken", "", f"{b.where()}: {b.message}", style="red")
    return t
