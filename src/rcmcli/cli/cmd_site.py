"""``rcm site build``: the agenda as a static web site (see docs/site.md).

Heavy modules (Jinja2, the exporters) are imported inside the function: the
registry imports this module on every run.
"""

from __future__ import annotations

import os
import sys

from rcmcli.cli.commands import Globals, _catalog

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Optional


def site_build(opts: Globals, meetings: Optional[list[str]] = None, output: Optional[Path] = None, base_url: Optional[str] = None) -> int:
    from rcmcli.cli import render
    from rcmcli.core import localtime
    from rcmcli.core.errors import UsageError
    from rcmcli.core.zones import Resolved
    from rcmcli.export import site
    from rcmcli.i18n import _

    if output is None:
        raise UsageError(_("give the folder to write with -o/--output"))
    catalog = _catalog(opts)
    chosen = _unique([catalog.find(m) for m in meetings] if meetings else catalog.meetings())

    def show_json(mt, lang: str) -> str:
        ref = mt.reference_zone
        zones = [Resolved(ref.label, ref.name, ref.tz, _("reference zone"))]
        return render.show_json(mt, zones, localtime.slot_rows(mt, zones), lang)

    spec = site.Site(chosen, catalog.members, site.check_base_url(base_url), show_json, os.environ.get("SOURCE_DATE_EPOCH"))
    written = site.build(spec, output)
    pages = sum(1 for name in written if name.endswith(".html"))
    sys.stderr.write(_("rcm: wrote %(pages)s pages and %(files)s files to %(folder)s") % {"pages": pages, "files": len(written), "folder": output} + "\n")
    return 0


def _unique(meetings: list) -> list:
    """Each meeting once; two different files with one id would write the same pages."""
    from pathlib import Path

    from rcmcli.core.errors import UsageError
    from rcmcli.i18n import _

    seen: dict = {}
    for mt in meetings:
        other = seen.setdefault(mt.id, mt)
        if other is not mt and Path(other.path).resolve() != Path(mt.path).resolve():
            raise UsageError(_("two meetings have the id '%(id)s': %(first)s and %(second)s") % {"id": mt.id, "first": other.path, "second": mt.path})
    return list(seen.values())
