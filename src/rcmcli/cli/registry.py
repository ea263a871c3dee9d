"""Every command of rcm, declared once: its path, function, options, help and formats.

Both front ends are built from these declarations: the Typer application
(:mod:`rcmcli.cli.app`: help, usage errors, shell completion) and the start-up fast
path (:mod:`rcmcli.cli.fastpath`: the common command lines without importing Typer).
The tests walk :data:`COMMANDS` too, so no list of commands or options is written by
hand anywhere else.

To add a command: write its function (``func(opts: Globals, **options) -> int``) in
a module of ``rcmcli.cli`` that imports its heavy dependencies inside the function,
and add one :class:`Command` below. ``docs/architecture.md`` shows an example.

Must not import Typer, Rich or anything below the command functions at import time:
the fast path imports this module on every run.
"""

from __future__ import annotations

from rcmcli.cli import cmd_site
from rcmcli.cli import commands as c

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any, Callable, Optional


def N_(text: str) -> str:
    """Mark a help text for translation; it is translated when the help is built."""
    return text


class Opt:
    """One option or argument of a command.

    ``kind``: ``str`` (a value), ``flag`` (boolean, no value), ``path`` (a file or
    folder, handed to the command as a :class:`pathlib.Path`). ``choices`` limits a
    value to those words. ``multiple``: the option may repeat (a list); for an
    argument, it takes every remaining word. ``complete`` names what the shell
    completes: ``meeting``, ``zone`` or ``file`` (choices complete themselves).
    ``example`` is a value the tests use to run every option of every command.
    """

    __slots__ = ("name", "flags", "help", "kind", "default", "choices", "multiple", "required", "envvar", "complete", "example", "metavar")

    def __init__(
        self,
        name: str,
        flags: tuple[str, ...],
        help: str,
        kind: str = "str",
        default: Any = None,
        choices: Optional[tuple[str, ...]] = None,
        multiple: bool = False,
        required: bool = False,
        envvar: Optional[str] = None,
        complete: Optional[str] = None,
        example: Optional[str] = None,
        metavar: Optional[str] = None,
    ) -> None:
        self.name, self.flags, self.help, self.kind = name, flags, help, kind
        self.default = (False if kind == "flag" else ()) if default is None and (kind == "flag" or multiple) else default
        self.choices, self.multiple, self.required = choices, multiple, required
        self.envvar, self.complete, self.example, self.metavar = envvar, complete, example, metavar

    @property
    def argument(self) -> bool:
        return not self.flags


def Arg(name: str, help: str, **kw: Any) -> Opt:
    """A positional argument."""
    return Opt(name, (), help, **kw)


class Command:
    """A command: where it sits (``("agenda", "show")``), what runs it, its help and options."""

    __slots__ = ("path", "func", "help", "options")

    def __init__(self, path: tuple[str, ...], func: Callable[..., int], help: str, options: tuple[Opt, ...]) -> None:
        self.path, self.func, self.help, self.options = path, func, help, options


# --- shared options --------------------------------------------------------------

TABLE_FORMATS = ("table", "json", "markdown", "csv")


def fmt(choices: tuple[str, ...] = TABLE_FORMATS, default: str = "table") -> Opt:
    return Opt("fmt", ("--format", "-f"), N_("Output format."), default=default, choices=choices)


LANGS = ("en", "es")


def lang(what: str) -> Opt:
    return Opt("lang", ("--lang",), what, default="en", choices=LANGS)


def meeting(help: str = N_("Catalog id or path to a meeting YAML file (default: next upcoming)."), required: bool = False) -> Opt:
    return Arg("meeting", help, required=required, complete="meeting", example="plenary-ii-2021")


ORGS = ("rcm", "sacm", "all")

# --- the root group --------------------------------------------------------------

ROOT_HELP = N_("Agendas of the RCM and SACM meetings, in every member capital's time.")

GLOBALS: tuple[Opt, ...] = (
    Opt("version", ("--version",), N_("Print rcm's and the tz database's versions."), kind="flag"),
    Opt("data", ("--data",), N_("Catalog folder to use instead of the bundled one."), envvar="RCM_DATA", complete="folder"),
    Opt("tzdb", ("--tzdb",), N_("tz database: 'tzdata' (bundled, default) or 'system'."), default="tzdata", envvar="RCM_TZDB", choices=None),
    Opt("debug", ("--debug",), N_("Show tracebacks for internal errors."), kind="flag"),
    Opt("no_color", ("--no-color",), N_("No colour (also: NO_COLOR, or output not a terminal)."), kind="flag"),
)

GROUPS: dict[tuple[str, ...], str] = {
    (): ROOT_HELP,
    ("agenda",): N_("Show, convert, check and export meeting agendas."),
    ("site",): N_("Publish the agendas as a static web site."),
}

# --- the commands ----------------------------------------------------------------

