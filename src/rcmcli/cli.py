"""The command line: parse options, call the core once, render, return an exit code.

Every command is wrapped by :func:`handled`, the single error boundary: expected
errors (:class:`RcmError`) print one line on stderr and exit with their code,
Ctrl-C exits 130, anything else is reported as a bug (traceback with --debug).
"""

from __future__ import annotations

import functools
import os
import sys
from datetime import date, datetime, timezone
from enum import Enum
from typing import Callable, List, Optional

import typer

from rcmcli import __version__
from rcmcli.errors import EXIT_BUG, EXIT_INTERRUPTED, RcmError, UsageError

app = typer.Typer(
    name="rcm",
    help="Agendas of the RCM and SACM meetings, in every member capital's time.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help and usage errors: Rich-formatted help imports rich.markdown and
    # markdown_it, tripling the time of `rcm --help` (docs/performance.md).
    rich_markup_mode=None,
)
agenda_app = typer.Typer(
    help="Show, convert, check and export meeting agendas.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(agenda_app, name="agenda")


class State:
    data: Optional[str] = None
    debug: bool = False
    no_color: bool = False


STATE = State()


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class Org(str, Enum):
    rcm = "rcm"
    sacm = "sacm"
    all = "all"


class Lang(str, Enum):
    en = "en"
    es = "es"


def handled(func: Callable[..., int | None]) -> Callable[..., None]:
    """The one error boundary, applied to every command."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs) -> None:
        try:
            code = func(*args, **kwargs) or 0
        except RcmError as exc:
            _error(str(exc))
            code = exc.exit_code
        except KeyboardInterrupt:
            _error("interrupted")
            code = EXIT_INTERRUPTED
        except BrokenPipeError:
            code = 0
        except Exception:
            if STATE.debug:
                raise
            import traceback

            kind, _, tb = sys.exc_info()
            last = traceback.extract_tb(tb)[-1]
            _error(
                f"internal error ({kind.__name__ if kind else 'error'} at {os.path.basename(last.filename)}:{last.lineno}); "
                "this is a bug in rcm: please report it with the output of --debug"
            )
            code = EXIT_BUG
        raise typer.Exit(code)

    return wrapper


def _error(message: str) -> None:
    sys.stderr.write(f"rcm: error: {message}\n")


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", help="Print rcm's and the tz database's versions."),
    data: Optional[str] = typer.Option(None, "--data", envvar="RCM_DATA", help="Catalog folder to use instead of the bundled one."),
    tzdb: str = typer.Option("tzdata", "--tzdb", envvar="RCM_TZDB", help="tz database: 'tzdata' (bundled, default) or 'system'."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for internal errors."),
    no_color: bool = typer.Option(False, "--no-color", help="No colour (also: NO_COLOR, or output not a terminal)."),
) -> None:
    from rcmcli import zones

    STATE.data, STATE.debug, STATE.no_color = data, debug, no_color
    try:
        zones.use_database(tzdb)
    except UsageError as exc:
        _error(str(exc))
        raise typer.Exit(exc.exit_code)
    if version:  # after --tzdb, so the version printed is the database in use
        typer.echo(f"rcm {__version__}\nIANA tz database {zones.version()}")
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


def _catalog():
    from rcmcli.catalog import Catalog, data_dir

    return Catalog(data_dir(STATE.data))


def _today() -> date:
    """Today, or RCM_TODAY (YYYY-MM-DD) for reproducible runs."""
    fixed = os.environ.get("RCM_TODAY")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(f"RCM_TODAY='{fixed}' is not a date like 2021-09-09") from None
    return date.today()


def _pick(catalog, meeting: Optional[str]):
    if meeting:
        return catalog.find(meeting), ""
    return catalog.default(_today())


def _zones(catalog, names: List[str], meeting) -> list:
    from rcmcli import zones as z

    if not names:
        ref = meeting.reference_zone
        return [z.Resolved(ref.label, ref.name, ref.tz, "reference zone")]
    return [z.resolve(n, catalog.zone_aliases) for n in names]


def _print(renderable) -> None:
    from rcmcli.render import console

    con = console(no_color=STATE.no_color)
    if not sys.stdout.isatty():
        con.width = int(os.environ.get("COLUMNS", "200"))
    con.print(renderable)


def _say(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@agenda_app.command("list")
@handled
def agenda_list(
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
    lang: Lang = typer.Option(Lang.en, "--lang", help="Language of titles."),
) -> int:
    """List the meetings in the catalog."""
    from rcmcli import render

    meetings = _catalog().meetings()
    if fmt == Format.json:
        _say(render.meetings_json(meetings, lang.value))
    else:
        _print(render.meetings_table(meetings, lang.value))
    return 0


@agenda_app.command("show")
@handled
def agenda_show(
    meeting: Optional[str] = typer.Argument(None, help="Catalog id or path to a meeting YAML file (default: next upcoming)."),
    tz: List[str] = typer.Option([], "--tz", help="Zone to show: IANA name, city, capital, country, ISO code, GMT-6, local. Repeatable."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, json, markdown or csv."),
    lang: Lang = typer.Option(Lang.en, "--lang", help="Language of titles."),
) -> int:
    """Show a meeting's agenda in one or more time zones."""
    from rcmcli import agenda, render

    catalog = _catalog()
    mt, note = _pick(catalog, meeting)
    zones = _zones(catalog, tz, mt)
    rows = agenda.slot_rows(mt, zones)
    if note:
        sys.stderr.write(f"rcm: showing {mt.id}, {note}\n")
    if fmt == Format.json:
        _say(render.show_json(mt, zones, rows, lang.value, note))
    elif fmt == Format.csv:
        _say(render.show_csv(zones, rows, lang.value))
    elif fmt == Format.markdown:
        _say(render.show_markdown(mt, zones, rows, lang.value))
    else:
        _print(render.show_table(mt, zones, rows, lang.value, note))
    return 0


@agenda_app.command("times")
@handled
def agenda_times(
    meeting: Optional[str] = typer.Argument(None, help="Catalog id or path (default: next upcoming)."),
    org: Optional[Org] = typer.Option(None, "--org", help="Capitals of rcm, sacm or all (default: the meeting's conferences)."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
    lang: Lang = typer.Option(Lang.en, "--lang", help="Language of titles."),
) -> int:
    """When each slot starts and ends in every member capital."""
    from rcmcli import agenda, render

    catalog = _catalog()
    mt, note = _pick(catalog, meeting)
    chosen = org.value if org else ("all" if len(mt.conferences) != 1 else mt.conferences[0])
    matrix = agenda.capital_matrix(mt, catalog.members, chosen)
    if note:
        sys.stderr.write(f"rcm: showing {mt.id}, {note}\n")
    if fmt == Format.json:
        _say(render.times_json(mt, matrix, lang.value))
    else:
        _print(render.times_table(mt, matrix, lang.value))
    return 0


class LintFormat(str, Enum):
    auto = "auto"
    text = "text"
    parsable = "parsable"
    json = "json"
    github = "github"


@agenda_app.command("validate")
@handled
def agenda_validate(
    targets: List[str] = typer.Argument(None, help="Files, folders or catalog ids (default: the whole catalog)."),
    fmt: LintFormat = typer.Option(LintFormat.auto, "--format", "-f", help="auto (github under GitHub Actions, else text), text, parsable, json, github."),
    strict: bool = typer.Option(False, "--strict", help="Warnings fail too (exit 1)."),
    select: Optional[str] = typer.Option(None, "--select", help="Only these rules: codes, prefixes or names, comma-separated."),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="Skip these rules: codes, prefixes or names, comma-separated."),
    config: Optional[str] = typer.Option(None, "--config", help="Configuration file (default: nearest .rcm.toml or pyproject.toml [tool.rcm])."),
    no_suppress: bool = typer.Option(False, "--no-suppress", help="Ignore '# rcm: ignore[...]' comments: show every finding."),
) -> int:
    """Check agendas like a linter: exit 0 clean, 1 problems found, 2 could not run."""
    from pathlib import Path

    from rcmcli.lint import config as lint_config, engine, formats

    cfg = lint_config.load(config, Path.cwd())
    split = lambda v: [x for x in (v or "").split(",") if x.strip()] or None  # noqa: E731
    report = engine.run(list(targets or []), _catalog(), cfg, split(select), split(ignore), not no_suppress)
    chosen = fmt.value
    if chosen == "auto":
        chosen = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    color = chosen == "text" and sys.stdout.isatty() and not STATE.no_color and "NO_COLOR" not in os.environ
    sys.stdout.write(formats.render(report, chosen, color))
    failed = report.errors or (strict and report.warnings)
    return 1 if failed else 0


@app.command("members")
@handled
def members(
    org: Org = typer.Option(Org.all, "--org", help="rcm, sacm or all."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
    lang: Lang = typer.Option(Lang.en, "--lang", help="Language of names."),
) -> int:
    """Member states with their capital, zone and current UTC offset."""
    from rcmcli import agenda, render

    mem = _catalog().members
    now = datetime.now(timezone.utc)
    rows = [(c, tuple(mem.conference_of(c.code)), agenda.current_offset(c.zone, now)) for c in mem.members_of(org.value)]
    if fmt == Format.json:
        _say(render.members_json(rows, lang.value))
    else:
        _print(render.members_table(rows, lang.value, now))
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    """Console-script entry point."""
    try:
        app(args=argv, prog_name="rcm")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return 0


# Command modules that register on ``agenda_app``; imported last to avoid a cycle.
from rcmcli import cli_calendar  # noqa: E402,F401
