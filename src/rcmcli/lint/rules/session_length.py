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
from rcmcli.i18n import N_, _
from rcmcli.lint.problem import Problem
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
        return _("must be a list of slot kinds")
    if name != "per_kind":
        return None
    for kind, norm in value.items():
        if not isinstance(norm, dict):
            return _("per_kind.%(kind)s must be a table like {minutes = 15, tolerance = 5}") % {"kind": kind}
        for key, v in norm.items():
            if key not in ("minutes", "tolerance"):
                return _("per_kind.%(kind)s has no setting '%(key)s' (use minutes, tolerance)") % {"kind": kind, "key": key}
            low = 1 if key == "minutes" else 0
            if type(v) is not int or v < low:
                return _("per_kind.%(kind)s.%(key)s must be a whole number of minutes, %(low)s or more, got %(value)s") % {
                    "kind": kind,
                    "key": key,
                    "low": low,
                    "value": repr(v),
                }
        if "minutes" not in norm:
            return _("per_kind.%(kind)s needs 'minutes'") % {"kind": kind}
    return None


# (longer?, whose norm) -> the message; %(kind)s is the slot's kind as written in the agenda (session, break).
_MESSAGES = {
    (True, "meeting"): N_("%(kind)s %(title)s lasts %(minutes)s min, longer than the meeting's norm of %(norm)s ± %(tolerance)s min"),
    (False, "meeting"): N_("%(kind)s %(title)s lasts %(minutes)s min, shorter than the meeting's norm of %(norm)s ± %(tolerance)s min"),
    (True, "config"): N_("%(kind)s %(title)s lasts %(minutes)s min, longer than the configured norm of %(norm)s ± %(tolerance)s min"),
    (False, "config"): N_("%(kind)s %(title)s lasts %(minutes)s min, shorter than the configured norm of %(norm)s ± %(tolerance)s min"),
}


def _norm(ctx, kind: str, opts) -> tuple[int, int, str] | None:
    norms = ctx.meeting.norms
    if norms is not None and kind in norms.kinds:
        k = norms.kinds[kind]
        return k.minutes, k.tolerance if k.tolerance is not None else opts["tolerance"], "meeting"
    if norms is not None and kind == "session" and norms.session_minutes:
        tol = norms.tolerance_minutes if norms.tolerance_minutes is not None else opts["tolerance"]
        return norms.session_minutes, tol, "meeting"
    per_kind = opts["per_kind"].get(kind)
    if isinstance(per_kind, dict) and "minutes" in per_kind:
        return per_kind["minutes"], per_kind.get("tolerance", opts["tolerance"]), "config"
    if kind in opts["kinds"]:
        return opts["minutes"], opts["tolerance"], "config"
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
            message = _MESSAGES[s.minutes > minutes, whose]
            values = {"kind": s.kind, "title": quote(s.title), "minutes": s.minutes, "norm": minutes, "tolerance": tolerance}
            yield Problem.at(s.at, _(message) % values)
