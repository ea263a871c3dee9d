"""Answer the common command lines without importing Typer.

Importing Typer (and the click it carries) takes longer than the whole of
``rcm agenda show --format json`` once the catalog is read, so ``rcm --version``,
every ``--help`` and the command lines whose options are plain values, choices and
flags are parsed here, from the same declarations the Typer application is built
from (:mod:`rcmcli.cli.registry`), and run through the same functions.

Options arrive typed: each value goes through its kind's converter
(:meth:`rcmcli.cli.registry.Opt.convert`), the same one the Typer application calls.

Help is rendered here, at run time, from the registry's declarations and texts (in the
command line's language), exactly as the Typer release named by :data:`TYPER_RELEASE`
prints plain (not Rich) help on 80 columns or more: :func:`render_help`. Nothing is
generated or stored, so a command added to the registry has its help here at once; a
test compares both front ends' help for every command, group and language.

Anything this parser is not sure of returns ``None`` and the Typer application takes
over: unknown or repeated options, a value that looks like an option, ``--``, missing
values, bad choices, a value its kind refuses, help on a terminal narrower than 80
columns or with another Typer release installed, help texts on more than one line,
shell completion. Typer therefore remains the only source of usage errors; the tests
run every command and option of the registry through both and compare the output.
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
    if opt.kind in registry.KINDS:
        try:
            return opt.convert(value)
        except ValueError:
            raise _Unsure from None  # Typer reports it, naming the option (exit 2)
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


def _print_help(path: tuple[str, ...], lang: str, err: bool = False) -> Optional[int]:
    """The help of ``path`` in ``lang``, or None when Typer should print it."""
    text = render_help(path, lang)
    if text is None:
        return None
    stream = sys.stderr if err else sys.stdout
    stream.write(text + "\n")
    return 2 if err else 0  # click: a group called without arguments shows help and exits 2


def dispatch(argv: list[str]) -> Optional[int]:
    """Run ``rcm ARGV`` and return its exit code, or None to leave it to Typer."""
    if any(k.startswith("_RCM_COMPLETE") for k in os.environ) or any(a.endswith("-completion") for a in argv):
        return None
    from rcmcli.cli.runtime import language_of

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
    from rcmcli.cli.runtime import Globals

    opts = Globals(**values)
    if opts.version:
        return _version(opts) if not root.rest else None
    return _command(root.rest, opts, lang)


def _version(opts: Any) -> int:
    from rcmcli.cli import runtime

    code = runtime.setup(opts)
    if code == 0:
        sys.stdout.write(runtime.version_text())
    return code


def _command(rest: list[str], opts: Any, lang: str) -> Optional[int]:
    """Resolve ``agenda show ...`` to a declared command, then parse and run it."""
    path: tuple[str, ...] = ()
    while path in registry.GROUPS:
        group = path
        if not rest:
            return None if group == () else _help_after_setup(opts, group, lang, err=True)
        if rest[0] == "--help" and len(rest) == 1 and group != ():
            return _help_after_setup(opts, group, lang)
        if rest[0] not in registry.subcommands(group):
            return None
        path, rest = (*path, rest[0]), rest[1:]
    cmd = registry.BY_PATH[path]
    parsed = _parse(rest, cmd.options, interspersed=True)
    if parsed is None:
        return None
    if parsed.help:
        return _help_after_setup(opts, path, lang)
    kwargs = _arguments(parsed, cmd.options)
    if kwargs is None:
        return None
    from rcmcli.cli import runtime

    func: Callable[..., int] = cmd.func
    return _after_setup(opts, lambda: runtime.run(func, opts, **kwargs))


def _help_after_setup(opts: Any, path: tuple[str, ...], lang: str, err: bool = False) -> Optional[int]:
    return _after_setup(opts, lambda: _print_help(path, lang, err))


def _after_setup(opts: Any, then: Callable[[], Optional[int]]) -> Optional[int]:
    """The root callback runs before a subcommand parses its arguments: --tzdb first."""
    from rcmcli.cli import runtime

    code = runtime.setup(opts)
    return code if code else then()


# --- help, rendered from the registry as Typer prints it -------------------------------
#
# What follows reproduces the plain help of Typer 0.28 (its vendored click's HelpFormatter,
# TyperOption/TyperArgument.get_help_record, TyperGroup.format_commands) for the shapes
# the registry declares. The drift test (tests/cli/test_help.py) compares it with the
# real Typer application for every group, command and language; under another Typer
# release the fast path leaves help to Typer, and the test skips, saying why.

TYPER_RELEASE = "0.28."  # the releases whose help this reproduces: 0.28.x
HELP_WIDTH = 78  # click wraps help to max(min(columns, 80) - 2, 50) columns: 78 from 80 on
# Typer's and click's own words, which they do not translate.
_USAGE = "Usage: "
_HELP_OPTION = ("--help", "Show this message and exit.")
_COMPLETION_OPTIONS = (
    ("--install-completion", "Install completion for the current shell."),
    ("--show-completion", "Show completion for the current shell, to copy it or customize the installation."),
)


def render_help(path: tuple[str, ...], lang: str, width: Optional[int] = None) -> Optional[str]:
    """The ``--help`` of a group or command as Typer prints it (without the last newline),
    its texts in ``lang``; None where this renderer is not sure to print the same: a
    terminal narrower than 80 columns, another Typer release, a declaration it does not
    model. ``width`` (tests) skips the terminal and release checks."""
    if width is None:
        if _columns() < 80 or not _typer_matches():
            return None
        width = HELP_WIDTH
    from rcmcli import i18n

    try:
        with i18n.language(lang):
            return _render(path, i18n._, width)
    except _Unsure:
        return None


def _columns() -> int:
    """``shutil.get_terminal_size().columns``, which click reads, without importing shutil."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _typer_matches() -> bool:
    """Whether the Typer found on ``sys.path`` is :data:`TYPER_RELEASE` (its ``__init__``
    states its version); anything else, or a Typer not found this way, is unsure."""
    for folder in sys.path:
        try:
            with open(os.path.join(folder or os.curdir, "typer", "__init__.py"), encoding="utf-8") as f:
                head = f.read(1000)
        except OSError:
            continue
        return f'__version__ = "{TYPER_RELEASE}' in head
    return False


