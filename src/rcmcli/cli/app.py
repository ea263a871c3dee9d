"""The Typer application, built from the command registry.

Typer owns help, usage errors and shell completion (``--install-completion``,
``--show-completion`` for bash, zsh and fish). Every command and option comes from
:mod:`rcmcli.cli.registry`: this module only turns those declarations into the
signatures Typer reads, so nothing here is written per command. The work and the
single error boundary are in :mod:`rcmcli.cli.runtime`.

Nothing here is generated or stored: the fast path renders the same help from the same
declarations at run time (:func:`rcmcli.cli.fastpath.render_help`), and a test compares
the two for every command, group and language.

Help is translated where Typer allows it: every text of the registry (passed through
``build(tr)``), and the few words Typer itself marks for gettext (section titles,
``default``, ``required``, ``env var``: :data:`TYPER_WORDS`); click's own words
(``Usage:``, ``Show this message and exit.``) stay English.
"""

from __future__ import annotations

import inspect
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Callable, List, Optional

import typer

from rcmcli import i18n
from rcmcli.cli import complete, registry, runtime
from rcmcli.cli.registry import Command, Opt
from rcmcli.i18n import N_

# The texts typer.core passes through gettext, marked here so they are extracted into
# rcm's catalogs (the test of the catalogs then asks for their translations).
# TRANSLATORS: the words of Typer's help screens: section titles ("Options"), and the
# notes after an option's help ("[default: table]", "[env var: RCM_LANG]", "[required]").
TYPER_WORDS = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("(dynamic)"),
    N_("Aborted!"),
    N_("Missing command."),
    N_("No such command {name!r}."),
)


def _translate_typer_words() -> None:
    """Route typer.core's gettext calls through rcm's active catalog.

    Typer calls the module-level ``gettext.gettext`` (domain "messages", language from
    the environment); rcm's language is chosen by its own rules, so typer.core's ``_``
    is pointed at :func:`rcmcli.i18n._` (a no-op in English). Harmless if a Typer
    release stops using it.
    """
    import typer.core

    if callable(getattr(typer.core, "_", None)):
        typer.core._ = i18n._  # type: ignore[attr-defined]


_translate_typer_words()


def _plain_required_arguments() -> None:
    """Write a required argument as ``MEETING`` in the usage line, as click does.

    Typer 0.2x writes it ``{MEETING}``, which reads like a choice. Only the usage line
    of a required argument changes; harmless if a Typer release drops the keyword.
    """
    import typer.core

    original = typer.core.TyperArgument.make_metavar
    if "usage" not in inspect.signature(original).parameters:
        return

    def make_metavar(self: Any, ctx: Any, *, usage: bool = False) -> str:
        text: str = original(self, ctx, usage=usage)
        if usage and self.required and text.startswith("{") and text.endswith("}"):
            return text[1:-1]
        return text

    typer.core.TyperArgument.make_metavar = make_metavar  # type: ignore[method-assign]


_plain_required_arguments()


def _bash_words() -> None:
    """Escape each bash completion as one word (``Buenos\\ Aires``): bash inserts it as
    given, and Typer's bash completion writes values unquoted (see :mod:`complete`)."""
    from typer import _completion_classes

    bash = getattr(_completion_classes, "BashComplete", None)
    if bash is None:
        return
    original = bash.format_completion

    def format_completion(self: Any, item: Any) -> str:
        return complete.bash_word(original(self, item))

    bash.format_completion = format_completion


_bash_words()


def _choice_type(opt: Opt) -> type:
    """A str Enum of the option's choices: how Typer spells a choice without private API."""
    assert opt.choices is not None
    return Enum(f"{opt.name.title()}Choice", {c: c for c in opt.choices}, type=str)  # type: ignore[return-value]


def _annotation(opt: Opt) -> Any:
    if opt.kind == "flag":
        return bool
    base: Any = Path if opt.kind == "path" else (_choice_type(opt) if opt.choices else str)
    if opt.multiple:
        return List[base]  # type: ignore[valid-type]
    return base if opt.required else Optional[base]


class BadValue(typer.BadParameter):
    """A value its option's kind refuses: a usage error (exit 2) in rcm's words, on one
    line naming the option and quoting the value, as every other bad input; click's own
    machinery still applies (completion, which parses resiliently, ignores it)."""

    def __init__(self, option: str, problem: str) -> None:
        super().__init__(problem)
        self.line = i18n._("%(option)s: %(problem)s") % {"option": option, "problem": problem}

    def show(self, file: Any = None) -> None:
        runtime.error(self.line)


def _converter(opt: Opt) -> Callable[[Any], Any]:
    """The option's converter (:meth:`Opt.convert`, the fast path's too) as a click callback."""
    name = max(opt.flags, key=len) if opt.flags else (opt.metavar or opt.name.upper())

    def convert(value: Any) -> Any:
        try:
            return opt.convert(value)
        except ValueError as exc:
            raise BadValue(name, str(exc)) from None

    return convert


def _parameter(opt: Opt, tr: Callable[[str], str]) -> inspect.Parameter:
    completion = complete.for_option(opt)
    extra: dict[str, Any] = {"help": tr(opt.help)}
    if opt.kind in registry.KINDS:
        extra["callback"] = _converter(opt)
    if completion is not None:
        extra["autocompletion"] = completion
    if opt.envvar:
        extra["envvar"] = opt.envvar
    if opt.metavar:
        extra["metavar"] = opt.metavar
    if opt.argument:
        default = ... if opt.required else (None if opt.multiple else opt.default)
        info = typer.Argument(default, **extra)
    else:
        default = ... if opt.required else (list(opt.default) if opt.multiple else opt.default)
        info = typer.Option(default, *opt.flags, **extra)
    return inspect.Parameter(opt.name, inspect.Parameter.KEYWORD_ONLY, default=info, annotation=_annotation(opt))


def _plain(value: Any) -> Any:
    """What the command function takes: strings, not Enum members; lists, not tuples."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _callback(cmd: Command, tr: Callable[[str], str]) -> Callable[..., None]:
    def callback(**kwargs: Any) -> None:
        values = {k: _plain(v) for k, v in kwargs.items()}
        raise typer.Exit(runtime.run(cmd.func, STATE, **values))

    callback.__signature__ = inspect.Signature([_parameter(o, tr) for o in cmd.options])  # type: ignore[attr-defined]
    callback.__name__ = "_".join(cmd.path)
    callback.__doc__ = tr(cmd.help)
    return callback


STATE = runtime.Globals()
# The language main() read from the command line (a command's own --lang included): the
# root callback applies the global options, then this, so a subcommand's help and
# Typer's words are in it too. None outside main() (tests invoking the app directly).
REQUESTED: dict[str, Optional[str]] = {"lang": None}


def _root_callback(tr: Callable[[str], str]) -> Callable[..., None]:
    def root(ctx: typer.Context, **kwargs: Any) -> None:
        for name, value in kwargs.items():
            setattr(STATE, name, _plain(value))
        code = runtime.setup(STATE)
        if code:
            raise typer.Exit(code)
        wanted = REQUESTED["lang"]
        if wanted and wanted != i18n.current():
            i18n.use(wanted)
        if STATE.version:  # after --tzdb, so the version printed is the database in use
            sys.stdout.write(runtime.version_text())
            raise typer.Exit()
        if ctx.invoked_subcommand is None:
            typer.echo(ctx.get_help())
            raise typer.Exit()

    params = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)]
    params += [_parameter(o, tr) for o in registry.GLOBALS]
    root.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    return root


def build(tr: Callable[[str], str] = lambda text: text) -> typer.Typer:
    """The application, its help texts passed through ``tr`` (a translation function)."""
    common: dict[str, Any] = {"no_args_is_help": True, "pretty_exceptions_enable": False, "rich_markup_mode": None}
    # Plain click help and usage errors: Rich-formatted help imports rich.markdown and
    # markdown_it, tripling the time of `rcm --help` (docs/performance.md).
    app = typer.Typer(name="rcm", help=tr(registry.ROOT_HELP), add_completion=True, **common)
    app.callback(invoke_without_command=True)(_root_callback(tr))
    groups: dict[tuple[str, ...], typer.Typer] = {(): app}
    for path, help_text in registry.GROUPS.items():
        if path:
            groups[path] = typer.Typer(help=tr(help_text), **common)
            groups[path[:-1]].add_typer(groups[path], name=path[-1])
    for cmd in registry.COMMANDS:
        groups[cmd.path[:-1]].command(cmd.path[-1])(_callback(cmd, tr))
    return app


app = build()  # in English; main() builds the application in the user's language


def main(argv: Optional[List[str]] = None) -> int:
    """Run the Typer application, its help in the command line's language; the exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    lang = runtime.language_of(args)
    i18n.use(lang)  # the help and Typer's words; the root callback applies --lang/--clock again
    REQUESTED["lang"] = lang
    application = app if lang == "en" else build(i18n._)
    try:
        application(args=args, prog_name="rcm")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except Exception:  # outside runtime.run (parsing, callbacks): still a bug, exit 3
        return runtime.report_bug(STATE)
    finally:
        REQUESTED["lang"] = None  # only for this command line
    return 0
