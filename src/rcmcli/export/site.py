"""The static agenda site (``rcm site build``): an index, one page per meeting and language,
calendars and JSON, written atomically into a fresh folder.

Everything a page shows without JavaScript is computed here from the core (reference
times, capitals grouped by clock, the start-time announcement). The page's own script
only re-renders the instants written in the HTML as UTC ISO strings in the viewer's
zone with the browser's tz database; no offset is ever computed from fixed numbers.

Pages are Jinja2 templates with autoescaping (``site_templates/``): every text from
the YAML reaches the HTML escaped, and no HTML is built by string concatenation.
The output depends only on the inputs (no clock, sorted orders), so an unchanged
catalog gives byte-identical files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from rcmcli.core.errors import InputError, OutputError, UsageError, quote
from rcmcli.core.model import Country, Meeting, Members, Slot
from rcmcli.i18n import _
from rcmcli.timefmt import Formatter, iso_utc

# Times the page shows before (or without) its script: 24-hour, the same in every language
# (the script rewrites them in the reader's zone and locale). Days: each page's language.
TIMES = Formatter()

LANGUAGES = ("en", "es", "pt", "fr")
LANGUAGE_NAMES = {"en": "English", "es": "Español", "pt": "Português", "fr": "Français"}
TEMPLATES = Path(__file__).parent / "site_templates"
ASSETS = ("site.css", "site.js")
MARKER = ".rcm-site"  # marks a folder rcm built, so it may be replaced
DETAILS_MAX = 1500  # characters of description in a Google/Outlook link (URLs over ~8 kB fail)


# --- page data (language-independent parts are computed once per meeting) -----------


@dataclass(frozen=True)
class ClockGroup:
    """Capitals that share one local clock for a slot: same local date, start and end."""

    start: str  # HH:MM
    end: str  # HH:MM
    date: date  # local start date
    day_shift: int  # local start date minus the slot's published date
    capitals: tuple[Country, ...]


@dataclass
class SlotView:
    slot: Slot
    key: str  # stable per meeting (ics.slot_keys): anchors and file names
    start_utc: str  # 2021-09-09T15:00:00Z
    end_utc: str
    start: str  # HH:MM in the reference zone
    end: str
    groups: list[ClockGroup]
    crosses_midnight: bool = False


@dataclass
class DayView:
    date: date
    weekday: str
    slots: list[SlotView] = field(default_factory=list)
    announcement: list[ClockGroup] = field(default_factory=list)  # first slot's start, by clock


@dataclass
class MeetingView:
    meeting: Meeting
    days: list[DayView]
    capitals: list[Country]


def _iso_utc(moment: Optional[datetime]) -> str:
    assert moment is not None, "slot times are set by the loader"
    return iso_utc(moment)


def clock_groups(slot: Slot, capitals: Iterable[Country], zone_of: Callable[[str], object], end: bool = True) -> list[ClockGroup]:
    """Capitals grouped by the local clock of ``slot`` (start and end, or start only), earliest
    first: the partition of ``agenda times`` and ``announce`` (:func:`rcmcli.core.clocks.group_by_clock`)."""
    from rcmcli.core.clocks import Place, group_by_clock

    assert slot.starts is not None and slot.ends is not None and slot.date is not None
    countries = list(capitals)
    places = [Place(c.code, c.code, c.zone, zone_of(c.zone)) for c in countries]  # type: ignore[arg-type]
    by_code = {c.code: c for c in countries}
    out = []
    for group in group_by_clock(places, (slot.starts, slot.ends) if end else (slot.starts,)):
        tz = group.places[0].tz
        start = slot.starts.astimezone(tz)
        finish = TIMES.hm(slot.ends.astimezone(tz)) if end else ""
        shift = (start.date() - slot.date).days
        out.append(ClockGroup(TIMES.hm(start), finish, start.date(), shift, tuple(by_code[p.code] for p in group.places)))
    return out


def meeting_view(meeting: Meeting, members: Members, keys: dict[int, str]) -> MeetingView:
    """Everything language-independent a meeting page shows."""
    from functools import lru_cache

    from rcmcli.core.zones import get_zone

    get_zone = lru_cache(maxsize=None)(get_zone)

    org = "all" if len(meeting.conferences) != 1 else meeting.conferences[0]
    capitals = members.members_of(org) if org == "all" or org in members.conferences else members.members_of("all")
    days = []
    for day in meeting.days:
        if not day.slots or day.date is None:
            continue
        view = DayView(day.date, day.weekday or TIMES.weekday(day.date))
        for s in day.slots:
            view.slots.append(
                SlotView(
                    s, keys[s.index], _iso_utc(s.starts), _iso_utc(s.ends), TIMES.hm(s.start), TIMES.hm(s.end),
                    clock_groups(s, capitals, get_zone), s.crosses_midnight,
                )
            )
        view.announcement = clock_groups(day.slots[0], capitals, get_zone, end=False)
        days.append(view)
    return MeetingView(meeting, days, capitals)


# --- calendar links ------------------------------------------------------------------


def _cut(text: str, limit: int = DETAILS_MAX) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(None, 1)[0] + "\u2026"


_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")
_PERCENT = tuple(chr(b) if b in _SAFE else f"%{b:02X}" for b in range(256))


def _quote(text: str) -> str:
    """Percent-encode all but RFC 3986 unreserved characters (urllib's quote(safe=''), by table: faster)."""
    return "".join(map(_PERCENT.__getitem__, text.encode("utf-8")))


def _query(params: dict[str, str]) -> str:
    return "&".join(f"{k}={_quote(v)}" for k, v in params.items())


def google_url(title: str, start_utc: str, end_utc: str, details: str, location: str) -> str:
    """Google Calendar's event template link: action=TEMPLATE, dates=START/END in UTC (…Z)."""
    compact = "/".join(t.replace("-", "").replace(":", "") for t in (start_utc, end_utc))
    params = {"action": "TEMPLATE", "text": title, "dates": compact, "details": _cut(details)}
    if location:
        params["location"] = location
    return "https://calendar.google.com/calendar/render?" + _query(params)


def outlook_url(title: str, start_utc: str, end_utc: str, details: str, location: str) -> str:
    """Outlook on the web's compose deep link: subject, startdt, enddt (ISO 8601 UTC), body, location."""
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": start_utc,
        "enddt": end_utc,
        "body": _cut(details),
    }
    if location:
        params["location"] = location
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + _query(params)


