"""The meeting model: plain dataclasses, timezone-aware datetimes, positions kept.

Objects built from YAML carry ``at`` (where the object starts) and ``pos`` (field
name -> position of its value), so any rule can point at ``file:line:col``.
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo

from rcmcli.core.errors import Pos

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Optional


# Model objects are records read from a file: equal only to themselves, and with
# one shared __repr__ (Located). dataclass() compiles __init__, __repr__ and __eq__
# for every class at import; skipping the last two saves ~11 ms of every start-up.
_RECORD = {"repr": False, "eq": False}


def _pos() -> dict[str, Pos]:
    return {}


# The languages of the conferences' delegates, in the order of Text's fields.
LANGUAGES = ("en", "es", "pt", "fr")
_INDEX = {"en": 0, "es": 1, "pt": 2, "fr": 3}
_FALLBACK = (("en", 0), ("es", 1), ("pt", 2), ("fr", 3))


class Text(namedtuple("_Text", "en es pt fr translated at", defaults=(None, None, None, None, (), None))):
    """Text in up to four languages (en, es, pt, fr), any of which may be missing.

    ``translated`` names the languages whose text is a translation, not quoted
    from a source document; ``at`` is where the text was read (not part of
    equality: the same words read twice are the same text).

    A tuple, not a dataclass: a large agenda builds hundreds of thousands of these,
    and a tuple is made in half the time of a frozen dataclass (see
    docs/decisions.md, "Languages"). Immutable, hashable, no instance dict.
    """

    __slots__ = ()

    def __new__(
        cls,
        en: Optional[str] = None,
        es: Optional[str] = None,
        pt: Optional[str] = None,
        fr: Optional[str] = None,
        translated: tuple[str, ...] = (),
        at: Optional[Pos] = None,
    ) -> Text:
        if translated:  # any iterable of codes -> a tuple in LANGUAGES order, so equal texts compare equal
            translated = tuple(lang for lang in LANGUAGES if lang in translated)
        return tuple.__new__(cls, (en, es, pt, fr, translated, at))

    def lookup(self, lang: str = "en") -> tuple[str, Optional[str]]:
        """The text in ``lang`` and the language actually used.

        Falls back to English, then to Spanish, Portuguese, French; an empty text
        counts as missing. ``("", None)`` if there is no text at all. A renderer
        compares the second item with ``lang`` to mark a fallback.
        """
        i = _INDEX.get(lang)
        if i is not None and self[i]:
            return self[i], lang
        for code, j in _FALLBACK:
            if self[j]:
                return self[j], code
        return "", None

    def get(self, lang: str = "en") -> str:
        """The text in ``lang``, else in the first language it has (English first)."""
        i = _INDEX.get(lang)
        if i is not None and self[i]:
            return self[i]
        return self[0] or self[1] or self[2] or self[3] or ""

    def has(self, lang: str) -> bool:
        """Whether there is (non-empty) text in ``lang``."""
        i = _INDEX.get(lang)
        return i is not None and bool(self[i])

    def is_translation(self, lang: str) -> bool:
        """Whether the text in ``lang`` is a translation (not quoted from a source document)."""
        return lang in self[4]

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this text has, in LANGUAGES order."""
        return tuple(code for code, j in _FALLBACK if self[j])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Text):
            return self[:5] == other[:5]
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        if isinstance(other, Text):
            return self[:5] != other[:5]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self[:5])

    def __repr__(self) -> str:
        shown = [f"{code}={self[j]!r}" for code, j in _FALLBACK if self[j] is not None]
        if self[4]:
            shown.append(f"translated={self[4]!r}")
        return f"Text({', '.join(shown)})"

    def __str__(self) -> str:
        return self.get("en")


class Located:
    """Mixin: where an object and each of its fields were found in the YAML."""

    def __repr__(self) -> str:
        from dataclasses import fields

        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))  # type: ignore[arg-type]
        return f"{type(self).__name__}({shown})"

    at: Optional[Pos] = None
    pos: dict[str, Pos]

    def where(self, key: str) -> Optional[Pos]:
        """Position of field ``key``'s value, else of the object itself."""
        return getattr(self, "pos", {}).get(key) or self.at


@dataclass(**_RECORD)
class Source(Located):
    """A source document a fact was taken from."""

    file: str = ""
    about: Optional[str] = None


@dataclass(**_RECORD)
class Speaker(Located):
    """A speaker or panellist of a slot."""

    name: str = ""
    role: Optional[Text] = None
    country: Optional[str] = None


@dataclass(**_RECORD)
class KeyConcept(Located):
    """A term and its definition, from a session's datasheet."""

    term: Text = field(default_factory=Text)
    definition: Optional[Text] = None


