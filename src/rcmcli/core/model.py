"""The meeting model: plain records, timezone-aware datetimes, positions kept.

Objects built from YAML carry ``at`` (where the object starts) and ``pos`` (field
name -> position of its value), so any rule can point at ``file:line:col``.

The records are classes with a written-out ``__init__``, not dataclasses: every
command imports this module, and ``dataclass()`` compiles each class's methods when
the module is imported (about 0.4 ms a class, and ``dataclasses`` imports
``inspect``). A written ``__init__`` is compiled once, into the byte code, and makes
an object as fast as the generated one. Records are equal only to themselves (a
meeting read twice is two meetings); :func:`fields` gives their values.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date, datetime, time, tzinfo

from rcmcli.core.errors import Pos

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Optional


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


def fields(record: Located) -> dict[str, object]:
    """A record's fields and their values, in the order its ``__init__`` sets them
    (not ``at`` and ``pos``, which say where it was read)."""
    return {name: value for name, value in vars(record).items() if name not in ("at", "pos")}


class Located:
    """Mixin: where an object and each of its fields were found in the YAML."""

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in fields(self).items())
        return f"{type(self).__name__}({shown})"

    at: Optional[Pos] = None
    pos: dict[str, Pos]

    def where(self, key: str) -> Optional[Pos]:
        """Position of field ``key``'s value, else of the object itself."""
        return getattr(self, "pos", {}).get(key) or self.at


class Source(Located):
    """A source document a fact was taken from."""

    def __init__(self, file: str = "", about: Optional[str] = None) -> None:
        self.file = file
        self.about = about


class Speaker(Located):
    """A speaker or panellist of a slot."""

    def __init__(self, name: str = "", role: Optional[Text] = None, country: Optional[str] = None) -> None:
        self.name = name
        self.role = role
        self.country = country


class KeyConcept(Located):
    """A term and its definition, from a session's datasheet."""

    def __init__(self, term: Optional[Text] = None, definition: Optional[Text] = None) -> None:
        self.term = Text() if term is None else term
        self.definition = definition


class Slot(Located):
    """One agenda item: published start and end, title, kind, leads, and its instants."""

    def __init__(
        self,
        start: time = time(0),
        end: time = time(0),
        title: Optional[Text] = None,
        kind: str = "other",
        session: Optional[int] = None,
        crosses_midnight: bool = False,
        topics: Optional[list[Text]] = None,
        leads: Optional[list[str]] = None,
        lead_label: Optional[str] = None,
        moderator: Optional[Text] = None,
        speakers: Optional[list[Speaker]] = None,
        participants: Optional[list[Text]] = None,
        key_concepts: Optional[list[KeyConcept]] = None,
        guiding_questions: Optional[list[Text]] = None,
        source: Optional[str] = None,
        datasheet_source: Optional[str] = None,
        date: Optional[date] = None,
        starts: Optional[datetime] = None,
        ends: Optional[datetime] = None,
        start_utc: Optional[datetime] = None,
        end_utc: Optional[datetime] = None,
        index: int = 0,
    ) -> None:
        self.start = start
        self.end = end
        self.title = Text() if title is None else title
        self.kind = kind
        self.session = session
        self.crosses_midnight = crosses_midnight
        self.topics = [] if topics is None else topics
        self.leads = [] if leads is None else leads
        self.lead_label = lead_label
        self.moderator = moderator
        self.speakers = [] if speakers is None else speakers
        self.participants = [] if participants is None else participants
        self.key_concepts = [] if key_concepts is None else key_concepts
        self.guiding_questions = [] if guiding_questions is None else guiding_questions
        self.source = source
        self.datasheet_source = datasheet_source
        # Filled in by the loader once the day and reference zone are known.
        self.date = date
        self.starts = starts
        self.ends = ends
        # The same instants in UTC. Python subtracts and compares aware datetimes that
        # share a tzinfo by wall time, which is wrong across a DST change, so durations
        # and orderings use these.
        self.start_utc = start_utc
        self.end_utc = end_utc
        self.index = index  # position in the meeting, 0-based

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


class Day(Located):
    """One day of a meeting and its slots."""

    def __init__(
        self,
        date: Optional[date] = None,
        weekday: Optional[str] = None,
        label: Optional[Text] = None,
        end: Optional[time] = None,
        slots: Optional[list[Slot]] = None,
        dropped: Optional[list[Pos]] = None,
    ) -> None:
        self.date = date
        self.weekday = weekday
        self.label = label
        self.end = end
        self.slots = [] if slots is None else slots
        # Where the slots that did not load were (reported by the loader): rules that
        # compare neighbours (gaps, numbering, the day's span) cannot judge this day.
        self.dropped = [] if dropped is None else dropped