def webcal_url(base_url: Optional[str], relative: str) -> Optional[str]:
    """The subscription link for a calendar published under ``base_url`` (http[s] becomes webcal)."""
    if not base_url:
        return None
    rest = base_url.split("://", 1)[1]
    return "webcal://" + rest.rstrip("/") + "/" + relative


def check_base_url(base_url: Optional[str]) -> Optional[str]:
    if base_url is None:
        return None
    if not base_url.startswith(("https://", "http://")) or len(base_url.split("://", 1)[1].strip("/")) == 0 or any(
        ch.isspace() or ch in "\"<>'" for ch in base_url
    ):
        raise UsageError(_("--base-url '%(value)s' is not a URL like 'https://example.github.io/agendas/'") % {"value": base_url[:200]})
    return base_url if base_url.endswith("/") else base_url + "/"


# --- rendering -------------------------------------------------------------------------


def _date_text(context, d: date) -> str:
    """A date a person reads, in the page's language ('September 9, 2021', CLDR long),
    until the browser writes it in the reader's locale."""
    lang = context["lang"]
    tf = _PAGE_DAYS.get(lang) or _PAGE_DAYS.setdefault(lang, TIMES.for_language(lang))
    return tf.day(d, "long")


_PAGE_DAYS: dict[str, Formatter] = {}  # one formatter per page language (each keeps its CLDR locale)


@contextmanager
def _language(lang: str) -> Iterator[None]:
    from rcmcli import i18n

    before = i18n.current()
    i18n.use(lang)
    try:
        yield
    finally:
        i18n.use(before)


