"""Problems are values: one frozen, ordered type for everything rcm finds wrong in a file.

The loader records them while reading (syntax, types, limits), a lint rule yields them
at a position (:meth:`Problem.at`; the engine then stamps the rule's code, name and
severity), the roster check collects them, and errors carry them. Ordered by path,
line, column and code; two problems at one place compare by those alone.
"""

from __future__ import annotations

from collections import namedtuple

from rcmcli.core.errors import Pos

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


class Problem(namedtuple("Problem", "path line column code rule severity message", defaults=("", ERROR, ""))):
    """Where (path, line, column), what (code, rule, severity) and the message.

    A tuple (immutable, cheap to make, no class to compile at import) that compares,
    orders and hashes by its first four fields only.
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return self[:4] == other[:4] if isinstance(other, Problem) else NotImplemented

    def __ne__(self, other: object) -> bool:
        return self[:4] != other[:4] if isinstance(other, Problem) else NotImplemented

    def __lt__(self, other: object) -> bool:
        return self[:4] < other[:4] if isinstance(other, Problem) else NotImplemented

    def __le__(self, other: object) -> bool:
        return self[:4] <= other[:4] if isinstance(other, Problem) else NotImplemented

    def __gt__(self, other: object) -> bool:
        return self[:4] > other[:4] if isinstance(other, Problem) else NotImplemented

    def __ge__(self, other: object) -> bool:
        return self[:4] >= other[:4] if isinstance(other, Problem) else NotImplemented

    def __hash__(self) -> int:
        return hash(self[:4])

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
