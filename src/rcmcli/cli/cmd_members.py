"""``rcm members``: the member states, their capitals, zones and UTC offsets.

Command function only (docs/architecture.md); its formats are in :mod:`rcmcli.cli.view_members`.
The registry imports this module on every run: it imports nothing heavy itself.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from rcmcli.cli import runtime

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:

    from rcmcli.cli.runtime import Globals


def members(opts: Globals, org: str = "all", on: date | None = None, fmt: str = "table", lang: str = "en") -> int:
    """Member states and their UTC offsets now, or on ``--date`` (at 12:00 UTC)."""
    from rcmcli.cli import view_members
    from rcmcli.core import clocks
    from rcmcli.core.zones import get_zone

    mem = runtime.catalog(opts).members
    now = datetime.now(timezone.utc).replace(second=0, microsecond=0)  # as shown: to the minute
    at = clocks.at_noon_utc(on) if on else now
    countries = mem.members_of(org)
    rows = [(c, tuple(mem.conference_of(c.code)), clocks.offset_minutes(at, get_zone(c.zone))) for c in countries]
    now_offsets = [clocks.offset_minutes(now, get_zone(c.zone)) for c in countries] if on else [off for _c, _o, off in rows]
    runtime.emit(opts, view_members.MEMBERS_FORMATS, fmt, view_members.Members(rows, now_offsets, at, not on, lang, opts.tf, runtime.width()))
    return 0