COMMANDS: tuple[Command, ...] = (
    Command(
        ("agenda", "list"),
        c.agenda_list,
        N_("List the meetings in the catalog."),
        (fmt(("table", "json")), lang(N_("Language of titles."))),
    ),
    Command(
        ("agenda", "show"),
        c.agenda_show,
        N_("Show a meeting's agenda in one or more time zones."),
        (
            meeting(),
            Opt(
                "tz",
                ("--tz",),
                N_("Zone to show: IANA name, city, capital, country, ISO code, GMT-6, local. Repeatable."),
                multiple=True,
                complete="zone",
                example="Buenos_Aires",
            ),
            fmt(),
            lang(N_("Language of titles.")),
        ),
    ),
    Command(
        ("agenda", "times"),
        c.agenda_times,
        N_("When each slot starts and ends in every member capital."),
        (
            meeting(N_("Catalog id or path (default: next upcoming).")),
            Opt("org", ("--org",), N_("Capitals of rcm, sacm or all (default: the meeting's conferences)."), choices=ORGS),
            fmt(("table", "json")),
            lang(N_("Language of titles.")),
        ),
    ),
    Command(
        ("agenda", "validate"),
        c.agenda_validate,
        N_("Check agendas like a linter: exit 0 clean, 1 problems found, 2 could not run."),
        (
            Arg("targets", N_("Files, folders or catalog ids (default: the whole catalog)."), multiple=True, complete="meeting", example="plenary-ii-2021"),
            Opt(
                "fmt",
                ("--format", "-f"),
                N_("auto (github under GitHub Actions, else text), text, parsable, json, github."),
                default="auto",
                choices=("auto", "text", "parsable", "json", "github"),
            ),
            Opt("strict", ("--strict",), N_("Warnings fail too (exit 1)."), kind="flag"),
            Opt("select", ("--select",), N_("Only these rules: codes, prefixes or names, comma-separated."), example="T,P001"),
            Opt("ignore", ("--ignore",), N_("Skip these rules: codes, prefixes or names, comma-separated."), example="gap"),
            Opt("config", ("--config",), N_("Configuration file (default: nearest .rcm.toml or pyproject.toml [tool.rcm])."), complete="file"),
            Opt("no_suppress", ("--no-suppress",), N_("Ignore '# rcm: ignore[...]' comments: show every finding."), kind="flag"),
        ),
    ),
    Command(
        ("agenda", "ics"),
        c.agenda_ics,
        N_("Export a meeting as an iCalendar (.ics) file: one event per slot, times in UTC."),
        (
            meeting(),
            Opt("output", ("--output", "-o"), N_("File to write (default: standard output)."), kind="path", complete="file"),
            Opt("include_breaks", ("--include-breaks",), N_("Also export breaks (as free time)."), kind="flag"),
            lang(N_("Language of titles and descriptions.")),
            Opt(
                "previous",
                ("--previous",),
                N_("An earlier export of this meeting: bump SEQUENCE of changed events, cancel removed ones."),
                kind="path",
                complete="file",
            ),
        ),
    ),
    Command(
        ("agenda", "invite"),
        c.agenda_invite,
        N_("Write one invitation (.ics, METHOD:REQUEST) per participant, with times in their capital."),
        (
            meeting(N_("Catalog id or path to a meeting YAML file."), required=True),
            Opt("roster", ("--roster",), N_("Participants: YAML or CSV with name, email, country, role, language."), kind="path", required=True, complete="file"),
            Opt("output", ("--output", "-o"), N_("Folder for the invite files (created if missing)."), kind="path", required=True, complete="folder"),
            Opt("organizer", ("--organizer",), N_("ORGANIZER as 'Name <email>' (default: the meeting's secretariat)."), example="RCM <es@example.org>"),
        ),
    ),
    Command(
        ("site", "build"),
        cmd_site.site_build,
        N_("Write the agendas as a static site: pages in every language, calendars and JSON."),
        (
            Arg("meetings", N_("Catalog ids or paths (default: the whole catalog)."), multiple=True, complete="meeting", example="plenary-ii-2021"),
            Opt("output", ("--output", "-o"), N_("Folder for the site (replaced whole on every build)."), kind="path", required=True, complete="folder"),
            Opt(
                "base_url",
                ("--base-url",),
                N_("Where the site will be published (https://...): adds calendar subscription links."),
                example="https://example.github.io/agendas/",
            ),
        ),
    ),
    Command(
        ("members",),
        c.members,
        N_("Member states with their capital, zone and current UTC offset."),
        (
            Opt("org", ("--org",), N_("rcm, sacm or all."), default="all", choices=ORGS),
            fmt(("table", "json")),
            lang(N_("Language of names.")),
        ),
    ),
)

BY_PATH: dict[tuple[str, ...], Command] = {cmd.path: cmd for cmd in COMMANDS}


def subcommands(group: tuple[str, ...]) -> list[str]:
    """Names directly under a group, in declaration order: subgroups and commands."""
    names: list[str] = []
    for path in [*GROUPS, *BY_PATH]:
        if len(path) == len(group) + 1 and path[: len(group)] == group and path[-1] not in names:
            names.append(path[-1])
    return names
