"""Time zones: zones from the tz database, published offsets, and names people type.

By default zones come from the ``tzdata`` package, not from the host's
``/usr/share/zoneinfo``: the host's copy can be years old, and the same agenda must
give the same answer on every machine. ``RCM_TZDB=system`` (or ``--tzdb system``)
switches to the host's database.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import namedtuple
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from rcmcli.core import tzdb
from rcmcli.core.errors import UnknownZoneError, close_matches, quote
from rcmcli.i18n import _
from rcmcli.timefmt import iso_offset

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Iterable, Mapping

use_database, database, version = tzdb.use_database, tzdb.database, tzdb.version
_system_dir = tzdb.system_dir


@lru_cache(maxsize=None)
def get_zone(key: str) -> tzinfo:
    """The IANA zone ``key`` from the selected database; KeyError if it has none."""
    from zoneinfo import ZoneInfo

    if len(key) > 64 or not re.fullmatch(r"[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*", key, re.ASCII):
        raise KeyError(key)
    if tzdb.database() == "system":
        path = os.path.join(_system_dir(), *key.split("/"))
        try:
            with open(path, "rb") as f:
                return ZoneInfo.from_file(f, key=key)
        except (OSError, ValueError) as exc:
            raise KeyError(key) from exc
    try:
        with open(os.path.join(_tzdata_dir(), "zoneinfo", *key.split("/")), "rb") as f:
            return ZoneInfo.from_file(f, key=key)
    except (OSError, ValueError) as exc:  # missing, a folder, a name the OS refuses
        raise KeyError(key) from exc


@lru_cache(maxsize=1)
def _tzdata_dir() -> str:
    return tzdb.tzdata_dir()


@lru_cache(maxsize=None)
def available_zones() -> frozenset[str]:
    if tzdb.database() == "system":
        from pathlib import Path

        base = Path(_system_dir())
        names = set()
        for p in base.rglob("*"):
            rel = p.relative_to(base).as_posix()
            if p.is_file() and rel[0].isupper() and "." not in rel and not rel.startswith(("posix/", "right/")):
                names.add(rel)
        return frozenset(names)
    with open(os.path.join(_tzdata_dir(), "zones"), encoding="utf-8") as f:
        text = f.read()
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


# --- published offsets -------------------------------------------------------

_OFFSET = re.compile(
    r"^(?:GMT|UTC|UT)?\s*(?P<sign>[+\-\u2212\u2013])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?$",
    re.IGNORECASE | re.ASCII,
)


def parse_offset(text: str) -> timezone | None:
    """A published offset as a fixed zone: 'GMT-6', 'UTC−06:00', '-05:00', 'UTC'.

    'GMT-6' in an agenda means six hours *behind* UTC (UTC−06:00). The IANA name
    'Etc/GMT-6' means the opposite (POSIX sign convention); never route one to the
    other.
    """
    t = text.strip()
    if t.upper() in ("GMT", "UTC", "UT", "Z"):
        return timezone.utc
    m = _OFFSET.match(t)
    if not m:
        return None
    hours, minutes = int(m["h"]), int(m["m"] or 0)
    if minutes > 59 or hours * 60 + minutes > 14 * 60:  # real offsets run from -12:00 to +14:00
        return None
    sign = 1 if m["sign"] == "+" else -1
    delta = sign * timedelta(hours=hours, minutes=minutes)
    return timezone(delta, iso_offset(delta))


# --- names people type -------------------------------------------------------


def fold(text: str) -> str:
    """Case-, accent-, underscore-, comma-, dot- and space-insensitive form of a name
    ('Washington, D.C.' and 'washington d c' are one name)."""
    if text.isascii():  # most names: no accents to strip
        t = text.lower().replace("_", " ").replace(".", " ").replace(",", " ")
        return " ".join(t.split())
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = t.replace("_", " ").replace(".", " ").replace(",", " ")
    return re.sub(r"\s+", " ", t).strip()


_LEGACY_PREFIXES = ("US/", "Canada/", "Brazil/", "Chile/", "Mexico/", "Etc/", "SystemV/")


class Resolved(namedtuple("Resolved", "query name tz via warning", defaults=("", ""))):
    """A zone the user asked for: what they typed, what it became."""

    __slots__ = ()

    query: str
    name: str  # IANA key, or a fixed offset label like UTC-06:00, or 'local'
    tz: tzinfo
    via: str  # e.g. "capital of Bolivia"
    warning: str  # the zone is probably not what the user meant: the CLI prints it as a note


@lru_cache(maxsize=None)
def _fold_index() -> dict[str, str]:
    return {fold(k): k for k in available_zones()}


@lru_cache(maxsize=None)
def _city_index() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for key in available_zones():
        if key.startswith(_LEGACY_PREFIXES) or "/" not in key:
            continue
        index.setdefault(fold(key.rsplit("/", 1)[1]), []).append(key)
    return index


def _forget() -> None:
    for cached in (get_zone, available_zones, _fold_index, _city_index):
        cached.cache_clear()


tzdb.on_change(_forget)


def _best(keys: list[str]) -> list[str]:
    # Several keys for one city name are backward links of one zone
    # (America/Buenos_Aires -> America/Argentina/Buenos_Aires): keep the deepest.
    depth = max(k.count("/") for k in keys)
    return sorted(k for k in keys if k.count("/") == depth)


def local_zone() -> Resolved:
    """The machine's zone: $TZ, then /etc/localtime, then dateutil's guess."""
    tz_env = os.environ.get("TZ", "").lstrip(":")
    candidates = [tz_env] if tz_env else []
    try:
        link = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in link:
            candidates.append(link.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for key in candidates:
        try:
            return Resolved("local", key, get_zone(key), _("this machine's zone"))
        except KeyError:
            continue
    from dateutil.tz import tzlocal

    return Resolved("local", "local", tzlocal(), _("this machine's zone"))


def resolve(query: str, aliases: Mapping[str, tuple[str, str]] | None = None, suggest: bool = True) -> Resolved:
    """Turn what a person typed into a zone.

    ``aliases`` maps folded names (capitals and countries in en, es, pt, fr,
    ISO codes) to ``(IANA key, why)``; it comes from the catalog's members file.
    Raises UnknownZoneError quoting the value and (with ``suggest``) the closest matches.
    """
    q = query.strip()
    if not q:
        raise UnknownZoneError(_("empty timezone name"))
    if q.lower() == "local":
        return local_zone()
    fixed = parse_offset(q)
    if fixed is not None:
        return Resolved(query, fixed.tzname(None) or q, fixed, _("fixed offset"))
    zones = available_zones()
    if q in zones:
        return _iana(query, q)
    folded = fold(q)
    by_fold = _fold_index()
    if folded in by_fold:
        return _iana(query, by_fold[folded])
    if aliases and folded in aliases:
        key, why = aliases[folded]
        return Resolved(query, key, get_zone(key), why)
    cities = _city_index()
    if folded in cities:
        keys = _best(cities[folded])
        if len(keys) > 1:
            raise UnknownZoneError(_("timezone %(name)s is ambiguous: it could be %(zones)s") % {"name": quote(query), "zones": either(keys)})
        return Resolved(query, keys[0], get_zone(keys[0]))
    if folded in ABBREVIATIONS:
        raise UnknownZoneError(
            f"{quote(query)} is a time zone abbreviation, not a zone (it hides daylight saving time "
            f"or names several zones); {ABBREVIATIONS[folded]}"
        )
    if not suggest:  # the caller only wants to know; closest matches cost a difflib pass
        raise UnknownZoneError(_("unknown timezone %(name)s") % {"name": quote(query)})
    raise UnknownZoneError(_unknown_message(query, folded, zones, cities, aliases or {}))


def _iana(query: str, key: str) -> Resolved:
    tz = get_zone(key)
    if key.startswith("Etc/GMT") and len(key) > 7:
        # POSIX sign: Etc/GMT-6 is UTC+06:00. Accept it (it is an IANA name) but
        # say so, since an agenda's 'GMT-6' is the opposite.
        real = iso_offset(_utcoffset(tz))
        published = key[4:]
        warning = (
            f"{quote(query)} is {real}: tz names invert the sign (POSIX), so it is not the "
            f"'{published}' an agenda writes, which is {iso_offset(_published_delta(published))} (--tz {published})"
        )
        # TRANSLATORS: Etc/GMT-6 is UTC+06:00: the POSIX sign is the opposite of an agenda's 'GMT-6'.
        why = _("POSIX sign: %(name)s is %(offset)s") % {"name": key, "offset": real}
        return Resolved(query, key, tz, why, warning)
    if key in LEGACY:
        return Resolved(query, key, tz, warning=_legacy_note(query, key, tz))
    return Resolved(query, key, tz)


# Names the tz database keeps for compatibility that look like a region's time but
# are not a place: key -> (the zone people usually mean, what they mean by it).
# EST and MST are UTC-05:00 and UTC-07:00 all year: `--tz EST` put a Washington
# delegate's 11:00 (EDT) at 10:00.
LEGACY: dict[str, tuple[str, str]] = {
    "EST": ("America/New_York", "US Eastern time (Washington, New York, Ottawa)"),
    "EST5EDT": ("America/New_York", "US Eastern time (Washington, New York, Ottawa)"),
    "CST6CDT": ("America/Chicago", "US Central time (Chicago)"),
    "MST": ("America/Denver", "US Mountain time (Denver; Arizona, which keeps UTC-07:00 all year, is America/Phoenix)"),
    "MST7MDT": ("America/Denver", "US Mountain time (Denver)"),
    "PST8PDT": ("America/Los_Angeles", "US Pacific time (Los Angeles)"),
    "HST": ("Pacific/Honolulu", "Hawaii"),
    "CET": ("Europe/Paris", "Central European time (e.g. Paris)"),
    "MET": ("Europe/Paris", "Central European time (e.g. Paris)"),
    "EET": ("Europe/Athens", "Eastern European time (e.g. Athens)"),
    "WET": ("Europe/Lisbon", "Western European time (Lisbon)"),
}


def _legacy_note(query: str, key: str, tz: tzinfo) -> str:
    """What a legacy name really is this year, and the zone people usually mean by it."""
    meant, what = LEGACY[key]
    year = datetime.now(timezone.utc).year
    winter = datetime(year, 1, 15, 12, tzinfo=timezone.utc).astimezone(tz).utcoffset()
    summer = datetime(year, 7, 15, 12, tzinfo=timezone.utc).astimezone(tz).utcoffset()
    if winter == summer:
        clock = f"{iso_offset(winter)} all year, with no daylight saving time"
    else:
        clock = f"{iso_offset(winter)} in January and {iso_offset(summer)} in July"
    return f"{quote(query)} is a legacy tz database name, not a place: {clock}; for {what} use {meant}"


def _published_delta(text: str) -> timedelta | None:
    fixed = parse_offset(text)
    return fixed.utcoffset(None) if fixed is not None else None


# Abbreviations the tz database does not have (folded) -> where to go instead. They
# are refused: each hides a daylight-saving change or names several zones.
ABBREVIATIONS: dict[str, str] = {
    "cst": "US Central time is America/Chicago; Central America keeps UTC-06:00 all year "
    "(e.g. America/Guatemala, America/Costa_Rica); China is Asia/Shanghai; Cuba is America/Havana",
    "cdt": "for US Central time use America/Chicago; for Cuba America/Havana",
    "edt": "for US Eastern time use America/New_York (or a capital: Washington, Ottawa)",
    "pst": "for US Pacific time use America/Los_Angeles",
    "pdt": "for US Pacific time use America/Los_Angeles",
    "mdt": "for US Mountain time use America/Denver",
    "ast": "Atlantic time is America/Halifax (with daylight saving time); the Dominican Republic keeps "
    "UTC-04:00 all year (America/Santo_Domingo, or Santo Domingo)",
    "adt": "for Atlantic time use America/Halifax",
    "art": "for Argentina use America/Argentina/Buenos_Aires (or Buenos Aires)",
    "brt": "for Brasília use America/Sao_Paulo (or Brasília)",
    "clt": "for Chile use America/Santiago (or Santiago)",
    "clst": "for Chile use America/Santiago (or Santiago)",
    "cot": "for Colombia use America/Bogota (or Bogotá)",
    "pet": "for Peru use America/Lima (or Lima)",
    "ect": "for mainland Ecuador use America/Guayaquil (or Quito)",
    "bot": "for Bolivia use America/La_Paz (or La Paz)",
    "pyt": "for Paraguay use America/Asuncion (or Asunción)",
    "pyst": "for Paraguay use America/Asuncion (or Asunción)",
    "uyt": "for Uruguay use America/Montevideo (or Montevideo)",
    "vet": "for Venezuela use America/Caracas (or Caracas)",
    "gyt": "for Guyana use America/Guyana (or Georgetown)",
    "srt": "for Suriname use America/Paramaribo (or Paramaribo)",
}


def _utcoffset(tz: tzinfo) -> timedelta | None:
    return datetime(2000, 1, 1, tzinfo=tz).utcoffset()


def either(items: list[str]) -> str:
    """'a', 'b' or 'c' (the list separator and the last 'or' in the active language)."""
    quoted = [f"'{i}'" for i in items]
    if len(quoted) == 1:
        return quoted[0]
    # TRANSLATORS: the end of a list of zone names: "'America/Bogota', 'America/Lima' or 'America/La_Paz'".
    return _("%(items)s or %(last)s") % {"items": ", ".join(quoted[:-1]), "last": quoted[-1]}


def close_zones(query: str, aliases: Mapping[str, tuple[str, str]] | None = None) -> list[str]:
    """Up to three IANA keys a misspelt zone, city, capital or country may mean."""
    return _close(fold(query), available_zones(), _city_index(), aliases or {})


def _close(
    folded: str,
    zones: Iterable[str],
    cities: Mapping[str, list[str]],
    aliases: Mapping[str, tuple[str, str]],
) -> list[str]:
    # Candidate spellings -> the zone each stands for.
    targets: dict[str, str] = {}
    for city, keys in cities.items():
        targets.setdefault(city, _best(keys)[0])
    for name, (key, _why) in aliases.items():
        targets.setdefault(name, key)
    for key in zones:
        targets.setdefault(fold(key), key)
    suggestions: list[str] = []
    for c in close_matches(folded, targets, n=6, cutoff=0.72):
        if targets[c] not in suggestions:
            suggestions.append(targets[c])
    return suggestions[:3]


def _unknown_message(
    query: str,
    folded: str,
    zones: Iterable[str],
    cities: Mapping[str, list[str]],
    aliases: Mapping[str, tuple[str, str]],
) -> str:
    suggestions = _close(folded, zones, cities, aliases)
    if suggestions:
        return _("unknown timezone %(name)s; did you mean %(zones)s?") % {"name": quote(query), "zones": either(suggestions)}
    return _(
        "unknown timezone %(name)s; use an IANA name like 'America/Bogota', a capital, a country, or an offset like 'GMT-6'"
    ) % {"name": quote(query)}
