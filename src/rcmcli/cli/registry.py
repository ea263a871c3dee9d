"""Every command of rcm, declared once: its path, function, options, help and formats.

Both front ends are built from these declarations: the Typer application
(:mod:`rcmcli.cli.app`: help, usage errors, shell completion) and the start-up fast
path (:mod:`rcmcli.cli.fastpath`: the common command lines without importing Typer).
The tests walk :data:`COMMANDS` too, so no list of commands or options is written by
hand anywhere else.

To add a command: write its function (``func(opts: Globals, **options) -> int``) in
its ``cmd_<topic>.py``, importing heavy dependencies inside the function, its formats
in ``view_<topic>.py``, and add one :class:`Command` below. ``docs/architecture.md``
shows an example.

Must not import Typer, Rich or anything below the command functions at import time:
the fast path imports this module on every run.
"""

from __future__ import annotations

from rcmcli.cli import cmd_agenda, cmd_announce, cmd_members, cmd_plan, cmd_revision, cmd_site
from rcmcli.i18n import CLOCKS, LANGUAGES

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any, Callable, Optional


def N_(text: str) -> str:
    """Mark a help text for translation; it is translated where help is shown, in the
    language of the command line (the Typer application: :func:`rcmcli.cli.app.build`;
    the fast path: :func:`rcmcli.cli.fastpath.render_help`)."""
    return text


