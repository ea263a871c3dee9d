"""Reading meeting and members files into the model.

``read_meeting`` collects every diagnostic (the validator reports them all);
``load_meeting`` raises :class:`InvalidDocument` at the first one (commands that
only need a usable meeting).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path

from rcmcli.core import model as m
from rcmcli.core.errors import InputError, InvalidDocument, Pos
from rcmcli.core.schema import (
    Bool,
    Ctx,
    Date,
    F,
    Int,
    ListOf,
    MapOf,
    Obj,
    Str,
    TextSpec,
    Time,
    build,
)
from rcmcli.core.yamltree import DEFAULT_LIMITS, Diagnostic, Limits, YMap, YScalar, decode, parse_shared

BAD_ZONE = "Y009"

TEXT = TextSpec()
TEXTS = ListOf(TEXT)
SOURCE = Str(pattern=r"[^/\\\s]+", what="a source document file name")
COUNTRY = Str(pattern=r"[A-Z]{2}", what="an ISO 3166-1 alpha-2 country code like 'MX'")
MEETING_STATUS = ("draft", "published")
SLOT_KINDS = ("opening", "presentation", "session", "discussion", "break", "closing", "other")

SOURCE_SPEC = Obj(m.Source, {"file": F(SOURCE, True), "about": F(Str())}, "a source document")
SPEAKER = Obj(
    m.Speaker,
    {"name": F(Str(), True), "role": F(TEXT), "country": F(COUNTRY)},
    "a speaker",
)
KEY_CONCEPT = Obj(m.KeyConcept, {"term": F(TEXT, True), "definition": F(TEXT)}, "a key concept")

SLOT = Obj(
    m.Slot,
    {
        "start": F(Time(), True, "start time in the reference zone"),
        "end": F(Time(), True, "end time in the reference zone"),
        "title": F(TEXT, True),
        "kind": F(Str(enum=SLOT_KINDS)),
        "session": F(Int(1, 999), doc="session number"),
        "crosses_midnight": F(Bool(), doc="the slot ends on the next day"),
        "topics": F(TEXTS),
        "leads": F(ListOf(COUNTRY), doc="lead countries"),
        "lead_label": F(Str(), doc="the wording the document uses for the leads"),
        "moderator": F(TEXT),
        "speakers": F(ListOf(SPEAKER)),
        "participants": F(TEXTS),
        "key_concepts": F(ListOf(KEY_CONCEPT)),
        "guiding_questions": F(TEXTS),
        "source": F(SOURCE, doc="document the time and title come from"),
        "datasheet_source": F(SOURCE, doc="document the topics, concepts and questions come from"),
    },
    "a slot",
)
DAY = Obj(
    m.Day,
    {
        "date": F(Date(), True),
        "weekday": F(Str(), doc="weekday as written next to the date"),
        "label": F(TEXT),
        "end": F(Time(), doc="end of the day as published"),
        "slots": F(ListOf(SLOT), True),
    },
    "a day",
)
REFERENCE_ZONE = Obj(
    m.ReferenceZone,
    {
        "label": F(Str(), True, "the zone exactly as published"),
        "offset": F(Str(), doc="published offset, e.g. GMT-6 (six hours behind UTC)"),
        "zone": F(Str(), doc="IANA zone the label names"),
        "meaning": F(TEXT),
        "source": F(SOURCE),
    },
    "the reference zone",
)
CLAIM = Obj(m.Claim, {"time": F(Time(), True), "places": F(ListOf(Str()), True)}, "a published local time")
PUBLISHED = Obj(
    m.PublishedTimes,
    {
        "date": F(Date(), True),
        "reference_time": F(Time(), True),
        "claims": F(ListOf(CLAIM), True),
        "source": F(SOURCE),
    },
    "published local times",
)
MEETING = Obj(
    m.Meeting,
    {
        "id": F(Str(pattern=r"[a-z0-9][a-z0-9-]*", what="an id of lowercase letters, digits and '-'"), True),
        "revision": F(Int(1, 10**6)),
        "revised": F(Str(pattern=r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", what="a UTC timestamp like 2021-09-01T00:00:00Z")),
        "title": F(TEXT, True),
        "subtitle": F(TEXT),
        "kind": F(Str(enum=("plenary", "follow-up", "working-group", "other"))),
        "conferences": F(ListOf(Str(pattern=r"[a-z]+", what="a conference id like 'rcm'")), True),
        "organizers": F(TEXTS),
        "secretariat": F(
            Obj(
                m.Secretariat,
                {"name": F(Str(), True), "email": F(Str(pattern=r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+", what="an email address"))},
            )
        ),
        "status": F(Str(enum=MEETING_STATUS), doc="draft: not yet published, 'sources' may wait; default published"),
        "sources": F(ListOf(SOURCE_SPEC), doc="the source documents; required unless status is draft"),
        "dates": F(Obj(m.Dates, {"start": F(Date(), True), "end": F(Date(), True), "source": F(SOURCE)}), True),
        "reference_zone": F(REFERENCE_ZONE, True),
        "mode": F(Str(enum=("virtual", "in-person", "hybrid"))),
        "platform": F(Str()),
        "location": F(Str()),
        "url": F(Str(pattern=r"https?://[^\s<>\"]+", what="a URL (http or https, no spaces)")),
        "interpretation": F(ListOf(Str(pattern=r"[a-z]{2}", what="a language code like 'es'"))),
        "objectives": F(Obj(m.Objectives, {"general": F(TEXTS), "specific": F(TEXTS), "source": F(SOURCE)})),
        "participant_profile": F(
            Obj(m.Profile, {"text": F(TEXT), "max_per_country": F(Int(1, 1000)), "source": F(SOURCE)})
        ),
        "methodology": F(Obj(m.Methodology, {"text": F(TEXT), "source": F(SOURCE)})),
        "norms": F(
            Obj(
                m.Norms,
                {
                    "session_minutes": F(Int(1, 24 * 60), doc="how long a session lasts"),
                    "tolerance_minutes": F(Int(0, 24 * 60), doc="how far a session may differ from that"),
                    "meeting_minutes": F(Int(1, 14 * 24 * 60), doc="how long each meeting day lasts, first start to last end"),
                    "kinds": F(
                        MapOf(
                            Obj(m.KindNorm, {"minutes": F(Int(1, 24 * 60), True), "tolerance": F(Int(0, 24 * 60))}),
                            "|".join(SLOT_KINDS),
                            "a slot kind",
                        ),
                        doc="norms for other kinds of slot, e.g. break: {minutes: 15}",
                    ),
                    "source": F(SOURCE),
                },
            )
        ),
        "lead_roles": F(
            Obj(m.LeadRoles, {"shared_equally": F(Bool()), "per_conference": F(Int(0, 100)), "source": F(SOURCE)})
        ),
        "published_times": F(ListOf(PUBLISHED)),
        "notes": F(ListOf(Obj(m.Note, {"text": F(TEXT, True), "source": F(SOURCE), "sources": F(ListOf(SOURCE))}))),
        "days": F(ListOf(DAY), True),
    },
    "a meeting",
)

CONFERENCE = Obj(
    m.Conference,
    {
        "name": F(TEXT, True),
        "abbreviation": F(TEXT),
        "founded": F(Int(1900, 2200)),
        "members": F(ListOf(COUNTRY), True),
        "observers": F(ListOf(COUNTRY)),
        "observer_organizations": F(
            ListOf(Obj(m.Organization, {"name": F(TEXT, True), "abbreviation": F(Str())}))
        ),
        "working_groups": F(TEXTS),
        "working_networks": F(TEXTS),
        "presidency": F(
            ListOf(
                Obj(
                    m.Presidency,
                    {"country": F(COUNTRY), "period": F(Str()), "text": F(TEXT), "source": F(SOURCE)},
                )
            )
        ),
        "technical_secretariat": F(TEXT),
        "source": F(SOURCE),
    },
    "a conference",
)
COUNTRY_SPEC = Obj(
    m.Country,
    {
        "iso3": F(Str(pattern=r"[A-Z]{3}", what="an ISO 3166-1 alpha-3 code"), True),
        "name": F(TEXT, True),
        "capital": F(TEXT, True),
        "zone": F(Str(), True, "IANA zone of the capital"),
        "aliases": F(ListOf(Str())),
        "note": F(Str()),
        "source": F(SOURCE),
    },
    "a country",
)
MEMBERS = Obj(
    m.Members,
    {
        "sources": F(ListOf(SOURCE_SPEC)),
        "conferences": F(MapOf(CONFERENCE, r"[a-z]+", "a conference id like 'rcm'"), True),
        "countries": F(MapOf(COUNTRY_SPEC, r"[A-Z]{2}", "an ISO 3166-1 alpha-2 code"), True),
    },
    "the members file",
)


@dataclass
class Loaded:
    """A document read from a file: the object (None if unusable) and all diagnostics."""

    path: str
    text: str
    value: object | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a YAML file", str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", str(path)) from None


def read_document(path: Path, spec: Obj, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Read and build one file with every diagnostic; raises only if unreadable."""
    data = read_bytes(path)
    if len(data) > limits.max_bytes:
        diag = Diagnostic("Y006", Pos(1, 1), f"file is {len(data):,} bytes, over the limit of {limits.max_bytes:,}; refused")
        return Loaded(str(path), "", None, [diag])
    text, problem = decode(data)
    del data  # the text is what is kept: do not hold both while parsing a large file
    if text is None:
        return Loaded(str(path), "", None, [problem] if problem else [])
    return read_text(text, str(path), spec, limits)


