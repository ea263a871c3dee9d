"""What each command does once its options are parsed: one core call, render, an exit code.

Two front ends call these functions with plain values (strings, lists, booleans,
paths): the Typer application in :mod:`rcmcli.cli.app`, which owns the options, the help
and every usage error, and the start-up fast path in :mod:`rcmcli.cli.fastpath`, which
handles the common invocations without importing Typer (docs/performance.md).
Neither imports the other, and neither prints anything a command decides.

:func:`run` is the single error boundary: expected errors (:class:`RcmError`) print
one line on stderr (one per problem of a refused document) and return their exit code, Ctrl-C returns 130, anything else is
reported as a bug (with its traceback under ``--debug``).
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime, timezone

from rcmcli.core.errors import EXIT_BUG, EXIT_INTERRUPTED, EXIT_USAGE, RcmError, UsageError, one_line
from rcmcli.i18n import _

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Callable, Optional

    from rcmcli.timefmt import Formatter
    from rcmcli.core.catalog import Catalog
    from rcmcli.core.model import Meeting


class Globals:
    """The options given before the command (``registry.GLOBALS``): ``--data``, ``--tzdb``, ..."""

    def __init__(self, **values: Any) -> None:
        self.version, self.data, self.tzdb, self.debug, self.no_color = False, None, "tzdata", False, False
        self.lang: Optional[str] = None  # None: RCM_LANG, else the POSIX locale, else English
        self.clock: Optional[str] = None  # None: the defaults of rcmcli.timefmt
        self._tf: Optional[Formatter] = None
        for name, value in values.items():
            setattr(self, name, value)

    @property
    def tf(self) -> Formatter:
        """The run's one formatter of dates and times (language and clock), handed to every
        renderer; made on first use, after :func:`setup` (``--help`` and ``--version`` need none)."""
        if self._tf is None:
            from rcmcli import i18n, timefmt

            self._tf = timefmt.Formatter(i18n.current(), self.clock)
        return self._tf

    @tf.setter
    def tf(self, value: Formatter) -> None:
        self._tf = value


def error(message: str) -> None:
    """``rcm: error: message`` on stderr; the prefix stays English in every language, so
    scripts and editors can match it (docs/languages.md)."""
    sys.stderr.write(f"rcm: error: {message}\n")


def setup(opts: Globals) -> int:
    """Apply the global options (language first, so every later message is in it);
    0, or the exit code of a bad ``--lang``, ``--clock`` or ``--tzdb``. The language and
    the clock then make the run's formatter of dates and times (``opts.tf``)."""
    from rcmcli import i18n
    from rcmcli.core import tzdb  # not zones: --version and --help need no zone

    try:
        i18n.use(i18n.choose(opts.lang))
        opts._tf = None  # made again, in the language and clock just chosen
        if opts.clock not in (None, *i18n.CLOCKS):  # timefmt only then: --help needs no formatter
            from rcmcli.timefmt import check_clock

            check_clock(opts.clock)
    except ValueError as exc:  # i18n.LanguageError, timefmt.ClockError: bad usage
        error(str(exc))
        return EXIT_USAGE
    try:
        tzdb.use_database(opts.tzdb)
    except UsageError as exc:
        if os.environ.get("RCM_TZDB") == opts.tzdb:  # the value came from the environment (or agrees with it)
            values = {"value": one_line(opts.tzdb)[:200]}
            error(_("RCM_TZDB='%(value)s' is not a tz database; use 'tzdata' or 'system'") % values)
        else:
            error(str(exc))
        return exc.exit_code
    return 0


def language_of(argv: list[str]) -> str:
    """The language a command line asks for, before it is parsed: its last valid ``--lang``
    (a command's own comes after the global one and overrides it), else RCM_LANG or the
    locale. Both front ends print help in it, so it must be known before the help is built.
    """
    from rcmcli import i18n

    found = None
    for i, token in enumerate(argv):
        if token == "--":
            break
        if token == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif token.startswith("--lang="):
            value = token[len("--lang=") :]
        else:
            continue
        if value in i18n.LANGUAGES:
            found = value
    if found:
        return found
    try:
        return i18n.choose(None)
    except i18n.LanguageError:  # a bad RCM_LANG: reported once the command line is parsed
        return i18n.posix_language(os.environ)


