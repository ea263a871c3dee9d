"""Property-based tests over generated agendas, valid and invalid.

* the loader and the validator never raise anything but rcm's own errors;
* every error and finding names the file and a line of it;
* a slot converted to any zone (IANA or fixed offset) and back is the same instant,
  and the loader put it where the generator wrote it;
* an exported calendar read back with ``icalendar`` has the model's instants.

Profiles: ``ci`` (200 examples, derandomized, no deadline) is loaded when ``CI`` is
set; ``dev`` (fewer examples) otherwise; ``HYPOTHESIS_PROFILE`` overrides both.
The file runs in well under a minute with ``ci``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rcmcli.core import localtime as agenda
from rcmcli.core import zones
from rcmcli.core.catalog import Catalog, bundled_dir
from rcmcli.core.errors import InvalidDocument, RcmError
from rcmcli.core.loader import MEETING, SLOT_KINDS, load_meeting, read_document
from rcmcli.core.model import Meeting
from rcmcli.lint import engine
from rcmcli.lint.config import Config

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True, database=None, suppress_health_check=_QUIET)
settings.register_profile("dev", max_examples=40, deadline=None, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

CATALOG = Catalog(bundled_dir())
CONFIG = Config()
RULES = engine.select(CONFIG)
ZONE_KEYS = sorted(zones.available_zones())
UTC = timezone.utc


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("properties")


# --- generating agendas ----------------------------------------------------------------


def yq(text: str) -> str:
    """``text`` as a YAML double-quoted scalar; characters YAML may not hold raw are escaped."""
    out = ['"']
    for ch in text:
        o = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif o < 0x20 or 0x7F <= o < 0xA0 or o in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF) or 0xD800 <= o < 0xE000:
            out.append(f"\\u{o:04x}")
        else:
            out.append(ch)
    return "".join(out) + '"'


@dataclass(frozen=True)
class GenSlot:
    day: date
    start: time
    end: time
    crosses: bool


@dataclass(frozen=True)
class GenAgenda:
    text: str
    tz: object  # the zone the generator meant (a fixed timezone or an IANA key)
    slots: tuple[GenSlot, ...]


@st.composite
def published_offsets(draw) -> tuple[str, timezone]:
    """An offset as agendas print it ('GMT-6', 'UTC+05:30', 'UTC−03:00') and what it means."""
    hours = draw(st.integers(0, 14))
    minutes = 0 if hours == 14 else draw(st.sampled_from([0, 0, 30, 45]))
    sign = draw(st.sampled_from(["+", "-", "\u2212"]))
    style = draw(st.sampled_from(["GMT{s}{h}", "UTC{s}{hh}:{mm}", "UTC{s}{hh}{mm}", "GMT {s}{h}:{mm}", "{s}{hh}:{mm}"]))
    if minutes and "{mm}" not in style:
        style = "UTC{s}{hh}:{mm}"
    text = style.format(s=sign, h=hours, hh=f"{hours:02d}", mm=f"{minutes:02d}")
    delta = timedelta(hours=hours, minutes=minutes) * (1 if sign == "+" else -1)
    return text, timezone(delta)


def written_time(t: time, style: int, quoted: bool) -> str:
    """One of the documented ways to write ``t``: 09:00, 9:00, 9:00 am, 9 am, 9:00 p.m."""
    h12 = t.hour % 12 or 12
    ampm = "am" if t.hour < 12 else "pm"
    forms = [
        f"{t.hour:02d}:{t.minute:02d}",
        f"{t.hour}:{t.minute:02d}",
        f"{h12}:{t.minute:02d} {ampm}",
        f"{h12}:{t.minute:02d} {ampm[0]}.m.".upper() if style % 2 else f"{h12}:{t.minute:02d}{ampm}",
    ]
    if t.minute == 0:
        forms.append(f"{h12} {ampm}")
    text = forms[style % len(forms)]
    return yq(text) if quoted else text


# Any Unicode a valid title may hold: RTL, emoji, tabs, CR/LF. Other control characters
# (ESC, BEL, C1) are refused by rule Y010, so valid agendas are drawn without them.
_TEXT_CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[c for c in map(chr, [*range(0x00, 0x20), *range(0x7F, 0xA0)]) if c not in "\t\n\r"],
)
titles = st.text(alphabet=_TEXT_CHARS, max_size=24)


@st.composite
def agendas(draw) -> GenAgenda:
    """A loadable meeting: 1-3 consecutive days, 1-4 slots each, any dates 1900-2200."""
    if draw(st.booleans()):
        offset_text, tz = draw(published_offsets())
        ref = f"reference_zone:\n  label: {yq('Published ' + offset_text)}\n  offset: {yq(offset_text)}\n"
    else:
        key = draw(st.sampled_from(ZONE_KEYS))
        tz = key
        ref = f"reference_zone:\n  label: Local time\n  zone: {key}\n"
    first = draw(st.dates(date(1900, 1, 1), date(2200, 12, 28)))
    ndays = draw(st.integers(1, 3))
    meeting_id = draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True))
    lines = [
        f"id: {meeting_id}",
        f"title: {{en: {yq(draw(titles))}, es: {yq(draw(titles))}}}",
        f"kind: {draw(st.sampled_from(['plenary', 'follow-up', 'working-group', 'other']))}",
        "conferences: [rcm, sacm]",
        "sources:\n  - file: 000_cbb0f7d76216ba28.txt",
        f"dates: {{start: {first}, end: {first + timedelta(days=ndays - 1)}}}",
        ref.rstrip("\n"),
        "days:",
    ]
    slots = []
    session = 0
    for i in range(ndays):
        day = first + timedelta(days=i)
        lines += [f"  - date: {day}", "    slots:"]
        for _ in range(draw(st.integers(1, 4))):
            start_min = draw(st.integers(0, 1439))
            end_min = start_min + draw(st.integers(1, 720))
            start, end = time(start_min // 60, start_min % 60), time(end_min % 1440 // 60, end_min % 60)
            crosses = end_min >= 1440
            kind = draw(st.sampled_from(SLOT_KINDS))
            lines += [
                f"      - start: {written_time(start, draw(st.integers(0, 9)), draw(st.booleans()))}",
                f"        end: {written_time(end, draw(st.integers(0, 9)), draw(st.booleans()))}",
                f"        kind: {kind}",
                f"        title: {yq(draw(titles))}",
            ]
            if crosses:
                lines.append("        crosses_midnight: true")
            if kind == "session":
                session += 1
                lines.append(f"        session: {session}")
            if draw(st.booleans()):
                lines.append(f"        topics: [{yq(draw(titles))}, {{en: {yq(draw(titles))}}}]")
            slots.append(GenSlot(day, start, end, crosses))
    if draw(st.integers(0, 3)) == 0:  # published local times for places, some of them nonsense
        claims = []
        for _ in range(draw(st.integers(1, 3))):
            t = time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 15, 30, 45])))
            places = draw(st.lists(st.one_of(st.sampled_from(PLACES), st.text(alphabet=_TEXT_CHARS, max_size=10)), min_size=1, max_size=3))
            claims.append(f"      - {{time: {written_time(t, draw(st.integers(0, 9)), True)}, places: [{', '.join(map(yq, places))}]}}")
        block = [
            "published_times:",
            f"  - date: {first}",
            f"    reference_time: {written_time(time(draw(st.integers(0, 23)), 0), 0, True)}",
            "    claims:",
            *claims,
        ]
        at = lines.index("days:")
        lines[at:at] = block
    return GenAgenda("\n".join(lines) + "\n", tz, tuple(slots))


# Places people write next to a published time, and places that name nothing. Not a
# 300-character zone name: that crashes (tests/hostile zone-name-too-long.yaml, a known bug).
PLACES = [
    "Bogota", "Lima", "Santiago", "Mexico City", "Panama City", "Brasília", "Asunción", "Ottawa", "MX", "Chile",
    "GMT-6", "UTC", "UTC+14:59", "Etc/GMT+99", "Etc/GMT-6", "Etc/GMT+12", "America/Atlantis", "Factory",
    "_", ".", "", " ", "Central America", "Santiago de Chile", "../../etc/passwd",
]


# Values that break things: bad times, dates, numbers, YAML that means something else.
HOSTILE_SCALARS = [
    "24:00", "25:61", "9", "9.30", "-1:00", "13:00 pm", "0:30 am", "2021-02-30", "0999-01-01", "9999-12-31",
    "10000-01-01", "GMT-25", "Etc/GMT-6", "Etc/GMT+99", "America/Atlantis", "../../etc/passwd", "~", "null", "",
    "[]", "{}", "[a, [b, {c: d}]]", "yes", "no", ".inf", "1e309", "0x1F", "1_000", "-0", "99999999999999999999",
    "!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!custom x", "&a x", "*undefined",
    "<<: {a: b}", "'unclosed", '"unclosed', "{unclosed", "- a\n- b", "|\n  block", ">-\n  folded", "%TAG ! x",
    "\t9:00", "９:００", "١٢:٠٠", "9:00\u202e", "\u00e9t\u00e9", "a: b: c", "? complex", "@reserved", "`reserved",
]  # not a 4301-digit number: that crashes the loader (tests/hostile huge-integer.yaml, a known bug)
INSERTS = ["\t", "\r", "\n", "\r\n", ":", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!", "%", "#", "'", '"', "|",
           ">", "---\n", "...\n", "  # rcm: ignore[T001] published so", "# rcm: ignore[]", "# rcm: ignore[Y001, ZZ9]\n", "\x00", "\x07", "\x1b[2J", "\ufeff", "\u2028", "\x85", "\ud7ff", "\U0001F389", "\u202e"]


@st.composite
def broken(draw, valid: GenAgenda) -> bytes:
    """``valid`` with one to three defects: a hostile value, an insertion, a lost or repeated
    line, a tab, truncation, or another encoding."""
    text = valid.text
    for _ in range(draw(st.integers(1, 3))):
        lines = text.split("\n")
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        op = draw(st.integers(0, 6))
        if op == 0 and ": " in lines[i]:
            key, _, _ = lines[i].partition(": ")
            value = draw(st.one_of(st.sampled_from(HOSTILE_SCALARS), st.text(max_size=12)))
            lines[i] = f"{key}: {value}"
        elif op == 1:
            pos = draw(st.integers(0, len(lines[i])))
            chunk = draw(st.one_of(st.sampled_from(INSERTS), st.text(max_size=4)))
            lines[i] = lines[i][:pos] + chunk + lines[i][pos:]
        elif op == 2 and len(lines) > 1:
            del lines[i]
        elif op == 3:
            lines.insert(i, lines[i])
        elif op == 4:
            lines[i] = re.sub(r"^ +", "\t", lines[i])
        elif op == 5:
            text = text[: draw(st.integers(0, len(text)))]
            continue
        text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "latin-1", "surrogateescape"]))
    if encoding == "latin-1":
        return text.encode("latin-1", "replace")
    if encoding == "surrogateescape":  # stray bytes in the middle
        cut = draw(st.integers(0, len(text)))
        return text[:cut].encode() + draw(st.binary(min_size=1, max_size=4)) + text[cut:].encode()
    return text.encode(encoding, "surrogatepass")


@st.composite
def any_input(draw) -> bytes:
    """Valid agendas, broken agendas, and raw bytes."""
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return draw(st.binary(max_size=300))
    valid = draw(agendas())
    if choice <= 3:
        return valid.text.encode()
    return draw(broken(valid))


# --- the properties ----------------------------------------------------------------------


def _check(folder: Path, data: bytes):
    """Load and validate ``data`` as a file; return (path, problems, load error or None)."""
    path = folder / "agenda.yaml"
    path.write_bytes(data)
    read_document(path, MEETING)  # collects diagnostics; raises only if unreadable
    problems = engine.lint_file(path, RULES, CATALOG.members, CATALOG.zone_aliases, CONFIG)
    try:
        meeting = load_meeting(path)
        error = None
    except InvalidDocument as exc:
        meeting, error = None, exc
    if meeting is not None:
        ref = meeting.reference_zone
        chosen = [zones.Resolved(ref.label, ref.name, ref.tz)]
        agenda.slot_rows(meeting, chosen)
    return path, problems, error


@given(data=any_input())
@example(data=b"")
@example(data=b"\xff\xfe\x00\x00")
@example(data=b"---\n---\n")
@example(data=b"id: [" * 100)
def test_loader_and_validator_raise_only_rcm_errors(folder: Path, data: bytes):
    try:
        _check(folder, data)
    except RcmError:
        pass  # an expected error (e.g. a file that cannot be read) is fine
    except Exception as exc:
        pytest.fail(f"{type(exc).__name__}: {exc} (not an RcmError) for input {data[:300]!r}")


@given(data=any_input())
def test_every_error_and_finding_names_the_file_and_a_line(folder: Path, data: bytes):
    path, problems, error = _check(folder, data)
    # YAML also breaks lines at a lone CR, NEL, LS and PS: count the generous way.
    lines = max(data.count(b"\n"), len(data.decode("utf-8", "replace").splitlines())) + 1
    for p in problems:
        assert p.path == str(path), p
        assert 1 <= p.line <= lines + 1 and p.column >= 1, (p, lines)
    if error is not None:
        assert error.path == str(path) and error.pos is not None and error.pos.line >= 1
        assert str(error).startswith(f"{path}:{error.pos.line}:{error.pos.column}: ")
        assert re.search(r"\[[A-Z]\d{3}\]", str(error)), str(error)
        for d in error.problems:
            assert 1 <= d.pos.line <= lines + 1 and d.pos.column >= 1, (d, lines)


def _meeting(folder: Path, gen: GenAgenda) -> Meeting:
    path = folder / "valid.yaml"
    path.write_text(gen.text, encoding="utf-8")
    return load_meeting(path)


def _in_gap(dt: datetime) -> bool:
    """Is this wall time skipped by its zone (a DST gap)?"""
    return dt.astimezone(UTC).astimezone(dt.tzinfo).replace(tzinfo=None) != dt.replace(tzinfo=None)


targets = st.one_of(
    st.sampled_from(ZONE_KEYS).map(zones.get_zone),
    st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m))),
)


@given(gen=agendas(), target=targets)
@example(  # 00:30 on 2022-09-11 never happened in Santiago
    gen=GenAgenda(
        "id: gap\ntitle: Gap\nconferences: [rcm]\nsources: [{file: a.txt}]\ndates: {start: 2022-09-11, end: 2022-09-11}\n"
        "reference_zone: {label: Santiago, zone: America/Santiago}\ndays:\n  - date: 2022-09-11\n    slots:\n"
        '      - {start: "0:30", end: "1:30", title: A}\n',
        "America/Santiago",
        (GenSlot(date(2022, 9, 11), time(0, 30), time(1, 30), False),),
    ),
    target=timezone(timedelta(hours=-6)),
)
def test_a_slot_converted_to_any_zone_and_back_is_the_same_instant(folder: Path, gen: GenAgenda, target):
    meeting = _meeting(folder, gen)
    assert len(meeting.slots) == len(gen.slots)
    for slot, want in zip(meeting.slots, gen.slots):
        # Where the generator put it (an independent source): the written wall time...
        assert slot.starts.replace(tzinfo=None) == datetime.combine(want.day, want.start)
        end_day = want.day + timedelta(days=1) if want.crosses else want.day
        assert slot.ends.replace(tzinfo=None) == datetime.combine(end_day, want.end)
        # ... in the published offset (GMT-6 is six hours behind UTC), or the IANA zone.
        if isinstance(gen.tz, timezone):
            assert slot.starts.utcoffset() == gen.tz.utcoffset(None)
        else:
            assert getattr(slot.starts.tzinfo, "key", None) == gen.tz
        converted = agenda.to_zone(slot, target)
        for moment, local in ((slot.starts, converted.start), (slot.ends, converted.end)):
            assert local.astimezone(UTC) == moment.astimezone(UTC)
            back = local.astimezone(moment.tzinfo)
            assert back.astimezone(UTC) == moment.astimezone(UTC)
            if not _in_gap(moment):  # a skipped wall time comes back as the real one
                assert back.replace(tzinfo=None) == moment.replace(tzinfo=None)


@given(gen=agendas())
def test_an_exported_calendar_read_back_has_the_models_instants(folder: Path, gen: GenAgenda):
    ics = pytest.importorskip("rcmcli.export.ics")
    icalendar = pytest.importorskip("icalendar")
    meeting = _meeting(folder, gen)
    data = ics.calendar_bytes(meeting, CATALOG.members, ics.Options(include_breaks=True))
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == len(meeting.slots)
    keys = ics.slot_keys(meeting)
    by_uid = {str(ev["UID"]): ev for ev in events}
    assert len(by_uid) == len(events), "two events share a UID"
    norm = lambda s: s.replace("\r\n", "\n").replace("\r", "\n")  # noqa: E731 - RFC 5545 TEXT has one line break
    for slot in meeting.slots:
        ev = by_uid[ics.uid(meeting, keys[slot.index])]
        start, end = ev["DTSTART"].dt, ev["DTEND"].dt
        assert start.tzinfo is not None and end.tzinfo is not None
        assert start.astimezone(UTC) == slot.starts.astimezone(UTC)
        assert end.astimezone(UTC) == slot.ends.astimezone(UTC)
        assert norm(str(ev["SUMMARY"])) == norm(ics.summary(slot, "en"))
