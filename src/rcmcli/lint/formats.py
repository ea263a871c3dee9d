"""Output formats: functions from a report to text. ``text`` may be coloured.

Each format takes one :class:`Findings` (the report, and how to present it) and is found
by its name in :data:`FORMATS`, as every command's formats are (docs/architecture.md).
"""

from __future__ import annotations

import json
from collections import namedtuple

from rcmcli.i18n import _, ngettext
from rcmcli.lint.engine import Report
from rcmcli.lint.problem import ERROR

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Callable


class Findings(namedtuple("Findings", "report color width")):
    """What ``agenda validate`` writes: its report, whether ``text`` may use colour, and
    the width ``text`` wraps to (None: one finding per line)."""

    __slots__ = ()


_RED, _YELLOW, _DIM, _BOLD, _GREEN, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[2m", "\x1b[1m", "\x1b[32m", "\x1b[0m"


def parsable(v: Findings) -> str:
    report = v.report
    return "".join(f"{p.path}:{p.line}:{p.column}: {p.severity} {p.code} {p.message}\n" for p in report.problems)


def as_json(v: Findings) -> str:
    report = v.report
    return json.dumps([p.as_dict() for p in report.problems], ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    # Workflow commands: '%', CR and LF are escaped in messages; ':' and ',' too in properties.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github(v: Findings) -> str:
    report = v.report
    out = []
    for p in report.problems:
        level = "error" if p.severity == ERROR else "warning"
        props = f"file={_gh_escape(p.path, True)},line={p.line},col={p.column},title={_gh_escape(f'{p.code} {p.rule}', True)}"
        out.append(f"::{level} {props}::{_gh_escape(p.message)}\n")
    return "".join(out)


def text(v: Findings) -> str:
    """One finding per line; with a ``width`` (a terminal, or COLUMNS), long findings
    wrap on words under the message, never inside one (:func:`_wrapped`)."""
    report, color, width = v.report, v.color, v.width

    def c(code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if color else s

    out: list[str] = []
    # TRANSLATORS: a problem's severity in the validator's text output (json, parsable, github keep "error")
    words = (_("error"), _("warning"))
    pad = max(len(w) for w in words)
    current = None
    for p in report.problems:
        if p.path != current:
            if current is not None:
                out.append("")
            out.append(c(_BOLD, p.path))
            current = p.path
        sev = c(_RED, f"{words[0]:<{pad}}") if p.severity == ERROR else c(_YELLOW, f"{words[1]:<{pad}}")
        head = f"  {p.line:>4}:{p.column:<3} {sev} "
        indent = 2 + 4 + 1 + 3 + 1 + pad + 1  # the columns of head, without its colour codes
        tag = f"{p.code} {p.rule}"
        if width is None:
            out.append(f"{head}{p.message}  {c(_DIM, tag)}")
        else:
            out.extend(_wrapped(head, indent, p.message, tag, width, lambda t: c(_DIM, t)))
    if out:
        out.append("")
    out.append(summary(report, color))
    return "\n".join(out) + "\n"


def _wrapped(head: str, indent: int, message: str, tag: str, width: int, dim: Callable[[str], str]) -> list[str]:
    """``head`` then the message wrapped on words to ``width`` columns, each further line
    under the message (a hanging indent), and the rule's code and name after it, or on a
    line of their own when they do not fit. A word longer than the room stays whole."""
    import textwrap

    room = max(width - indent, 24)
    lines = textwrap.wrap(message, room, break_long_words=False, break_on_hyphens=False) or [""]
    if len(lines[-1]) + 2 + len(tag) <= room:
        lines[-1] += "  " + dim(tag)
    else:
        lines.append(dim(tag))
    return [head + lines[0]] + [" " * indent + line for line in lines[1:]]


def summary(report: Report, color: bool = False) -> str:
    """The last line: '✔ 3 files checked, no problems' or '✖ 2 problems (1 error, 1 warning) in 3 files'."""
    n = report.files
    k = report.links_skipped  # only here: json, parsable and github stay lists of problems
    links = ", " + ngettext("%(n)d symbolic link skipped", "%(n)d symbolic links skipped", k) % {"n": k} if k else ""
    if not report.problems:
        line = "\u2714 " + ngettext("%(n)d file checked, no problems", "%(n)d files checked, no problems", n) % {"n": n} + links
        return f"{_GREEN}{line}{_RESET}" if color else line
    e, w, p = report.errors, report.warnings, len(report.problems)
    parts = {
        "problems": ngettext("%(n)d problem", "%(n)d problems", p) % {"n": p},
        "errors": ngettext("%(n)d error", "%(n)d errors", e) % {"n": e},
        "warnings": ngettext("%(n)d warning", "%(n)d warnings", w) % {"n": w},
        "files": ngettext("%(n)d file", "%(n)d files", n) % {"n": n},
    }
    line = "\u2716 " + _("%(problems)s (%(errors)s, %(warnings)s) in %(files)s") % parts + links
    return f"{_RED if e else _YELLOW}{line}{_RESET}" if color else line


FORMATS = {"text": text, "parsable": parsable, "json": as_json, "github": github}