def _command_language(opts: Globals, kwargs: dict[str, Any]) -> None:
    """A command's own ``--lang`` overrides the run's language for that command (its
    messages and its dates); without it the command gets the run's language (``rcm
    --lang``, RCM_LANG, the locale)."""
    from rcmcli import i18n

    if "lang" not in kwargs:
        return
    if kwargs["lang"]:
        i18n.use(kwargs["lang"])
        opts.tf = opts.tf.for_language(kwargs["lang"])
    else:
        kwargs["lang"] = i18n.current()


def run(func: Callable[..., int], opts: Globals, **kwargs: Any) -> int:
    """Call one command; the one place where errors become messages and exit codes."""
    from rcmcli.core import configfile, settings
    from rcmcli.i18n import LanguageError

    try:
        _command_language(opts, kwargs)
        settings.use(configfile.load(kwargs.get("config")))  # once per run: --config, or the file found from here
        return func(opts, **kwargs) or 0
    except RcmError as exc:
        for line in _error_lines(exc):
            error(line)
        return exc.exit_code
    except LanguageError as exc:  # i18n sits below core.errors: its error is a usage error here
        error(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        error(_("interrupted"))
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if exc.filename is None:
            return report_bug(opts)
        # A file the code did not expect to be unreadable: still the user's ground, not a bug.
        name = exc.filename if isinstance(exc.filename, str) else os.fsdecode(exc.filename)
        error(one_line(f"{name}: {exc.strerror or exc}"))
        return EXIT_USAGE
    except Exception:
        return report_bug(opts)
    finally:
        settings.end()


def _error_lines(exc: RcmError) -> list[str]:
    """The lines an error prints: one per problem of a document refused (an agenda, a
    roster), every one of them as ``validate`` lists them, else its one message."""
    problems = getattr(exc, "problems", None)
    if not problems or len(problems) == 1:
        return [str(exc)]
    return [str(RcmError(p.message + (f" [{p.code}]" if p.code else ""), exc.path, p.pos)) for p in problems]


def report_bug(opts: Globals) -> int:
    """Report the exception being handled as a bug: exit 3, with the traceback under --debug."""
    import traceback

    if opts.debug:
        traceback.print_exc()
        error(_("internal error; this is a bug in rcm: please report it with the traceback above"))
    else:
        kind, _value, tb = sys.exc_info()
        last = traceback.extract_tb(tb)[-1]
        where = {"kind": kind.__name__ if kind else "error", "file": os.path.basename(last.filename), "line": last.lineno}
        error(_("internal error (%(kind)s at %(file)s:%(line)s); this is a bug in rcm: please report it with the output of --debug") % where)
    return EXIT_BUG


def version_text() -> str:
    from rcmcli import __version__
    from rcmcli.core import tzdb

    return f"rcm {__version__}\nIANA tz database {tzdb.version()}\n"


# --- helpers shared by the commands ----------------------------------------------


def _catalog(opts: Globals) -> Catalog:
    """The catalog, reading agendas with the input limits of the run's settings ([tool.rcm.limits])."""
    from rcmcli.core import settings
    from rcmcli.core.catalog import Catalog, data_dir

    return Catalog(data_dir(opts.data), settings.current().limits)


def _today() -> date:
    """Today, or RCM_TODAY (YYYY-MM-DD) for reproducible runs."""
    fixed = os.environ.get("RCM_TODAY")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(_("RCM_TODAY='%(value)s' is not a date like 2021-09-09") % {"value": fixed}) from None
    return date.today()


def _usable(catalog: Catalog, path: str | Path) -> Meeting:
    """The meeting in ``path`` if its times are well defined; else InvalidDocument (exit 2).

    Commands that show or export times refuse a meeting that does not load, or whose
    times are undefined (the integrity rules); judging the rest is ``validate``'s job.
    """
    from rcmcli.core.errors import InvalidDocument
    from rcmcli.core.loader import fail_on_errors
    from rcmcli.core.model import Meeting
    from rcmcli.lint.integrity import integrity_problems

    loaded = catalog.document(path)
    value = fail_on_errors(loaded)
    problems = integrity_problems(loaded)
    if problems:
        raise InvalidDocument(loaded.path, problems)
    assert isinstance(value, Meeting)
    if value.status == "draft" and _bundled(path):
        from rcmcli.core.errors import InputError

        raise InputError(_("a draft ('status: draft') cannot be part of the bundled catalog: its meetings name their sources"), str(path))
    return value


def _bundled(path: str | Path) -> bool:
    from rcmcli.core.catalog import bundled_folder

    folder, target = os.path.realpath(bundled_folder()), os.path.realpath(path)
    try:
        return target != folder and os.path.commonpath([folder, target]) == folder
    except ValueError:  # another drive on Windows
        return False


def _pick(catalog: Catalog, meeting: Optional[str]) -> tuple[Meeting, str]:
    """The meeting asked for, or the next upcoming usable one (else the most recent), and why."""
    from rcmcli.core.errors import RcmError

    if meeting:
        return _usable(catalog, catalog.path_of(meeting)), ""
    documents = catalog.documents()
    if not documents:
        from rcmcli.core.catalog import no_meetings

        raise UsageError(no_meetings(catalog.folder))
    usable = []
    for loaded in documents:
        try:
            usable.append(_usable(catalog, loaded.path))
        except RcmError:
            continue  # a broken draft in the folder must not stop the others
    if not usable:
        raise UsageError(_("the catalog %(folder)s has no usable meetings; run 'rcm agenda validate' to see why") % {"folder": catalog.folder})
    usable.sort(key=lambda mt: (mt.first_day or date.min, mt.id))
    today = _today()
    upcoming = [mt for mt in usable if (mt.last_day or date.min) >= today]
    if upcoming:
        # TRANSLATORS: why a meeting was shown when none was named: "rcm: showing <id>, <this>".
        return upcoming[0], _("the next upcoming meeting")
    return usable[-1], _("the most recent meeting (none is upcoming)")


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


def _width() -> int:
    from rcmcli.cli.layout import terminal_width

    return terminal_width()


def _print(opts: Globals, renderable: Any, width: Optional[int] = None) -> None:
    """Draw a table at the width it was laid out for (see :func:`layout.terminal_width`).

    The one place tables are written. Not to a terminal (a pipe, a file), each line
    ends at its last character: Rich pads every row to the table's width, and trailing
    spaces are noise in a diff, a mail or ``grep 'x$'``.
    """
    from rcmcli.cli.view_agenda import console

    con = console(no_color=opts.no_color, width=width or _width())
    if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        con.file = _Escaping()  # an ASCII terminal: Rich draws ASCII boxes, the rest is escaped
    if con.is_terminal:
        con.print(renderable)
        return
    with con.capture() as captured:
        con.print(renderable)
    _write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


class _Escaping:
    """stdout for Rich where its encoding cannot carry every character (see :func:`_write`)."""

    @property
    def encoding(self) -> str:
        return sys.stdout.encoding or "ascii"

    def write(self, text: str) -> int:
        _write(text)
        return len(text)

    def flush(self) -> None:
        sys.stdout.flush()

    def isatty(self) -> bool:
        return sys.stdout.isatty()

    def fileno(self) -> int:
        return sys.stdout.fileno()


def _say(text: str) -> None:
    _write(text if text.endswith("\n") else text + "\n")


def _write(text: str) -> None:
    """Text to stdout; what its encoding cannot carry is escaped, not a crash (exit 3).

    A file name that is not UTF-8 reaches JSON and CSV as lone surrogates, and a
    terminal may be ASCII (LANG=C): both print as backslash escapes.
    """
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:  # nothing was written: the wrapper encodes before writing
        import codecs

        codecs.register_error("rcm-escape", _escape_error)
        encoding = sys.stdout.encoding or "utf-8"
        sys.stdout.write(text.encode(encoding, "rcm-escape").decode(encoding))


def _escape_error(exc: UnicodeError) -> tuple[str, int]:
    r"""``\uXXXX`` for what cannot be encoded: readable, and still valid inside a JSON string."""
    assert isinstance(exc, UnicodeEncodeError)
    out = []
    for ch in exc.object[exc.start : exc.end]:
        code = ord(ch)
        if code > 0xFFFF:  # as JSON writes it: a surrogate pair
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), exc.end


