"""The JSON of ``rcm agenda show``: what the command prints and the site publishes.

One writer for both, below ``cli``: the site (:mod:`rcmcli.export.site`) imports it
instead of being handed a function by the command layer. On the read path of
``agenda show -f json``: it imports nothing but ``json`` (when it writes) and
``typing`` never.
"""

from __future__ import annotations

from rcmcli.core.timeparse import hhmm

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from rcmcli.core.localtime import SlotRow
    from rcmcli.core.model import Meeting
    from rcmcli.core.zones import Resolved


def as_json(value: Any) -> str:
    """Machine output: indented JSON, non-ASCII kept (json is imported only for it)."""
    import json

    return json.dumps(value, ensure_ascii=False, indent=2)


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
    return as_json(out)


def reference_json(meeting: Meeting, lang: str) -> str:
    """``rcm agenda show MEETING -f json``: the slots in the meeting's reference zone."""
    from rcmcli.core.localtime import slot_rows
    from rcmcli.core.zones import Resolved
    from rcmcli.i18n import _

    ref = meeting.reference_zone
    assert ref is not None  # a usable meeting has one (lint.integrity)
    zones = [Resolved(ref.label, ref.name, ref.tz, _("reference zone"))]
    return show_json(meeting, zones, slot_rows(meeting, zones), lang)
