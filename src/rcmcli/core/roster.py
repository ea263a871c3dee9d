"""Rosters for ``rcm agenda invite``: who is invited, validated before anything is written.

A roster is a YAML list of mappings or a CSV file with a header row; both carry the
columns ``name, email, country, role, language`` (``role`` and ``language`` optional).
Every problem is collected with its position (YAML: the value's line and column; CSV:
the row's first line) and raised as one :class:`~rcmcli.core.errors.InvalidDocument`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from rcmcli.core.errors import InvalidDocument, Pos, close_matches, quote
from rcmcli.core.model import Members
from rcmcli.core.problem import Problem
from rcmcli.core.yamltree import YMap, YScalar, YSeq, decode, node_kind, parse
from rcmcli.core.zones import fold
from rcmcli.i18n import N_, _

FIELDS = ("name", "email", "country", "role", "language")
REQUIRED = ("name", "email", "country")

# RFC 5545 §3.2.16 ROLE values, and the words secretariats write for them.
ROLES = {
    "chair": "CHAIR",
    "req-participant": "REQ-PARTICIPANT",
    "opt-participant": "OPT-PARTICIPANT",
    "non-participant": "NON-PARTICIPANT",
    "participant": "REQ-PARTICIPANT",
    "delegate": "REQ-PARTICIPANT",
    "required": "REQ-PARTICIPANT",
    "optional": "OPT-PARTICIPANT",
    "observer": "OPT-PARTICIPANT",
    "information": "NON-PARTICIPANT",
}
LANGUAGES = {"en": "en", "english": "en", "ingles": "en", "es": "es", "spanish": "es", "espanol": "es"}
SHOWN = {"role": "chair, participant, observer, non-participant", "language": "en, es"}

# A practical subset of RFC 5322: the local part without the characters that mean
# something in a mailto: URI ('?', '#', '%', '&', '/', '='), and a dot in the
# domain: a delegate's address without one is a typo, not an intranet host.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(r"[A-Za-z0-9._+'-]+@" + _LABEL + r"(?:\." + _LABEL + r")+")

# RFC 5321 §4.5.3.1: a local part of at most 64 octets (§4.5.3.1.1), a domain of at
# most 255 (§4.5.3.1.2), a path "<address>" of at most 256 (§4.5.3.1.3), so an
# address of at most 254. The pattern above is ASCII: characters are octets.
LOCAL_MAX, DOMAIN_MAX, ADDRESS_MAX = 64, 255, 254

# The longest name rcm writes into a mail header. No person's name comes near it, and
# with it the To: line stays far under RFC 5322 §2.1.1's 998 characters even when
# every character of the name must be escaped ("To: " + 2 x 200 + 2 quotes + " <" +
# 254 + ">" = 663); longer (non-ASCII) names are folded into encoded words anyway.
NAME_MAX = 200

# Characters that hide or reorder what a reader sees: the bidi embeddings, overrides
# and isolates (U+202A-U+202E, U+2066-U+2069, the "Trojan Source" characters,
# CVE-2021-42574) and the zero-width ones (U+200B-U+200D, U+2060, U+FEFF). In a name
# they make the To: line of a mail, or a calendar's attendee, read as another person.
_HIDDEN = re.compile("[\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class Participant:
    """One invitee, validated: ``country`` is an ISO alpha-2 code, ``role`` an RFC 5545 ROLE."""

    name: str
    email: str
    country: str
    role: str = "REQ-PARTICIPANT"
    language: str = "en"
    line: int = 0
    column: int = 1


# A raw row: where it starts, and field -> (text, where the text is).
Row = tuple[Pos, dict[str, tuple[str, Pos]]]


def load_roster(
    path: Path, members: Members, max_per_country: Optional[int] = None, max_bytes: Optional[int] = None
) -> list[Participant]:
    """Read and validate a roster; raise :class:`~rcmcli.core.errors.InvalidDocument` listing every problem."""
    from rcmcli.core.loader import read_bytes

    data = read_bytes(path) if max_bytes is None else read_bytes(path, max_bytes)
    text, problem = decode(data, "CSV" if path.suffix.lower() == ".csv" else "YAML")
    if text is None:
        raise InvalidDocument(str(path), [Problem.at(problem.pos if problem else Pos(1, 1), _msg(problem))], "roster")
    rows, problems = _read_rows(path, text)
    people, found = validate(rows, members, max_per_country)
    problems = sorted(problems + found, key=lambda p: p.pos)  # stable: same line keeps reading order
    if not problems and not people:
        problems = [Problem.at(Pos(1, 1), _("the roster lists no participants"))]
    if problems:
        raise InvalidDocument(str(path), problems, "roster")
    return people


def _msg(problem) -> str:
    return problem.message if problem else _("cannot read the roster")


def _read_rows(path: Path, text: str) -> tuple[list[Row], list[Problem]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(text)
    if suffix in (".yaml", ".yml"):
        return read_yaml(text)
    return [], [Problem.at(Pos(1, 1), _("unknown roster format %(format)s; use a .csv or .yaml file") % {"format": quote(suffix or path.name)})]


# --- YAML -------------------------------------------------------------------


def read_yaml(text: str) -> tuple[list[Row], list[Problem]]:
    """A YAML list of participant mappings (or a mapping with a ``participants`` list)."""
    node, diagnostics = parse(text)
    problems = [Problem.at(d.pos, d.message) for d in diagnostics]
    if isinstance(node, YMap) and "participants" in node.items:
        node = node.items["participants"][1]
    if node is None:
        return [], problems or [Problem.at(Pos(1, 1), _("the roster is empty"))]
    if not isinstance(node, YSeq):
        return [], problems + [Problem.at(node.pos, _("expected a list of participants, got %(kind)s") % {"kind": node_kind(node)})]
    rows: list[Row] = []
    for item in node.items:
        if not isinstance(item, YMap):
            what = f"expected a participant (name, email, country, ...), got {node_kind(item)}"
            problems.append(Problem.at(item.pos, what))
            continue
        rows.append(_yaml_row(item, problems))
    return rows, problems


def _yaml_row(item: YMap, problems: list[Problem]) -> Row:
    fields: dict[str, tuple[str, Pos]] = {}
    for key, (key_pos, value) in item.items.items():
        if key not in FIELDS:
            problems.append(Problem.at(key_pos, _unknown_name(N_("unknown field %(name)s; did you mean '%(close)s'?"), N_("unknown field %(name)s; use one of: %(options)s"), key, FIELDS)))
        elif not isinstance(value, YScalar):
            problems.append(Problem.at(value.pos, _("%(key)s must be text, got %(kind)s") % {"key": quote(key), "kind": node_kind(value)}))
        elif not value.is_null:
            fields[key] = (value.raw, value.pos)
    return item.pos, fields


# --- CSV --------------------------------------------------------------------


def read_csv(text: str) -> tuple[list[Row], list[Problem]]:
    """A CSV file with a header row; ``;`` or tab separators are recognised."""
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    problems: list[Problem] = []
    header: Optional[list[str]] = None
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = _header(cells, line, problems)
                if problems:  # rows cannot be read without a usable header
                    return [], problems
                continue
            rows.append(_csv_row(header, cells, line, problems))
    except csv.Error as exc:
        problems.append(Problem.at(Pos(reader.line_num, 1), _("CSV syntax error: %(problem)s") % {"problem": exc}))
    if header is None:
        problems.append(Problem.at(Pos(1, 1), _("the roster is empty; expected a header row: %(header)s") % {"header": ",".join(FIELDS)}))
    return rows, problems


def _header(cells: list[str], line: int, problems: list[Problem]) -> list[str]:
    names = [c.strip().lower() for c in cells]
    for n in names:
        if n not in FIELDS:
            problems.append(Problem.at(Pos(line, 1), _unknown_name(N_("unknown column %(name)s; did you mean '%(close)s'?"), N_("unknown column %(name)s; use one of: %(options)s"), n, FIELDS)))
    for n in sorted({n for n in names if names.count(n) > 1}):
        problems.append(Problem.at(Pos(line, 1), _("column %(name)s appears twice in the header") % {"name": quote(n)}))
    for n in REQUIRED:
        if n not in names:
            problems.append(Problem.at(Pos(line, 1), _("the header has no '%(name)s' column") % {"name": n}))
    return names


def _csv_row(header: list[str], cells: list[str], line: int, problems: list[Problem]) -> Row:
    at = Pos(line, 1)
    if len(cells) > len(header):
        problems.append(Problem.at(at, _("row has %(cells)s fields but the header has %(header)s") % {"cells": len(cells), "header": len(header)}))
    fields = {h: (c, at) for h, c in zip(header, cells) if h in FIELDS and c.strip()}
    return at, fields


# --- validation -------------------------------------------------------------


def validate(
    rows: Iterable[Row], members: Members, max_per_country: Optional[int]
) -> tuple[list[Participant], list[Problem]]:
    """Participants from raw rows, and every problem: bad values, duplicates, limits."""
    countries = country_index(members)
    people: list[Participant] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for at, fields in rows:
        person = _participant(at, fields, countries, members, problems)
        email = fields.get("email")
        key = email[0].strip().casefold() if email else ""
        if email and key in first_line:
            first = first_line[key]
            problems.append(Problem.at(email[1], _("duplicate email %(email)s (first at line %(line)s)") % {"email": quote(email[0].strip()), "line": first}))
            continue
        if key:
            first_line[key] = at.line
        if person is not None:
            people.append(person)
    problems += _over_limit(people, members, max_per_country)
    return people, problems


def _participant(
    at: Pos, fields: dict[str, tuple[str, Pos]], countries: dict[str, str], members: Members, problems: list[Problem]
) -> Optional[Participant]:
    before = len(problems)
    for name in REQUIRED:
        if name not in fields:
            problems.append(Problem.at(at, _("participant has no '%(field)s'") % {"field": name}))
    if len(problems) > before:
        return None
    name = _name(*fields["name"], problems)
    email = _email(*fields["email"], problems)
    country = _country(*fields["country"], countries, members, problems)
    role = _choice("role", fields.get("role"), ROLES, "REQ-PARTICIPANT", problems)
    language = _choice("language", fields.get("language"), LANGUAGES, "en", problems)
    if len(problems) > before:
        return None
    return Participant(name, email, country, role, language, at.line, at.column)


def _name(text: str, pos: Pos, problems: list[Problem]) -> str:
    name = " ".join(text.split())
    problem = name_problem(text)
    if problem:
        problems.append(Problem.at(pos, problem))
    return name


def name_problem(text: str) -> str | None:
    """What makes ``text`` unfit as a person's name in a mail header or a calendar, if anything."""
    name = " ".join(text.split())
    if not name:
        return _("the name is empty")
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in text if c != "\t"):
        # A line break or control character in a name is a data error; it would also
        # have to be escaped in the CN parameter, where clients show it badly.
        return _("name %(name)s contains a line break or control character") % {"name": quote(text)}
    hidden = _HIDDEN.search(text)
    if hidden:
        values = {"name": quote(text), "code": f"{ord(hidden.group()):04X}", "char": unicodedata.name(hidden.group()), "n": hidden.start() + 1}
        return _("name %(name)s contains U+%(code)s %(char)s (character %(n)s), an invisible character that hides or reorders the name; remove it") % values
    if not any(unicodedata.category(c)[0] in "LNPS" for c in name):
        return _("name %(name)s has no visible character (only spaces, marks or format characters)") % {"name": quote(text)}
    if len(name) > NAME_MAX:
        values = {"name": quote(name), "n": f"{len(name):,}", "limit": NAME_MAX}
        return _("name %(name)s is %(n)s characters long; at most %(limit)s fit a mail header (RFC 5322 allows 998 characters a line)") % values
    return None


