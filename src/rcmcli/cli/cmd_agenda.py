"""``rcm agenda list``, ``show``, ``times``, ``validate`` and ``ics``: reading the catalog.

Command functions only (docs/architecture.md): parse what was typed, one core call,
hand a view record to the formats of :mod:`rcmcli.cli.view_agenda` (the validator's are
:mod:`rcmcli.lint.formats`, the calendar's :mod:`rcmcli.export.ics`), return an exit code.
Heavy modules are imported inside the functions: the registry imports this module on every run.
"""

from __future__ import annotations

import os
import sys
from datetime import date

from rcmcli.cli import runtime
from rcmcli.core.errors import one_line
from rcmcli.i18n import _

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from pathlib import Path

    from rcmcli.cli.runtime import Globals
    from rcmcli.core.catalog import Catalog
    from rcmcli.core.model import Meeting


def agenda_list(opts: Globals, fmt: str = "table", lang: str = "en") -> int:
    """Every meeting of the catalog; one that cannot be shown is listed as broken, with its first problem."""
    from rcmcli.cli import view_agenda
    from rcmcli.core.catalog import stem
    from rcmcli.core.errors import InvalidDocument

    catalog = runtime.catalog(opts)
    good, broken = [], []
    documents = catalog.documents()
    if not documents:  # an empty table would not say where rcm looked
        from rcmcli.core.catalog import no_meetings

        sys.stderr.write(f"rcm: {no_meetings(catalog.folder)}\n")
        if fmt == "table":
            return 0
    for loaded in documents:
        try:
            good.append(runtime.usable(catalog, loaded.path))
        except InvalidDocument as exc:
            broken.append(view_agenda.Broken(stem(loaded.path), loaded.path, exc.pos, exc.message))
    good.sort(key=lambda mt: (mt.first_day or date.min, mt.id))
    runtime.emit(opts, view_agenda.LIST_FORMATS, fmt, view_agenda.Listing(good, broken, lang, opts.tf, runtime.width()))
    return 0


def agenda_show(opts: Globals, meeting: str | None = None, tz: list[str] | None = None, fmt: str = "table", lang: str = "en") -> int:
    from rcmcli.cli import view_agenda
    from rcmcli.core import localtime as agenda

    catalog = runtime.catalog(opts)
    mt, note = runtime.pick(catalog, meeting)
    zones = _zones(catalog, list(tz or []), mt)
    rows = agenda.slot_rows(mt, zones)
    runtime.note("showing", mt, note)
    runtime.emit(opts, view_agenda.SHOW_FORMATS, fmt, view_agenda.Show(mt, zones, rows, lang, opts.tf, runtime.width(), note, bool(tz)))
    return 0


def agenda_times(
    opts: Globals,
    meeting: str | None = None,
    org: str | None = None,
    by: str = "group",
    day: int | None = None,
    on: date | None = None,
    capital: list[str] | None = None,
    fmt: str = "table",
    lang: str = "en",
) -> int:
    from rcmcli.cli import view_agenda
    from rcmcli.core import clocks

    catalog = runtime.catalog(opts)
    mt, note = runtime.pick(catalog, meeting)
    days = clocks.pick_days(mt, day, on)
    places = runtime.places(catalog, mt, org, capital, lang)
    grouped = clocks.day_clocks(days, places)
    matrix = clocks.place_matrix(days, places)
    slots = [s for _, d in days for s in d.slots]
    runtime.note("showing", mt, note)
    runtime.emit(opts, view_agenda.TIMES_FORMATS, fmt, view_agenda.Times(mt, slots, matrix, grouped, by, lang, opts.tf, runtime.width()))
    return 0


def _split(value: str | None) -> list[str] | None:
    return [x for x in (value or "").split(",") if x.strip()] or None


def agenda_validate(
    opts: Globals,
    targets: list[str] | None = None,
    fmt: str = "auto",
    strict: bool = False,
    select: str | None = None,
    ignore: str | None = None,
    config: str | None = None,
    no_suppress: bool = False,
) -> int:
    from rcmcli.core import settings
    from rcmcli.lint import config as lint_config
    from rcmcli.lint import engine, formats

    cfg = lint_config.from_settings(settings.current())  # run() read --config
    catalog = runtime.catalog(opts)
    report = engine.run(list(targets or []), catalog, cfg, _split(select), _split(ignore), not no_suppress)
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    color = fmt == "text" and sys.stdout.isatty() and not opts.no_color and "NO_COLOR" not in os.environ
    # Wrapped to a terminal, or to COLUMNS when it is set; piped without it, one finding per line.
    width = runtime.width() if fmt == "text" and (sys.stdout.isatty() or os.environ.get("COLUMNS")) else None
    runtime.emit(opts, formats.FORMATS, fmt, formats.Findings(report, color, width))
    failed = report.errors or (strict and report.warnings)
    return 1 if failed else 0


def agenda_ics(
    opts: Globals,
    meeting: str | None = None,
    output: Path | None = None,
    include_breaks: bool = False,
    lang: str = "en",
    previous: Path | None = None,
) -> int:
    from pathlib import Path

    from rcmcli.export import ics

    catalog = runtime.catalog(opts)
    options = ics.Options(lang, include_breaks, os.environ.get("SOURCE_DATE_EPOCH"), catalog.limits.max_bytes, opts.clock)
    mt, note = runtime.pick(catalog, meeting)
    counts: dict[str, int] = {}
    data = ics.export(mt, catalog.members, options, previous, counts)
    runtime.note("exporting", mt, note)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        ics.write_output(output, data, [Path(mt.path)])
    sys.stderr.write(ics_summary(counts, output) + "\n")
    return 0


def ics_summary(counts: dict[str, int], output: Path | None) -> str:
    """'rcm: wrote 9 events to plenary.ics (1 moved, 1 cancelled)', for stderr."""
    from rcmcli.i18n import N_, ngettext

    where = str(output) if output is not None else _("standard output")
    n = counts.get("events", 0)
    head = ngettext("rcm: wrote %(n)d event to %(where)s", "rcm: wrote %(n)d events to %(where)s", n) % {"n": n, "where": where}
    words = {"new": N_("%(n)d new"), "moved": N_("%(n)d moved"), "updated": N_("%(n)d updated"), "cancelled": N_("%(n)d cancelled")}
    parts = [_(words[k]) % {"n": counts[k]} for k in words if counts.get(k)]
    return head + (" (" + ", ".join(parts) + ")" if parts else "")


def _zones(catalog: Catalog, names: list[str], meeting: Meeting) -> list:
    from rcmcli.core import zones as z

    if not names:
        ref = meeting.reference_zone
        assert ref is not None and ref.tz is not None, "the loader resolves the reference zone"
        # TRANSLATORS: the zone a meeting's agenda is published in.
        return [z.Resolved(ref.label, ref.name, ref.tz, _("reference zone"))]
    resolved = [z.resolve(n, catalog.zone_aliases) for n in names]
    for r in resolved:
        if r.warning:  # a zone that is probably not the one meant: said, not refused
            sys.stderr.write(_("rcm: note: %(note)s") % {"note": one_line(r.warning)} + "\n")
    return resolved