def environment():
    """The Jinja2 environment: autoescaping for every template, gettext through rcmcli.i18n."""
    import jinja2

    from rcmcli import i18n

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(i18n._, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["datetext"] = jinja2.pass_context(_date_text)
    return env


@dataclass
class Site:
    """What to build: the meetings, the members, and how the calendars are reached."""

    meetings: list[Meeting]
    members: Members
    base_url: Optional[str] = None
    source_date_epoch: Optional[str] = None


def _sorted(meetings: Iterable[Meeting]) -> list[Meeting]:
    return sorted(meetings, key=lambda m: (m.first_day or date.min, m.id))


def _index_files(env, meetings: list[Meeting]) -> dict[str, bytes]:
    """The assets, the language chooser, each language's list of meetings and the marker."""
    files: dict[str, bytes] = {f"assets/{name}": (TEMPLATES / name).read_bytes() for name in ASSETS}
    files["index.html"] = _render(env, "root.html", lang="en", languages=_languages("index.html", "en", "."), up="")
    for lang in LANGUAGES:
        with _language(lang):
            files[f"{lang}/index.html"] = _render(
                env, "index.html", lang=lang, languages=_languages("index.html", lang), meetings=meetings, up="../"
            )
    files[MARKER] = b"built by rcm site build; this folder is replaced on every build\n"
    return files


def _meeting_files(env, site: Site, meetings: list[Meeting]) -> dict[str, bytes]:
    """Pages, calendars and JSON of some meetings, in every language."""
    from rcmcli.export import ics

    views = [meeting_view(mt, site.members, ics.slot_keys(mt)) for mt in meetings]
    cache: dict = {}
    files: dict[str, bytes] = {}
    for lang in LANGUAGES:
        with _language(lang):
            files.update(_language_files(env, site, views, lang, cache))
    return files


def _languages(page: str, current: str, up: str = "..") -> list[dict]:
    return [
        {"code": code, "name": LANGUAGE_NAMES[code], "href": f"{up}/{code}/{page}", "current": code == current}
        for code in LANGUAGES
    ]


def _render(env, template: str, **context) -> bytes:
    return env.get_template(template).render(**context).encode("utf-8")


@dataclass
class _Calendars:
    """A meeting's calendar files and per-slot descriptions in one calendar language."""

    meeting: bytes
    slots: dict[str, bytes]
    details: dict[str, str]


def _calendars(site: Site, view: MeetingView, ics_lang: str) -> _Calendars:
    from rcmcli.export import ics

    mt = view.meeting
    options = ics.Options(ics_lang, False, site.source_date_epoch)
    out = _Calendars(ics.calendar_bytes(mt, site.members, options), {}, {})
    for day in view.days:
        for sv in day.slots:
            out.slots[sv.key] = ics.slot_calendar_bytes(mt, sv.slot, site.members, options, sv.key)
            out.details[sv.key] = ics.slot_description(mt, sv.slot, ics_lang, site.members)
    return out


def _language_files(env, site: Site, views: list[MeetingView], lang: str, cache: dict) -> dict[str, bytes]:
    from rcmcli.export import ics

    ics_lang = lang  # calendars in every language rcm speaks (their labels: ics.LABELS)
    files: dict[str, bytes] = {}
    template = env.get_template("meeting.html")
    names = _Names(site.members, lang)
    for view in views:
        mt = view.meeting
        cals = cache.get((mt.id, ics_lang))
        if cals is None:
            cals = cache[(mt.id, ics_lang)] = _calendars(site, view, ics_lang)
        files[f"{lang}/{mt.id}.ics"] = cals.meeting
        links = {}
        where = ics.location_text(mt, ics_lang)
        for day in view.days:
            for sv in day.slots:
                files[f"{lang}/{mt.id}/{sv.key}.ics"] = cals.slots[sv.key]
                details = cals.details[sv.key]
                if site.base_url:
                    details += f"\n\n{site.base_url}{lang}/{mt.id}.html#{sv.key}"
                title = sv.slot.label(lang)
                links[sv.key] = {
                    "ics": f"{mt.id}/{sv.key}.ics",
                    "google": google_url(title, sv.start_utc, sv.end_utc, details, where),
                    "outlook": outlook_url(title, sv.start_utc, sv.end_utc, details, where),
                }
        files[f"{lang}/{mt.id}.json"] = _json(mt, lang, cache)
        files[f"{lang}/{mt.id}.html"] = template.render(
            lang=lang,
            languages=_languages(f"{mt.id}.html", lang),
            view=view,
            mt=mt,
            links=links,
            country=names.country,
            capital_list=names.capitals,
            has_json=True,
            webcal=webcal_url(site.base_url, f"{lang}/{mt.id}.ics"),
            capitals=_capital_choices(view.capitals, lang),
            ref=mt.reference_zone,
            js_text=_js_text(),
            up="../",
        ).encode("utf-8")
    return files


def _json(mt: Meeting, lang: str, cache: dict) -> bytes:
    """The `agenda show` JSON; a language whose titles are all another's reuses its bytes.

    Titles are the only texts of ``showjson.show_json`` that depend on the language
    (tests compare every language's file with the command's own output).
    """
    from rcmcli.export.showjson import reference_json

    titles = (mt.title.get(lang), *(s.title.get(lang) for s in mt.slots))
    key = ("json", mt.id, titles)
    data = cache.get(key)
    if data is None:
        data = cache[key] = reference_json(mt, lang).encode("utf-8")
    return data


class _Names:
    """Country and capital names in one language, joined once per group of capitals."""

    def __init__(self, members: Members, lang: str) -> None:
        self.members, self.lang = members, lang
        self._lists: dict[tuple[str, ...], str] = {}

    def country(self, code: str) -> str:
        country = self.members.countries.get(code)
        return country.name.get(self.lang) if country else code

    def capitals(self, countries: tuple[Country, ...]) -> str:
        """'Buenos Aires, Brasília, Santiago': plain text (the template escapes it)."""
        key = tuple(c.code for c in countries)
        text = self._lists.get(key)
        if text is None:
            text = self._lists[key] = ", ".join(c.capital.get(self.lang) for c in countries)
        return text


def _js_text() -> dict[str, str]:
    """The sentences the page script shows, translated here (the script carries no text)."""
    from rcmcli.i18n import _

    return {
        "browser": _("Times are shown in %(zone)s (%(offset)s), the time zone of this browser."),
        "chosen": _("Times are shown in %(zone)s (%(offset)s)."),
        "unknown": _("'%(zone)s' is not a time zone this browser knows; times are shown in %(browser)s."),
        "next_day": _("next day"),
        "previous_day": _("previous day"),
    }


def _capital_choices(capitals: list[Country], lang: str) -> list[dict]:
    return sorted(
        ({"zone": c.zone, "label": f"{c.capital.get(lang)} ({c.name.get(lang)})"} for c in capitals),
        key=lambda c: c["label"],
    )


# --- writing ---------------------------------------------------------------------------


def check_output(target: Path, protect: Iterable[str] = ()) -> Path:
    """The folder ``-o`` names, checked before anything is read or written; the path to build.

    The build replaces the output folder whole, by renaming (:func:`_swap`), so it
    refuses what a rename cannot replace or must not remove: a symbolic link (the link
    would be replaced, not the folder it points to), the folder rcm runs in or one
    above it, a folder holding the catalog or an input file (``protect``), a file, and
    a folder with files rcm did not build (no ``.rcm-site`` marker). Every refusal
    comes before the fresh folder is made, so it leaves nothing behind.
    """
    target = Path(target)
    if target.is_symlink():
        raise OutputError(_symlink_message(target), str(target))
    # Every later step works on the real path: a rename of 'a/b/../b' would fail half-way
    # once 'a/b' has moved, and '.' or 'a/..' cannot be renamed by that name.
    real = Path(os.path.realpath(target))
    _check_not_above(target, real, protect)
    _check_target(target, real)
    return real


def _symlink_message(target: Path) -> str:
    values = {"link": quote(os.readlink(target)), "folder": os.path.realpath(target)}
    if os.path.isdir(target):
        # TRANSLATORS: %(link)s is the link's own text, quoted; %(folder)s the folder it leads to.
        return _(
            "is a symbolic link (to %(link)s); give the folder itself (-o %(folder)s): "
            "the build replaces the output folder whole, and would replace the link instead"
        ) % values
    return _("is a symbolic link (to %(link)s), not a folder; give a folder (the build replaces the output folder whole)") % values


def _inside(path: str, folder: Path) -> bool:
    """Is ``path`` the folder ``folder`` or anything under it (both real paths)?"""
    try:
        return os.path.commonpath([str(folder), path]) == str(folder)
    except ValueError:  # another drive on Windows
        return False


def _check_not_above(target: Path, real: Path, protect: Iterable[str]) -> None:
    """Refuse an output folder that is, or holds, the current folder, the catalog or an input."""
    if _inside(os.path.realpath(os.getcwd()), real):
        raise OutputError(
            _(
                "is the current folder or a folder above it; the build replaces the output folder whole, "
                "which cannot be done to the folder rcm runs in: run rcm from outside it "
                "(from %(parent)s, for example), or give another output folder"
            ) % {"parent": real.parent},
            str(target),
        )
    for path in protect:
        if _inside(os.path.realpath(path), real):
            raise OutputError(
                _(
                    "holds %(input)s, which this build reads; the build replaces the output folder whole, "
                    "so give the site a new folder of its own"
                ) % {"input": quote(path)},
                str(target),
            )


def _check_target(target: Path, real: Path) -> None:
    """Checks on the real path ``real``; messages name ``target`` as the user wrote it."""
    if not real.parent.is_dir():
        raise OutputError(_("folder '%(folder)s' does not exist") % {"folder": target.parent}, str(target))
    if real.exists() and not real.is_dir():
        raise OutputError(_("is a file; -o takes a folder for the site"), str(target))
    if real.is_dir() and not (real / MARKER).exists() and any(real.iterdir()):
        raise OutputError(
            _("is a folder with files rcm did not build; give a new or empty folder (the build replaces it whole)"),
            str(target),
        )
    if not os.access(real.parent, os.W_OK):
        raise OutputError(_("folder '%(folder)s' is not writable") % {"folder": target.parent}, str(target))


def _write_tree(root: Path, files: dict[str, bytes]) -> None:
    made: set[Path] = {root}
    for relative, data in files.items():
        path = root / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)