def _email(text: str, pos: Pos, problems: list[Problem]) -> str:
    email = text.strip()
    problem = email_problem(email)
    if problem:
        problems.append(Problem.at(pos, problem))
    return email


def email_problem(email: str) -> str | None:
    """Why ``email`` is not an address rcm sends to, if it is not."""
    if not (_EMAIL.fullmatch(email) and ".." not in email and not email.split("@")[0].startswith(".")):
        return _("%(value)s is not an email address like 'name@example.org'") % {"value": quote(email)}
    local, _at, domain = email.rpartition("@")
    if len(local) > LOCAL_MAX:
        values = {"value": quote(email), "n": f"{len(local):,}", "limit": LOCAL_MAX}
        return _("the part before '@' of %(value)s is %(n)s characters long; RFC 5321 allows at most %(limit)s") % values
    if len(domain) > DOMAIN_MAX:
        values = {"value": quote(email), "n": f"{len(domain):,}", "limit": DOMAIN_MAX}
        return _("the domain of %(value)s is %(n)s characters long; RFC 5321 allows at most %(limit)s") % values
    if len(email) > ADDRESS_MAX:
        values = {"value": quote(email), "n": f"{len(email):,}", "limit": ADDRESS_MAX}
        return _("the address %(value)s is %(n)s characters long; RFC 5321 allows at most %(limit)s") % values
    return None


