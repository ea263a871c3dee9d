"""Problems are values: one frozen, ordered type for everything rcm finds wrong in a file.

The loader records them while reading (syntax, types, limits), a lint rule yields them
at a position (:meth:`Problem.at`; the engine then stamps the rule's code, name and
severity), the roster check collects them, and errors carry them. Ordered by path,
line, column and code; two problems at one place compare by those alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rcmcli.core.errors import Pos

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    code: str
    rule: str = field(default="", compare=False)
    severity: str = field(default=ERROR, compare=False)
    message: str = field(default="", compare=False)

    @classmethod
    def at(cls, pos: Pos, message: str, code: str = "", path: str = "") -> Problem:
        """A problem at ``pos`` (a rule's finding: the engine adds code, name and severity)."""
        return cls(path, pos[0], pos[1], code, message=message)

    @property
    def pos(self) -> Pos:
        return Pos(self.line, self.column)

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }
