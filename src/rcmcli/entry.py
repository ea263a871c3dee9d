"""Console-script entry point with a fast path for ``rcm --version``.

Importing Typer (and the click it carries) costs more than the rest of a command;
``--version`` needs neither, so it is answered before the CLI is imported.
"""

from __future__ import annotations

import os
import sys
from typing import List, Optional


def _fast_version(args: List[str]) -> Optional[int]:
    if "--version" not in args:
        return None
    rest = [a for a in args if a != "--version"]
    tzdb = os.environ.get("RCM_TZDB", "tzdata")
    if rest[:1] == ["--tzdb"] and len(rest) == 2:
        tzdb = rest[1]
    elif len(rest) == 1 and rest[0].startswith("--tzdb="):
        tzdb = rest[0].split("=", 1)[1]
    elif rest:
        return None  # anything else: let the full CLI parse it
    if tzdb not in ("tzdata", "system"):
        return None
    from rcmcli import __version__, zones

    zones.use_database(tzdb)
    sys.stdout.write(f"rcm {__version__}\nIANA tz database {zones.version()}\n")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    code = _fast_version(args)
    if code is not None:
        return code
    from rcmcli.cli import main as cli_main

    return cli_main(args)