class Opt:
    """One option or argument of a command.

    ``kind``: ``str`` (a value), ``flag`` (boolean, no value), ``path`` (a file or
    folder, handed to the command as a :class:`pathlib.Path`), or one of the typed
    kinds of :data:`KINDS` (``int``, ``float``, ``duration``, ``interval``, ``date``):
    the command receives the converted value, never the text. ``choices`` limits a
    value to those words. ``multiple``: the option may repeat (a list); for an
    argument, it takes every remaining word. ``complete`` names what the shell
    completes: ``meeting``, ``zone``, ``capital``, ``file`` or ``folder`` (choices
    complete themselves).
    ``default`` is written as a person would type it (``"2h"``, ``"5"``) and converted
    like a typed value, so help shows it as typed.
    ``example`` is a value the tests use to run every option of every command.
    ``metavar`` is the word help shows for the value (``ZONE``, ``FILE``, ``DATE``); it
    defaults from the kind or from ``complete``, and every value without choices must
    have one (a test checks), so help never shows a type name like ``<str>``.
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
        if kind not in ("str", "flag", "path") and kind not in KINDS:
            raise ValueError(f"option {name}: unknown kind {kind!r}")
        self.name, self.flags, self.help, self.kind = name, flags, help, kind
        self.default: Any = (False if kind == "flag" else ()) if default is None and (kind == "flag" or multiple) else default
        self.choices, self.multiple, self.required = choices, multiple, required
        self.envvar, self.complete, self.example = envvar, complete, example
        self.metavar = metavar or KIND_METAVARS.get(kind) or METAVARS.get(complete or "")
        if self.metavar and multiple and not flags:
            self.metavar += "..."  # an argument that takes every remaining word

    def convert(self, value: Any) -> Any:
        """The value the command receives for ``value`` (a text, or a list of them when
        ``multiple``): the kind's converter applied, the one both front ends call.
        ValueError, with a message quoting the value, when it is not of the kind."""
        converter = KINDS.get(self.kind)
        if converter is None or value is None:
            return value
        if isinstance(value, (list, tuple)):
            return [converter(v) for v in value]
        return converter(value)

    @property
    def argument(self) -> bool:
        return not self.flags


# What help shows for a value that completes as one of these (``Opt.complete``).
METAVARS = {"meeting": "MEETING", "zone": "ZONE", "capital": "CAPITAL", "file": "FILE", "folder": "FOLDER"}


def Arg(name: str, help: str, **kw: Any) -> Opt:
    """A positional argument."""
    return Opt(name, (), help, **kw)


# --- typed kinds: one converter each, for every front end ------------------------------
# Each takes the text typed (or the declared default) and returns the value the command
# receives, or raises ValueError with a message that quotes the text; the front end names
# the option (Typer: "Invalid value for '--top': ..."; exit 2). Imports happen inside,
# when a value is converted: the registry is imported on every run.


def _(text: str) -> str:
    from rcmcli.i18n import _ as translate

    return translate(text)


def to_int(text: str) -> int:
    """A count: a whole number from 1 to 1000 (``--top``, ``--series``, ``--day``)."""
    value = text.strip()
    if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 1000):
        from rcmcli.core.errors import quote

        raise ValueError(_("%(text)s is not a number from 1 to 1000") % {"text": quote(text)})
    return int(value)


def to_float(text: str) -> float:
    """A number above 0, decimals allowed (``--rate``)."""
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):  # NaN fails too
        from rcmcli.core.errors import quote

        raise ValueError(_("%(text)s is not a number above 0") % {"text": quote(text)})
    return value


def to_duration(text: str) -> int:
    """Minutes, from 2h, 90m, 1h30m or 1:30 (``plan --duration``)."""
    from rcmcli.core.planner import parse_duration

    return parse_duration(text)


def to_interval(text: str) -> int:
    """Days, from 1w, 2w or 3d (``plan --every``)."""
    from rcmcli.core.planner import parse_every

    return parse_every(text)


def to_date(text: str) -> Any:
    """A :class:`datetime.date` from YYYY-MM-DD, in the years an agenda may have (``--date``)."""
    from rcmcli.core.timeparse import parse_date

    return parse_date(text)


KINDS: dict[str, Callable[[str], Any]] = {"int": to_int, "float": to_float, "duration": to_duration, "interval": to_interval, "date": to_date}
# What help shows for a value of a typed kind, unless the option names its own.
KIND_METAVARS = {"int": "N", "float": "NUMBER", "duration": "DURATION", "interval": "INTERVAL", "date": "DATE"}


class Command:
    """A command: where it sits (``("agenda", "show")``), what runs it, its help and options."""

    __slots__ = ("path", "func", "help", "options")

    def __init__(self, path: tuple[str, ...], func: Callable[..., int], help: str, options: tuple[Opt, ...]) -> None:
        self.path, self.func, self.help, self.options = path, func, help, options


# --- shared options --------------------------------------------------------------

TABLE_FORMATS = ("table", "json", "markdown", "csv")


def fmt(choices: tuple[str, ...] = TABLE_FORMATS, default: str = "table") -> Opt:
    return Opt("fmt", ("--format", "-f"), N_("Output format."), default=default, choices=choices)


LANGS = LANGUAGES


def lang(what: str) -> Opt:
    """A command's own ``--lang``: that command's language, over the global one (which is
    its default: ``rcm --lang``, RCM_LANG, the locale). docs/languages.md."""
    return Opt("lang", ("--lang",), what, default=None, choices=LANGUAGES)


def capital(help: str) -> Opt:
    """``--capital``: a place named in the output, by its local clock (docs/decisions.md)."""
    return Opt("capital", ("--capital",), help, multiple=True, complete="capital", example="Santiago")


def org(help: str, default: Optional[str] = None) -> Opt:
    """``--org``: the conference(s) whose member capitals count, on every command."""
    return Opt("org", ("--org",), help, default=default, choices=ORGS)


def ref(help: str, example: str) -> Opt:
    """``--ref``: the reference zone an agenda's times are written in."""
    return Opt("ref", ("--ref",), help, complete="zone", example=example)


def date(help: str) -> Opt:
    """``--date``: one day; a day or a range of days is ``DATES`` (docs/decisions.md)."""
    return Opt("on", ("--date",), help, kind="date", example="2021-09-09", metavar="DATE")


def meeting(help: str = N_("Catalog id or path to a meeting YAML file (default: next upcoming)."), required: bool = False) -> Opt:
    return Arg("meeting", help, required=required, complete="meeting", example="plenary-ii-2021")


ORGS = ("rcm", "sacm", "all")

# --- the root group --------------------------------------------------------------

ROOT_HELP = N_("Agendas of the RCM and SACM meetings, in every member capital's time.")

GLOBALS: tuple[Opt, ...] = (
    Opt("version", ("--version",), N_("Print rcm's and the tz database's versions."), kind="flag"),
    Opt(
        "data",
        ("--data",),
        N_("Catalog folder instead of the bundled one: its meetings/ folder (and members.yaml), else the meeting YAML files in it."),
        envvar="RCM_DATA",
        complete="folder",
    ),
    Opt("tzdb", ("--tzdb",), N_("tz database: 'tzdata' (bundled) or 'system'."), default="tzdata", envvar="RCM_TZDB", metavar="<tzdata|system>"),
    Opt("debug", ("--debug",), N_("Show tracebacks for internal errors."), kind="flag"),
    Opt("no_color", ("--no-color",), N_("No colour (also: NO_COLOR, or output not a terminal)."), kind="flag"),
    Opt("lang", ("--lang",), N_("Language of messages, help and titles (default: the locale)."), envvar="RCM_LANG", choices=LANGUAGES),
    Opt("clock", ("--clock",), N_("12- or 24-hour times (default: 24-hour in tables and reports, the language's habit in announcements)."), envvar="RCM_CLOCK", choices=CLOCKS),
)