def is_email(text: str) -> bool:
    """A practical e-mail check (see ``_EMAIL``) within RFC 5321's lengths; no '..' and no
    leading '.' in the local part."""
    return email_problem(text) is None


def country_index(members: Members) -> dict[str, str]:
    """Folded ISO2, ISO3 and names in English, Spanish, Portuguese, French -> ISO alpha-2 code."""
    index: dict[str, str] = {}
    for code, c in members.countries.items():
        for label in (code, c.iso3, c.name.en, c.name.es, c.name.pt, c.name.fr):
            if label:
                index.setdefault(fold(label), code)
    return index


def _country(text: str, pos: Pos, countries: dict[str, str], members: Members, problems: list[Problem]) -> str:
    code = countries.get(fold(text))
    if code is None:
        close = close_matches(fold(text), countries, n=1, cutoff=0.7)
        values = {"value": quote(text.strip()), "close": members.countries[countries[close[0]]].name.get("en") if close else ""}
        if close:
            message = _("unknown country %(value)s; did you mean '%(close)s'?")
        else:
            message = _("unknown country %(value)s; use an ISO code like 'MX' or a country name from members.yaml")
        problems.append(Problem.at(pos, message % values))
        return ""
    return code


def _choice(
    field: str, value: Optional[tuple[str, Pos]], table: dict[str, str], default: str, problems: list[Problem]
) -> str:
    if value is None:
        return default
    text, pos = value
    key = fold(text).replace(" ", "-").replace("_", "-")
    if key in table:
        return table[key]
    close = close_matches(key, table)
    values = {"field": field, "value": quote(text.strip()), "close": close[0] if close else "", "options": SHOWN[field]}
    if close:
        # TRANSLATORS: %(field)s is a roster column name as written in the file (role, language)
        message = _("unknown %(field)s %(value)s; did you mean '%(close)s'?")
    else:
        message = _("unknown %(field)s %(value)s; use one of: %(options)s")
    problems.append(Problem.at(pos, message % values))
    return default


