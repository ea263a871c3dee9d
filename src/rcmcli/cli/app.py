"""The Typer application, built from the command registry.

Typer owns help, usage errors and shell completion (``--install-completion``,
``--show-completion`` for bash, zsh and fish). Every command and option comes from
:mod:`rcmcli.cli.registry`: this module only turns those declarations into the
signatures Typer reads, so nothing here is written per command. The work and the
single error boundary are in :mod:`rcmcli.cli.commands`.

``python -m rcmcli.cli.app`` regenerates ``_help.py``, the help texts the fast path
prints without importing Typer, in every language (a test fails until it is current).

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
from rcmcli.cli import commands, complete, registry
from rcmcli.cli.registry import Command, Opt
from rcmcli.i18n import N_

HELP_WIDTH = 78  # click wraps help to min(terminal, 80) - 2 columns

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


def _parameter(opt: Opt, tr: Callable[[str], str]) -> inspect.Parameter:
    completion = complete.for_option(opt)
    extra: dict[str, Any] = {"help": tr(opt.help)}
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
        raise typer.Exit(commands.run(cmd.func, STATE, **values))

    callback.__signature__ = inspect.Signature([_parameter(o, tr) for o in cmd.options])  # type: ignore[attr-defined]
    callback.__name__ = "_".join(cmd.path)
    callback.__doc__ = tr(cmd.help)
    return callback


STATE = commands.Globals()
# The language main() read from the command line (a command's own --lang included): the
# root callback applies the global options, then this, so a subcommand's help and
# Typer's words are in it too. None outside main() (tests invoking the app directly).
REQUESTED: dict[str, Optional[str]] = {"lang": None}


def _root_callback(tr: Callable[[str], str]) -> Callable[..., None]:
    def root(ctx: typer.Context, **kwargs: Any) -> None:
        for name, value in kwargs.items():
            setattr(STATE, name, _plain(value))
        code = commands.setup(STATE)
        if code:
            raise typer.Exit(code)
        wanted = REQUESTED["lang"]
        if wanted and wanted != i18n.current():
            i18n.use(wanted)
        if STATE.version:  # after --tzdb, so the version printed is the database in use
            sys.stdout.write(commands.version_text())
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
    common = {"no_args_is_help": True, "pretty_exceptions_enable": False, "rich_markup_mode": None}
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
    lang = commands.language_of(args)
    i18n.use(lang)  # the help and Typer's words; the root callback applies --lang/--clock again
    REQUESTED["lang"] = lang
    application = app if lang == "en" else build(i18n._)
    try:
        application(args=args, prog_name="rcm")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except Exception:  # outside commands.run (parsing, callbacks): still a bug, exit 3
        return commands.report_bug(STATE)
    finally:
        REQUESTED["lang"] = None  # only for this command line
    return 0


# --- the help texts of the start-up fast path ------------------------------------------


def help_texts(app: typer.Typer, lang: str = "en") -> dict[tuple[str, ...], str]:
    """Every group's and command's ``--help`` as click prints it on an 80-column terminal."""
    from typer.testing import CliRunner

    out: dict[tuple[str, ...], str] = {}
    runner = CliRunner()
    for path in [*registry.GROUPS, *registry.BY_PATH]:
        args = ["--lang", lang, *path, "--help"]  # the root callback runs first: keep it in lang
        result = runner.invoke(app, args, prog_name="rcm", terminal_width=HELP_WIDTH)
        out[path] = result.output.rstrip("\n")
    return out


def all_help_texts() -> dict[tuple[str, tuple[str, ...]], str]:
    """``(language, path) -> help`` for every language of :data:`rcmcli.i18n.LANGUAGES`."""
    texts: dict[tuple[str, tuple[str, ...]], str] = {}
    previous = i18n.current()
    try:
        for lang in i18n.LANGUAGES:
            i18n.use(lang)
            for path, text in help_texts(build(i18n._), lang).items():
                texts[(lang, path)] = text
    finally:
        i18n.use(previous)
    return texts


def help_source() -> str:
    """The source of ``rcmcli/cli/_help.py``."""
    import pprint

    from importlib.metadata import version

    texts = all_help_texts()
    return (
        '"""Generated by ``python -m rcmcli.cli.app`` from the command registry and the catalogs: do not edit.\n\n'
        "The --help texts of every group and command as Typer prints them at 80 columns, in every\n"
        "language, keyed by (language, command path), for the start-up fast path\n"
        '(:mod:`rcmcli.cli.fastpath`); a test fails when they are stale.\n"""\n\n'
        f"HELP_WIDTH = {HELP_WIDTH}\n"
        f"TYPER = {version('typer')!r}  # help is worded slightly differently by other releases\n\n"
        f"HELP = {pprint.pformat(texts, width=160, sort_dicts=False)}\n"
    )


if __name__ == "__main__":
    Path(__file__).with_name("_help.py").write_text(help_source(), encoding="utf-8")