GROUPS: dict[tuple[str, ...], str] = {
    (): ROOT_HELP,
    ("agenda",): N_("Show, check and export meeting agendas."),
    ("site",): N_("Publish the agendas as a static web site."),
}

# --- the commands ----------------------------------------------------------------

COMMANDS: tuple[Command, ...] = (
    Command(
        ("agenda", "list"),
        cmd_agenda.agenda_list,
        N_("List the meetings in the catalog."),
        (fmt(), lang(N_("Language of titles and messages (overrides rcm --lang)."))),
    ),
    Command(
        ("agenda", "show"),
        cmd_agenda.agenda_show,
        N_("Show an agenda in one or more time zones."),
        (
            meeting(),
            Opt(
                "tz",
                ("--tz",),
                N_("Zone to show the times in: IANA name, city, capital, country, ISO code, GMT-6, local. Repeatable."),
                multiple=True,
                complete="zone",
                example="Buenos_Aires",
            ),
            fmt(),
            lang(N_("Language of titles and messages (overrides rcm --lang).")),
        ),
    ),
    Command(
        ("agenda", "times"),
        cmd_agenda.agenda_times,
        N_("Each slot's start and end in every member capital."),
        (
            meeting(N_("Catalog id or path (default: next upcoming).")),
            org(N_("Capitals of rcm, sacm or all (default: the meeting's conferences).")),
            capital(N_("Only this capital (or country, ISO code, zone). Repeatable.")),
            Opt("by", ("--by",), N_("Columns: one per shared clock (group) or one row per capital."), default="group", choices=("group", "capital")),
            Opt("day", ("--day",), N_("Only day N of the meeting (1, 2, ...)."), kind="int", example="1", metavar="N"),
            date(N_("Only the meeting day on this date (YYYY-MM-DD).")),
            fmt(),
            lang(N_("Language of titles and messages (overrides rcm --lang).")),
        ),
    ),
    Command(
        ("agenda", "announce"),
        cmd_announce.agenda_announce,
        N_("The start-time announcement of a meeting. Each day's local start, capitals grouped by time."),
        (
            meeting(),
            capital(N_("Announce for this capital (or country, ISO code, zone) instead of the members. Repeatable.")),
            Opt("slot", ("--slot",), N_("Also the start of every slot, day by day."), kind="flag"),
            Opt("clock", ("--clock",), N_("12-hour (09:00 am, as agendas write it) or 24-hour times (default: rcm --clock, else the language's habit)."), choices=("12", "24")),
            fmt(("text", "markdown", "json", "csv"), default="text"),
            lang(N_("Language of titles and capitals.")),
        ),
    ),
    Command(
        ("agenda", "validate"),
        cmd_agenda.agenda_validate,
        N_("Check agendas like a linter. Exit 0 clean, 1 problems found, 2 could not run."),
        (
            Arg("targets", N_("Files, folders or catalog ids (default: the whole catalog)."), multiple=True, complete="meeting", example="plenary-ii-2021", metavar="TARGET"),
            Opt(
                "fmt",
                ("--format", "-f"),
                N_("auto (github under GitHub Actions, else text), text, parsable, json, github."),
                default="auto",
                choices=("auto", "text", "parsable", "json", "github"),
            ),
            Opt("strict", ("--strict",), N_("Warnings fail too (exit 1)."), kind="flag"),
            Opt("select", ("--select",), N_("Only these rules: codes, prefixes or names, comma-separated."), example="T,P001", metavar="RULES"),
            Opt("ignore", ("--ignore",), N_("Skip these rules: codes, prefixes or names, comma-separated."), example="gap", metavar="RULES"),
            Opt("config", ("--config",), N_("Configuration file (default: nearest .rcm.toml or pyproject.toml [tool.rcm])."), complete="file"),
            Opt("no_suppress", ("--no-suppress",), N_("Ignore '# rcm: ignore[...]' comments: show every finding."), kind="flag"),
        ),
    ),
    Command(
        ("agenda", "ics"),
        cmd_agenda.agenda_ics,
        N_("Export a meeting as an iCalendar (.ics) file. One event per slot, times in UTC."),
        (
            meeting(),
            Opt("output", ("--output", "-o"), N_("The .ics file to write, replaced if it exists (default: standard output)."), kind="path", complete="file"),
            Opt("include_breaks", ("--include-breaks",), N_("Also export breaks (as free time)."), kind="flag"),
            lang(N_("Language of titles and descriptions (overrides rcm --lang).")),
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
        cmd_revision.agenda_invite,
        N_("Write one invitation per participant of a roster. Each is an .ics file (METHOD:REQUEST) with the times in the participant's capital."),
        (
            meeting(N_("Catalog id or path to a meeting YAML file."), required=True),
            Opt("roster", ("--roster",), N_("Participants: YAML or CSV with name, email, country, role, language."), kind="path", required=True, complete="file"),
            Opt(
                "output",
                ("--output", "-o"),
                N_("Folder to write the invitations in: created if missing; files of the same names are replaced, others kept."),
                kind="path",
                required=True,
                complete="folder",
            ),
            Opt("organizer", ("--organizer",), N_("ORGANIZER as 'Name <email>' (default: the meeting's secretariat)."), example="RCM <es@example.org>", metavar="ADDRESS"),
            Opt(
                "previous",
                ("--previous",),
                N_("Folder of the last invite run: raise SEQUENCE only where an invite changed, cancel what is gone."),
                kind="path",
                complete="folder",
            ),
            Opt("per_slot", ("--per-slot",), N_("One invitation per slot (sessions, not breaks) instead of one for the whole meeting."), kind="flag"),
            Opt("eml", ("--eml",), N_("Also write one mail message (.eml) per invitation, ready to send."), kind="flag"),
            Opt(
                "send",
                ("--send",),
                N_("Send the messages to smtp://HOST:PORT (smtps://, smtp+starttls://); a dry run unless --yes. Login from RCM_SMTP_USER, RCM_SMTP_PASSWORD."),
                example="smtp://127.0.0.1:2525",
                metavar="URL",
            ),
            Opt("yes", ("--yes",), N_("Really send (without it, --send lists what it would send)."), kind="flag"),
            Opt("rate", ("--rate",), N_("Messages per minute when sending (default 30)."), kind="float", example="60", metavar="N"),
            Opt(
                "resend_unknown",
                ("--resend-unknown",),
                N_("Send again the messages an earlier run does not know were delivered (no reply after the whole message was sent)."),
                kind="flag",
            ),
        ),
    ),
    Command(
        ("agenda", "diff"),
        cmd_revision.agenda_diff,
        N_("What changed between two revisions of an agenda. Exit 0 none, 1 changes, 2 trouble."),
        (
            Arg(
                "old",
                N_("Earlier agenda: file, catalog id, or REV:PATH from git (HEAD~1:agendas/iv.yaml)."),
                required=True,
                complete="meeting",
                example="plenary-ii-2021",
                metavar="OLD",
            ),
            Arg("new", N_("Later agenda: file, catalog id, or REV:PATH from git."), required=True, complete="meeting", example="plenary-ii-2021", metavar="NEW"),
            fmt(("text", "markdown", "json"), default="text"),
            Opt("langs", ("--lang",), N_("Language (default: rcm's); for --notice also two, like 'es,en'."), example="es,en", metavar="LANG[,LANG]"),
            Opt("notice", ("--notice",), N_("Write a short change notice addressed to delegates instead of the report."), kind="flag"),
        ),
    ),
    Command(
        ("site", "build"),
        cmd_site.site_build,
        N_("Write the agendas as a static web site. Pages in every language, calendars and JSON."),
        (
            Arg("meetings", N_("Catalog ids or paths (default: the whole catalog)."), multiple=True, complete="meeting", example="plenary-ii-2021"),
            Opt(
                "output",
                ("--output", "-o"),
                N_("Folder for the site: created, or replaced whole if an earlier build wrote it; a folder with other files is refused."),
                kind="path",
                required=True,
                complete="folder",
            ),
            Opt(
                "base_url",
                ("--base-url",),
                N_("Where the site will be published (https://...): adds calendar subscription links."),
                example="https://example.github.io/agendas/",
                metavar="URL",
            ),
            Opt(
                "skip_broken",
                ("--skip-broken",),
                N_("Build the other meetings when some cannot be built (each is named); without it nothing is written."),
                kind="flag",
            ),
        ),
    ),
    Command(
        ("members",),
        cmd_members.members,
        N_("Member states with their capitals and UTC offsets. The offsets are today's, or those of --date."),
        (
            org(N_("Capitals of rcm, sacm or all."), default="all"),
            date(N_("UTC offsets on this date (YYYY-MM-DD, at 12:00 UTC) instead of now.")),
            fmt(),
            lang(N_("Language of names and messages (overrides rcm --lang).")),
        ),
    ),
)

COMMANDS += (
    Command(
        ("plan",),
        cmd_plan.plan,
        N_("Find the best start times for a meeting. Every start of each date is judged in the member capitals' local hours."),
        (
            Arg("when", N_("A date (2026-12-03) or a range (2026-12-01..2026-12-15)."), required=True, example="2026-12-03", metavar="DATES"),
            Opt("duration", ("--duration", "-d"), N_("How long the meeting lasts: 2h, 90m, 1h30m."), kind="duration", default="2h", example="90m", metavar="DURATION"),
            Opt("weekdays", ("--weekdays",), N_("Only Monday to Friday in the range."), kind="flag"),
            org(N_("Capitals of rcm, sacm or all (default: all).")),
            capital(N_("A capital (or country) whose day matters. Repeatable.")),
            ref(N_("Reference zone of the start times (default GMT-6)."), example="UTC"),
            Opt("work", ("--work",), N_("Local working hours (default: [tool.rcm.hours], else 09:00-18:00)."), example="08:00-17:00", metavar="HH:MM-HH:MM"),
            Opt("lunch", ("--lunch",), N_("Local lunch hours a meeting should avoid, e.g. 13:00-14:00."), example="13:00-14:00", metavar="HH:MM-HH:MM"),
            Opt("reasonable", ("--reasonable",), N_("Local hours still reasonable (default: [tool.rcm.hours], else 07:00-21:00)."), example="06:00-22:00", metavar="HH:MM-HH:MM"),
            Opt("config", ("--config",), N_("Configuration file (default: nearest .rcm.toml or pyproject.toml [tool.rcm])."), complete="file"),
            Opt("top", ("--top",), N_("How many ranked windows to list per period."), kind="int", default="5", example="3", metavar="N"),
            fmt(),
            Opt("draft", ("--draft",), N_("Also write a draft agenda with the best start of the first date (never overwrites)."), kind="path", complete="file"),
            Opt("series", ("--series",), N_("Plan N meetings from the date on, sharing the hours outside working time."), kind="int", example="3", metavar="N"),
            Opt("every", ("--every",), N_("Interval of a --series: 1w, 2w, 3d."), kind="interval", default="1w", example="2w", metavar="INTERVAL"),
        ),
    ),
    Command(
        ("agenda", "new"),
        cmd_plan.agenda_new,
        N_("Write a new draft agenda. 'rcm agenda validate' accepts it; an existing file is never overwritten."),
        (
            Arg("output", N_("The file to write (its folder is created if missing)."), kind="path", required=True, complete="file"),
            Opt("meeting_id", ("--id",), N_("Meeting id: lowercase letters, digits and '-' (default: from the file name)."), example="plenary-iv-2026", metavar="ID"),
            Opt("title", ("--title",), N_("Title of the meeting."), example="Plenary IV", metavar="TEXT"),
            Opt("dates", ("--dates",), N_("A date or a range: 2026-12-03 or 2026-12-03..2026-12-04."), example="2026-12-03", metavar="DATES"),
            ref(N_("Reference zone of the times (default GMT-6)."), example="GMT-5"),
            org(N_("The conference holding the meeting: rcm, sacm or all (default: all, or the --from draft's).")),
            Opt(
                "slot",
                ("--slot",),
                N_("A slot: '09:00-10:00 \"Session 1: Opening\"', optionally after a date. Repeatable."),
                multiple=True,
                example='09:00-10:00 "Session 1"',
                metavar="SLOT",
            ),
            Opt("start_from", ("--from",), N_("A draft to start from, e.g. written by 'rcm plan --draft'."), kind="path", complete="file"),
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
