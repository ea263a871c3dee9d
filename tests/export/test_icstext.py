"""Tests for rcmcli.export.icstext, the RFC 5545 writer behind ``rcm agenda ics`` and the invites.

The oracle is another library: everything written here is parsed back with
icalendar, and whole calendars are compared byte for byte with what icalendar
itself serialises for the same content (rcm used icalendar to write until the
writer replaced it, so the files must not change). Expected instants are computed
with zoneinfo from the agenda text the test writes, not through rcm.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event, vCalAddress, vText

from rcmcli.core.catalog import Catalog, bundled_dir
from rcmcli.core.loader import load_meeting
from rcmcli.core.model import Meeting, Members
from rcmcli.core.roster import Participant
from rcmcli.export import ics
from rcmcli.export import icstext as w

CATALOG = Catalog(bundled_dir())
UTC = timezone.utc
STAMP = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)

# Titles that exercise escaping and folding: separators, backslashes (also before
# 'n', which must stay a backslash), line breaks of every kind, a trailing
# backslash, RFC 6868's caret, and 2-, 3- and 4-octet UTF-8 characters.
TRICKY = [
    "Opening, welcome; and \\ thanks",
    "Line one\nLine two\r\nLine three\rLine four",
    "Windows path C:\\new\\table and a \\n that is not a newline",
    "ends with a backslash \\",
    "caret ^ and ^n and ^' stay as written",
    "Sesión de apertura: migración, protección; niñez " * 3,
    "東京での会議、移民と保護について。" * 4,
    "🎉🌎🤝 emoji " * 12,
    "\\;\\,\\\\" * 20,
    "",
]


def calendar_with_summary(value: str) -> bytes:
    """A minimal valid calendar whose one event has SUMMARY ``value``, written by the writer."""
    event = [
        w.content_line("UID", w.text("test@rcmcli")),
        w.content_line("DTSTAMP", w.utc(STAMP)),
        w.content_line("SUMMARY", w.text(value)),
    ]
    head = [w.content_line("VERSION", "2.0"), w.content_line("PRODID", w.text(ics.PRODID))]
    return w.serialise(w.component("VCALENDAR", head + w.component("VEVENT", event)))


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


# --- folding --------------------------------------------------------------------------


@pytest.mark.parametrize("pad", range(5))
@pytest.mark.parametrize("char", ["ñ", "東", "🎉", "\\", "^", ","])
def test_folding_at_75_octets_never_splits_a_character(pad: int, char: str) -> None:
    # Shift the fold point through every octet of multibyte characters.
    value = "x" * pad + char * 90 + " end"
    data = calendar_with_summary(value)
    lines = physical_lines(data)
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # raises if a UTF-8 sequence was cut
    start = next(i for i, line in enumerate(lines) if line.startswith(b"SUMMARY:"))
    assert lines[start + 1].startswith(b" ")  # SUMMARY was folded, onto continuation lines
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == value


def test_fold_then_unfold_gives_back_the_line() -> None:
    rng = random.Random(5545)
    alphabet = ["a", "Z", " ", "\\", "^", ";", "é", "東", "🎉", ":", '"']
    for _ in range(300):
        line = "X-TEST:" + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        folded = w.fold(line)
        parts = folded.split(b"\r\n")
        assert all(len(p) <= 75 for p in parts)
        assert all(p.startswith(b" ") for p in parts[1:])
        assert b"".join([parts[0], *(p[1:] for p in parts[1:])]) == line.encode("utf-8")
        assert w.unfold(folded.decode("utf-8") + "\r\n") == [line]


def test_short_lines_are_not_folded() -> None:
    assert w.fold("X:" + "a" * 72) == ("X:" + "a" * 72).encode()  # 74 octets: as icalendar
    assert w.fold("X:" + "a" * 73) == ("X:" + "a" * 72).encode() + b"\r\n a"


# --- TEXT escaping ------------------------------------------------------------------------


@pytest.mark.parametrize("value", TRICKY)
def test_text_escaping_round_trips_through_icalendar(value: str) -> None:
    data = calendar_with_summary(value)
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    # RFC 5545 TEXT has one line break (\n): CRLF and a lone CR come back as LF.
    assert str(event["SUMMARY"]) == value.replace("\r\n", "\n").replace("\r", "\n")
    assert b"\nSUMMARY" in data and data.count(b"\r\n") == len(physical_lines(data))


def test_text_escapes_each_special_character() -> None:
    assert w.text("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"
    assert w.text("C:\\Nothing") == "C:\\\\Nothing"  # icalendar 7.3 writes C:\nothing (see docs/ics.md)
    assert w.unescape_text(w.text("C:\\Nothing; a,b\n")) == "C:\\Nothing; a,b\n"


def test_meeting_titles_with_separators_and_line_breaks_round_trip(tmp_path: Path) -> None:
    titles = [t for t in TRICKY if t]
    meeting = load_meeting(write_meeting(tmp_path, "escaping", "America/Mexico_City", date(2030, 1, 7), titles))
    data = ics.calendar_bytes(meeting, CATALOG.members, ics.Options(include_breaks=True))
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [t.replace("\r\n", "\n").replace("\r", "\n") for t in titles]
    assert not any(line.startswith((b"Line two", b"Line three")) for line in physical_lines(data))


def test_parameter_values_are_quoted_and_refuse_what_has_no_form() -> None:
    assert w.param("REQ-PARTICIPANT") == "REQ-PARTICIPANT"
    assert w.param("Ana Pérez") == '"Ana Pérez"'
    assert w.param("a;b") == '"a;b"' and w.param("a:b") == '"a:b"' and w.param("a,b") == '"a,b"'
    assert w.param("O’Brien") == '"O’Brien"' and w.param("x^n") == "x^^n"
    for bad in ('say "hi"', "two\nlines", "cr\r", "nul\x00"):
        with pytest.raises(ValueError):
            w.param(bad)
    with pytest.raises(ValueError):
        w.content_line("URL", "https://x.org/\r\nX-EVIL:1")


def test_utc_date_time_form() -> None:
    gmt6 = timezone(timedelta(hours=-6))
    assert w.utc(datetime(2021, 9, 9, 9, 0, tzinfo=gmt6)) == "20210909T150000Z"
    assert w.utc(datetime(999, 1, 2, 3, 4, 5, 678, tzinfo=UTC)) == "09990102T030405Z"
    with pytest.raises(ValueError):
        w.utc(datetime(2021, 9, 9, 9, 0))


# --- a big generated meeting: the right instants ---------------------------------------------


def write_meeting(
    folder: Path, mid: str, zone: str, first: date, titles: list[str], per_day: int = 10, dates: tuple[date, ...] = ()
) -> Path:
    """A meeting of len(titles) slots, ``per_day`` a day on ``dates`` (default: consecutive days), 30 minutes each."""
    days = (len(titles) + per_day - 1) // per_day
    dates = dates or tuple(first + timedelta(days=d) for d in range(days))
    lines = [
        f"id: {mid}",
        "title: {en: Generated meeting}",
        "conferences: [rcm]",
        "sources: [{file: test.txt}]",
        f"dates: {{start: {dates[0]}, end: {dates[-1]}}}",
        f"reference_zone: {{label: {zone}, zone: {zone}}}",
        "days:",
    ]
    for d in range(days):
        lines += [f"  - date: {dates[d]}", "    slots:"]
        for k, title in enumerate(titles[d * per_day : (d + 1) * per_day]):
            start, end = slot_times(d, k)
            quoted = json.dumps(title, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
            lines.append(f'      - {{start: "{start:%H:%M}", end: "{end:%H:%M}", title: {{en: {quoted}}}}}')
    path = folder / f"{mid}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def slot_times(day: int, k: int) -> tuple[time, time]:
    """Slot k of a day: from 08:00 (+5 min on odd days), 30 minutes each, back to back."""
    start = datetime(2000, 1, 1, 8, 5 * (day % 2)) + timedelta(minutes=30 * k)
    return start.time(), (start + timedelta(minutes=30)).time()


@pytest.mark.parametrize(
    ("zone", "first"),
    [
        ("America/New_York", date(2030, 3, 1)),  # DST starts on 10 March 2030
        ("America/Santiago", date(2030, 3, 25)),  # DST ends on 6 April 2030
        ("America/Mexico_City", date(2022, 10, 20)),  # the last DST end, 30 October 2022
    ],
)
def test_200_slots_come_back_at_the_same_utc_instants(tmp_path: Path, zone: str, first: date) -> None:
    titles = [f"Item {i:03d}" for i in range(200)]
    meeting = load_meeting(write_meeting(tmp_path, "generated", zone, first, titles))
    data = ics.calendar_bytes(meeting, CATALOG.members, ics.Options(include_breaks=True))
    events = Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == 200
    found = {str(e["SUMMARY"]): (e["DTSTART"].dt, e["DTEND"].dt) for e in events}
    tz = ZoneInfo(zone)
    for i, title in enumerate(titles):
        day, k = divmod(i, 10)
        start, end = slot_times(day, k)
        on = first + timedelta(days=day)
        expected = (
            datetime.combine(on, start, tz).astimezone(UTC),
            datetime.combine(on, end, tz).astimezone(UTC),
        )
        assert found[title] == expected, title
        slot = meeting.slots[i]
        assert (slot.starts, slot.ends) == expected  # and the model agrees
    # The offset really changes inside the range, so the test covers a DST change.
    offsets = {(first + timedelta(days=d)).isoformat(): found[titles[10 * d]][0].hour for d in range(20)}
    assert len(set(offsets.values())) == 2, offsets


# --- the same bytes as icalendar ----------------------------------------------------------


def icalendar_publish(meeting: Meeting, members: Members, lang: str, stamp: datetime) -> bytes:
    """The ``rcm agenda ics`` calendar built with icalendar, from rcm's texts and the model's instants."""
    cal = icalendar_head(meeting, lang, "PUBLISH")
    keys = ics.slot_keys(meeting)
    organizer = ics.publish_organizer(meeting)
    for slot in meeting.slots:
        description = ics.slot_description(meeting, slot, lang, members)
        ev = icalendar_event(meeting, lang, stamp, keys[slot.index], ics.summary(slot, lang), description, organizer)
        ev.add("dtstart", slot.starts.astimezone(UTC))
        ev.add("dtend", slot.ends.astimezone(UTC))
        ev.add("categories", [slot.kind])
        if slot.kind == "break":
            ev.add("transp", vText("TRANSPARENT"))
        cal.add_component(ev)
    return cal.to_ical()


def icalendar_head(meeting: Meeting, lang: str, method: str) -> Calendar:
    cal = Calendar()
    for key, value in (("prodid", ics.PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"), ("method", method)):
        cal.add(key, value)
    name, desc = vText(meeting.title.get(lang)), vText(ics.calendar_description(meeting, lang))
    for key, value in (("name", name), ("x-wr-calname", name), ("description", desc), ("x-wr-caldesc", desc)):
        cal.add(key, value)
    return cal


def icalendar_event(
    meeting: Meeting, lang: str, stamp: datetime, key: str, summary: str, description: str, organizer
) -> Event:
    ev = Event()
    ev.add("uid", vText(ics.uid(meeting, key)))
    ev.add("dtstamp", stamp)
    ev.add("sequence", meeting.revision)
    ev.add("status", vText("CONFIRMED"))
    ev.add("summary", vText(summary))
    ev.add("description", vText(description))
    location = ics._location(meeting, lang)
    if location:
        ev.add("location", vText(location))
    if meeting.url:
        ev.add("url", meeting.url)
    if organizer:
        address = vCalAddress(f"mailto:{organizer.email}")
        address.params["CN"] = ics._param_text(organizer.name)
        ev.add("organizer", address)
    return ev


def hostile_meeting(tmp_path: Path) -> Meeting:
    """The II Plenary with separators, quotes, carets and line breaks in a title, a speaker and the secretariat."""
    source = (bundled_dir() / "meetings" / "plenary-ii-2021.yaml").read_text(encoding="utf-8")
    evil = 'Evil\\r\\nX-INJECTED:1;a=b,c:d \\"quoted\\" back\\\\slash ^caret’s — ñandú 東京 🎉'
    opening = "        title:\n          en: Opening session\n"  # the first slot's title, block style
    assert opening in source
    text = source.replace(opening, f'        title:\n          en: "{evil}"\n')
    text = text.replace("- name: Alejandro Encinas Rodríguez", f'- name: "{evil}"')
    extra = 'secretariat: {name: "Secretaría; \\"ST\\", O’Brien ^n", email: sec@example.org}\nurl: "https://x.org/m?a=b;c,d"\n'
    text = text.replace("mode: virtual\n", "mode: virtual\n" + extra)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return load_meeting(path)


MEETINGS = ["plenary-ii-2021", "followup-ii-2021", "plenary-iii-2022", "hostile"]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", MEETINGS)
def test_calendar_is_byte_identical_to_icalendars(tmp_path: Path, name: str, lang: str) -> None:
    meeting = hostile_meeting(tmp_path) if name == "hostile" else CATALOG.find(name)
    ours = ics.calendar_bytes(
        meeting, CATALOG.members, ics.Options(lang, include_breaks=True, source_date_epoch="1700000000")
    )
    assert ours == icalendar_publish(meeting, CATALOG.members, lang, STAMP)


def test_invite_series_is_byte_identical_to_icalendars(tmp_path: Path) -> None:
    # Four days in New York across the end of DST (7 November 2021), with a day off:
    # RRULE, EXDATE and RECURRENCE-ID overrides, and an attendee with parameters.
    dates = (date(2021, 11, 6), date(2021, 11, 8), date(2021, 11, 9), date(2021, 11, 10))
    titles = [f"Item {i}" for i in range(len(dates))]
    meeting = load_meeting(write_meeting(tmp_path, "series", "America/New_York", dates[0], titles, 1, dates))
    members = CATALOG.members
    person = Participant("Seán O’Brien; chair", "sean@x.org", "CA", "CHAIR", "es")
    organizer = ics.Organizer("RCM Secretariat", "sec@example.org")
    ours = ics.invite_bytes(meeting, person, members, organizer, STAMP)

    cal = icalendar_head(meeting, "es", "REQUEST")
    description = ics.invite_description(meeting, person, members)

    def base() -> Event:
        ev = icalendar_event(meeting, "es", STAMP, "meeting", meeting.title.get("es"), description, organizer)
        attendee = vCalAddress(f"mailto:{person.email}")
        attendee.params.update(
            {"CN": person.name, "CUTYPE": "INDIVIDUAL", "ROLE": "CHAIR", "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"}
        )
        ev.add("attendee", attendee)
        return ev

    ny = ZoneInfo("America/New_York")
    starts = [datetime.combine(d, slot_times(i, 0)[0], ny).astimezone(UTC) for i, d in enumerate(dates)]
    half_hour = timedelta(minutes=30)
    master = base()
    master.add("dtstart", starts[0])
    master.add("dtend", starts[0] + half_hour)
    master.add("rrule", {"freq": "daily", "until": starts[0] + timedelta(days=4)})
    master.add("exdate", [starts[0] + timedelta(days=1)])
    cal.add_component(master)
    for d, start in zip(dates[1:], starts[1:]):  # EST, or 08:05 on odd days: each differs from 12:00 UTC
        override = base()
        override.add("recurrence-id", starts[0] + (d - dates[0]))
        override.add("dtstart", start)
        override.add("dtend", start + half_hour)
        cal.add_component(override)
    assert ours == cal.to_ical()


def test_random_texts_match_icalendars_escaping_and_folding() -> None:
    rng = random.Random(6868)
    alphabet = list("aZ09 -:;,\\^'’\n\r\t.") + ["é", "ñ", "東", "🎉", "\r\n"]
    for _ in range(300):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300))).replace("\\N", "\\n")
        cn = ics._param_text("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 80)))) or "x"
        ev = Event()
        ev.add("summary", vText(value))
        address = vCalAddress("mailto:a@x.org")
        address.params["CN"] = cn
        ev.add("organizer", address)
        expected = ev.to_ical()
        ours = w.serialise(
            w.component(
                "VEVENT",
                [w.content_line("SUMMARY", w.text(value)), w.content_line("ORGANIZER", "mailto:a@x.org", [("CN", cn)])],
            )
        )
        assert ours == expected, (value, cn)
