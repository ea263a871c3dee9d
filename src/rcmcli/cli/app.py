"""The command line: the Typer application that owns every option, help text and usage error.

Each command converts its options to plain values and hands them to
:mod:`rcmcli.cli.commands`, where the work and the single error boundary
(:func:`rcmcli.cli.commands.run`) live. Common invocations are answered by
:mod:`rcmcli.cli.fastpath` without importing this module; :func:`spec_source` writes the
command table that fast path reads (``src/rcmcli/_cli_spec.py``), and a test checks
that the two agree.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Any, Callable, List, Optional

import typer

from rcmcli.cli import commands
from rcmcli.cli.commands import Globals

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


STATE = Globals()


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


def _run(func: Callable[..., int], **kwargs: Any) -> None:
    """Run one command through the error boundary and exit with its code."""
    raise typer.Exit(commands.run(func, STATE, **kwargs))


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", help="Print rcm's and the tz database's versions."),
    data: Optional[str] = typer.Option(None, "--data", envvar="RCM_DATA", help="Catalog folder to use instead of the bundled one."),
    tzdb: str = typer.Option("tzdata", "--tzdb", envvar="RCM_TZDB", help="tz database: 'tzdata' (bundled, default) or 'system'."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for internal errors."),
    no_color: bool = typer.Option(False, "--no-color", help="No colour (also: NO_COLOR, or output not a terminal)."),
) -> None:
    STATE.data, STATE.tzdb, STATE.debug, STATE.no_color = data, tzdb, debug, no_color
    code = commands.setup(STATE)
    if code:
        raise typer.Exit(code)
    if version:  # after --tzdb, so the version printed is the database in use
        sys.stdout.write(commands.version_text())
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


@agenda_app.command("list")
def agenda_list(
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
    lang: Lang = typer.Option(Lang.en, "--lang", help="Language of titles."),
) -> None:
    """List the meetings in the catalog."""
    _run(commands.agenda_list, fmt=fmt.value, lang=lang.value)


@agenda_app.command("show")
def agenda_show(
    meeting: Optional[str] = typer.Argument(None, help="Catalog id or path to a meeting YAML file (default: next upcoming)."),
    tz: List[str] = typer.Option([], "--tz", help="Zone to show: IANA name, city, capital, country, ISO code, GMT-6, local. Repeatable."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, json, markdown or csv."),
    lang: Lang = typer.Option(Lang.en, "--lang", help="Language of titles."),
) -> None:
    """Show a meeting's agenda in one or more time zones."""
    _run(commands.agenda_show, meeting=meeting, tz=list(tz), fmt=fmt.value, lang=lang.value)


@agenda_app.command("times")
def agenda_times(
    meeting: Optional[str] = typer.Argument(None, help="Catalog id or path (default: next upcoming)."),
    org: Optional[Org] = typer.Option(None, "--org", help="Capitals of rcm, sacm or all (default: the meeting's conferences)."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
    lang: Lang = typer.Option(Lang.en, "--lang", help="Language of titles."),
) -> None:
    """When each slot starts and ends in every member capital."""
    _run(commands.agenda_times, meeting=meeting, org=org.value if org else None, fmt=fmt.value, lang=lang.value)


class LintFormat(str, Enum):
    auto = "auto"
    text = "text"
    parsable = "parsable"
    json = "json"
    github = "github"


@agenda_app.command("validate")
def agenda_validate(
    targets: List[str] = typer.Argument(None, help="Files, folders or catalog ids (default: the whole catalog)."),
    fmt: LintFormat = typer.Option(LintFormat.auto, "--format", "-f", help="auto (github under GitHub Actions, else text), text, parsable, json, github."),
    strict: bool = typer.Option(False, "--strict", help="Warnings fail too (exit 1)."),
    select: Optional[str] = typer.Option(None, "--select", help="Only these rules: codes, prefixes or names, comma-separated."),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="Skip these rules: codes, prefixes or names, comma-separated."),
    config: Optional[str] = typer.Option(None, "--config", help="Configuration file (default: nearest .rcm.toml or pyproject.toml [tool.rcm])."),
    no_suppress: bool = typer.Option(False, "--no-suppress", help="Ignore '# rcm: ignore[...]' comments: show every finding."),
) -> None:
    """Check agendas like a linter: exit 0 clean, 1 problems found, 2 could not run."""
    _run(
        commands.agenda_validate,
        targets=list(targets or []),
        fmt=fmt.value,
        strict=strict,
        select=select,
        ignore=ignore,
        config=config,
        no_suppress=no_suppress,
    )


