"""Where the configuration is, and what it says: ``[tool.rcm]`` read once per run.

The nearest ``.rcm.toml``, or ``pyproject.toml`` with a ``[tool.rcm]`` table, searching
upward from the working directory; or the file given with ``--config``. The command
boundary (``cli.runtime.run``) calls :func:`load` once and hands the result to
:func:`rcmcli.core.settings.use`; the tables and their defaults are described and
checked in :mod:`rcmcli.core.settings`.

On every run of ``agenda show``: without a configuration file this costs two ``stat``
calls per folder and imports no TOML parser and no ``typing``.
"""

from __future__ import annotations

import os

from rcmcli.core import settings

TYPE_CHECKING = False  # typing costs milliseconds of start-up; annotations are never evaluated

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


def discover(start: str | os.PathLike) -> tuple[str | None, dict]:
    """The nearest ``.rcm.toml``, or ``pyproject.toml`` with a ``[tool.rcm]`` table, from ``start``
    up, and its rcm table: ``(None, {})`` when there is none.

    Cheap when there is none (two stats per folder, no TOML parser imported).
    """
    for found in candidates(start):
        section = _section(found)
        if section is not None:  # a .rcm.toml always has one, empty or not
            return found, section
    return None, {}


def load(explicit: str | None = None, start: str | None = None) -> settings.Settings:
    """The settings of ``explicit`` (a ``--config`` file), else of the file found from ``start``;
    each file is read once."""
    if explicit:
        if not os.path.exists(explicit):
            from rcmcli.core.errors import ConfigError
            from rcmcli.i18n import _

            raise ConfigError(_("configuration file not found"), explicit)
        path: str | None = explicit
        section = _section(explicit)
    else:
        path, section = discover(os.getcwd() if start is None else start)
    if path is None:
        return settings.DEFAULT
    return settings.parse({} if section is None else section, path)


def _toml(path: str) -> dict:
    import sys

    from rcmcli.core.errors import ConfigError
    from rcmcli.core.loader import read_bytes
    from rcmcli.i18n import _

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    data = read_bytes(path)  # a FIFO or a device named --config is refused, not waited on
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(_("not UTF-8 text (byte %(byte)d); TOML files are UTF-8") % {"byte": exc.start + 1}, path) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_("invalid TOML: %(problem)s") % {"problem": exc}, path) from None


def _section(path: str) -> dict | None:
    data = _toml(path)
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool", {})
        return tool.get("rcm") if isinstance(tool, dict) else None
    return _own_file_section(data, path)


def _own_file_section(data: dict, path: str) -> dict:
    """The settings of a file of rcm's own (``.rcm.toml``, ``--config``).

    Its settings are top-level (``select = ...``, ``[rules.gap]``, ``[limits]``), but the
    README's ``[tool.rcm]`` example pasted in as it is works too: a file whose only
    table is ``[tool.rcm]`` is read as that table.
    """
    from rcmcli.core.errors import ConfigError
    from rcmcli.i18n import _

    tool = data.get("tool")
    if not isinstance(tool, dict) or "rcm" not in tool:
        return data
    if len(data) != 1 or len(tool) != 1 or not isinstance(tool["rcm"], dict):
        raise ConfigError(
            _(
                "mixes [tool.rcm] tables with other settings; in this file write the settings without the "
                "'tool.rcm.' prefix ([rules.gap], [limits]), or keep only [tool.rcm] tables"
            ),
            path,
        )
    return tool["rcm"]