def read_text(text: str, path: str, spec: Obj, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    from rcmcli.core.gcpause import paused

    with paused():
        return _read_text(text, path, spec, limits)


def _read_text(text: str, path: str, spec: Obj, limits: Limits) -> Loaded:
    node, diagnostics, shared = parse_shared(text, limits)
    ctx = Ctx(list(diagnostics), consume=not shared)  # the tree is ours: free it as it is built
    value = None
    if node is None and not diagnostics:
        ctx.report("Y005", Pos(1, 1), f"the file is empty; expected {spec.doc}")
    elif node is not None:
        value = build(spec, node, ctx)
    if spec is MEETING and isinstance(node, YMap):
        _sources_unless_draft(node, ctx)
    if isinstance(value, m.Meeting):
        value.path = path
        _place_slots(value, ctx)
    elif isinstance(value, m.Members):
        value.path = path
        for code, country in value.countries.items():
            country.code = code
    return Loaded(path, text, value, ctx.diagnostics)


def _sources_unless_draft(node: YMap, ctx: Ctx) -> None:
    """A published meeting names its source documents; a draft (``status: draft``) may wait.

    Checked here rather than by the schema's ``required`` because it depends on
    another key; like the schema, it points at a likely misspelling ('sourcs').
    """
    if "sources" in node.items:
        return
    status = node.items.get("status")
    if status is not None and isinstance(status[1], YScalar) and status[1].raw == "draft":
        return
    import difflib

    unknown = [k for k in node.items if k not in MEETING.fields]
    typo = difflib.get_close_matches("sources", unknown, n=1, cutoff=0.6)
    if typo:
        ctx.report("Y004", node.items[typo[0]][0], f"missing required key 'sources'; is '{typo[0]}' a misspelling of it?")
        return
    ctx.report("Y004", node.pos, "missing required key 'sources' (the source documents; a new meeting without any yet says 'status: draft')")


def _place_slots(meeting: m.Meeting, ctx: Ctx) -> None:
    """Give every slot its date and aware start/end in the reference zone."""
    ref = meeting.reference_zone
    tz = resolve_reference(ref, ctx) if ref else None
    index = 0
    combine, utc, one_day = datetime.combine, timezone.utc, timedelta(days=1)
    for day in meeting.days:
        date = day.date
        for slot in day.slots:
            slot.date = date
            slot.index = index
            index += 1
            if tz is None or date is None:
                continue
            slot.starts = starts = combine(date, slot.start, tz)
            slot.ends = ends = combine(date + one_day if slot.crosses_midnight else date, slot.end, tz)
            slot.start_utc = starts.astimezone(utc)
            slot.end_utc = ends.astimezone(utc)


def resolve_reference(ref: m.ReferenceZone, ctx: Ctx) -> tzinfo | None:
    """The zone the agenda's times are in.

    A published offset ("GMT-6") is what the agenda's reader sees and is what the
    times mean; it wins over a named zone. Only without an offset is the IANA
    zone used (with its DST rules). The validator checks that the two agree.
    """
    from rcmcli.core import zones

    if ref.offset:
        fixed = zones.parse_offset(ref.offset)
        if fixed is None:
            ctx.report(BAD_ZONE, ref.where("offset") or Pos(1, 1), f"'{ref.offset}' is not an offset like 'GMT-6' or 'UTC-05:00'")
            return None
        ref.tz = fixed
        return fixed
    if ref.zone:
        try:
            ref.tz = zones.get_zone(ref.zone)
            return ref.tz
        except KeyError:
            ctx.report(BAD_ZONE, ref.where("zone") or Pos(1, 1), f"unknown IANA zone '{ref.zone}'")
            return None
    ctx.report("Y004", ref.at or Pos(1, 1), "reference_zone needs 'offset' (as published, e.g. GMT-6) or 'zone' (IANA)")
    return None


def fail_on_errors(loaded: Loaded) -> object:
    if loaded.diagnostics or loaded.value is None:
        diags = sorted(loaded.diagnostics, key=lambda d: d.pos) or [
            Diagnostic("Y005", Pos(1, 1), "not a valid document")
        ]
        raise InvalidDocument(loaded.path, diags)
    return loaded.value


def load_meeting(path: Path, limits: Limits = DEFAULT_LIMITS) -> m.Meeting:
    value = fail_on_errors(read_document(path, MEETING, limits))
    assert isinstance(value, m.Meeting)
    return value


def load_members(path: Path) -> m.Members:
    value = fail_on_errors(read_document(path, MEMBERS))
    assert isinstance(value, m.Members)
    return value