class ReferenceZone(Located):
    """The time an agenda is published in ('Central American time (GMT-6)')."""

    def __init__(
        self,
        label: str = "",
        offset: Optional[str] = None,
        zone: Optional[str] = None,
        meaning: Optional[Text] = None,
        source: Optional[str] = None,
        tz: Optional[tzinfo] = None,
    ) -> None:
        self.label = label
        self.offset = offset
        self.zone = zone
        self.meaning = meaning
        self.source = source
        self.tz = tz  # resolved by the loader

    @property
    def name(self) -> str:
        """What rcm calls this zone: the offset if one is published, else the IANA key."""
        if self.tz is not None and hasattr(self.tz, "key"):
            return self.tz.key  # type: ignore[attr-defined]
        if self.tz is not None:
            return self.tz.tzname(None) or ""
        return self.offset or self.zone or ""


class Claim(Located):
    """A published local time for some places ('11:00 am ... Santiago')."""

    def __init__(self, time: Optional[time] = None, places: Optional[list[str]] = None) -> None:
        self.time = time
        self.places = [] if places is None else places


class PublishedTimes(Located):
    """The local times an agenda itself states for a reference time."""

    def __init__(
        self,
        date: Optional[date] = None,
        reference_time: Optional[time] = None,
        claims: Optional[list[Claim]] = None,
        source: Optional[str] = None,
    ) -> None:
        self.date = date
        self.reference_time = reference_time
        self.claims = [] if claims is None else claims
        self.source = source


class Dates(Located):
    """The first and last day of a meeting."""

    def __init__(self, start: Optional[date] = None, end: Optional[date] = None, source: Optional[str] = None) -> None:
        self.start = start
        self.end = end
        self.source = source


class Objectives(Located):
    """A meeting's general and specific objectives."""

    def __init__(
        self,
        general: Optional[list[Text]] = None,
        specific: Optional[list[Text]] = None,
        source: Optional[str] = None,
    ) -> None:
        self.general = [] if general is None else general
        self.specific = [] if specific is None else specific
        self.source = source


class Profile(Located):
    """Who should take part, and how many per country."""

    def __init__(
        self,
        text: Optional[Text] = None,
        max_per_country: Optional[int] = None,
        source: Optional[str] = None,
    ) -> None:
        self.text = text
        self.max_per_country = max_per_country
        self.source = source


class Methodology(Located):
    """How a meeting is run."""

    def __init__(self, text: Optional[Text] = None, source: Optional[str] = None) -> None:
        self.text = text
        self.source = source


class KindNorm(Located):
    """Expected length of one kind of slot."""

    def __init__(
        self,
        minutes: Optional[int] = None,
        tolerance: Optional[int] = None,
        key_pos: Optional[Pos] = None,
    ) -> None:
        self.minutes = minutes
        self.tolerance = tolerance
        self.key_pos = key_pos


class Norms(Located):
    """Expected lengths of sessions, kinds of slot and the whole meeting."""

    def __init__(
        self,
        session_minutes: Optional[int] = None,
        tolerance_minutes: Optional[int] = None,
        meeting_minutes: Optional[int] = None,
        kinds: Optional[dict[str, KindNorm]] = None,
        source: Optional[str] = None,
    ) -> None:
        self.session_minutes = session_minutes
        self.tolerance_minutes = tolerance_minutes
        self.meeting_minutes = meeting_minutes
        self.kinds = {} if kinds is None else kinds
        self.source = source


class LeadRoles(Located):
    """How lead roles are shared among member states."""

    def __init__(
        self,
        shared_equally: bool = False,
        per_conference: Optional[int] = None,
        source: Optional[str] = None,
    ) -> None:
        self.shared_equally = shared_equally
        self.per_conference = per_conference
        self.source = source


class Note(Located):
    """A remark on a meeting, with its source."""

    def __init__(
        self,
        text: Optional[Text] = None,
        source: Optional[str] = None,
        sources: Optional[list[str]] = None,
    ) -> None:
        self.text = Text() if text is None else text
        self.source = source
        self.sources = [] if sources is None else sources


class Secretariat(Located):
    """Who sends invitations: the ORGANIZER of the calendar export."""

    def __init__(self, name: str = "", email: Optional[str] = None) -> None:
        self.name = name
        self.email = email


