"""What each command does once its options are parsed: one core call, render, an exit code.

Two front ends call these functions with plain values (strings, lists, booleans,
paths): the Typer application in :mod:`rcmcli.cli.app`, which owns the options, the help
and every usage error, and the start-up fast path in :mod:`rcmcli.cli.fastpath`, which
handles the common invocations without importing Typer (docs/performance.md).
Neither imports the other, and neither prints anything a command decides.

:func:`run` is the single error boundary: expected errors (:class:`RcmError`) print
one line on stderr and return their exit code, Ctrl-C returns 130, anything else is
reported as a bug (with its traceback under ``--debug``).
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime, timezone

from rcmcli.core.errors import EXIT_BUG, EXIT_INTERRUPTED, RcmError, UsageError

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, Callable, Optional

    from rcmcli.core.catalog import Catalog
    from rcmcli.core.model import Meeting


class Globals:
    """The options given before the command (``registry.GLOBALS``): ``--data``, ``--tzdb``, ..."""

    def __init__(self, **values: Any) -> None:
        self.version, self.data, self.tzdb, self.debug, self.no_color = False, None, "tzdata", False, False
        for name, value in values.items():
            setattr(self, name, value)


def error(message: str) -> None:
    sys.stderr.write(f"rcm: error: {message}\n")


def setup(opts: Globals) -> int:
    """Apply the global options; 0, or the exit code of a bad ``--tzdb``."""
    from rcmcli.core import zones

    try:
        zones.use_database(opts.tzdb)
    except UsageError as exc:
        error(str(exc))
        return exc.exit_code
    return 0


def run(func: Callable[..., int], opts: Globals, **kwargs: Any) -> int:
    """Call one command; the one place where errors become messages and exit codes."""
    try:
        return func(opts, **kwargs) or 0
    except RcmError as exc:
        error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        error("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except Exception:
        if opts.debug:
            raise
        import traceback

        kind, _, tb = sys.exc_info()
        last = traceback.extract_tb(tb)[-1]
        error(
            f"internal error ({kind.__name__ if kind else 'error'} at {os.path.basename(last.filename)}:{last.lineno}); "
            "this is a bug in rcm: please report it with the output of --debug"
        )
        return EXIT_BUG


def version_text() -> str:
    from rcmcli import __version__
    from rcmcli.core import zones

    return f"rcm {__version__}\nIANA tz database {zones.version()}\n"


# --- helpers shared by the commands ----------------------------------------------


def _catalog(opts: Globals) -> Catalog:
    from rcmcli.core.catalog import Catalog, data_dir

    return Catalog(data_dir(opts.data))


def _today() -> date:
    """Today, or RCM_TODAY (YYYY-MM-DD) for reproducible runs."""
    fixed = os.environ.get("RCM_TODAY")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(f"RCM_TODAY='{fixed}' is not a date like 2021-09-09") from None
    return date.today()


def _pick(catalog: Catalog, meeting: Optional[str]) -> tuple[Meeting, str]:
    if meeting:
        return catalog.find(meeting), ""
    return catalog.default(_today())


def _zones(catalog: Catalog, names: list[str], meeting: Meeting) -> list:
    from rcmcli.core import zones as z

    if not names:
        ref = meeting.reference_zone
        assert ref is not None and ref.tz is not None, "the loader resolves the reference zone"
        return [z.Resolved(ref.label, ref.name, ref.tz, "reference zone")]
    return [z.resolve(n, catalog.zone_aliases) for n in names]


def _print(opts: Globals, renderable: Any) -> None:
    from rcmcli.cli.render import console

    con = console(no_color=opts.no_color)
    if not sys.stdout.isatty():
        con.width = int(os.environ.get("COLUMNS", "200"))
    con.print(renderable)


def _say(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _note(verb: str, meeting: Meeting, note: str) -> None:
    if note:
        sys.stderr.write(f"rcm: {verb} {meeting.id}, {note}\n")


# --- the commands --------------------------------------------------------------------


def agenda_list(opts: Globals, fmt: str = "table", lang: str = "en") -> int:
    from rcmcli.cli import render

    meetings = _catalog(opts).meetings()
    if fmt == "json":
        _say(render.meetings_json(meetings, lang))
    else:
        _print(opts, render.meetings_table(meetings, lang))
    return 0


def agenda_show(opts: Globals, meeting: Optional[str] = None, tz: Optional[list[str]] = None, fmt: str = "table", lang: str = "en") -> int:
    from rcmcli.core import localtime as agenda
    from rcmcli.cli import render

    catalog = _catalog(opts)
    mt, note = _pick(catalog, meeting)
    zones = _zones(catalog, list(tz or []), mt)
    rows = agenda.slot_rows(mt, zones)
    _note("showing", mt, note)
    if fmt == "json":
        _say(render.show_json(mt, zones, rows, lang, note))
    elif fmt == "csv":
        _say(render.show_csv(zones, rows, lang))
    elif fmt == "markdown":
        _say(render.show_markdown(mt, zones, rows, lang))
    else:
        _print(opts, render.show_table(mt, zones, rows, lang, note))
    return 0


def agenda_times(opts: Globals, meeting: Optional[str] = None, org: Optional[str] = None, fmt: str = "table", lang: str = "en") -> int:
    from rcmcli.core import localtime as agenda
    from rcmcli.cli import render

    catalog = _catalog(opts)
    mt, note = _pick(catalog, meeting)
    chosen = org or ("all" if len(mt.conferences) != 1 else mt.conferences[0])
    matrix = agenda.capital_matrix(mt, catalog.members, chosen)
    _note("showing", mt, note)
    if fmt == "json":
        _say(render.times_json(mt, matrix, lang))
    else:
        _print(opts, render.times_table(mt, matrix, lang))
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
    from pathlib import Path

    from rcmcli.lint import config as lint_config
    from rcmcli.lint import engine, formats

    cfg = lint_config.load(config, Path.cwd())
    report = engine.run(list(targets or []), _catalog(opts), cfg, _split(select), _split(ignore), not no_suppress)
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    color = fmt == "text" and sys.stdout.isatty() and not opts.no_color and "NO_COLOR" not in os.environ
    sys.stdout.write(formats.render(report, fmt, color))
    failed = report.errors or (strict and report.warnings)
    return 1 if failed else 0


def members(opts: Globals, org: str = "all", fmt: str = "table", lang: str = "en") -> int:
    from rcmcli.core import localtime as agenda
    from rcmcli.cli import render

    mem = _catalog(opts).members
    now = datetime.now(timezone.utc)
    rows = [(c, tuple(mem.conference_of(c.code)), agenda.current_offset(c.zone, now)) for c in mem.members_of(org)]
    if fmt == "json":
        _say(render.members_json(rows, lang))
    else:
        _print(opts, render.members_table(rows, lang, now))
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
    mt, note = _pick(catalog, meeting)
    options = ics.Options(lang, include_breaks, os.environ.get("SOURCE_DATE_EPOCH"))
    counts: dict[str, int] = {}
    data = ics.export(mt, catalog.members, options, previous, counts)
    _note("exporting", mt, note)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        ics.write_output(output, data, [Path(mt.path)])
    from rcmcli.cli.cmd_revision import ics_summary

    sys.stderr.write(ics_summary(counts, output) + "\n")
    return 0


def agenda_invite(opts: Globals, meeting: str, roster: Path, output: Path, organizer: Optional[str] = None) -> int:
    from pathlib import Path

    from rcmcli.export import ics

    catalog = _catalog(opts)
    mt, _ = _pick(catalog, meeting)
    options = ics.Options(source_date_epoch=os.environ.get("SOURCE_DATE_EPOCH"))
    files = ics.invites(mt, roster, catalog.members, options, organizer)
    for path in ics.write_invites(output, files, [Path(mt.path), roster]):
        _say(str(path))
    return 0
