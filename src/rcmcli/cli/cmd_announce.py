"""``rcm agenda announce``: the command. Its words are in :mod:`rcmcli.cli.view_announce`.

The command registry imports this module on every run: it imports nothing itself.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Optional

    from rcmcli.cli.runtime import Globals


def agenda_announce(
    opts: Globals,
    meeting: Optional[str] = None,
    capital: Optional[list[str]] = None,
    slot: bool = False,
    clock: Optional[str] = None,
    fmt: str = "text",
    lang: str = "en",
) -> int:
    """Each day's (or slot's) start, capitals grouped by local time; see :mod:`rcmcli.cli.view_announce`."""
    import sys

    from rcmcli.cli import runtime, view_announce
    from rcmcli.core import clocks

    catalog = runtime.catalog(opts)
    mt, note = runtime.pick(catalog, meeting)
    places = runtime.places(catalog, mt, None, capital, lang)
    items = clocks.announcements(mt, places, per_slot=slot)
    runtime.note("announcing", mt, note)
    tf = opts.tf.with_clock(clock)  # the command's own --clock, else the run's
    width = runtime.width() if sys.stdout.isatty() else 0  # piped: one line per time, to paste
    runtime.emit(opts, view_announce.ANNOUNCE_FORMATS, fmt, view_announce.Announce(mt, items, lang, tf, width))
    return 0