class Meeting(Located):
    """A meeting definition: metadata, reference zone and days of slots."""

    def __init__(
        self,
        id: str = "",
        title: Optional[Text] = None,
        status: str = "published",
        revision: int = 1,
        revised: Optional[str] = None,
        subtitle: Optional[Text] = None,
        kind: str = "other",
        conferences: Optional[list[str]] = None,
        organizers: Optional[list[Text]] = None,
        secretariat: Optional[Secretariat] = None,
        sources: Optional[list[Source]] = None,
        dates: Optional[Dates] = None,
        reference_zone: Optional[ReferenceZone] = None,
        mode: Optional[str] = None,
        platform: Optional[str] = None,
        location: Optional[str] = None,
        url: Optional[str] = None,
        interpretation: Optional[list[str]] = None,
        languages: Optional[list[str]] = None,
        objectives: Optional[Objectives] = None,
        participant_profile: Optional[Profile] = None,
        methodology: Optional[Methodology] = None,
        norms: Optional[Norms] = None,
        lead_roles: Optional[LeadRoles] = None,
        published_times: Optional[list[PublishedTimes]] = None,
        notes: Optional[list[Note]] = None,
        days: Optional[list[Day]] = None,
        path: str = "",
        dropped_days: Optional[list[Pos]] = None,
    ) -> None:
        self.id = id
        self.title = Text() if title is None else title
        self.status = status  # "draft": not yet published, may lack sources (docs/decisions.md)
        self.revision = revision
        self.revised = revised
        self.subtitle = subtitle
        self.kind = kind
        self.conferences = [] if conferences is None else conferences
        self.organizers = [] if organizers is None else organizers
        self.secretariat = secretariat
        self.sources = [] if sources is None else sources
        self.dates = dates
        self.reference_zone = reference_zone
        self.mode = mode
        self.platform = platform
        self.location = location
        self.url = url
        self.interpretation = [] if interpretation is None else interpretation
        self.languages = [] if languages is None else languages  # every agenda text should be in these (L001)
        self.objectives = objectives
        self.participant_profile = participant_profile
        self.methodology = methodology
        self.norms = norms
        self.lead_roles = lead_roles
        self.published_times = [] if published_times is None else published_times
        self.notes = [] if notes is None else notes
        self.days = [] if days is None else days
        self.path = path  # the file it was loaded from
        self.dropped_days = [] if dropped_days is None else dropped_days  # days that did not load (see Day.dropped)

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


class Organization(Located):
    """An observer organization."""

    def __init__(self, name: Optional[Text] = None, abbreviation: Optional[str] = None) -> None:
        self.name = Text() if name is None else name
        self.abbreviation = abbreviation


class Presidency(Located):
    """A pro tempore presidency of a conference."""

    def __init__(
        self,
        country: Optional[str] = None,
        period: Optional[str] = None,
        text: Optional[Text] = None,
        source: Optional[str] = None,
    ) -> None:
        self.country = country
        self.period = period
        self.text = text
        self.source = source


class Conference(Located):
    """The RCM or the SACM: its members, observers and bodies."""

    def __init__(
        self,
        name: Optional[Text] = None,
        abbreviation: Optional[Text] = None,
        founded: Optional[int] = None,
        members: Optional[list[str]] = None,
        observers: Optional[list[str]] = None,
        observer_organizations: Optional[list[Organization]] = None,
        working_groups: Optional[list[Text]] = None,
        working_networks: Optional[list[Text]] = None,
        presidency: Optional[list[Presidency]] = None,
        technical_secretariat: Optional[Text] = None,
        source: Optional[str] = None,
    ) -> None:
        self.name = Text() if name is None else name
        self.abbreviation = abbreviation
        self.founded = founded
        self.members = [] if members is None else members
        self.observers = [] if observers is None else observers
        self.observer_organizations = [] if observer_organizations is None else observer_organizations
        self.working_groups = [] if working_groups is None else working_groups
        self.working_networks = [] if working_networks is None else working_networks
        self.presidency = [] if presidency is None else presidency
        self.technical_secretariat = technical_secretariat
        self.source = source


class Country(Located):
    """A member or observer state, with its capital and the capital's zone."""

    def __init__(
        self,
        iso3: str = "",
        name: Optional[Text] = None,
        capital: Optional[Text] = None,
        zone: str = "",
        aliases: Optional[list[str]] = None,
        note: Optional[str] = None,
        source: Optional[str] = None,
        code: str = "",
        key_pos: Optional[Pos] = None,
    ) -> None:
        self.iso3 = iso3
        self.name = Text() if name is None else name
        self.capital = Text() if capital is None else capital
        self.zone = zone
        self.aliases = [] if aliases is None else aliases
        self.note = note
        self.source = source
        self.code = code  # ISO alpha-2, the mapping key
        self.key_pos = key_pos


class Members(Located):
    """The members file: conferences and countries."""

    def __init__(
        self,
        sources: Optional[list[Source]] = None,
        conferences: Optional[dict[str, Conference]] = None,
        countries: Optional[dict[str, Country]] = None,
        path: str = "",
    ) -> None:
        self.sources = [] if sources is None else sources
        self.conferences = {} if conferences is None else conferences
        self.countries = {} if countries is None else countries
        self.path = path

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
