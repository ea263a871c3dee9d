"""Where a validator configuration may be: cheap to ask on every command.

Every command that reads an agenda applies the configured input limits, so this runs
on every ``rcm agenda show``: it stats two names per folder and imports neither a
TOML parser, :mod:`rcmcli.lint.config` nor pathlib (5 ms).
"""

from __future__ import annotations

import os

NAMES = (".rcm.toml", "pyproject.toml")  # in a folder, .rcm.toml wins


def candidates(start: str | os.PathLike) -> list[str]:
    """The .rcm.toml and pyproject.toml files from ``start`` upward, nearest first."""
    found = []
    folder = os.path.abspath(start)
    while True:
        found += [path for path in (os.path.join(folder, name) for name in NAMES) if os.path.isfile(path)]
        parent = os.path.dirname(folder)
        if parent == folder:
            return found
        folder = parent