def _render(path: tuple[str, ...], tr: Callable[[str], str], width: int) -> str:
    is_group = path in registry.GROUPS
    if is_group:
        about, params = registry.GROUPS[path], (registry.GLOBALS if path == () else ())
    else:
        cmd = registry.BY_PATH[path]
        about, params = cmd.help, cmd.options
    out: list[str] = []
    pieces = ["[OPTIONS]", *(_arg_metavar(o, usage=True) for o in params if o.argument)]
    if is_group:
        pieces.append("COMMAND [ARGS]...")
    out.append(_usage(" ".join(("rcm", *path)), " ".join(pieces), width))
    text = _plain(tr(about))
    if text:
        out.append("\n" + _wrap(text, width, "  ", "  ") + "\n")
    arguments = [_record(o, tr) for o in params if o.argument]
    options = [_record(o, tr) for o in params if not o.argument]
    if path == ():
        options += _COMPLETION_OPTIONS
    options.append(_HELP_OPTION)
    for title, rows in ((tr("Arguments"), arguments), (tr("Options"), options)):
        if rows:
            out.append(_section(title, rows, width))
    if is_group:
        rows = _commands(path, tr, width)
        if rows:
            out.append(_section(tr("Commands"), rows, width))
    return "".join(out).rstrip("\n")


def _plain(text: str) -> str:
    """``text``, if Typer shows it as it is: one line, no surrounding spaces (so cleandoc,
    paragraphs and form feeds change nothing); else unsure."""
    if text != text.strip() or len(text.splitlines()) != 1 or "\t" in text:
        raise _Unsure
    return text


def _usage(prog: str, args: str, width: int) -> str:
    """click's ``HelpFormatter.write_usage`` at indent 0."""
    prefix = f"{_USAGE}{prog} "
    if width >= len(prefix) + 20:
        return _wrap(args, width, prefix, " " * len(prefix)) + "\n"
    indent = " " * (len(_USAGE) + 4)
    return prefix + "\n" + _wrap(args, width, indent, indent) + "\n"


def _arg_metavar(opt: Opt, usage: bool) -> str:
    """``TyperArgument.make_metavar``, with rcm's change (``app._plain_required_arguments``):
    a required argument written ``{MEETING}`` in the usage line is written ``MEETING``."""
    text = _typer_arg_metavar(opt, usage)
    if usage and opt.required and text.startswith("{") and text.endswith("}"):
        return text[1:-1]
    return text


def _typer_arg_metavar(opt: Opt, usage: bool) -> str:
    if opt.metavar is not None:
        if opt.metavar.startswith("[") or not usage:
            return opt.metavar
        return f"{{{opt.metavar}}}" if opt.required else f"[{opt.metavar}]"
    name = opt.name
    if usage:
        name = f"{{{name}}}" if opt.required else f"[{name}]"
    if opt.choices:
        name += f":<{'|'.join(opt.choices)}>"
    return name + ("..." if opt.multiple else "")


def _opt_metavar(opt: Opt) -> str:
    """``Parameter.make_metavar`` of an option: its metavar, its choices, or its type's name."""
    if opt.metavar is not None:
        return opt.metavar
    if opt.choices:
        return f"<{'|'.join(opt.choices)}>"
    return "<path>" if opt.kind == "path" else "<str>"  # the typed kinds are str to click


