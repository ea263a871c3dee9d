"""Where a validator configuration may be: cheap to ask on every command.

Every command that reads an agenda applies the configured input limits, so this runs
on every ``rcm agenda show``: it stats two names per folder and imports neither a
TOML parser nor :mod:`rcmcli.lint.config` (whose dataclasses cost milliseconds).
"""

from __future__ import annotations

import os
from pathlib import Path

NAMES = (".rcm.toml", "pyproject.toml")  # in a folder, .rcm.toml wins


def candidates(start: Path) -> list[Path]:
    """The .rcm.toml and pyproject.toml files from ``start`` upward, nearest first."""
    return [folder / name for folder in (start, *start.parents) for name in NAMES if os.path.isfile(folder / name)]