def _note(verb: str, meeting: Meeting, note: str) -> None:
    """Say which meeting was picked when none was named (``note`` says why)."""
    if not note:
        return
    values = {"meeting": meeting.id, "why": note}
    # TRANSLATORS: printed as "rcm: showing plenary-ii-2021, the next upcoming meeting"; %(why)s is
    # "the next upcoming meeting" or "the most recent meeting (none is upcoming)".
    texts = {
        "showing": _("showing %(meeting)s, %(why)s"),
        "exporting": _("exporting %(meeting)s, %(why)s"),
        "announcing": _("announcing %(meeting)s, %(why)s"),
    }
    sys.stderr.write(f"rcm: {texts[verb] % values}\n")


# --- the commands --------------------------------------------------------------------


def agenda_list(opts: Globals, fmt: str = "table", lang: str = "en") -> int:
    """Every meeting of the catalog; one that cannot be shown is listed as broken, with its first problem."""
    from rcmcli.cli import view_agenda as render
    from rcmcli.core.catalog import stem
    from rcmcli.core.errors import InvalidDocument

    catalog = _catalog(opts)
    good, broken = [], []
    documents = catalog.documents()
    if not documents:  # an empty table would not say where rcm looked
        from rcmcli.core.catalog import no_meetings

        sys.stderr.write(f"rcm: {no_meetings(catalog.folder)}\n")
        if fmt == "table":
            return 0
    for loaded in documents:
        try:
            good.append(_usable(catalog, loaded.path))
        except InvalidDocument as exc:
            broken.append(render.Broken(stem(loaded.path), loaded.path, exc.pos, exc.message))
    good.sort(key=lambda mt: (mt.first_day or date.min, mt.id))
    if fmt == "json":
        _say(render.meetings_json(good, lang, broken))
    elif fmt == "csv":
        _say(render.meetings_csv(good, lang, broken))
    elif fmt == "markdown":
        _say(render.meetings_markdown(good, opts.tf, broken))
    else:
        width = _width()
        _print(opts, render.meetings_table(good, opts.tf, width, broken), width)
    return 0


