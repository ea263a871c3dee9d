"""Console-script entry point: the fast path first, the Typer application otherwise.

Importing Typer (and the click it carries) costs more than the rest of most
commands; :mod:`rcmcli.cli.fastpath` answers ``--version``, ``--help`` and the common
commands without it and hands anything else to :mod:`rcmcli.cli.app`.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import List, Optional


def main(argv: Optional[List[str]] = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    _never_fail_to_encode()
    from rcmcli.cli.fastpath import dispatch

    code = dispatch(args)
    if code is None:
        from rcmcli.cli.app import main as cli_main

        code = cli_main(args)
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`rcm ... | head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return code


def _never_fail_to_encode() -> None:
    """An ASCII terminal (LANG=C, PYTHONIOENCODING=ascii) cannot show 'é' in a message:
    stderr writes it escaped rather than fail while reporting. (stdout is handled where
    it is written: JSON needs its own escapes, tables Rich's ASCII boxes.)"""
    for stream in (sys.stderr,):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a stream that cannot change now: leave it
                pass
