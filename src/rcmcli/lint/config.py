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
    allowed = {"select", "ignore", "rules", "limits"}
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
    return cfg