def agenda_show(opts: Globals, meeting: Optional[str] = None, tz: Optional[list[str]] = None, fmt: str = "table", lang: str = "en") -> int:
    from rcmcli.core import localtime as agenda
    from rcmcli.cli import view_agenda as render
    from rcmcli.export.showjson import show_json

    catalog = _catalog(opts)
    mt, note = _pick(catalog, meeting)
    zones = _zones(catalog, list(tz or []), mt)
    rows = agenda.slot_rows(mt, zones)
    _note("showing", mt, note)
    if fmt == "json":
        _say(show_json(mt, zones, rows, lang, note))
    elif fmt == "csv":
        _say(render.show_csv(zones, rows, lang))
    elif fmt == "markdown":
        _say(render.show_markdown(mt, zones, rows, opts.tf))
    else:
        width = _width()
        _print(opts, render.show_table(mt, zones, rows, opts.tf, width, zones_given=bool(tz)), width)
    return 0


def _places(catalog: Catalog, mt: Meeting, org: Optional[str], capitals: Optional[list[str]], lang: str) -> list:
    """``--capital`` values, else the capitals of ``--org``, else of the meeting's conferences."""
    from rcmcli.core import clocks

    if capitals:
        return clocks.find_places(capitals, catalog.members, catalog.zone_aliases, lang)
    return clocks.member_places(catalog.members, org or clocks.meeting_org(mt), lang)


def agenda_times(
    opts: Globals,
    meeting: Optional[str] = None,
    org: Optional[str] = None,
    by: str = "group",
    day: Optional[int] = None,
    on: Optional[date] = None,
    capital: Optional[list[str]] = None,
    fmt: str = "table",
    lang: str = "en",
) -> int:
    from rcmcli.cli import view_agenda as render
    from rcmcli.core import clocks

    catalog = _catalog(opts)
    mt, note = _pick(catalog, meeting)
    days = clocks.pick_days(mt, day, on)
    places = _places(catalog, mt, org, capital, lang)
    grouped = clocks.day_clocks(days, places)
    matrix = clocks.place_matrix(days, places)
    slots = [s for _, d in days for s in d.slots]
    _note("showing", mt, note)
    if fmt == "json":
        _say(render.times_json(mt, slots, matrix, grouped, lang))
    elif fmt == "csv":
        _say(render.times_csv(slots, matrix, grouped, lang))
    elif fmt == "markdown":
        _say(render.times_markdown(mt, grouped, matrix, by, opts.tf))
    else:
        width = _width()
        if by == "capital":
            _print(opts, render.times_by_capital(mt, grouped, matrix, opts.tf, width), width)
        else:
            _print(opts, render.times_table(mt, grouped, opts.tf, width), width)
    return 0


