"""Every default rcm has, and the settings of the run: one home for both.

The defaults are the tables below; the configuration file (``[tool.rcm]`` in
pyproject.toml, or ``.rcm.toml``, or ``--config``; found and read by
:mod:`rcmcli.core.configfile`) overrides them, checked here by :func:`parse`. The
command boundary (``cli.runtime.run``) reads the file once and calls :func:`use`;
everyone (core, lint, export, cli) then reads :func:`current`. Outside a run (a test
calling the core) :func:`current` is :data:`DEFAULT`, the built-in values.

The tables (in ``.rcm.toml`` without the ``tool.rcm.`` prefix)::

    [tool.rcm.hours]        # local hours for every command: times marks, F001/F002, plan
    work_start = "09:00"
    work_end = "18:00"
    reasonable_start = "07:00"
    reasonable_end = "21:00"
    night_start = "22:00"   # may wrap midnight
    night_end = "06:00"

    [tool.rcm.limits]       # input bounds for every command that reads an agenda
    max_bytes = 16777216
    max_depth = 64
    max_nodes = 400000

    [tool.rcm.plan]         # what only `rcm plan` uses; its hours default to [tool.rcm.hours]
    ref = "GMT-6"
    lunch_start = "13:00"   # optional, with lunch_end
    lunch_end = "14:00"

    [tool.rcm.send]         # SMTP timeouts in seconds (RFC 5321 section 4.5.3.2)
    greeting = 300
    command = 300
    data_block = 180
    data_end = 600

``select``, ``ignore`` and ``[tool.rcm.rules.*]`` belong to the validator
(:mod:`rcmcli.lint.config`), which reads them from :attr:`Settings.table`.

Cheap to import (every command's start-up imports it): no I/O, no ``typing``; the
checks import what they need when a file has something to check.
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # typing costs milliseconds of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any

# Local hours ("HH:MM"), one set for every command: the `agenda times` marks and legend,
# the night-slot (F001) and outside-hours (F002) rules, `plan`, the revision notices.
# The working day is 09:00-18:00: every agenda of the source documents starts at 09:00
# in its westernmost capitals (docs/decisions.md, "One working day").
HOURS = {
    "work_start": "09:00",
    "work_end": "18:00",
    "reasonable_start": "07:00",
    "reasonable_end": "21:00",
    "night_start": "22:00",
    "night_end": "06:00",
}

# [tool.rcm.plan]: what only `rcm plan` uses. It also accepts the HOURS keys, for a
# plan judged by other hours than the rest (as its --work and --reasonable options do).
PLAN = {"ref": "GMT-6", "lunch_start": "", "lunch_end": ""}

# [tool.rcm.send]: SMTP timeouts in seconds, the minimums of RFC 5321 section 4.5.3.2:
# the greeting (4.5.3.2.1) and MAIL/RCPT (4.5.3.2.2, .3) 5 minutes, the 354 reply to
# DATA (4.5.3.2.4) 2 minutes, each data block (4.5.3.2.5) 3 minutes, the reply to the
# final "." (4.5.3.2.6) 10 minutes. Each is a deadline for the whole stage (export/send.py);
# RCM_SMTP_TIMEOUT_<STAGE> overrides it for one run.
SEND = {"greeting": 300, "command": 300, "data_start": 120, "data_block": 180, "data_end": 600}


class Limits(namedtuple("Limits", "max_bytes max_depth max_nodes", defaults=(16 * 1024 * 1024, 64, 400_000))):
    """Bounds that keep hostile input from hanging or exhausting rcm: bytes of a file,
    nesting depth, and nodes (a 10,000-slot agenda has about 100,000)."""

    __slots__ = ()


DEFAULT_LIMITS = Limits()

LINT_KEYS = ("select", "ignore", "rules")  # top-level keys the validator reads (lint.config)
TABLES = ("hours", "limits", "plan", "send")
KEYS = LINT_KEYS + TABLES


class Settings:
    """The settings of one run: the built-in defaults, overridden by the configuration file.

    ``hours``, ``plan`` and ``send`` are complete dictionaries (every key present); times
    are written ``HH:MM``. ``table`` is the file's ``[tool.rcm]`` table as read, for the
    validator's own keys; ``path`` the file, or None.
    """

    def __init__(
        self,
        table: dict[str, Any] | None = None,
        path: str | None = None,
        hours: dict[str, str] | None = None,
        limits: Limits = DEFAULT_LIMITS,
        plan: dict[str, str] | None = None,
        send: dict[str, float] | None = None,
    ) -> None:
        self.table = {} if table is None else table
        self.path = path
        self.hours = {**HOURS, **(hours or {})}
        self.limits = limits
        self.plan = {**self.hours, **PLAN, **(plan or {})}  # [tool.rcm.plan] over [tool.rcm.hours]
        self.send = {**SEND, **(send or {})}


DEFAULT = Settings()


def minutes(hhmm: str) -> int:
    """'09:30' (as Settings keeps times) as minutes since midnight: 570."""
    return int(hhmm[:2]) * 60 + int(hhmm[3:5])


# --- the run's settings ---------------------------------------------------------------

_run: dict[str, Any] = {"settings": None}


def use(found: Settings) -> None:
    """The settings of this run (``cli.runtime.run`` reads the file once and calls this)."""
    _run["settings"] = found


def end() -> None:
    """The run is over: :func:`current` is :data:`DEFAULT` again."""
    _run["settings"] = None


def current() -> Settings:
    """The settings of this run, or DEFAULT outside a run (a test calling the core)."""
    return _run["settings"] or DEFAULT


# --- checking what was read ----------------------------------------------------------


def parse(section: Any, path: str) -> Settings:
    """The settings of a ``[tool.rcm]`` table, checked; ConfigError (exit 2) naming the file,
    the key and the value. The validator's own keys are checked by the validator."""
    from rcmcli.core.errors import ConfigError
    from rcmcli.i18n import _

    if not isinstance(section, dict):  # `tool.rcm = 1` in pyproject.toml
        raise ConfigError(_("'%(table)s' must be a table like [%(table)s], got %(value)s") % {"table": "tool.rcm", "value": shown(section)}, path)
    for key in section:
        if key not in KEYS:
            raise ConfigError(
                _("unknown setting '%(key)s' in the rcm configuration; allowed: %(allowed)s")
                % {"key": key, "allowed": ", ".join(sorted(KEYS))},
                path,
            )
    hours = _times(_table(section, "hours", path), "hours", HOURS, path)
    _spans(hours, "hours", path)
    plan_table = _table(section, "plan", path)
    plan = _times(plan_table, "plan", {**HOURS, **PLAN}, path)
    if ("lunch_start" in plan) != ("lunch_end" in plan):
        raise ConfigError(_("plan settings 'lunch_start' and 'lunch_end' go together"), path)
    settings = Settings(section, path, hours, _limits(_table(section, "limits", path), path), plan, _send(_table(section, "send", path), path))
    _spans(settings.plan, "plan", path)
    return settings


