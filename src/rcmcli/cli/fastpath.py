"""Answer the common invocations without importing Typer.

Importing Typer (and the click it carries) takes longer than the whole of
``rcm agenda show --format json`` once the catalog is read, so ``rcm --version``,
every ``--help`` and the commands whose options are plain strings, choices and flags
are parsed here, from the command table that :mod:`rcmcli.cli.app` generates
(``_cli_spec.py``), and run through the same functions (:mod:`rcmcli.cli.commands`).

Anything this parser is not sure of returns ``None`` and the Typer application takes
over: unknown or repeated options, a value that looks like an option, ``--``, missing
values, bad choices, narrow terminals (help is wrapped to the width), shell
completion. Typer therefore remains the only source of usage errors, and the tests
run every supported invocation through both paths and compare the output.
"""

from __future__ import annotations

import os
import sys

from rcmcli.cli import _spec as spec

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any, Optional


Params = tuple  # see _cli_spec.COMMANDS
NAME, KIND, OPTS, CHOICES, DEFAULT, MULTIPLE, NARGS, REQUIRED, ENVVAR, CONVERT = range(10)


def _help_fits() -> bool:
    """Click wraps help to min(columns, 80) - 2; the stored text is for 80 columns or more."""
    import shutil  # only for help: it imports zlib and more

    return shutil.get_terminal_size().columns - 2 >= spec.HELP_WIDTH


class _Parsed:
    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.positionals: list[str] = []
        self.help = False
        self.rest: list[str] = []


def _take_value(param: tuple, token: str, args: list[str], i: int) -> Optional[tuple[str, int]]:
    """The option's value and the index after it; None when click might read it differently."""
    name, eq, value = token.partition("=")
    if not eq:
        if i + 1 >= len(args):
            return None
        value = args[i + 1]
        i += 1
        if value.startswith("-") and value != "-":  # click would take it as the value; rare: let it
            return None
    if param[CHOICES] is not None and value not in param[CHOICES]:
        return None
    if param[CONVERT] == "path" and os.path.exists(value) and not os.access(value, os.R_OK):
        return None  # Typer refuses an unreadable existing path: its message, not ours
    return value, i + 1


def _parse(args: list[str], params: Params, interspersed: bool) -> Optional[_Parsed]:
    """Options and positionals as click would parse them, or None if unsure."""
    by_opt = {o: p for p in params for o in p[OPTS]}
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
        param = by_opt.get(token.partition("=")[0] if token.startswith("--") else token)
        if param is None or param[KIND] == "unsupported":
            return None
        if param[KIND] == "flag":
            if "=" in token:
                return None
            out.values[param[NAME]] = True
            i += 1
            continue
        taken = _take_value(param, token, args, i)
        if taken is None:
            return None
        value, i = taken
        if param[MULTIPLE]:
            out.values.setdefault(param[NAME], []).append(value)
        elif param[NAME] in out.values:
            return None  # click keeps the last; leave such command lines to it
        else:
            out.values[param[NAME]] = value
    return out


def _env(param: tuple) -> Optional[str]:
    return os.environ.get(param[ENVVAR]) or None if param[ENVVAR] else None


def _arguments(parsed: _Parsed, params: Params) -> Optional[dict[str, Any]]:
    """Keyword arguments for the command function, with defaults; None if unsure."""
    kwargs: dict[str, Any] = {}
    positionals = list(parsed.positionals)
    for p in params:
        if p[KIND] == "unsupported":
            return None
        if p[KIND] == "argument":
            if p[NARGS] == -1:
                kwargs[p[NAME]], positionals = positionals, []
            elif positionals:
                kwargs[p[NAME]] = positionals.pop(0)
            elif p[REQUIRED]:
                return None
            else:
                kwargs[p[NAME]] = p[DEFAULT]
            continue
        value = parsed.values.get(p[NAME])
        if value is None:
            value = _env(p)
        if value is None:
            if p[REQUIRED]:
                return None
            value = list(p[DEFAULT]) if p[MULTIPLE] else p[DEFAULT]
        elif p[CONVERT] == "path":
            from pathlib import Path

            value = Path(value)
        kwargs[p[NAME]] = value
    return None if positionals else kwargs


def _print_help(path: tuple, err: bool = False) -> Optional[int]:
    if not _help_fits():
        return None
    stream = sys.stderr if err else sys.stdout
    stream.write(spec.HELP[path] + "\n")
    return 2 if err else 0  # click: a group called without arguments shows help and exits 2


def _globals(parsed: _Parsed) -> Optional[Any]:
    from rcmcli.cli.commands import Globals

    root = spec.GROUPS[()][1]
    values = _arguments(parsed, root)
    if values is None:
        return None
    return Globals(values["data"], values["tzdb"], values["debug"], values["no_color"]), values["version"]


def dispatch(argv: list[str]) -> Optional[int]:
    """Run ``rcm ARGV`` and return its exit code, or None to leave it to Typer."""
    if any(k.startswith("_RCM_COMPLETE") for k in os.environ):
        return None
    if not argv:
        return _print_help((), err=True)
    root = _parse(argv, spec.GROUPS[()][1], interspersed=False)
    if root is None:
        return None
    if root.help:
        return _print_help(())
    found = _globals(root)
    if found is None:
        return None
    opts, version = found
    if version:
        return _version(opts) if not root.rest else None
    return _command(root.rest, opts)


def _version(opts: Any) -> int:
    from rcmcli.cli import commands

    code = commands.setup(opts)
    if code == 0:
        sys.stdout.write(commands.version_text())
    return code


def _command(rest: list[str], opts: Any) -> Optional[int]:
    """Resolve ``agenda show ...`` to a command path, then parse and run it."""
    path: tuple = ()
    while path in spec.GROUPS:
        names = spec.GROUPS[path][0]
        if not rest:
            return None if path == () else _after_setup(opts, lambda: _print_help(path, err=True))
        if rest[0] == "--help" and len(rest) == 1 and path != ():
            return _after_setup(opts, lambda: _print_help(path))
        if rest[0] not in names:
            return None
        path, rest = (*path, rest[0]), rest[1:]
    params = spec.COMMANDS[path]
    parsed = _parse(rest, params, interspersed=True)
    if parsed is None:
        return None
    if parsed.help:
        return _after_setup(opts, lambda: _print_help(path))
    kwargs = _arguments(parsed, params)
    if kwargs is None:
        return None
    from rcmcli.cli import commands

    func = getattr(commands, "_".join(path))
    return _after_setup(opts, lambda: commands.run(func, opts, **kwargs))


def _after_setup(opts: Any, then: Any) -> Optional[int]:
    """The root callback runs before a subcommand parses its arguments: --tzdb first."""
    from rcmcli.cli import commands

    code = commands.setup(opts)
    return code if code else then()