def _split(value: Optional[str]) -> Optional[list[str]]:
    return [x for x in (value or "").split(",") if x.strip()] or None


def agenda_validate(
    opts: Globals,
    targets: Optional[list[str]] = None,
    fmt: str = "auto",
    strict: bool = False,
    select: Optional[str] = None,
    ignore: Optional[str] = None,
    config: Optional[str] = None,
    no_suppress: bool = False,
) -> int:
    from rcmcli.core import settings
    from rcmcli.lint import config as lint_config
    from rcmcli.lint import engine, formats

    cfg = lint_config.from_settings(settings.current())  # run() read --config
    catalog = _catalog(opts)
    report = engine.run(list(targets or []), catalog, cfg, _split(select), _split(ignore), not no_suppress)
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    color = fmt == "text" and sys.stdout.isatty() and not opts.no_color and "NO_COLOR" not in os.environ
    # Wrapped to a terminal, or to COLUMNS when it is set; piped without it, one finding per line.
    width = _width() if fmt == "text" and (sys.stdout.isatty() or os.environ.get("COLUMNS")) else None
    _write(formats.render(report, fmt, color, width))
    failed = report.errors or (strict and report.warnings)
    return 1 if failed else 0


def members(opts: Globals, org: str = "all", on: Optional[date] = None, fmt: str = "table", lang: str = "en") -> int:
    """Member states and their UTC offsets now, or on ``--date`` (at 12:00 UTC)."""
    from rcmcli.core import clocks
    from rcmcli.core.zones import get_zone
    from rcmcli.cli import view_agenda as render

    mem = _catalog(opts).members
    now = datetime.now(timezone.utc).replace(second=0, microsecond=0)  # as shown: to the minute
    at = clocks.at_noon_utc(on) if on else now
    countries = mem.members_of(org)
    rows = [(c, tuple(mem.conference_of(c.code)), clocks.offset_minutes(at, get_zone(c.zone))) for c in countries]
    if fmt == "json":
        now_offsets = [clocks.offset_minutes(now, get_zone(c.zone)) for c in countries]
        _say(render.members_json(rows, lang, at if on else None, now_offsets))
    elif fmt == "csv":
        _say(render.members_csv(rows, lang, at))
    elif fmt == "markdown":
        _say(render.members_markdown(rows, opts.tf, at, now=not on))
    else:
        width = _width()
        _print(opts, render.members_table(rows, opts.tf, at, width, now=not on), width)
    return 0


def agenda_ics(
    opts: Globals,
    meeting: Optional[str] = None,
    output: Optional[Path] = None,
    include_breaks: bool = False,
    lang: str = "en",
    previous: Optional[Path] = None,
) -> int:
    from pathlib import Path

    from rcmcli.export import ics

    catalog = _catalog(opts)
    options = ics.Options(lang, include_breaks, os.environ.get("SOURCE_DATE_EPOCH"), catalog.limits.max_bytes, opts.clock)
    mt, note = _pick(catalog, meeting)
    counts: dict[str, int] = {}
    data = ics.export(mt, catalog.members, options, previous, counts)
    _note("exporting", mt, note)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        ics.write_output(output, data, [Path(mt.path)])
    sys.stderr.write(ics_summary(counts, output) + "\n")
    return 0


def ics_summary(counts: dict[str, int], output: Optional[Path]) -> str:
    """'rcm: wrote 9 events to plenary.ics (1 moved, 1 cancelled)', for stderr."""
    from rcmcli.i18n import N_, ngettext

    where = str(output) if output is not None else _("standard output")
    n = counts.get("events", 0)
    head = ngettext("rcm: wrote %(n)d event to %(where)s", "rcm: wrote %(n)d events to %(where)s", n) % {"n": n, "where": where}
    words = {"new": N_("%(n)d new"), "moved": N_("%(n)d moved"), "updated": N_("%(n)d updated"), "cancelled": N_("%(n)d cancelled")}
    parts = [_(words[k]) % {"n": counts[k]} for k in words if counts.get(k)]
    return head + (" (" + ", ".join(parts) + ")" if parts else "")
