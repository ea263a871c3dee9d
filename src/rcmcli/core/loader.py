"""Reading meeting and members files into the model.

``read_meeting`` collects every diagnostic (the validator reports them all);
``load_meeting`` raises :class:`InvalidDocument` at the first one (commands that
only need a usable meeting).
"""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta, timezone, tzinfo

from rcmcli.core import model as m
from rcmcli.core.errors import InputError, InvalidDocument, Pos, quote
from rcmcli.core.problem import Problem
from rcmcli.core.schema import (
    Bool,
    Ctx,
    Date,
    F,
    Int,
    ListOf,
    MapOf,
    Obj,
    Partial,
    Str,
    TextSpec,
    Time,
    build,
)
from rcmcli.core.yamltree import DEFAULT_LIMITS, Limits, YMap, YScalar, decode, parse_shared
from rcmcli.i18n import N_, _

BAD_ZONE = "Y009"

TEXT = TextSpec()  # may run over several lines: topics, definitions, notes, objectives
TEXTS = ListOf(TEXT)
# One line: titles, names, places, labels. A line break in one is rule C001 (some
# calendar clients drop an event whose summary holds one). See docs/decisions.md.
LINE = TextSpec(line=True)
LINES = ListOf(LINE)
SOURCE = Str(pattern=r"[^/\\\s]+", what=N_("a source document file name"))
COUNTRY = Str(pattern=r"[A-Z]{2}", what=N_("an ISO 3166-1 alpha-2 country code like 'MX'"))
MEETING_STATUS = ("draft", "published")
SLOT_KINDS = ("opening", "presentation", "session", "discussion", "break", "closing", "other")

SOURCE_SPEC = Obj(m.Source, {"file": F(SOURCE, True), "about": F(Str())}, N_("a source document"))
SPEAKER = Obj(
    m.Speaker,
    {"name": F(Str(line=True), True), "role": F(LINE), "country": F(COUNTRY)},
    N_("a speaker"),
)
KEY_CONCEPT = Obj(m.KeyConcept, {"term": F(LINE, True), "definition": F(TEXT)}, N_("a key concept"))

