"""Console-script entry point: the fast path first, the Typer application otherwise.

Importing Typer (and the click it carries) costs more than the rest of most
commands; :mod:`rcmcli.cli.fastpath` answers ``--version``, ``--help`` and the common
commands without it and hands anything else to :mod:`rcmcli.cli.app`.

:func:`run` is the ``rcm`` program (and ``python -m rcmcli``); :func:`main` is the
same command line for a caller that goes on living, such as the tests.
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


# The one garbage-collection policy (docs/decisions.md): the cyclic collector runs after
# 100,000 new objects instead of 700, and the older generations less often too. Importing
# Rich alone passes 700 dozens of times, and reading a 100,000-slot agenda creates some
# 4,000,000 objects, each pass over a threshold walking every young container; at these
# thresholds a load runs as fast as with the collector off, and the cycles that do arise
# (Jinja's templates, tracebacks) are still collected.
GC_THRESHOLDS = (100_000, 50, 100)


def run() -> None:
    """The ``rcm`` program: :func:`main`, in a process that ends as soon as it is done.

    A command lives a tenth of a second, so two kinds of housekeeping are skipped
    (docs/performance.md, "Ending the process"): the cyclic garbage collector runs
    less often (:data:`GC_THRESHOLDS`, the one policy); and once the output is flushed the process exits without tearing the
    interpreter down (freeing every module and object one by one, 15-20 ms after a
    table), as mypy does. That exit is taken only when nothing is left to do at exit:
    no other thread and no ``atexit`` function; otherwise the exit is the usual one.
    """
    import gc

    gc.set_threshold(*GC_THRESHOLDS)
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed or vanished stream: its bytes are lost either way
            pass
    if _nothing_left_at_exit():
        os._exit(code)
    sys.exit(code)


def _nothing_left_at_exit() -> bool:
    """No thread but this one, and no function registered with :mod:`atexit`.

    ``atexit._ncallbacks`` is CPython's; where it is missing the exit is the usual one.
    """
    import atexit

    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return False
    count = getattr(atexit, "_ncallbacks", None)
    return count is not None and count() == 0


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
