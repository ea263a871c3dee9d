"""The linter's problems: the core's one :class:`~rcmcli.core.problem.Problem` type.

Rules yield ``Problem.at(pos, message)``; the engine stamps code, rule name and
severity. Kept as the linter's name for it, so rule modules import from their layer.
"""

from __future__ import annotations

from rcmcli.core.problem import ERROR, SEVERITIES, WARNING, Problem

__all__ = ["ERROR", "SEVERITIES", "WARNING", "Problem"]
