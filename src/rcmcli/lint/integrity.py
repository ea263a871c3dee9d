"""The integrity check run before a meeting is displayed or exported.

A handful of rules whose findings make a meeting's times undefined, or its text
unfit to write (a line break in a one-line text); no rule selection, no
configuration, so `rcm agenda show` imports only what it runs.
"""

from __future__ import annotations

from rcmcli.core.loader import Loaded
from rcmcli.core.model import Meeting, Members
from rcmcli.lint.context import RuleContext
from rcmcli.lint.problem import Problem
from rcmcli.lint.suppress import apply

# Findings that make a meeting's times undefined: a slot that ends before it starts,
# a wall time that does not exist or happens twice, dates in the wrong order, a
# reference label that contradicts its zone. And a line break in a one-line text
# (C001): a title or name that a mail header cannot hold, a calendar client drops
# and a table splits, so no command writes what the validator calls an error.
# Commands that display or export a meeting refuse such a meeting; the others (a
# wrong published claim, a gap) are the linter's business and do not stop `show`.
INTEGRITY = ("T002", "T004", "T006", "T008", "P002", "C001")


def integrity_problems(loaded: Loaded) -> list[Problem]:
    """Unsuppressed integrity errors of a loaded meeting, by position."""
    from rcmcli.lint.rules import rule

    meeting = loaded.value
    if not isinstance(meeting, Meeting):
        return []
    ctx = RuleContext(loaded.path, loaded.text, loaded.diagnostics, meeting, Members(), {})
    problems = []
    for code in INTEGRITY:
        mod = rule(code)
        for f in mod.check(ctx, dict(mod.OPTIONS)):
            problems.append(Problem(loaded.path, f.pos.line, f.pos.column, code, mod.NAME, mod.SEVERITY, f.message))
    problems = apply(problems, ctx.suppressions)
    return sorted(problems)
