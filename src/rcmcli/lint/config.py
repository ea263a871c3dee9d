"""Validator configuration: ``[tool.rcm]`` in pyproject.toml, or ``.rcm.toml``.

Found by searching upward from the working directory (the nearest file that has an
rcm section wins), or given with ``--config``. In ``.rcm.toml`` (or a ``--config``
file) the settings are top-level (``[rules.gap]``, ``[limits]``); a file holding
only ``[tool.rcm]`` tables, as in pyproject.toml, is read the same. Example::

    [tool.rcm]
    select = ["T", "S001"]        # codes, code prefixes or rule names
    ignore = ["gap"]

    [tool.rcm.rules.session-length]
    minutes = 60
    tolerance = 15

    [tool.rcm.limits]
    max_bytes = 16777216

    [tool.rcm.plan]               # local hours for `rcm plan`
    work_start = "09:00"
    work_end = "18:00"
    lunch_start = "13:00"         # optional, with lunch_end
    lunch_end = "14:00"
"""

from __future__ import annotations

import sys
from pathlib import Path

from rcmcli.i18n import _
from rcmcli.core.errors import ConfigError, quote
from rcmcli.core.yamltree import DEFAULT_LIMITS, Limits

TYPE_CHECKING = False  # typing costs milliseconds of start-up, and every command reads the limits here
if TYPE_CHECKING:
    from typing import Any


class Config:
    def __init__(
        self,
        select: list[str] | None = None,
        ignore: Optional[list[str]] = None,
        rules: Optional[dict[str, dict[str, Any]]] = None,
        limits: Limits = DEFAULT_LIMITS,
        path: str | None = None,
        plan: Optional[dict[str, str]] = None,
    ) -> None:
        self.select = select
        self.ignore = [] if ignore is None else ignore
        self.rules = {} if rules is None else rules  # rule code or name -> options
        self.limits = limits
        self.path = path
        self.plan = {} if plan is None else plan  # [tool.rcm.plan]: local hours for `rcm plan`


# [tool.rcm.plan]: the local hours `rcm plan` judges a start by (times as "HH:MM").
PLAN_OPTIONS = {
    "work_start": "09:00",
    "work_end": "18:00",
    "reasonable_start": "07:00",
    "reasonable_end": "21:00",
    "night_start": "22:00",
    "night_end": "06:00",
    "lunch_start": "",
    "lunch_end": "",
    "ref": "GMT-6",
}


def _toml(path: Path) -> dict:
    from rcmcli.core.loader import read_bytes

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    data = read_bytes(path)  # a FIFO or a device named --config is refused, not waited on
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(_("not UTF-8 text (byte %(byte)d); TOML files are UTF-8") % {"byte": exc.start + 1}, str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_("invalid TOML: %(problem)s") % {"problem": exc}, str(path)) from None


def _section(path: Path) -> dict | None:
    data = _toml(path)
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("rcm")
    return _own_file_section(data, str(path))


def _own_file_section(data: dict, path: str) -> dict:
    """The settings of a file of rcm's own (``.rcm.toml``, ``--config``).

    Its settings are top-level (``select = ...``, ``[rules.gap]``, ``[limits]``), but the
    README's ``[tool.rcm]`` example pasted in as it is works too: a file whose only
    table is ``[tool.rcm]`` is read as that table.
    """
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


def discover(start: Path) -> Path | None:
    """The nearest ``.rcm.toml``, or ``pyproject.toml`` with a ``[tool.rcm]`` table, from ``start`` up.

    Cheap when there is none (two stats per folder, no TOML parser imported).
    """
    from rcmcli.lint.configpath import candidates

    for found in candidates(start):
        candidate = Path(found)
        if candidate.name == ".rcm.toml" or _section(candidate) is not None:
            return candidate
    return None


def load(explicit: str | None, start: Path) -> Config:
    if explicit:
        path = Path(explicit)
        if not path.exists():
            raise ConfigError(_("configuration file not found"), explicit)
    else:
        found = discover(start)
        if found is None:
            return Config()
        path = found
    section = _section(path) or {}
    return parse(section, str(path))


def limits(start: Path) -> Limits:
    """The input limits of the configuration found from ``start`` (defaults without one).

    Every command that reads an agenda applies them, not only ``validate``: a large
    agenda accepted by raising ``max_nodes`` can then be shown and exported too.
    """
    found = discover(start)
    if found is None:
        return DEFAULT_LIMITS
    return parse(_section(found) or {}, str(found)).limits


def _strings(value: Any, key: str, path: str) -> list[str]:
    """A list of rule codes or names. A lone string is refused, not taken as a list of one:
    ``select = "T"`` is a slip for ``["T"]``, and rcm does not guess which was meant."""
    if isinstance(value, str):
        raise ConfigError(
            _("'%(key)s' must be a list of rule codes or names, like [%(value)s], got the string %(value)s") % {"key": key, "value": quote(value)},
            path,
        )
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(_("'%(key)s' must be a list of rule codes or names, got %(value)s") % {"key": key, "value": repr(value)}, path)
    return value


def parse(section: dict, path: str) -> Config:
    allowed = {"select", "ignore", "rules", "limits", "plan"}
    for key in section:
        if key not in allowed:
            raise ConfigError(
                _("unknown setting '%(key)s' in the rcm configuration; allowed: %(allowed)s")
                % {"key": key, "allowed": ", ".join(sorted(allowed))},
                path,
            )
    cfg = Config(path=path)
    if "select" in section:
        cfg.select = _strings(section["select"], "select", path)
        if not cfg.select:
            raise ConfigError(_("'select' is empty: no rule would run (leave it out to run all rules)"), path)
    cfg.ignore = _strings(section.get("ignore", []), "ignore", path)
    rules = section.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError(_("'rules' must be tables like [tool.rcm.rules.session-length]"), path)
    cfg.rules = rules
    limits = section.get("limits", {})
    if not isinstance(limits, dict):
        raise ConfigError(_("'limits' must be a table like [tool.rcm.limits], got %(value)s") % {"value": repr(limits)}, path)
    names = set(Limits._fields)
    for key, value in limits.items():
        if key not in names or type(value) is not int or value <= 0:
            raise ConfigError(
                _("bad limit '%(key)s = %(value)s'; limits are %(names)s (positive integers)")
                % {"key": key, "value": repr(value), "names": ", ".join(sorted(names))},
                path,
            )
    cfg.limits = DEFAULT_LIMITS._replace(**limits)
    cfg.plan = _plan(section.get("plan", {}), path)
    return cfg


def _plan(table: Any, path: str) -> dict[str, str]:
    """The [tool.rcm.plan] table, checked: known keys, times that parse."""
    from rcmcli.core.timeparse import parse_time

    if not isinstance(table, dict):
        raise ConfigError(_("'plan' must be a table like [tool.rcm.plan], got %(value)s") % {"value": repr(table)}, path)
    for key, value in table.items():
        if key not in PLAN_OPTIONS:
            raise ConfigError(
                _("unknown plan setting '%(key)s'; allowed: %(allowed)s") % {"key": key, "allowed": ", ".join(PLAN_OPTIONS)}, path
            )
        if not isinstance(value, str):
            raise ConfigError(
                _("plan setting '%(key)s' must be a string like \"09:00\", got %(value)s") % {"key": key, "value": repr(value)},
                path,
            )
        if key != "ref":
            try:
                parse_time(value)
            except ValueError as exc:
                raise ConfigError(_("plan setting '%(key)s': %(problem)s") % {"key": key, "problem": exc}, path) from None
    if ("lunch_start" in table) != ("lunch_end" in table):
        raise ConfigError(_("plan settings 'lunch_start' and 'lunch_end' go together"), path)
    return dict(table)
