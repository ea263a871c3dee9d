"""Validator configuration: which rules run, and their options.

The file itself (``[tool.rcm]`` in pyproject.toml, or ``.rcm.toml``, or ``--config``)
is found, read and checked once per run by :mod:`rcmcli.core.settings`, which also
owns the settings every command shares (``[tool.rcm.hours]``, ``[tool.rcm.limits]``,
``[tool.rcm.plan]``, ``[tool.rcm.send]``). Here are the validator's own keys::

    [tool.rcm]
    select = ["T", "S001"]        # codes, code prefixes or rule names
    ignore = ["gap"]

    [tool.rcm.rules.session-length]
    minutes = 60
    tolerance = 15

A rule's options default to its ``OPTIONS``; those it lists in ``SHARED`` default to
the run's ``[tool.rcm.hours]`` instead (outside-hours, night-slot).
"""

from __future__ import annotations

from rcmcli.core import settings as run_settings
from rcmcli.core.errors import ConfigError, quote
from rcmcli.core.settings import DEFAULT_LIMITS, Limits
from rcmcli.i18n import _

TYPE_CHECKING = False  # typing costs milliseconds of start-up
if TYPE_CHECKING:
    from typing import Any


class Config:
    def __init__(
        self,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        rules: dict[str, dict[str, Any]] | None = None,
        limits: Limits = DEFAULT_LIMITS,
        path: str | None = None,
        hours: dict[str, str] | None = None,
    ) -> None:
        self.select = select
        self.ignore = [] if ignore is None else ignore
        self.rules = {} if rules is None else rules  # rule code or name -> options
        self.limits = limits
        self.path = path
        self.hours = dict(run_settings.HOURS) if hours is None else hours  # [tool.rcm.hours]: shared rule defaults


def from_settings(found: run_settings.Settings) -> Config:
    """The validator's configuration from the run's settings (read once, in core.settings)."""
    cfg = parse(found.table, found.path or "")
    cfg.path, cfg.limits, cfg.hours = found.path, found.limits, found.hours
    return cfg


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
    """select, ignore and [rules.*] of a [tool.rcm] table (core.settings checked the rest)."""
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
    return cfg
