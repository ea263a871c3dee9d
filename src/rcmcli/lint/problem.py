"""Problems are values: frozen, ordered by position."""

from __future__ import annotations

from dataclasses import dataclass, field

from rcmcli.core.errors import Pos

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True)
class Finding:
    """What a rule yields: where and what; the engine adds code and severity."""

    pos: Pos
    message: str


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    code: str
    rule: str = field(compare=False)
    severity: str = field(compare=False)
    message: str = field(compare=False)

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
