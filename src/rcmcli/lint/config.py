"""Validator configuration: ``[tool.rcm]`` in pyproject.toml, or ``.rcm.toml``.

Found by searching upward from the working directory (the nearest file that has an
rcm section wins), or given with ``--config``. Example::

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
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from rcmcli.core.errors import ConfigError
from rcmcli.core.yamltree import DEFAULT_LIMITS, Limits


@dataclass
class Config:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule code or name -> options
    limits: Limits = DEFAULT_LIMITS
    path: str | None = None
    plan: dict[str, str] = field(default_factory=dict)  # [tool.rcm.plan]: local hours for `rcm plan`


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
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except OSError as exc:
        raise ConfigError(f"cannot read configuration: {exc.strerror}", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", str(path)) from None


def _section(path: Path) -> dict | None:
    data = _toml(path)
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("rcm")
    return data


def discover(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        for name in (".rcm.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file() and (name == ".rcm.toml" or _section(candidate) is not None):
                return candidate
    return None


def load(explicit: str | None, start: Path) -> Config:
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError("configuration file not found", explicit)
    else:
        found = discover(start)
        if found is None:
            return Config()
        path = found
    section = _section(path) or {}
    return parse(section, str(path))


def _strings(value: Any, key: str, path: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"'{key}' must be a list of rule codes or names, got {value!r}", path)
    return value


def parse(section: dict, path: str) -> Config:
    allowed = {"select", "ignore", "rules", "limits", "plan"}
    for key in section:
        if key not in allowed:
            raise ConfigError(f"unknown setting '{key}' in the rcm configuration; allowed: {', '.join(sorted(allowed))}", path)
    cfg = Config(path=path)
    if "select" in section:
        cfg.select = _strings(section["select"], "select", path)
        if not cfg.select:
            raise ConfigError("'select' is empty: no rule would run (leave it out to run all rules)", path)
    cfg.ignore = _strings(section.get("ignore", []), "ignore", path)
    rules = section.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError("'rules' must be tables like [tool.rcm.rules.session-length]", path)
    cfg.rules = rules
    limits = section.get("limits", {})
    if not isinstance(limits, dict):
        raise ConfigError(f"'limits' must be a table like [tool.rcm.limits], got {limits!r}", path)
    names = {f.name for f in fields(Limits)}
    for key, value in limits.items():
        if key not in names or type(value) is not int or value <= 0:
            raise ConfigError(f"bad limit '{key} = {value!r}'; limits are {', '.join(sorted(names))} (positive integers)", path)
    cfg.limits = replace(DEFAULT_LIMITS, **limits)
    cfg.plan = _plan(section.get("plan", {}), path)
    return cfg


def _plan(table: Any, path: str) -> dict[str, str]:
    """The [tool.rcm.plan] table, checked: known keys, times that parse."""
    from rcmcli.core.timeparse import parse_time

    if not isinstance(table, dict):
        raise ConfigError(f"'plan' must be a table like [tool.rcm.plan], got {table!r}", path)
    for key, value in table.items():
        if key not in PLAN_OPTIONS:
            raise ConfigError(f"unknown plan setting '{key}'; allowed: {', '.join(PLAN_OPTIONS)}", path)
        if not isinstance(value, str):
            raise ConfigError(f"plan setting '{key}' must be a string like \"09:00\", got {value!r}", path)
        if key != "ref":
            try:
                parse_time(value)
            except ValueError as exc:
                raise ConfigError(f"plan setting '{key}': {exc}", path) from None
    if ("lunch_start" in table) != ("lunch_end" in table):
        raise ConfigError("plan settings 'lunch_start' and 'lunch_end' go together", path)
    return dict(table)
