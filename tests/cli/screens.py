"""Running rcm in a real pseudo-terminal, and reading its screens.

:func:`in_pty` forks this process onto a new pty of the given width and runs rcm's
entry point there, as a terminal would (``isatty()`` is true, the window size is
set with TIOCSWINSZ, COLUMNS is exported as shells do); :func:`subprocess_in_pty`
does the same with ``python -m rcmcli`` in a child process, for the end-to-end
check. Both return the screen with colour codes removed and CR/LF made LF.
"""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import struct
import sys
import termios
from typing import Optional


def preload() -> None:
    """Import what every command imports, once, in the parent: forked children start warm."""
    import rich.console
    import rich.table
    import rich.text  # noqa: F401

    from rcmcli.cli import cmd_agenda, cmd_announce, entry, fastpath, layout, runtime, view_agenda  # noqa: F401
    from rcmcli.core import catalog, clocks, loader  # noqa: F401
    from rcmcli.lint import integrity  # noqa: F401


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def strip_ansi(text: str) -> str:
    return ANSI.sub("", text)


def _set_size(fd: int, columns: int, lines: int = 50) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))


def _read_all(fd: int) -> bytes:
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    return out


def _screen(raw: bytes, keep_colour: bool) -> str:
    text = raw.decode("utf-8", "replace").replace("\r\n", "\n")
    return text if keep_colour else strip_ansi(text)


def in_pty(argv: list[str], columns: int, env: Optional[dict[str, str]] = None, keep_colour: bool = False) -> tuple[int, str]:
    """Exit code and screen of ``rcm ARGV`` run in a forked child on a pty ``columns`` wide."""
    preload()
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdin, stdout and stderr are the pty's terminal side
        code = 3
        try:
            _set_size(1, columns)
            os.environ["COLUMNS"] = str(columns)
            os.environ.pop("NO_COLOR", None)
            os.environ.update(env or {})
            # pytest's capture replaced sys.stdout; write to the terminal itself.
            sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", write_through=True)
            sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", write_through=True)
            from rcmcli.cli.entry import main

            code = main(list(argv))
            sys.stdout.flush()
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            os._exit(code)
    raw = _read_all(fd)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), _screen(raw, keep_colour)


def subprocess_in_pty(argv: list[str], columns: int, env: Optional[dict[str, str]] = None) -> tuple[int, str]:
    """Exit code and screen of ``python -m rcmcli ARGV`` in a new process on a pty."""
    pid, fd = pty.fork()
    if pid == 0:
        try:
            _set_size(1, columns)
            child_env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_") and k != "NO_COLOR"}
            child_env.update({"COLUMNS": str(columns), **(env or {})})
            os.execve(sys.executable, [sys.executable, "-m", "rcmcli", *argv], child_env)
        finally:
            os._exit(127)
    raw = _read_all(fd)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), _screen(raw, False)


# --- reading screens ---------------------------------------------------------------


def is_rule(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and set(stripped) <= {"\u2500", " "}


def column_text(screen: str, header: str) -> str:
    """Everything drawn in the column headed ``header``, its lines joined by spaces.

    A header line is the line just above a rule (``────``); the column runs from where
    ``header`` starts to where the next header starts. Later header lines (each day's
    table) move the column; lines outside any table only add words around the texts.
    """
    lines = screen.split("\n")
    span: Optional[tuple[int, int]] = None
    found: list[str] = []
    for i, line in enumerate(lines):
        if i + 1 < len(lines) and is_rule(lines[i + 1]):
            x = _header_at(line, header)
            span = None if x is None else (x, _next_header(line, x + len(header)))
            continue
        if span is not None and not is_rule(line):
            found.append(line[span[0]: span[1]].strip())
    return " ".join(" ".join(found).split())


def _header_at(line: str, header: str) -> Optional[int]:
    m = re.search(r"(?:^|(?<=\s))" + re.escape(header) + r"(?=\s|$)", line)
    return m.start() if m else None


def _next_header(line: str, after: int) -> int:
    m = re.search(r"\S", line[after:])
    return after + m.start() if m else 10_000


def flat(text: str) -> str:
    """Whitespace (line breaks, padding) collapsed to single spaces."""
    return " ".join(text.split())
