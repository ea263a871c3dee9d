"""``rcm plan`` and ``rcm agenda new``: choosing when to meet, and starting the draft.

Command functions only: parse what was typed, call the core
(:mod:`rcmcli.core.planner`, :mod:`rcmcli.core.draft`), render
(:mod:`rcmcli.cli.view_plan`), write files. Heavy modules are imported inside
the functions: the registry imports this module on every run.
"""

from __future__ import annotations

import sys

from rcmcli.cli import runtime
from rcmcli.cli.runtime import Globals
from rcmcli.core.errors import UsageError, quote


def _(text: str) -> str:
    """rcmcli.i18n._, imported when a message is made: gettext costs start-up time."""
    from rcmcli.i18n import _ as translate

    return translate(text)

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Optional

    from rcmcli.core.catalog import Catalog
    from rcmcli.core.planner import Bands, Place


def _value(parse: Any, text: str, option: str) -> Any:
    """``parse(text)``, its ValueError turned into a usage error naming the option."""
    try:
        return parse(text)
    except ValueError as exc:
        raise UsageError(_("%(option)s: %(problem)s") % {"option": option, "problem": exc}) from None


def _places(catalog: Catalog, org: Optional[str], capitals: list[str]) -> list[Place]:
    """The capitals whose day matters: --capital names (in order given), else --org."""
    from rcmcli.core import planner
    from rcmcli.core.zones import fold, get_zone

    members = catalog.members
    if capitals and org:
        raise UsageError(_("--org and --capital choose the same thing; give one of them"))
    countries = members.members_of(org or "all")
    if capitals:
        index: dict[str, Any] = {}
        for c in members.members_of("all"):
            for name in (c.capital.en, c.capital.es, *c.aliases, c.name.en, c.name.es, c.code, c.iso3):
                if name:
                    index.setdefault(fold(name), c)
        countries = []
        for typed in capitals:
            found = index.get(fold(typed))
            if found is None:
                import difflib

                close = difflib.get_close_matches(fold(typed), list(index), n=1, cutoff=0.6)
                hint = _("did you mean '%(name)s'?") % {"name": index[close[0]].capital.en} if close else _("see 'rcm members'")
                raise UsageError(_("--capital %(name)s is not a member capital or country; %(hint)s") % {"name": quote(typed), "hint": hint})
            if found not in countries:
                countries.append(found)
    from rcmcli.core.clocks import written_name
    from rcmcli.i18n import current

    lang = current()  # names as the reader writes them: 'Ciudad de Guatemala', 'Washington DC'
    return [planner.Place(c.code, written_name(c, lang) or c.code, c.name.get(lang) or c.code, c.zone, get_zone(c.zone)) for c in countries]


