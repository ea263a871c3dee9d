"""Answer the common command lines without importing Typer.

Importing Typer (and the click it carries) takes longer than the whole of
``rcm agenda show --format json`` once the catalog is read, so ``rcm --version``,
every ``--help`` and the command lines whose options are plain values, choices and
flags are parsed here, from the same declarations the Typer application is built
from (:mod:`rcmcli.cli.registry`), and run through the same functions.

Anything this parser is not sure of returns ``None`` and the Typer application takes
over: unknown or repeated options, a value that looks like an option, ``--``, missing
values, bad choices, narrow terminals (help is wrapped to the width), shell
completion. Typer therefore remains the only source of usage errors; the tests run
every command and option of the registry through both and compare the output.
"""

from __future__ import annotations

import os
import sys

from rcmcli.cli import registry

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any, Callable, Optional

    from rcmcli.cli.registry import Opt


class _Parsed:
    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.positionals: list[str] = []
        self.help = False
        self.rest: list[str] = []


def _take_value(opt: Opt, token: str, args: list[str], i: int) -> Optional[tuple[str, int]]:
    """The option's value and the index after it; None when click might read it differently."""
    _, eq, value = token.partition("=")
    if not eq:
        if i + 1 >= len(args):
            return None
        value = args[i + 1]
        i += 1
        if value.startswith("-") and value != "-":  # click would take it as the value; rare: let it
            return None
    if opt.choices is not None and value not in opt.choices:
        return None
    return value, i + 1


def _parse(args: list[str], options: tuple[Opt, ...], interspersed: bool) -> Optional[_Parsed]:
    """Options and positionals as click would parse them, or None if unsure."""
    by_flag = {f: o for o in options for f in o.flags}
    out = _Parsed()
    i = 0
    while i < len(args):
        token = args[i]
        if token == "--help":
            out.help = True
            i += 1
            continue
        if not token.startswith("-") or token == "-":
            if not interspersed:
                out.rest = args[i:]
                return out
            out.positionals.append(token)
            i += 1
            continue
        opt = by_flag.get(token.partition("=")[0] if token.startswith("--") else token)
        if opt is None:
            return None
        if opt.kind == "flag":
            if "=" in token:
                return None
            out.values[opt.name] = True
            i += 1
            continue
        taken = _take_value(opt, token, args, i)
        if taken is None:
            return None
        value, i = taken
        if opt.multiple:
            out.values.setdefault(opt.name, []).append(value)
        elif opt.name in out.values:
            return None  # click keeps the last; leave such command lines to it
        else:
            out.values[opt.name] = value
    return out


def _converted(opt: Opt, value: Any) -> Any:
    if opt.kind != "path" or value is None:
        return value
    from pathlib import Path

    if os.path.exists(value) and not os.access(value, os.R_OK):
        raise _Unsure  # Typer refuses an unreadable existing path: its message, not ours
    return Path(value)


class _Unsure(Exception):
    """Leave this command line to Typer."""


def _arguments(parsed: _Parsed, options: tuple[Opt, ...]) -> Optional[dict[str, Any]]:
    """Keyword arguments for the command function, with defaults; None if unsure."""
    kwargs: dict[str, Any] = {}
    positionals = list(parsed.positionals)
    try:
        for opt in options:
            kwargs[opt.name] = _converted(opt, _value(opt, parsed, positionals))
    except _Unsure:
        return None
    return None if positionals else kwargs


def _value(opt: Opt, parsed: _Parsed, positionals: list[str]) -> Any:
    if opt.argument:
        if opt.multiple:
            taken = list(positionals)
            positionals.clear()
            return taken
        if positionals:
            return positionals.pop(0)
        if opt.required:
            raise _Unsure
        return opt.default
    value = parsed.values.get(opt.name)
    if value is None and opt.envvar:
        value = os.environ.get(opt.envvar) or None
        if value is not None and opt.choices is not None and value not in opt.choices:
            raise _Unsure
    if value is None:
        if opt.required:
            raise _Unsure
        return list(opt.default) if opt.multiple else opt.default
    return value


def _help_fits() -> bool:
    """Click wraps help to min(columns, 80) - 2; the stored text is for 80 columns or more."""
    import shutil  # only for help: it imports zlib and more

    from rcmcli.cli import _help

    return shutil.get_terminal_size().columns - 2 >= _help.HELP_WIDTH


def _print_help(path: tuple[str, ...], lang: str, err: bool = False) -> Optional[int]:
    """The stored help of ``path`` in ``lang`` (the table holds every language)."""
    if not _help_fits():
        return None
    from rcmcli.cli import _help

    stream = sys.stderr if err else sys.stdout
    stream.write(_help.HELP[(lang, path)] + "\n")
    return 2 if err else 0  # click: a group called without arguments shows help and exits 2


def dispatch(argv: list[str]) -> Optional[int]:
    """Run ``rcm ARGV`` and return its exit code, or None to leave it to Typer."""
    if any(k.startswith("_RCM_COMPLETE") for k in os.environ) or any(a.endswith("-completion") for a in argv):
        return None
    from rcmcli.cli.commands import language_of

    lang = language_of(argv)  # of the help: Typer builds its help in it too
    if not argv:
        return _print_help((), lang, err=True)
    root = _parse(argv, registry.GLOBALS, interspersed=False)
    if root is None:
        return None
    if root.help:
        return _print_help((), lang)
    values = _arguments(root, registry.GLOBALS)
    if values is None:
        return None
    from rcmcli.cli.commands import Globals

    opts = Globals(**values)
    if opts.version:
        return _version(opts) if not root.rest else None
    return _command(root.rest, opts, lang)


def _version(opts: Any) -> int:
    from rcmcli.cli import commands

    code = commands.setup(opts)
    if code == 0:
        sys.stdout.write(commands.version_text())
    return code


def _command(rest: list[str], opts: Any, lang: str) -> Optional[int]:
    """Resolve ``agenda show ...`` to a declared command, then parse and run it."""
    path: tuple[str, ...] = ()
    while path in registry.GROUPS:
        group = path
        if not rest:
            return None if group == () else _after_setup(opts, lambda: _print_help(group, lang, err=True))
        if rest[0] == "--help" and len(rest) == 1 and group != ():
            return _after_setup(opts, lambda: _print_help(group, lang))
        if rest[0] not in registry.subcommands(group):
            return None
        path, rest = (*path, rest[0]), rest[1:]
    cmd = registry.BY_PATH[path]
    parsed = _parse(rest, cmd.options, interspersed=True)
    if parsed is None:
        return None
    if parsed.help:
        return _after_setup(opts, lambda: _print_help(path, lang))
    kwargs = _arguments(parsed, cmd.options)
    if kwargs is None:
        return None
    from rcmcli.cli import commands

    func: Callable[..., int] = cmd.func
    return _after_setup(opts, lambda: commands.run(func, opts, **kwargs))


def _after_setup(opts: Any, then: Callable[[], Optional[int]]) -> Optional[int]:
    """The root callback runs before a subcommand parses its arguments: --tzdb first."""
    from rcmcli.cli import commands

    code = commands.setup(opts)
    return code if code else then()