def _swap(fresh: Path, target: Path) -> None:
    """Replace ``target`` by ``fresh``: two renames, the old folder removed last."""
    if not target.exists():
        os.replace(fresh, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    try:
        os.replace(fresh, target)
    except BaseException:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def build(site: Site, target: Path, jobs: int | None = None, protect: Iterable[str] = ()) -> list[str]:
    """Render the site into a fresh folder next to ``target``, then swap it in; the paths written.

    ``target`` is checked first (:func:`check_output`); ``protect`` names what it must
    not hold besides the meetings' own files (the catalog folder). Large sites are
    rendered by ``jobs`` forked processes (default: one per CPU, up to 8, when there are
    enough meetings to pay for them), each writing its share of the meetings straight
    into the fresh folder. Any failure removes the fresh folder and leaves ``target``
    as it was.
    """
    real = check_output(target, [*protect, *(mt.path for mt in site.meetings if mt.path)])
    fresh = _fresh_folder(real, target)
    try:
        names = _build_into(site, fresh, jobs)
        _swap(fresh, real)
    except OSError as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        raise OutputError(_("cannot write: %(reason)s") % {"reason": exc.strerror or exc}, str(target)) from None
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return names


def _fresh_folder(real: Path, target: Path) -> Path:
    """An empty folder beside ``real`` (the target's real path), readable like a served site."""
    try:
        fresh = Path(tempfile.mkdtemp(prefix=f".{real.name}.new-", dir=real.parent))
    except OSError as exc:
        raise OutputError(_("cannot create a folder next to it: %(reason)s") % {"reason": exc.strerror or exc}, str(target)) from None
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(fresh, 0o777 & ~umask)  # mkdtemp makes it 0700; a site is meant to be served
    except BaseException:
        os.rmdir(fresh)
        raise
    return fresh


PARALLEL_FROM = 40  # meetings; below this, starting processes costs more than it saves
_JOB: dict = {}  # what forked workers inherit: the site, its sorted meetings, the folder


def _build_into(site: Site, fresh: Path, jobs: Optional[int]) -> list[str]:
    env, meetings = environment(), _sorted(site.meetings)
    files = _index_files(env, meetings)
    _write_tree(fresh, files)
    names = list(files)
    workers = _workers(len(meetings), jobs)
    if workers <= 1:
        part = _meeting_files(env, site, meetings)
        _write_tree(fresh, part)
        return names + list(part)
    import multiprocessing

    size = -(-len(meetings) // (workers * 4))
    chunks = [(a, min(a + size, len(meetings))) for a in range(0, len(meetings), size)]
    _JOB.update(site=site, meetings=meetings, folder=fresh)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for result in pool.imap(_worker, chunks):
                if isinstance(result, tuple):  # an RcmError in a worker: same message, same exit code
                    raise _ERRORS.get(result[0], InputError)(result[1])
                names += result
    finally:
        _JOB.clear()
    return names


def _workers(meetings: int, jobs: Optional[int]) -> int:
    import multiprocessing

    if jobs is not None:
        wanted = jobs
    elif meetings < PARALLEL_FROM:
        return 1
    else:
        wanted = min(os.cpu_count() or 1, 8)
    if wanted > 1 and "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(wanted, meetings))


def _worker(chunk: tuple[int, int]):
    """In a forked process: render and write meetings[a:b]; their paths, or an error to re-raise."""
    from rcmcli.core.errors import RcmError

    try:
        part = _meeting_files(environment(), _JOB["site"], _JOB["meetings"][chunk[0] : chunk[1]])
        _write_tree(_JOB["folder"], part)
        return list(part)
    except RcmError as exc:
        return (type(exc).__name__, str(exc))


def _error_types() -> dict[str, type]:
    from rcmcli.core import errors

    return {
        name: cls
        for name, cls in vars(errors).items()
        if isinstance(cls, type) and issubclass(cls, errors.RcmError) and cls.__init__ is errors.RcmError.__init__
    }


_ERRORS = _error_types()