def _bands(settings: dict[str, str], work: Optional[str], lunch: Optional[str], reasonable: Optional[str]) -> Bands:
    """Local hours: options first, then the run's settings ([tool.rcm.plan] over [tool.rcm.hours])."""
    from rcmcli.core import planner
    from rcmcli.core.settings import minutes

    def band(given: Optional[str], option: str, key: str) -> Optional[tuple[int, int]]:
        if given:
            return _value(planner.parse_band, given, option)
        if settings.get(f"{key}_start"):
            return minutes(settings[f"{key}_start"]), minutes(settings[f"{key}_end"])
        return None

    bands = planner.Bands(
        work=band(work, "--work", "work") or planner.Bands.work,
        reasonable=band(reasonable, "--reasonable", "reasonable") or planner.Bands.reasonable,
        night=(minutes(settings["night_start"]), minutes(settings["night_end"])),
        lunch=band(lunch, "--lunch", "lunch"),
    )
    for name, (a, b) in ((_("working hours"), bands.work), (_("reasonable hours"), bands.reasonable)):
        if b <= a:
            raise UsageError(_("%(what)s must end after they start (an end of 00:00 is not allowed), got %(band)s") % {"what": name, "band": f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}"})
    return bands


def plan(
    opts: Globals,
    when: str,
    duration: int = 120,
    weekdays: bool = False,
    org: Optional[str] = None,
    capital: Optional[list[str]] = None,
    ref: Optional[str] = None,
    work: Optional[str] = None,
    lunch: Optional[str] = None,
    reasonable: Optional[str] = None,
    config: Optional[str] = None,
    top: int = 5,
    fmt: str = "table",
    draft: Optional[Path] = None,
    series: Optional[int] = None,
    every: int = 7,
) -> int:
    """Options arrive converted (registry kinds): ``duration`` in minutes, ``every`` in days."""
    from rcmcli.cli import view_plan
    from rcmcli.core import planner, settings, zones

    hours = settings.current().plan  # --config was read by run(); [tool.rcm.plan] over [tool.rcm.hours]
    dates = _dates(when, weekdays, series, every)
    catalog = runtime.catalog(opts)
    places = _places(catalog, org, list(capital or []))
    reference = zones.resolve(ref or hours["ref"], catalog.zone_aliases)
    if reference.via.startswith("POSIX sign"):  # Etc/GMT-6 is six hours AHEAD of UTC
        sys.stderr.write(_("rcm: note: --ref %(ref)s: %(why)s") % {"ref": reference.query, "why": reference.via} + "\n")
    result = planner.plan(dates, duration, places, reference.tz, _bands(hours, work, lunch, reasonable))
    picks = planner.series(result, reference.tz) if series is not None else ()
    view = view_plan.View(result, reference.query, top, opts.tf, picks)
    if draft is not None:
        _write_plan_draft(opts, draft, view, org, catalog)
    runtime.emit(opts, view_plan.SERIES_FORMATS if series is not None else view_plan.PLAN_FORMATS, fmt, view)
    return 0


def _dates(when: str, weekdays: bool, series: Optional[int], every: int) -> list:
    """The dates to plan: WHEN's, or a series from its date on."""
    from rcmcli.core import planner

    dates = _value(lambda t: planner.parse_dates(t, weekdays), when, "dates")
    if series is None:
        return dates
    if ".." in when:
        raise UsageError(_("--series starts on one date, not a range: give its first date"))
    return _value(lambda first: planner.series_dates(first, series, every), dates[0], "--series")




def _write_plan_draft(opts: Globals, target: Path, view: Any, org: Optional[str], catalog: Catalog) -> None:
    """The plan's chosen start on its first date, as a one-slot draft agenda."""
    from rcmcli.cli import view_plan
    from rcmcli.core import draft as d

    result = view.plan
    day = result.days[0]
    start = day.best.best
    end = start + result.duration
    ref_label, ref_offset, ref_zone = _reference_fields(view.ref_label, catalog)
    conferences = tuple(org and org != "all" and [org] or _conferences(catalog, result.places))
    slot = d.DraftSlot(day.date, _clock(start), _clock(end % 1440), "Session 1", crosses_midnight=end >= 1440)
    title = view_plan.draft_title(d.slug(target.stem))
    text = d.render(d.Draft(d.slug(target.stem), title, day.date, day.date, ref_label, ref_offset, ref_zone, conferences, (slot,)))
    _write_draft(opts, target, text)
    sys.stderr.write(view_plan.wrote_draft(str(target), day.date, start, end, view.ref_label, view.tf) + "\n")


def _write_draft(opts: Globals, target: Path, text: str) -> None:
    """Write a new draft: only one rcm reads back as it reads any agenda, never over a file,
    into its folder (created if its parent exists, as ``invite -o`` does)."""
    from rcmcli.core.fileio import write_new

    _readable(opts, target, text)
    created = _make_folder(target.parent)
    try:
        write_new(target, text.encode("utf-8"))
    except BaseException:
        if created:  # leave nothing behind: the folder was made for this file only
            target.parent.rmdir()
        raise


def _readable(opts: Globals, target: Path, text: str) -> None:
    """Refuse a draft the other commands would refuse (load errors and the integrity rules of
    ``show``), so that nothing is written that rcm cannot use."""
    from rcmcli.core.errors import InvalidDocument
    from rcmcli.core.loader import MEETING, fail_on_errors, read_text
    from rcmcli.lint.integrity import integrity_problems

    loaded = read_text(text, str(target), MEETING, runtime.catalog(opts).limits)
    try:
        fail_on_errors(loaded)
        problems = integrity_problems(loaded)
        if problems:
            raise InvalidDocument(str(target), problems)
    except InvalidDocument as exc:
        first = exc.problems[0]
        values = {"problem": first.message, "code": first.code}
        raise UsageError(_("nothing written: rcm could not read this draft back: %(problem)s [%(code)s]") % values, str(target)) from None


def _make_folder(folder: Path) -> bool:
    """Create ``folder`` if it is missing and its parent exists; True if it was created."""
    from rcmcli.core.errors import OutputError

    if not str(folder) or folder.exists() or folder.is_symlink() or not folder.parent.is_dir():
        return False  # write_new names what is wrong with a folder that is not there or not one
    try:
        folder.mkdir()
    except FileExistsError:
        return False
    except OSError as exc:
        raise OutputError(_("cannot create the folder: %(reason)s") % {"reason": exc.strerror or exc}, str(folder)) from None
    return True


def _clock(minutes: int) -> Any:
    from datetime import time

    return time(minutes // 60, minutes % 60)


def _conferences(catalog: Catalog, places: Any) -> list[str]:
    mem = catalog.members
    out: list[str] = []
    for p in places:
        for conf in mem.conference_of(p.code):
            if conf not in out:
                out.append(conf)
    return sorted(out)


def _reference_fields(label: str, catalog: Catalog) -> tuple[str, Optional[str], Optional[str]]:
    """(label, offset, zone) of a draft's reference_zone from what was typed for --ref:
    an offset is published as typed; a named zone is stored as its IANA name."""
    from rcmcli.core import zones

    if zones.parse_offset(label) is not None:
        return label, label, None
    resolved = zones.resolve(label, catalog.zone_aliases)
    return label, None, resolved.name


# --- rcm agenda new ------------------------------------------------------------------


def agenda_new(
    opts: Globals,
    output: Path,
    meeting_id: Optional[str] = None,
    title: Optional[str] = None,
    dates: Optional[str] = None,
    ref: Optional[str] = None,
    org: Optional[str] = None,
    slot: Optional[list[str]] = None,
    start_from: Optional[Path] = None,
) -> int:
    from rcmcli.core import draft as d
    from rcmcli.core import planner

    base = _from_file(opts, start_from) if start_from is not None else None
    days = _value(planner.parse_dates, dates, "--dates") if dates else ([base.start, base.end] if base else None)
    if not days:
        raise UsageError(_("give the meeting's --dates (2026-12-03 or 2026-12-03..2026-12-04), or --from a draft"))
    first, last = days[0], days[-1]
    slots = tuple(_value(lambda t: d.parse_slot(t, first), s, "--slot") for s in slot or ()) or (base.slots if base else ())
    if not slots:
        raise UsageError(_("give at least one --slot like '09:00-10:00 \"Session 1: Opening\"', or --from a draft"))
    for s in slots:
        if not first <= s.date <= last:
            raise UsageError(_("--slot on %(date)s is outside the dates %(first)s..%(last)s") % {"date": s.date.isoformat(), "first": first.isoformat(), "last": last.isoformat()})
    for text in [title or "", *(s.title for s in slots)]:
        if not text.isprintable():
            raise UsageError(_("a title may not hold control characters or line breaks: %(text)s") % {"text": quote(text.encode("unicode_escape").decode("ascii"))})
    new_id = meeting_id or (base.id if base else d.slug(output.stem))
    if not d.ID_PATTERN.fullmatch(new_id):
        raise UsageError(_("--id %(id)s is not an id of lowercase letters, digits and '-'") % {"id": quote(new_id)})
    if ref:
        ref_label, ref_offset, ref_zone = _reference_fields(ref, runtime.catalog(opts))
    elif base:
        ref_label, ref_offset, ref_zone = base.ref_label, base.ref_offset, base.ref_zone
    else:
        ref_label, ref_offset, ref_zone = "GMT-6", "GMT-6", None
    conferences = (("rcm", "sacm") if org == "all" else (org,)) if org else (base.conferences if base else ("rcm", "sacm"))
    from rcmcli.cli import view_plan

    draft = d.Draft(new_id, title or (base.title if base else view_plan.draft_title(new_id)), first, last, ref_label, ref_offset, ref_zone, conferences, slots)
    _write_draft(opts, output, d.render(draft))
    sys.stderr.write(view_plan.wrote_file(str(output)) + "\n")
    return 0


def _from_file(opts: Globals, path: Path) -> Any:
    """A meeting file (e.g. from ``rcm plan --draft``) as the starting point of a new draft."""
    from rcmcli.core import draft as d

    mt = runtime.usable(runtime.catalog(opts), path)
    ref = mt.reference_zone
    assert ref is not None and mt.first_day and mt.last_day
    slots = tuple(d.DraftSlot(s.date, s.start, s.end, s.title.get("en") or s.title.get("es") or "", s.crosses_midnight) for s in mt.slots if s.date)
    return d.Draft(mt.id, mt.title.get("en") or mt.title.get("es") or "", mt.first_day, mt.last_day, ref.label, ref.offset, ref.zone, tuple(mt.conferences), slots)
