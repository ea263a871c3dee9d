"""A draft agenda as YAML text: what ``rcm agenda new`` and ``rcm plan --draft`` write.

Pure: data in, text out. The text is built by hand (not by a YAML dumper) so that it
reads like the catalog's files, with quoted times and a comment saying what to
add before publishing. Every string goes out as a JSON string, which YAML reads
as the same double-quoted scalar.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, time

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class DraftSlot:
    date: date
    start: time
    end: time
    title: str
    crosses_midnight: bool = False


@dataclass(frozen=True)
class Draft:
    id: str
    title: str
    start: date
    end: date
    ref_label: str
    ref_offset: str | None  # a published offset such as GMT-6, or None with ref_zone
    ref_zone: str | None
    conferences: tuple[str, ...]
    slots: tuple[DraftSlot, ...] = field(default_factory=tuple)


def slug(text: str) -> str:
    """An id from a file name or title: lowercase letters, digits and '-'."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    out = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return out or "draft"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _t(t: time) -> str:
    return f'"{t:%H:%M}"'


def render(d: Draft) -> str:
    """The YAML text of a draft that ``rcm agenda validate`` accepts as it is."""
    lines = [
        "# Draft agenda written by rcm. Before publishing: add 'sources:' (the source",
        "# documents) and remove 'status: draft' (docs/decisions.md, Drafts).",
        f"id: {d.id}",
        "status: draft",
        f"title: {_q(d.title)}",
        f"conferences: [{', '.join(d.conferences)}]",
        "dates:",
        f"  start: {d.start.isoformat()}",
        f"  end: {d.end.isoformat()}",
        "reference_zone:",
        f"  label: {_q(d.ref_label)}",
    ]
    if d.ref_offset:
        lines.append(f"  offset: {_q(d.ref_offset)}")
    if d.ref_zone:
        lines.append(f"  zone: {_q(d.ref_zone)}")
    lines.append("days:")
    by_day: dict[date, list[DraftSlot]] = {}
    for s in d.slots:
        by_day.setdefault(s.date, []).append(s)
    for day in sorted(by_day):
        lines += [f"  - date: {day.isoformat()}", "    slots:"]
        for s in sorted(by_day[day], key=lambda x: x.start):
            lines += [f"      - start: {_t(s.start)}", f"        end: {_t(s.end)}", f"        title: {_q(s.title)}"]
            if s.crosses_midnight:
                lines.append("        crosses_midnight: true")
    return "\n".join(lines) + "\n"


def parse_slot(text: str, day: date) -> DraftSlot:
    """'09:00-10:00 Session 1: Opening' (title optionally quoted), on ``day`` unless the
    text starts with a date ('2026-12-04 09:00-10:00 ...'); ValueError with a reason.
    An end at or before the start means the slot crosses midnight."""
    from rcmcli.core.errors import quote
    from rcmcli.core.timeparse import parse_date, parse_time
    from rcmcli.i18n import _

    m = re.fullmatch(r"\s*(?:(\d{4}-\d{2}-\d{2})\s+)?(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*(.*?)\s*", text, re.S)
    if not m:
        raise ValueError(_("%(text)s is not a slot like '09:00-10:00 \"Session 1: Opening\"' (optionally after a date)") % {"text": quote(text)})
    if m[1]:
        day = parse_date(m[1])  # a real date, in the years an agenda may have (T001)
    start, end = parse_time(m[2]), parse_time(m[3])
    if start == end:
        raise ValueError(_("slot %(text)s ends when it starts") % {"text": quote(text)})
    title = _unquoted(m[4], text)
    if not title.strip():
        raise ValueError(_("slot %(text)s has no title") % {"text": quote(text)})
    return DraftSlot(day, start, end, title.strip(), crosses_midnight=end <= start)


def _unquoted(title: str, text: str) -> str:
    """A title as typed, or the inside of one quoted title: '"S" extra "T"' is refused,
    not read as the title 'S" extra "T'."""
    if title[:1] not in ("'", '"'):
        return title
    inner = title[1:-1]
    if len(title) < 2 or title[-1] != title[0] or title[0] in inner:
        from rcmcli.core.errors import quote
        from rcmcli.i18n import _

        raise ValueError(
            _("slot %(text)s: a title that starts with a quote must be one quoted text, like '09:00-10:00 \"Session 1: Opening\"'")
            % {"text": quote(text)}
        )
    return inner