@app.command("members")
def members(
    org: Org = typer.Option(Org.all, "--org", help="rcm, sacm or all."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table or json."),
    lang: Lang = typer.Option(Lang.en, "--lang", help="Language of names."),
) -> None:
    """Member states with their capital, zone and current UTC offset."""
    _run(commands.members, org=org.value, fmt=fmt.value, lang=lang.value)


def main(argv: Optional[List[str]] = None) -> int:
    """Run the Typer application; the exit code."""
    try:
        app(args=argv, prog_name="rcm")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except Exception:  # outside commands.run (parsing, callbacks): still a bug, exit 3
        return commands.report_bug(STATE)
    return 0


@agenda_app.command("ics")
def agenda_ics(
    meeting: Optional[str] = typer.Argument(
        None, help="Catalog id or path to a meeting YAML file (default: next upcoming)."
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: standard output)."),
    include_breaks: bool = typer.Option(False, "--include-breaks", help="Also export breaks (as free time)."),
    lang: Lang = typer.Option(Lang.en, "--lang", help="Language of titles and descriptions."),
    previous: Optional[Path] = typer.Option(
        None,
        "--previous",
        help="An earlier export of this meeting: bump SEQUENCE of changed events, cancel removed ones.",
    ),
) -> None:
    """Export a meeting as an iCalendar (.ics) file: one event per slot, times in UTC."""
    _run(commands.agenda_ics, meeting=meeting, output=output, include_breaks=include_breaks, lang=lang.value, previous=previous)


@agenda_app.command("invite")
def agenda_invite(
    meeting: str = typer.Argument(..., help="Catalog id or path to a meeting YAML file."),
    roster: Path = typer.Option(
        ..., "--roster", help="Participants: YAML or CSV with name, email, country, role, language."
    ),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for the invite files (created if missing)."),
    organizer: Optional[str] = typer.Option(
        None, "--organizer", help="ORGANIZER as 'Name <email>' (default: the meeting's secretariat)."
    ),
) -> None:
    """Write one invitation (.ics, METHOD:REQUEST) per participant, with times in their capital."""
    _run(commands.agenda_invite, meeting=meeting, roster=roster, output=output, organizer=organizer)


# --- the command table of the start-up fast path -------------------------------------

HELP_WIDTH = 78  # click's help width on any terminal of 80 columns or more


def _param_spec(p: Any) -> tuple:
    """One click parameter as plain data; see ``_cli_spec.py`` for the fields."""
    from typer._click.types import BoolParamType, StringParamType
    from typer.core import TyperArgument

    kind = "argument" if isinstance(p, TyperArgument) else ("flag" if getattr(p, "is_flag", False) else "option")
    choices: Optional[tuple] = None
    convert = None
    kind_of_type = type(p.type).__name__
    if kind_of_type == "TyperChoice":
        choices = tuple(str(c) for c in p.type.choices)
    elif kind_of_type == "TyperPath" and _plain_path(p.type):
        convert = "path"
    elif not isinstance(p.type, (StringParamType, BoolParamType)):
        kind = "unsupported"  # anything the fast path cannot convert exactly as Typer does
    default = p.default.value if isinstance(p.default, Enum) else p.default
    if isinstance(default, list):
        default = tuple(default)
    opts = tuple(p.opts) if kind != "argument" else ()
    return (p.name, kind, opts, choices, default, bool(p.multiple), p.nargs, bool(p.required), p.envvar, convert)


def _plain_path(t: Any) -> bool:
    """A path Typer checks only for readability when it exists (our -o, --roster, --previous)."""
    return (
        not t.exists and not t.resolve_path and not t.allow_dash and not t.writable and t.file_okay and t.dir_okay
    )


def spec_source() -> str:
    """The source of ``rcmcli/_cli_spec.py``: every command's parameters and help text."""
    import pprint

    from typer._click import Context
    from typer.core import TyperGroup

    root = typer.main.get_command(app)
    groups: dict[tuple, tuple] = {}
    commands_: dict[tuple, tuple] = {}
    help_: dict[tuple, str] = {}

    def walk(cmd: Any, path: tuple, parent: Any) -> None:
        ctx = Context(cmd, info_name=path[-1] if path else "rcm", parent=parent, terminal_width=HELP_WIDTH)
        help_[path] = ctx.get_help()
        params = tuple(_param_spec(p) for p in cmd.params)
        if isinstance(cmd, TyperGroup):
            groups[path] = (tuple(cmd.commands), params)
            for name, sub in cmd.commands.items():
                walk(sub, (*path, name), ctx)
        else:
            commands_[path] = params

    walk(root, (), None)
    fmt = lambda value: pprint.pformat(value, width=160, sort_dicts=False)  # noqa: E731
    return (
        '"""Generated by ``rcmcli.cli.app.spec_source()``: do not edit.\n\n'
        "The command table and help texts of the Typer application, for the start-up fast path\n"
        "(:mod:`rcmcli.cli.fastpath`). Regenerate with ``python -m rcmcli.cli.app``; a test fails when\n"
        'this file and the application disagree.\n"""\n\n'
        f"HELP_WIDTH = {HELP_WIDTH}\n\n"
        "# path -> (subcommand names, group parameters)\n"
        f"GROUPS = {fmt(groups)}\n\n"
        "# path -> parameters: (name, kind, opts, choices, default, multiple, nargs, required, envvar, convert)\n"
        f"COMMANDS = {fmt(commands_)}\n\n"
        f"HELP = {fmt(help_)}\n"
    )


if __name__ == "__main__":  # python -m rcmcli.cli.app: regenerate the fast path's table
    from pathlib import Path

    from rcmcli.cli import app as _registered  # this module as imported, with every command on it

    Path(__file__).with_name("_cli_spec.py").write_text(_registered.spec_source(), encoding="utf-8")
