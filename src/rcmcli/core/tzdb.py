"""Which tz database rcm reads, where its files are, and which release it is.

By default zones come from the ``tzdata`` package, not from the host's
``/usr/share/zoneinfo``: the host's copy can be years old, and the same agenda must
give the same answer on every machine. ``RCM_TZDB=system`` (or ``--tzdb system``)
switches to the host's database.

Kept apart from :mod:`rcmcli.core.zones` so that ``rcm --version`` and the set-up of
every command import only this (no dataclasses, no regular expressions).
"""

from __future__ import annotations

import os

from rcmcli.core.errors import UsageError, quote
from rcmcli.i18n import _

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Callable

DATABASES = ("tzdata", "system")
SYSTEM_DIRS = ("/usr/share/zoneinfo", "/usr/lib/zoneinfo", "/usr/share/lib/zoneinfo", "/etc/zoneinfo")

_SOURCE = {"name": os.environ.get("RCM_TZDB", "tzdata")}
_ON_CHANGE: list[Callable[[], None]] = []  # what must forget the zones of the other database


def use_database(name: str) -> None:
    """Select ``tzdata`` (the package, default) or ``system`` (the host's files)."""
    if name not in DATABASES:
        raise UsageError(_("unknown tz database %(name)s; use 'tzdata' or 'system'") % {"name": quote(name)})
    if name != _SOURCE["name"]:
        _SOURCE["name"] = name
        for forget in _ON_CHANGE:
            forget()


def on_change(forget: Callable[[], None]) -> None:
    """Call ``forget`` whenever another database is selected (caches of zones read from it)."""
    _ON_CHANGE.append(forget)


def database() -> str:
    return _SOURCE["name"]


def system_dir() -> str:
    """The host's zoneinfo folder (paths are strings here: pathlib costs 5 ms to import)."""
    for d in SYSTEM_DIRS:
        if os.path.exists(os.path.join(d, "UTC")):
            return d
    raise UsageError(_("no system tz database found; use the bundled one (--tzdb tzdata)"))


def tzdata_dir() -> str:
    """The tzdata package's folder, opened directly: importlib.resources costs more to
    import than the zone files cost to read (tzdata ships as plain files in a wheel)."""
    import tzdata

    return os.path.dirname(tzdata.__file__)


def version() -> str:
    """The IANA release of the selected database, e.g. '2026a'."""
    if _SOURCE["name"] == "system":
        try:
            with open(os.path.join(system_dir(), "tzdata.zi"), encoding="utf-8") as f:
                first = f.readline()
            return first.split()[-1] + " (system)"
        except (OSError, IndexError):
            return "unknown (system)"
    import tzdata

    return f"{tzdata.IANA_VERSION} (tzdata {tzdata.__version__})"
