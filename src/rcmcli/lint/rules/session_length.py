"""A session shorter or longer than the meeting's norm.

The norm comes from the meeting (``norms.session_minutes`` and
``norms.tolerance_minutes``; ``norms.kinds`` for other kinds of slot), else from
the configuration (``minutes``, ``tolerance``, ``per_kind``). The II Plenary's
concept note says "each session will last approximately 1 hour".

Failing::

    norms: {session_minutes: 60, tolerance_minutes: 15}
    ...
      - {start: "9:00", end: "10:30", kind: session, title: A}

Passing::

    norms: {session_minutes: 60, tolerance_minutes: 15}
    ...
      - {start: "9:00", end: "10:05", kind: session, title: A}
"""

from __future__ import annotations

from rcmcli.core.errors import quote
from rcmcli.lint.problem import Finding
from rcmcli.lint.rules._common import minutes_problem

CODE = "S001"
NAME = "session-length"
SEVERITY = "warning"
OPTIONS = {"minutes": 60, "tolerance": 15, "kinds": ["session"], "per_kind": {}}


def validate_option(name: str, value) -> str | None:
    """Minutes of 1 or more, a tolerance of 0 or more, and the nested ``per_kind`` table:
    {kind: {minutes = int, tolerance = int}}. A negative tolerance would print "60 ± -5 min"
    and flag every session."""
    if name == "minutes":
        return minutes_problem(value, 1)
    if name == "tolerance":
        return minutes_problem(value, 0)
    if name == "kinds" and not all(isinstance(k, str) for k in value):
        return "must be a list of slot kinds"
    if name != "per_kind":
        return None
    for kind, norm in value.items():
        if not isinstance(norm, dict):
            return f"per_kind.{kind} must be a table like {{minutes = 15, tolerance = 5}}"
        for key, v in norm.items():
            if key not in ("minutes", "tolerance"):
                return f"per_kind.{kind} has no setting '{key}' (use minutes, tolerance)"
            low = 1 if key == "minutes" else 0
            if type(v) is not int or v < low:
                return f"per_kind.{kind}.{key} must be a whole number of minutes, {low} or more, got {v!r}"
        if "minutes" not in norm:
            return f"per_kind.{kind} needs 'minutes'"
    return None


def _norm(ctx, kind: str, opts) -> tuple[int, int, str] | None:
    norms = ctx.meeting.norms
    if norms is not None and kind in norms.kinds:
        k = norms.kinds[kind]
        return k.minutes, k.tolerance if k.tolerance is not None else opts["tolerance"], "the meeting's norm"
    if norms is not None and kind == "session" and norms.session_minutes:
        tol = norms.tolerance_minutes if norms.tolerance_minutes is not None else opts["tolerance"]
        return norms.session_minutes, tol, "the meeting's norm"
    per_kind = opts["per_kind"].get(kind)
    if isinstance(per_kind, dict) and "minutes" in per_kind:
        return per_kind["minutes"], per_kind.get("tolerance", opts["tolerance"]), "the configured norm"
    if kind in opts["kinds"]:
        return opts["minutes"], opts["tolerance"], "the configured norm"
    return None


def check(ctx, opts):
    if ctx.meeting is None:
        return
    for s in ctx.slots:
        if s.starts is None or s.ends is None or s.end_utc <= s.start_utc:
            continue
        norm = _norm(ctx, s.kind, opts)
        if norm is None:
            continue
        minutes, tolerance, whose = norm
        if abs(s.minutes - minutes) > tolerance:
            word = "longer" if s.minutes > minutes else "shorter"
            yield Finding(
                s.at,
                f"{s.kind} {quote(s.title)} lasts {s.minutes} min, {word} than {whose} of {minutes} ± {tolerance} min",
            )