SLOT = Obj(
    m.Slot,
    {
        "start": F(Time(), True, N_("start time in the reference zone")),
        "end": F(Time(), True, N_("end time in the reference zone")),
        "title": F(LINE, True),
        "kind": F(Str(enum=SLOT_KINDS)),
        "session": F(Int(1, 999), doc=N_("session number")),
        "crosses_midnight": F(Bool(), doc=N_("the slot ends on the next day")),
        "topics": F(TEXTS),
        "leads": F(ListOf(COUNTRY), doc=N_("lead countries")),
        "lead_label": F(Str(line=True), doc=N_("the wording the document uses for the leads")),
        "moderator": F(LINE),
        "speakers": F(ListOf(SPEAKER)),
        "participants": F(LINES),
        "key_concepts": F(ListOf(KEY_CONCEPT)),
        "guiding_questions": F(TEXTS),
        "source": F(SOURCE, doc=N_("document the time and title come from")),
        "datasheet_source": F(SOURCE, doc=N_("document the topics, concepts and questions come from")),
    },
    N_("a slot"),
)
DAY = Obj(
    m.Day,
    {
        "date": F(Date(), True),
        "weekday": F(Str(line=True), doc=N_("weekday as written next to the date")),
        "label": F(LINE),
        "end": F(Time(), doc=N_("end of the day as published")),
        "slots": F(ListOf(SLOT, keep_dropped=True), True),
    },
    N_("a day"),
)
REFERENCE_ZONE = Obj(
    m.ReferenceZone,
    {
        "label": F(Str(line=True), True, N_("the zone exactly as published")),
        "offset": F(Str(), doc=N_("published offset, e.g. GMT-6 (six hours behind UTC)")),
        "zone": F(Str(), doc=N_("IANA zone the label names")),
        "meaning": F(TEXT),
        "source": F(SOURCE),
    },
    N_("the reference zone"),
)
CLAIM = Obj(m.Claim, {"time": F(Time(), True), "places": F(ListOf(Str(line=True)), True)}, N_("a published local time"))
PUBLISHED = Obj(
    m.PublishedTimes,
    {
        "date": F(Date(), True),
        "reference_time": F(Time(), True),
        "claims": F(ListOf(CLAIM), True),
        "source": F(SOURCE),
    },
    N_("published local times"),
)
MEETING = Obj(
    m.Meeting,
    {
        "id": F(Str(pattern=r"[a-z0-9][a-z0-9-]*", what=N_("an id of lowercase letters, digits and '-'")), True),
        "revision": F(Int(1, 10**6)),
        "revised": F(Str(pattern=r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", what=N_("a UTC timestamp like 2021-09-01T00:00:00Z"))),
        "title": F(LINE, True),
        "subtitle": F(LINE),
        "kind": F(Str(enum=("plenary", "follow-up", "working-group", "other"))),
        "conferences": F(ListOf(Str(pattern=r"[a-z]+", what=N_("a conference id like 'rcm'"))), True),
        "organizers": F(LINES),
        "secretariat": F(
            Obj(
                m.Secretariat,
                {"name": F(Str(line=True), True), "email": F(Str(pattern=r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+", what=N_("an email address")))},
            )
        ),
        "status": F(Str(enum=MEETING_STATUS), doc=N_("draft: not yet published, 'sources' may wait; default published")),
        "sources": F(ListOf(SOURCE_SPEC), doc=N_("the source documents; required unless status is draft")),
        "dates": F(Obj(m.Dates, {"start": F(Date(), True), "end": F(Date(), True), "source": F(SOURCE)}), True),
        "reference_zone": F(REFERENCE_ZONE, True),
        "mode": F(Str(enum=("virtual", "in-person", "hybrid"))),
        "platform": F(Str(line=True)),
        "location": F(Str(line=True)),
        "url": F(Str(pattern=r"https?://[^\s<>\"]+", what=N_("a URL (http or https, no spaces)"))),
        "interpretation": F(ListOf(Str(pattern=r"[a-z]{2}", what=N_("a language code like 'es'")))),
        "languages": F(
            ListOf(Str(enum=m.LANGUAGES)),
            doc=N_("languages every agenda text should be given in (checked by L001 missing-language)"),
        ),
        "objectives": F(Obj(m.Objectives, {"general": F(TEXTS), "specific": F(TEXTS), "source": F(SOURCE)})),
        "participant_profile": F(
            Obj(m.Profile, {"text": F(TEXT), "max_per_country": F(Int(1, 1000)), "source": F(SOURCE)})
        ),
        "methodology": F(Obj(m.Methodology, {"text": F(TEXT), "source": F(SOURCE)})),
        "norms": F(
            Obj(
                m.Norms,
                {
                    "session_minutes": F(Int(1, 24 * 60), doc=N_("how long a session lasts")),
                    "tolerance_minutes": F(Int(0, 24 * 60), doc=N_("how far a session may differ from that")),
                    "meeting_minutes": F(Int(1, 14 * 24 * 60), doc=N_("how long each meeting day lasts, first start to last end")),
                    "kinds": F(
                        MapOf(
                            Obj(m.KindNorm, {"minutes": F(Int(1, 24 * 60), True), "tolerance": F(Int(0, 24 * 60))}),
                            "|".join(SLOT_KINDS),
                            N_("a slot kind"),
                        ),
                        doc=N_("norms for other kinds of slot, e.g. break: {minutes: 15}"),
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
        "days": F(ListOf(DAY, keep_dropped=True), True),
    },
    N_("a meeting"),
)

CONFERENCE = Obj(
    m.Conference,
    {
        "name": F(LINE, True),
        "abbreviation": F(LINE),
        "founded": F(Int(1900, 2200)),
        "members": F(ListOf(COUNTRY), True),
        "observers": F(ListOf(COUNTRY)),
        "observer_organizations": F(
            ListOf(Obj(m.Organization, {"name": F(LINE, True), "abbreviation": F(Str(line=True))}))
        ),
        "working_groups": F(LINES),
        "working_networks": F(LINES),
        "presidency": F(
            ListOf(
                Obj(
                    m.Presidency,
                    {"country": F(COUNTRY), "period": F(Str(line=True)), "text": F(TEXT), "source": F(SOURCE)},
                )
            )
        ),
        "technical_secretariat": F(LINE),
        "source": F(SOURCE),
    },
    N_("a conference"),
)
COUNTRY_SPEC = Obj(
    m.Country,
    {
        "iso3": F(Str(pattern=r"[A-Z]{3}", what=N_("an ISO 3166-1 alpha-3 code")), True),
        "name": F(LINE, True),
        "capital": F(LINE, True),
        "zone": F(Str(), True, N_("IANA zone of the capital")),
        "aliases": F(ListOf(Str(line=True))),
        "note": F(Str()),
        "source": F(SOURCE),
    },
    N_("a country"),
)
MEMBERS = Obj(
    m.Members,
    {
        "sources": F(ListOf(SOURCE_SPEC)),
        "conferences": F(MapOf(CONFERENCE, r"[a-z]+", N_("a conference id like 'rcm'")), True),
        "countries": F(MapOf(COUNTRY_SPEC, r"[A-Z]{2}", "an ISO 3166-1 alpha-2 code"), True),
    },
    N_("the members file"),
)


class Loaded:
    """A document read from a file: the object (None if unusable) and all diagnostics."""

    def __init__(
        self,
        path: str,
        text: str,
        value: object | None,
        diagnostics: list[Problem] | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.value = value
        self.diagnostics = [] if diagnostics is None else diagnostics


class TooLarge(InputError):
    """A file over the byte limit, refused before more than the limit plus one byte is read."""

    def __init__(self, path: str, size: int | None, limit: int) -> None:
        values = {"size": f"{size or 0:,}", "limit": f"{limit:,}"}
        if size is not None:
            message = _("file is %(size)s bytes, over the limit of %(limit)s; refused (raise [tool.rcm.limits] max_bytes to allow it)")
        else:
            message = _(
                "file is more than %(limit)s bytes, over the limit of %(limit)s; refused "
                "(raise [tool.rcm.limits] max_bytes to allow it)"
            )
        super().__init__(message % values, path)
        self.size, self.limit = size, limit


# Non-blocking: opening a FIFO that no one writes to returns at once (then fstat refuses it).
_OPEN_FLAGS = (os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY) if os.name == "posix" else (os.O_RDONLY | getattr(os, "O_BINARY", 0))
_NOT_REGULAR = (
    (stat.S_ISFIFO, N_("a FIFO")),
    (stat.S_ISCHR, N_("a character device")),
    (stat.S_ISBLK, N_("a block device")),
    (stat.S_ISSOCK, N_("a socket")),
)


def _refuse_unless_regular(mode: int, path: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError(_("is a folder, not a file"), path)
    kind = next((name for test, name in _NOT_REGULAR if test(mode)), N_("not a file"))
    raise InputError(_("not a regular file (%(kind)s)") % {"kind": _(kind)}, path)


def _os_error(exc: OSError, path: str) -> InputError:
    """An OS error while opening or reading a file, as one line naming the file (exit 2)."""
    if isinstance(exc, FileNotFoundError):
        return InputError(_("no such file"), path)
    if isinstance(exc, PermissionError):
        return InputError(_("permission denied"), path)
    return InputError(_("cannot read: %(reason)s") % {"reason": exc.strerror or exc}, path)


def read_bytes(path: str | os.PathLike, max_bytes: int = DEFAULT_LIMITS.max_bytes) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``: the one way rcm reads an input file.

    Agendas, rosters, earlier exports and configuration files all come through here, so
    hostile ground gets the same answer everywhere: a FIFO (whose open and read block
    forever), a device such as /dev/zero (which never ends), a socket or a folder is
    refused at once (InputError, exit 2), and a file over the limit is refused
    (:class:`TooLarge`) after reading at most ``max_bytes + 1`` bytes. The file is
    checked before it is opened (no device is opened at all), opened non-blocking and
    checked again on the open descriptor (in case it was swapped in between).
    """
    name = str(path)
    try:
        _refuse_unless_regular(os.stat(path).st_mode, name)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _os_error(exc, name) from None
    try:
        info = os.fstat(fd)
        _refuse_unless_regular(info.st_mode, name)
        if info.st_size > max_bytes:
            raise TooLarge(name, info.st_size, max_bytes)
        data = _read_at_most(fd, max_bytes + 1, info.st_size + 1)
    except OSError as exc:
        raise _os_error(exc, name) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # the file grew after fstat: never more than the limit plus one byte
        raise TooLarge(name, None, max_bytes)
    return data


def _read_at_most(fd: int, most: int, first: int) -> bytes:
    """Up to ``most`` bytes; the first read asks for ``first`` (the size fstat gave, plus one)."""
    parts: list[bytes] = []
    left = most
    want = min(left, max(first, 1))
    while left > 0:
        chunk = os.read(fd, want)
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
        want = min(left, 1 << 20)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def read_document(path: str | os.PathLike, spec: Obj, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Read and build one file with every diagnostic; raises only if unreadable."""
    try:
        data = read_bytes(path, limits.max_bytes)
    except TooLarge as exc:  # a finding of the file (Y006), like the other input limits
        return Loaded(str(path), "", None, [Problem.at(Pos(1, 1), exc.message, "Y006")])
    text, problem = decode(data)
    del data  # the text is what is kept: do not hold both while parsing a large file
    if text is None:
        return Loaded(str(path), "", None, [problem] if problem else [])
    return read_text(text, str(path), spec, limits)


def read_text(text: str, path: str, spec: Obj, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    return _read_text(text, path, spec, limits)


def _read_text(text: str, path: str, spec: Obj, limits: Limits) -> Loaded:
    node, diagnostics, shared = parse_shared(text, limits)
    ctx = Ctx(list(diagnostics), consume=not shared)  # the tree is ours: free it as it is built
    value = None
    if node is None and not diagnostics:
        ctx.report("Y005", Pos(1, 1), _("the file is empty; expected %(what)s") % {"what": _(spec.doc)})
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
        ctx.report("Y004", node.items[typo[0]][0], _("missing required key 'sources'; is '%(typo)s' a misspelling of it?") % {"typo": typo[0]})
        return
    ctx.report(
        "Y004",
        node.pos,
        _("missing required key 'sources' (the source documents; a new meeting without any yet says 'status: draft')"),
    )


def _place_slots(meeting: m.Meeting, ctx: Ctx) -> None:
    """Give every slot its date and aware start/end in the reference zone, and each
    day (and the meeting) the positions of the slots (and days) that did not load."""
    ref = meeting.reference_zone
    tz = resolve_reference(ref, ctx) if ref else None
    index = 0
    combine, utc, one_day = datetime.combine, timezone.utc, timedelta(days=1)
    if isinstance(meeting.days, Partial):
        meeting.dropped_days = meeting.days.dropped
        meeting.days = list(meeting.days)
    for day in meeting.days:
        if isinstance(day.slots, Partial):
            day.dropped = day.slots.dropped
            day.slots = list(day.slots)
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
    zone used (with its DST rules). The validator checks that the two agree; a
    named zone is checked here either way, so that a misspelt one beside an
    offset does not pass unnoticed.
    """
    from rcmcli.core import zones

    named = _named_zone(ref, ctx) if ref.zone else None
    if ref.offset:
        fixed = zones.parse_offset(ref.offset)
        if fixed is None:
            where = ref.where("offset") or Pos(1, 1)
            ctx.report(BAD_ZONE, where, _("%(value)s is not an offset like 'GMT-6' or 'UTC-05:00'") % {"value": quote(ref.offset)})
            return None
        ref.tz = fixed
        return fixed
    if ref.zone:
        ref.tz = named
        return named
    ctx.report("Y004", ref.at or Pos(1, 1), _("reference_zone needs 'offset' (as published, e.g. GMT-6) or 'zone' (IANA)"))
    return None


def _named_zone(ref: m.ReferenceZone, ctx: Ctx) -> tzinfo | None:
    """The IANA zone ``ref.zone``, or None after reporting it with the keys it may mean."""
    from rcmcli.core import zones

    assert ref.zone is not None
    try:
        return zones.get_zone(ref.zone)
    except KeyError:
        ctx.report(BAD_ZONE, ref.where("zone") or Pos(1, 1), unknown_zone_message(ref.zone))
        return None


def unknown_zone_message(name: str) -> str:
    """'unknown IANA zone ...' with the keys a misspelling may mean, for files' ``zone:``."""
    from rcmcli.core import zones

    close = zones.close_zones(name)
    if close:
        return _("unknown IANA zone %(name)s; did you mean %(close)s?") % {"name": quote(name), "close": zones.either(close)}
    return _("unknown IANA zone %(name)s; use an IANA name like 'America/Mexico_City'") % {"name": quote(name)}


def fail_on_errors(loaded: Loaded) -> object:
    if loaded.diagnostics or loaded.value is None:
        diags = sorted(loaded.diagnostics, key=lambda d: d.pos) or [
            Problem.at(Pos(1, 1), _("not a valid document"), "Y005")
        ]
        raise InvalidDocument(loaded.path, diags)
    return loaded.value


def load_meeting(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> m.Meeting:
    value = fail_on_errors(read_document(path, MEETING, limits))
    assert isinstance(value, m.Meeting)
    return value


def load_members(path: str | os.PathLike) -> m.Members:
    value = fail_on_errors(read_document(path, MEMBERS))
    assert isinstance(value, m.Members)
    return value
