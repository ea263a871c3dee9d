"""``# rcm: ignore[CODE, ...] reason`` comments.

A comment at the end of a line suppresses those codes on that line; a comment
alone on its line suppresses them on the next line that is not a comment. A
suppression must give a reason: one without is itself a finding (X001), and so is
one naming a code that does not exist (X002).
"""

from __future__ import annotations

import re
from collections import namedtuple

from rcmcli.core.errors import Pos

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated

if TYPE_CHECKING:
    from rcmcli.lint.problem import Problem

# Findings about a document that could not be read whole (syntax, types, bad
# times: parts of it were dropped) and about suppressions themselves cannot be
# silenced: a suppressed load error would pass a file that `show` refuses.
UNSUPPRESSIBLE_PREFIXES = ("Y", "X")
UNSUPPRESSIBLE = ("T001",)


def can_silence(code: str) -> bool:
    return not code.startswith(UNSUPPRESSIBLE_PREFIXES) and code not in UNSUPPRESSIBLE


_COMMENT = re.compile(r"#\s*rcm:\s*ignore\[(?P<codes>[^\]]*)\]\s*(?P<reason>.*)$")


class Suppression(namedtuple("Suppression", "target_line codes reason pos")):
    """An ``# rcm: ignore`` comment: the line it silences, which codes, and why."""

    __slots__ = ()

    target_line: int
    codes: tuple[str, ...]
    reason: str
    pos: Pos  # where the comment is


def _comment_start(line: str) -> int | None:
    """Index of the '#' that starts a YAML comment on this line, outside quotes."""
    quote = None
    i = 0
    while i < len(line):
        c = line[i]
        if quote == '"':
            if c == "\\":
                i += 1
            elif c == '"':
                quote = None
        elif quote == "'":
            if c == "'":
                quote = None  # a doubled '' reopens on the next character
        elif c in "\"'" and (i == 0 or line[i - 1] in " \t:[{,-"):
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return i
        i += 1
    return None


def editor_lines(text: str) -> list[str]:
    """The lines of ``text`` as editors and YAML count them: broken at LF, CR LF and CR.

    Not ``str.splitlines``: it also breaks at NEL, U+2028, U+2029, form feed and
    more, and the line numbers it gives would not be the ones findings carry.
    """
    if "\r" not in text:
        return text.split("\n")
    return re.split(r"\r\n|\r|\n", text)


def find(text: str) -> list[Suppression]:
    if "rcm:" not in text:
        return []
    out: list[Suppression] = []
    lines = editor_lines(text)
    for i, line in enumerate(lines):
        if "rcm:" not in line:  # the quote-aware scan below is slow; most lines can't match
            continue
        start = _comment_start(line)
        if start is None:
            continue
        m = _COMMENT.match(line, start)
        if not m:
            continue
        codes = tuple(c.strip().upper() for c in m["codes"].split(",") if c.strip())
        target = i + 1
        if line[: m.start()].strip() == "":  # comment alone: applies to the next content line
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or lines[j].lstrip().startswith("#")):
                j += 1
            target = j + 1
        out.append(Suppression(target, codes, m["reason"].strip(), Pos(i + 1, m.start() + 1)))
    return out


def apply(problems: list[Problem], sups: list[Suppression]) -> list[Problem]:
    """The problems not silenced by a reasoned suppression on their line."""
    silenced = {(s.target_line, c) for s in sups if s.reason for c in s.codes}
    return [p for p in problems if not can_silence(p.code) or (p.line, p.code) not in silenced]