def _over_limit(people: list[Participant], members: Members, limit: Optional[int]) -> list[Problem]:
    """Participants beyond the meeting's per-country limit, reported at the first extra one."""
    if limit is None:
        return []
    seen: dict[str, list[Participant]] = {}
    for p in people:
        seen.setdefault(p.country, []).append(p)
    out = []
    for code, group in seen.items():
        if len(group) > limit:
            country = members.countries[code].name.get("en")
            out.append(
                Problem.at(
                    Pos(group[limit].line, group[limit].column),
                    _(
                        "%(n)s participants from %(country)s; the meeting allows at most %(limit)s per country "
                        "(participant_profile.max_per_country)"
                    )
                    % {"n": len(group), "country": country, "limit": limit},
                )
            )
    return out


def _unknown_name(with_close: str, without: str, value: str, options: Iterable[str]) -> str:
    """One of two whole messages (marked with N_): with the likely name meant, or listing the options."""
    close = close_matches(value, options)
    values = {"name": quote(value), "close": close[0] if close else "", "options": ", ".join(options)}
    return _(with_close if close else without) % values


# --- file names -------------------------------------------------------------


def slug(text: str, limit: int = 40) -> str:
    """ASCII letters, digits and '-' only: no path separators, no dots, no spaces."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    return t[:limit].rstrip("-") or "participant"


def file_names(people: list[Participant]) -> list[str]:
    """One safe, distinct file name per participant, stable when others join or leave.

    ``MX-ana-perez-1a2b3c4d.ics``: country, name, and a digest of the (unique) email,
    so two people with the same name never share a file, and adding someone to the
    roster never renames anyone else's file. Names compare case-insensitively, as
    they do on Windows and macOS file systems.
    """
    digests = [hashlib.sha256(p.email.casefold().encode()).hexdigest() for p in people]
    length = [8] * len(people)
    while True:
        names = [f"{p.country}-{slug(p.name)}-{d[:n]}.ics" for p, d, n in zip(people, digests, length)]
        folded = [n.casefold() for n in names]
        clashes = {i for i, n in enumerate(folded) if folded.count(n) > 1}
        if not clashes:
            return names
        for i in clashes:
            length[i] = min(length[i] + 8, 64)
