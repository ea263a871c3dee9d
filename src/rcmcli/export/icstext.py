"""A small writer of iCalendar text (RFC 5545), and the few reading helpers ``--previous`` needs.

rcm used to build ``icalendar`` components and serialise them; for an agenda of
10,000 slots that took seconds. This module writes the same bytes directly: a
content line is a ``str`` (``NAME;PARAM=VALUE:VALUE``, unfolded), and
:func:`serialise` folds and joins them. Pure functions, no dependencies.

Where it differs from icalendar 7.3 on purpose, see docs/ics.md ("Framing and escaping").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone

# Lines are folded before they reach 75 octets (RFC 5545 §3.1): each physical line
# carries at most 74 octets of the logical line, so a continuation line, with its
# leading space, is at most 75. icalendar folds the same way.
FOLD_AT = 74
_FOLD = b"\r\n "
CRLF = b"\r\n"


# --- values ---------------------------------------------------------------------


def text(value: str) -> str:
    r"""A TEXT value (RFC 5545 §3.3.11): ``\`` ``;`` ``,`` escaped, any line break as ``\n``.

    The backslash goes first, so the escapes added next are not escaped again.
    CRLF, LF and a lone CR all become one ``\n``: a title can never start a new line.
    """
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def text_list(values: Iterable[str]) -> str:
    """A multi-valued TEXT property such as CATEGORIES (§3.8.1.2): escaped values, comma-separated."""
    return ",".join([text(v) for v in values])


def utc(moment: datetime) -> str:
    """A DATE-TIME in UTC, RFC 5545 §3.3.5 form 2: ``YYYYMMDDTHHMMSSZ`` (seconds, no fraction)."""
    if moment.tzinfo is None:
        raise ValueError(f"{moment!r} has no time zone; only UTC DATE-TIMEs are written")
    t = moment if moment.tzinfo is timezone.utc else moment.astimezone(timezone.utc)
    # %-formatting: a third of the time of an f-string with format specs (it runs twice per event).
    return "%04d%02d%02dT%02d%02d%02dZ" % (t.year, t.month, t.day, t.hour, t.minute, t.second)


# Parameter values with these characters must be quoted (RFC 5545 §3.2: ":", ";",
# ","). Quoting is always allowed, so like icalendar we also quote names with a
# space or an apostrophe (' and U+2019), which some clients split on.
_QUOTE = re.compile("[:;, '\u2019]")
# QSAFE-CHAR (§3.1) excludes DQUOTE and CONTROL (except HTAB): such a value has no form at all.
_UNSAFE = re.compile('["\x00-\x08\x0a-\x1f\x7f]')


def param(value: str) -> str:
    """A parameter value (RFC 5545 §3.2), in DQUOTE when needed; ``^`` doubled (RFC 6868).

    A value with DQUOTE or a control character (CR, LF, ...) is refused: the caller
    must clean it first (rcm writes names on one line with ' for ", see ics._param_text).
    """
    if _UNSAFE.search(value):
        raise ValueError(f"parameter value {value!r} contains DQUOTE or a control character")
    value = value.replace("^", "^^")  # RFC 6868 §3: a literal ^ is ^^, so ^n and ^' stay unambiguous
    return f'"{value}"' if _QUOTE.search(value) else value


# --- content lines --------------------------------------------------------------


def content_line(name: str, value: str, params: Sequence[tuple[str, str]] = ()) -> str:
    """``NAME;PARAM=VALUE...:VALUE`` (RFC 5545 §3.1), unfolded.

    ``value`` must already be in its type's form (:func:`text`, :func:`utc`, a URI,
    ...) and ``params`` values are quoted here, in the order given. A line break in
    the result would start a new property: it is refused, whatever the value type.
    """
    head = name + "".join(f";{key}={param(v)}" for key, v in params) if params else name
    line = f"{head}:{value}"
    if "\n" in line or "\r" in line:
        raise ValueError(f"{name} value contains a line break: {value!r}")
    return line


def component(name: str, body: Iterable[str]) -> list[str]:
    """``BEGIN:NAME``, the body's content lines (properties and nested components), ``END:NAME`` (§3.4, §3.6)."""
    return [f"BEGIN:{name}", *body, f"END:{name}"]


# --- framing ------------------------------------------------------------------------


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded (RFC 5545 §3.1): at most 75 octets per physical line."""
    data = line.encode("utf-8")
    return data if len(data) <= FOLD_AT else _fold(data)


def _fold(data: bytes) -> bytes:
    """Cut a long line: CRLF and one space before each continuation (§3.1).

    The line is cut between characters, never inside a UTF-8 sequence (continuation
    bytes are 10xxxxxx). Like icalendar (its issue #1501), a cut never separates an
    escaping ``\\`` or ``^`` from the character it escapes: that character moves to
    the next physical line.
    """
    parts = []
    start = 0
    while len(data) - start > FOLD_AT:
        end = start + FOLD_AT
        while data[end] & 0xC0 == 0x80:  # inside a multibyte character: cut before it
            end -= 1
        if data[end - 1] in b"\\^" and end - 1 > start:
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return _FOLD.join(parts)


def serialise(lines: Iterable[str]) -> bytes:
    """The iCalendar stream: every content line folded and ended by CRLF (§3.1)."""
    encoded = [line.encode("utf-8") for line in lines]  # what fold() does, inlined: most lines are short
    return CRLF.join([data if len(data) <= FOLD_AT else _fold(data) for data in encoded]) + CRLF


# --- reading back (for --previous) -----------------------------------------------------

_UNFOLD = re.compile(r"\r?\n[ \t]")


def unfold(data: str) -> list[str]:
    """The logical content lines of a stream (RFC 5545 §3.1): folds removed, empty lines dropped."""
    return [line for line in re.split(r"\r?\n", _UNFOLD.sub("", data)) if line]


def line_name(line: str) -> str:
    """The property name of a content line, upper-cased (names are case-insensitive, §2)."""
    cut = len(line)
    for sep in ";:":
        at = line.find(sep)
        if 0 <= at < cut:
            cut = at
    return line[:cut].upper()


def line_value(line: str) -> str:
    """The value of a content line: after the first ':' that is not inside a quoted parameter (§3.1)."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return line[i + 1 :]
    return ""


_ESCAPED = re.compile(r"\\([\\;,nN])")


def unescape_text(value: str) -> str:
    r"""A TEXT value read back (§3.3.11): ``\\`` ``\;`` ``\,`` and ``\n`` or ``\N``, in one pass."""
    return _ESCAPED.sub(lambda m: "\n" if m[1] in "nN" else m[1], value)