def shown(value: Any) -> str:
    """A value of the file in a message: a string quoted, anything else as TOML would read back."""
    from rcmcli.core.errors import quote

    if isinstance(value, str):
        return quote(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 60 else quote(text)


def _table(section: dict, name: str, path: str) -> dict:
    from rcmcli.core.errors import ConfigError
    from rcmcli.i18n import _

    table = section.get(name, {})
    if not isinstance(table, dict):
        values = {"table": f"tool.rcm.{name}", "value": shown(table)}
        raise ConfigError(_("'%(table)s' must be a table like [%(table)s], got %(value)s") % values, path)
    return table


def _unknown(table: str, key: str, allowed: Any, path: str) -> Exception:
    from rcmcli.core.errors import ConfigError
    from rcmcli.i18n import _

    values = {"key": key, "table": f"tool.rcm.{table}", "allowed": ", ".join(allowed)}
    return ConfigError(_("unknown setting '%(key)s' in [%(table)s]; allowed: %(allowed)s") % values, path)


def _times(table: dict, name: str, allowed: dict[str, str], path: str) -> dict[str, str]:
    """Times of a table, checked and written HH:MM ('9:00 am' -> '09:00'); '' (no lunch) kept."""
    from rcmcli.core.errors import ConfigError
    from rcmcli.core.timeparse import hhmm, parse_time
    from rcmcli.i18n import _

    out = {}
    for key, value in table.items():
        if key not in allowed:
            raise _unknown(name, key, allowed, path)
        where = {"table": f"tool.rcm.{name}", "key": key, "value": shown(value)}
        if not isinstance(value, str) and key == "ref":
            raise ConfigError(_("[%(table)s] %(key)s must be a zone like \"GMT-6\", got %(value)s") % where, path)
        if not isinstance(value, str):
            raise ConfigError(_("[%(table)s] %(key)s must be a time like \"09:00\", got %(value)s") % where, path)
        if key == "ref" or (value == "" and key.startswith("lunch")):
            out[key] = value
            continue
        try:
            out[key] = hhmm(parse_time(value))
        except ValueError as exc:
            raise ConfigError(_("[%(table)s] %(key)s: %(problem)s") % {**where, "problem": exc}, path) from None
    return out


def _spans(values: dict[str, str], name: str, path: str) -> None:
    """Working and reasonable hours run forward within a day; the night may wrap midnight but not be empty."""
    from rcmcli.core.errors import ConfigError
    from rcmcli.i18n import _

    for band in ("work", "reasonable"):
        start, end = values.get(f"{band}_start"), values.get(f"{band}_end")
        if start and end and minutes(start) >= minutes(end):
            where = {"table": f"tool.rcm.{name}", "band": band, "start": start, "end": end}
            raise ConfigError(
                _("[%(table)s] %(band)s_start = '%(start)s' is not before %(band)s_end = '%(end)s'; the hours are one span within a day")
                % where,
                path,
            )
    night_start, night_end = values.get("night_start"), values.get("night_end")
    if night_start and night_start == night_end:
        where = {"table": f"tool.rcm.{name}", "time": night_start}
        raise ConfigError(_("[%(table)s] night_start and night_end are both '%(time)s': the night would be empty") % where, path)


def _limits(table: dict, path: str) -> Limits:
    from rcmcli.core.errors import ConfigError
    from rcmcli.i18n import _

    names = set(Limits._fields)
    for key, value in table.items():
        if key not in names or type(value) is not int or value <= 0:
            raise ConfigError(
                _("bad limit '%(key)s = %(value)s'; limits are %(names)s (positive integers)")
                % {"key": key, "value": repr(value), "names": ", ".join(sorted(names))},
                path,
            )
    return DEFAULT_LIMITS._replace(**table)


def _send(table: dict, path: str) -> dict[str, float]:
    """SMTP timeouts: a number of seconds above 0 each (a fraction is allowed: tests wait less)."""
    from rcmcli.core.errors import ConfigError
    from rcmcli.i18n import _

    for key, value in table.items():
        if key not in SEND:
            raise _unknown("send", key, SEND, path)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0 or value == float("inf"):
            where = {"key": key, "value": shown(value)}
            raise ConfigError(_("[tool.rcm.send] %(key)s must be a number of seconds above 0, got %(value)s") % where, path)
    return dict(table)