@dataclass(**_RECORD)
class Slot(Located):
    """One agenda item: published start and end, title, kind, leads, and its instants."""

    start: time = time(0)
    end: time = time(0)
    title: Text = field(default_factory=Text)
    kind: str = "other"
    session: Optional[int] = None
    crosses_midnight: bool = False
    topics: list[Text] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    lead_label: Optional[str] = None
    moderator: Optional[Text] = None
    speakers: list[Speaker] = field(default_factory=list)
    participants: list[Text] = field(default_factory=list)
    key_concepts: list[KeyConcept] = field(default_factory=list)
    guiding_questions: list[Text] = field(default_factory=list)
    source: Optional[str] = None
    datasheet_source: Optional[str] = None
    # Filled in by the loader once the day and reference zone are known.
    date: Optional[date] = None
    starts: Optional[datetime] = None
    ends: Optional[datetime] = None
    # The same instants in UTC. Python subtracts and compares aware datetimes that
    # share a tzinfo by wall time, which is wrong across a DST change, so durations
    # and orderings use these.
    start_utc: Optional[datetime] = None
    end_utc: Optional[datetime] = None
    index: int = 0  # position in the meeting, 0-based

    def label(self, lang: str = "en") -> str:
        """The title with its session number: 'Session 2: Human Trafficking...'."""
        title = self.title.get(lang)
        if self.session is None:
            return title
        from rcmcli import i18n

        with i18n.language(lang):
            # TRANSLATORS: a numbered session's label: "Session 2: Human Trafficking and Migrant Smuggling".
            return i18n._("Session %(number)d: %(title)s") % {"number": self.session, "title": title}

    @property
    def minutes(self) -> int:
        """Elapsed minutes (a 23:30-01:30 slot across a spring-forward night lasts 60)."""
        assert self.start_utc is not None and self.end_utc is not None, "slot not placed by the loader"
        return int((self.end_utc - self.start_utc).total_seconds() // 60)


@dataclass(**_RECORD)
class Day(Located):
    """One day of a meeting and its slots."""

    date: Optional[date] = None
    weekday: Optional[str] = None
    label: Optional[Text] = None
    end: Optional[time] = None
    slots: list[Slot] = field(default_factory=list)
    # Where the slots that did not load were (reported by the loader): rules that
    # compare neighbours (gaps, numbering, the day's span) cannot judge this day.
    dropped: list[Pos] = field(default_factory=list)


@dataclass(**_RECORD)
class ReferenceZone(Located):
    """The time an agenda is published in ('Central American time (GMT-6)')."""

    label: str = ""
    offset: Optional[str] = None
    zone: Optional[str] = None
    meaning: Optional[Text] = None
    source: Optional[str] = None
    tz: Optional[tzinfo] = None  # resolved by the loader

    @property
    def name(self) -> str:
        """What rcm calls this zone: the offset if one is published, else the IANA key."""
        if self.tz is not None and hasattr(self.tz, "key"):
            return self.tz.key  # type: ignore[attr-defined]
        if self.tz is not None:
            return self.tz.tzname(None) or ""
        return self.offset or self.zone or ""


@dataclass(**_RECORD)
class Claim(Located):
    """A published local time for some places ('11:00 am ... Santiago')."""

    time: Optional[time] = None
    places: list[str] = field(default_factory=list)


@dataclass(**_RECORD)
class PublishedTimes(Located):
    """The local times an agenda itself states for a reference time."""

    date: Optional[date] = None
    reference_time: Optional[time] = None
    claims: list[Claim] = field(default_factory=list)
    source: Optional[str] = None


@dataclass(**_RECORD)
class Dates(Located):
    """The first and last day of a meeting."""

    start: Optional[date] = None
    end: Optional[date] = None
    source: Optional[str] = None


@dataclass(**_RECORD)
class Objectives(Located):
    """A meeting's general and specific objectives."""

    general: list[Text] = field(default_factory=list)
    specific: list[Text] = field(default_factory=list)
    source: Optional[str] = None


@dataclass(**_RECORD)
class Profile(Located):
    """Who should take part, and how many per country."""

    text: Optional[Text] = None
    max_per_country: Optional[int] = None
    source: Optional[str] = None


@dataclass(**_RECORD)
class Methodology(Located):
    """How a meeting is run."""

    text: Optional[Text] = None
    source: Optional[str] = None


@dataclass(**_RECORD)
class KindNorm(Located):
    """Expected length of one kind of slot."""

    minutes: Optional[int] = None
    tolerance: Optional[int] = None
    key_pos: Optional[Pos] = None


@dataclass(**_RECORD)
class Norms(Located):
    """Expected lengths of sessions, kinds of slot and the whole meeting."""

    session_minutes: Optional[int] = None
    tolerance_minutes: Optional[int] = None
    meeting_minutes: Optional[int] = None
    kinds: dict[str, KindNorm] = field(default_factory=dict)
    source: Optional[str] = None


@dataclass(**_RECORD)
class LeadRoles(Located):
    """How lead roles are shared among member states."""

    shared_equally: bool = False
    per_conference: Optional[int] = None
    source: Optional[str] = None


@dataclass(**_RECORD)
class Note(Located):
    """A remark on a meeting, with its source."""

    text: Text = field(default_factory=Text)
    source: Optional[str] = None
    sources: list[str] = field(default_factory=list)


@dataclass(**_RECORD)
class Secretariat(Located):
    """Who sends invitations: the ORGANIZER of the calendar export."""

    name: str = ""
    email: Optional[str] = None


@dataclass(**_RECORD)
class Meeting(Located):
    """A meeting definition: metadata, reference zone and days of slots."""

    id: str = ""
    title: Text = field(default_factory=Text)
    status: str = "published"  # "draft": not yet published, may lack sources (docs/decisions.md)
    revision: int = 1
    revised: Optional[str] = None
    subtitle: Optional[Text] = None
    kind: str = "other"
    conferences: list[str] = field(default_factory=list)
    organizers: list[Text] = field(default_factory=list)
    secretariat: Optional[Secretariat] = None
    sources: list[Source] = field(default_factory=list)
    dates: Optional[Dates] = None
    reference_zone: Optional[ReferenceZone] = None
    mode: Optional[str] = None
    platform: Optional[str] = None
    location: Optional[str] = None
    url: Optional[str] = None
    interpretation: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)  # every agenda text should be in these (L001)
    objectives: Optional[Objectives] = None
    participant_profile: Optional[Profile] = None
    methodology: Optional[Methodology] = None
    norms: Optional[Norms] = None
    lead_roles: Optional[LeadRoles] = None
    published_times: list[PublishedTimes] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    days: list[Day] = field(default_factory=list)
    path: str = ""  # the file it was loaded from
    dropped_days: list[Pos] = field(default_factory=list)  # days that did not load (see Day.dropped)

    @property
    def slots(self) -> list[Slot]:
        return [s for d in self.days for s in d.slots]

    @property
    def holes(self) -> list[Pos]:
        """Where a day or slot did not load, in file order: the loader reported each."""
        return sorted([*self.dropped_days, *(p for d in self.days for p in d.dropped)])

    @property
    def first_day(self) -> Optional[date]:
        if self.dates and self.dates.start:
            return self.dates.start
        return self.days[0].date if self.days else None

    @property
    def last_day(self) -> Optional[date]:
        if self.dates and self.dates.end:
            return self.dates.end
        return self.days[-1].date if self.days else None


