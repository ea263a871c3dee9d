"""What every command runs in: the global options, the error boundary, the catalog, the output.

Two front ends call the command functions (``cmd_*.py``) through :func:`run` with plain
values (strings, lists, booleans, paths): the Typer application in :mod:`rcmcli.cli.app`,
which owns the options, the help and every usage error, and the start-up fast path in
:mod:`rcmcli.cli.fastpath`, which handles the common invocations without importing Typer
(docs/performance.md). Neither imports the other, and neither prints anything a command decides.

:func:`run` is the single error boundary: expected errors (:class:`RcmError`) print
one line on stderr (one per problem of a refused document) and return their exit code, Ctrl-C returns 130, anything else is
reported as a bug (with its traceback under ``--debug``).

The helpers every command shares are public here: the catalog and the meeting asked for
(:func:`catalog`, :func:`usable`, :func:`pick`, :func:`places`), and the output
(:func:`emit`, the one way a command writes its format; :func:`say`, :func:`write`, :func:`draw`).
"""

from __future__ import annotations

import os
import sys
from datetime import date

from rcmcli.core.errors import EXIT_BUG, EXIT_INTERRUPTED, EXIT_USAGE, RcmError, UsageError, one_line
from rcmcli.i18n import _

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Callable, Mapping, Optional

    from rcmcli.core.catalog import Catalog
    from rcmcli.core.model import Meeting
    from rcmcli.timefmt import Formatter


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


def catalog(opts: Globals) -> Catalog:
    """The catalog, reading agendas with the input limits of the run's settings ([tool.rcm.limits])."""
    from rcmcli.core import settings
    from rcmcli.core.catalog import Catalog, data_dir

    return Catalog(data_dir(opts.data), settings.current().limits)


def today() -> date:
    """Today, or RCM_TODAY (YYYY-MM-DD) for reproducible runs."""
    fixed = os.environ.get("RCM_TODAY")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(_("RCM_TODAY='%(value)s' is not a date like 2021-09-09") % {"value": fixed}) from None
    return date.today()


def usable(catalog: Catalog, path: str | Path) -> Meeting:
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


def pick(catalog: Catalog, meeting: Optional[str]) -> tuple[Meeting, str]:
    """The meeting asked for, or the next upcoming usable one (else the most recent), and why."""
    from rcmcli.core.errors import RcmError

    if meeting:
        return usable(catalog, catalog.path_of(meeting)), ""
    documents = catalog.documents()
    if not documents:
        from rcmcli.core.catalog import no_meetings

        raise UsageError(no_meetings(catalog.folder))
    good = []
    for loaded in documents:
        try:
            good.append(usable(catalog, loaded.path))
        except RcmError:
            continue  # a broken draft in the folder must not stop the others
    if not good:
        raise UsageError(_("the catalog %(folder)s has no usable meetings; run 'rcm agenda validate' to see why") % {"folder": catalog.folder})
    good.sort(key=lambda mt: (mt.first_day or date.min, mt.id))
    day = today()
    upcoming = [mt for mt in good if (mt.last_day or date.min) >= day]
    if upcoming:
        # TRANSLATORS: why a meeting was shown when none was named: "rcm: showing <id>, <this>".
        return upcoming[0], _("the next upcoming meeting")
    return good[-1], _("the most recent meeting (none is upcoming)")


def places(catalog: Catalog, mt: Meeting, org: Optional[str], capitals: Optional[list[str]], lang: str) -> list:
    """``--capital`` values, else the capitals of ``--org``, else of the meeting's conferences."""
    from rcmcli.core import clocks

    if capitals:
        return clocks.find_places(capitals, catalog.members, catalog.zone_aliases, lang)
    return clocks.member_places(catalog.members, org or clocks.meeting_org(mt), lang)


def emit(opts: Globals, formats: Mapping[str, Callable[[Any], Any]], fmt: str, view: Any) -> None:
    """Write ``view`` in the format ``fmt``: the one way a command dispatches a format.

    ``formats`` is a view module's table of formats (``view_agenda.SHOW_FORMATS``...): a
    name (``--format``'s choices) to a function of one argument, the view record the
    command built. A function returns text (written as it is, ending in a line break), or
    a Rich renderable, or a list of them (drawn at ``view.width``, else the terminal's).
    """
    out = formats[fmt](view)
    if isinstance(out, str):
        if out:
            say(out)
        return
    for part in out if isinstance(out, list) else [out]:
        draw(opts, part, view.width)


def width() -> int:
    """The width to lay a table out for (see :func:`layout.terminal_width`)."""
    from rcmcli.cli.layout import terminal_width

    return terminal_width()


def draw(opts: Globals, renderable: Any, width: Optional[int] = None) -> None:
    """Draw a table at the width it was laid out for (see :func:`layout.terminal_width`).

    The one place tables are written. Not to a terminal (a pipe, a file), each line
    ends at its last character: Rich pads every row to the table's width, and trailing
    spaces are noise in a diff, a mail or ``grep 'x$'``.
    """
    from rcmcli.cli.layout import console, terminal_width

    con = console(no_color=opts.no_color, width=width or terminal_width())
    if (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        con.file = _Escaping()  # an ASCII terminal: Rich draws ASCII boxes, the rest is escaped
    if con.is_terminal:
        con.print(renderable)
        return
    with con.capture() as captured:
        con.print(renderable)
    write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


class _Escaping:
    """stdout for Rich where its encoding cannot carry every character (see :func:`write`)."""

    @property
    def encoding(self) -> str:
        return sys.stdout.encoding or "ascii"

    def write(self, text: str) -> int:
        write(text)
        return len(text)

    def flush(self) -> None:
        sys.stdout.flush()

    def isatty(self) -> bool:
        return sys.stdout.isatty()

    def fileno(self) -> int:
        return sys.stdout.fileno()


def say(text: str) -> None:
    """A line (or lines) of text to stdout, ending in a line break."""
    write(text if text.endswith("\n") else text + "\n")


def write(text: str) -> None:
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


def note(verb: str, meeting: Meeting, why: str) -> None:
    """Say which meeting was picked when none was named (``why`` says why)."""
    if not why:
        return
    values = {"meeting": meeting.id, "why": why}
    # TRANSLATORS: printed as "rcm: showing plenary-ii-2021, the next upcoming meeting"; %(why)s is
    # "the next upcoming meeting" or "the most recent meeting (none is upcoming)".
    texts = {
        "showing": _("showing %(meeting)s, %(why)s"),
        "exporting": _("exporting %(meeting)s, %(why)s"),
        "announcing": _("announcing %(meeting)s, %(why)s"),
    }
    sys.stderr.write(f"rcm: {texts[verb] % values}\n")
