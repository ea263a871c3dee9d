"""The exception tree of rcm.

Every error a user can cause is an :class:`RcmError`; the CLI boundary prints it as
one line and exits with its ``exit_code``. Anything else is a bug.
"""

from __future__ import annotations

from collections import namedtuple

from rcmcli.i18n import ngettext

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_INTERRUPTED = 130


TYPE_CHECKING = False  # typing costs ~8 ms of start-up: the checker sees a NamedTuple
if TYPE_CHECKING:
    from typing import Iterable, NamedTuple

    class Pos(NamedTuple):
        line: int
        column: int

else:

    class Pos(namedtuple("Pos", "line column")):
        """A 1-based line and column in a source file (a tuple: cheap, ordered, immutable)."""

        __slots__ = ()


def one_line(text: str) -> str:
    """A message safe for one terminal or log line: control characters made visible.

    Values from files are quoted in messages; a CR/LF or ESC in them must not forge
    another output line or drive the terminal.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


QUOTE_LIMIT = 200  # characters of a value a message shows


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A value from a file, quoted for a message: ``'Opening'``.

    Every message that echoes a value goes through here, so that one hostile value
    (a 10 MB title) cannot make a 10 MB message: past ``limit`` characters the
    value is cut and its length given, ``'aaaa…' (10,000,000 characters)``.
    Control characters are made visible (see :func:`one_line`).
    """
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return f"'{one_line(text)}'"
    # TRANSLATORS: a long value cut short in a message; %(n)s is its length, with thousands separators
    cut = ngettext("'%(text)s\u2026' (%(n)s character)", "'%(text)s\u2026' (%(n)s characters)", len(text))
    return cut % {"text": one_line(text[:limit]), "n": f"{len(text):,}"}


SUGGEST_LIMIT = 100  # longer than any key, zone or name rcm knows: no did-you-mean


def close_matches(word: str, choices: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """``difflib.get_close_matches``, but none for a long word.

    difflib indexes every character of the word: a 10 MB value would cost seconds
    and hundreds of megabytes to learn that it resembles nothing.
    """
    if len(word) > SUGGEST_LIMIT:
        return []
    import difflib

    return difflib.get_close_matches(word, list(choices), n=n, cutoff=cutoff)

class RcmError(Exception):
    """An expected error: bad input, bad option, unwritable output."""

    exit_code = EXIT_USAGE

    def __init__(
        self, message: str, path: str | None = None, pos: Pos | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.pos = pos

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.pos:
                where += f":{self.pos.line}:{self.pos.column}"
            where += ": "
        return one_line(where + self.message)


class UsageError(RcmError):
    """A command-line option or argument has a value rcm cannot use."""


class UnknownZoneError(UsageError):
    """A time zone name that matches no zone, or several."""


class InputError(RcmError):
    """An input file is missing, unreadable or not a valid agenda."""


class ConfigError(RcmError):
    """The validator configuration cannot be read or names unknown rules."""


class OutputError(RcmError):
    """An output file or folder cannot be written."""


class InvalidDocument(InputError):
    """A document (an agenda, a roster) failed to load; carries every problem found."""

    def __init__(self, path: str, problems: list, kind: str = "agenda") -> None:  # list[Problem]
        first = problems[0]
        more = len(problems) - 1
        values = {"message": first.message, "code": first.code, "n": more}
        if kind == "roster":  # a roster's problems have no rule code; validate does not read rosters
            text = "%(message)s"
            if more:
                text = ngettext(
                    "%(message)s (and %(n)d more problem in the roster)", "%(message)s (and %(n)d more problems in the roster)", more
                )
        elif more:
            text = ngettext(
                "%(message)s [%(code)s] (and %(n)d more problem; run 'rcm agenda validate' to see all)",
                "%(message)s [%(code)s] (and %(n)d more problems; run 'rcm agenda validate' to see all)",
                more,
            )
        else:
            text = "%(message)s [%(code)s]"
        super().__init__(text % values, path, first.pos)
        self.problems = problems