@dataclass(**_RECORD)
class Organization(Located):
    """An observer organization."""

    name: Text = field(default_factory=Text)
    abbreviation: Optional[str] = None


@dataclass(**_RECORD)
class Presidency(Located):
    """A pro tempore presidency of a conference."""

    country: Optional[str] = None
    period: Optional[str] = None
    text: Optional[Text] = None
    source: Optional[str] = None


@dataclass(**_RECORD)
class Conference(Located):
    """The RCM or the SACM: its members, observers and bodies."""

    name: Text = field(default_factory=Text)
    abbreviation: Optional[Text] = None
    founded: Optional[int] = None
    members: list[str] = field(default_factory=list)
    observers: list[str] = field(default_factory=list)
    observer_organizations: list[Organization] = field(default_factory=list)
    working_groups: list[Text] = field(default_factory=list)
    working_networks: list[Text] = field(default_factory=list)
    presidency: list[Presidency] = field(default_factory=list)
    technical_secretariat: Optional[Text] = None
    source: Optional[str] = None


@dataclass(**_RECORD)
class Country(Located):
    """A member or observer state, with its capital and the capital's zone."""

    iso3: str = ""
    name: Text = field(default_factory=Text)
    capital: Text = field(default_factory=Text)
    zone: str = ""
    aliases: list[str] = field(default_factory=list)
    note: Optional[str] = None
    source: Optional[str] = None
    code: str = ""  # ISO alpha-2, the mapping key
    key_pos: Optional[Pos] = None


@dataclass(**_RECORD)
class Members(Located):
    """The members file: conferences and countries."""

    sources: list[Source] = field(default_factory=list)
    conferences: dict[str, Conference] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    path: str = ""

    def members_of(self, org: str) -> list[Country]:
        """Member countries of 'rcm', 'sacm' or 'all', in the conference's order."""
        orgs = list(self.conferences) if org == "all" else [org]
        out: list[Country] = []
        for o in orgs:
            for code in self.conferences[o].members:
                c = self.countries.get(code)
                if c is not None and c not in out:
                    out.append(c)
        return out

    def conference_of(self, code: str) -> list[str]:
        return [k for k, c in self.conferences.items() if code in c.members]