def _record(opt: Opt, tr: Callable[[str], str]) -> tuple[str, str]:
    """``get_help_record`` of TyperOption and TyperArgument: (names, help with its notes)."""
    help_text = _plain(tr(opt.help))
    extra = []
    if opt.argument:
        if opt.envvar:
            raise _Unsure  # Typer writes an argument's "env var" untranslated: not modelled
        name = _arg_metavar(opt, usage=False)
        default = None if opt.required or opt.multiple else opt.default
    else:
        flags = sorted(opt.flags, key=lambda f: len(f) - len(f.lstrip("-")))  # click: short before long
        if any(f.startswith("/") for f in opt.flags):
            raise _Unsure
        name = ", ".join(flags) + ("" if opt.kind == "flag" else " " + _opt_metavar(opt))
        if opt.envvar:
            extra.append(tr("env var: {var}").format(var=opt.envvar))
        default = None if opt.required else opt.default
    shown = _default_string(opt, default)
    if shown:
        extra.append(tr("default: {default}").format(default=shown))
    if opt.required:
        extra.append(tr("required"))
    if extra:
        notes = "[" + "; ".join(extra) + "]"
        help_text = f"{help_text}  {notes}" if help_text else notes
    return name, help_text


def _default_string(opt: Opt, default: Any) -> str:
    """Typer's ``_get_default_string`` for the defaults the registry declares."""
    if default is None:
        return ""
    if isinstance(default, (list, tuple)):
        parts = [_default_string(opt, d) for d in default]
        return "" if all(not p for p in parts) else ", ".join(parts)
    if opt.kind == "flag" and not default:
        return ""
    if not isinstance(default, str):
        raise _Unsure  # str() of other values: not modelled
    return default


def _commands(group: tuple[str, ...], tr: Callable[[str], str], width: int) -> list[tuple[str, str]]:
    """``TyperGroup.format_commands``: commands in declaration order, then subgroups
    (the order Typer adds them), each with its help cut to the room left."""
    depth = len(group) + 1
    below = [(c.path[-1], c.help) for c in registry.COMMANDS if len(c.path) == depth and c.path[:-1] == group]
    below += [(p[-1], h) for p, h in registry.GROUPS.items() if len(p) == depth and p[:-1] == group]
    if not below:
        return []
    limit = width - 6 - max(len(name) for name, _ in below)
    return [(name, _short_help(_plain(tr(text)), limit)) for name, text in below]


def _short_help(text: str, limit: int) -> str:
    """click's ``make_default_short_help``: the first sentence, or words up to ``limit`` and '...'."""
    words = text.split()
    if not words:
        return ""
    total = 0
    last = len(words) - 1
    for i, word in enumerate(words):
        total += len(word) + (i > 0)
        if total > limit:
            break
        if word[-1] == ".":
            return " ".join(words[: i + 1])
        if total == limit and i != last:
            break
    else:
        return " ".join(words)
    total += len("...")
    while i > 0:
        total -= len(words[i]) + (i > 0)
        if total <= limit:
            break
        i -= 1
    return " ".join(words[:i]) + "..."


def _section(title: str, rows: list[tuple[str, str]], width: int) -> str:
    """click's ``HelpFormatter.section`` with ``write_dl`` at indent 2."""
    indent = 2
    out = [f"\n{title}:\n"]
    first_col = min(max(len(first) for first, _ in rows), 30) + 2
    for first, second in rows:
        out.append(" " * indent + first)
        if not second:
            out.append("\n")
            continue
        if len(first) <= first_col - 2:
            out.append(" " * (first_col - len(first)))
        else:
            out.append("\n" + " " * (first_col + indent))
        lines = _wrap(second, max(width - first_col - 2, 10)).splitlines()
        out.append(lines[0] + "\n")
        out.extend(" " * (first_col + indent) + line + "\n" for line in lines[1:])
    return "".join(out)


def _wrap(text: str, width: int, initial: str = "", subsequent: str = "") -> str:
    """click's ``wrap_text`` of one paragraph: textwrap, a word longer than a line cut
    where the line ends (click's ``_handle_long_word``)."""
    import textwrap  # only for help

    class Wrapper(textwrap.TextWrapper):
        def _handle_long_word(self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int) -> None:
            space_left = max(width - cur_len, 1)
            last = reversed_chunks[-1]
            cur_line.append(last[:space_left])
            reversed_chunks[-1] = last[space_left:]

    wrapper = Wrapper(width, initial_indent=initial, subsequent_indent=subsequent, replace_whitespace=False)
    return wrapper.fill(text.expandtabs())
