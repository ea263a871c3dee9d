"""Capitals grouped by clock (rcmcli.core.clocks): expected groups worked out by hand
from the offsets each country used on the date, never from rcm's output."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from rcmcli.core import clocks
from rcmcli.core.catalog import Catalog, bundled_dir
from rcmcli.core.errors import UnknownZoneError, UsageError


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(bundled_dir())


def _codes(groups) -> dict[str, list[str]]:
    return {g.label: [p.code for p in g.places] for g in groups}


def test_nine_september_2021_has_four_clocks(catalog):
    places = clocks.member_places(catalog.members, "all")
    at = datetime(2021, 9, 9, 15, 0, tzinfo=timezone.utc)
    groups = clocks.group_by_clock(places, [at])
    # No DST: Central America -6, Panama/Colombia/Ecuador/Peru -5, Dominican Republic,
    # Bolivia, Guyana, Venezuela -4; Argentina, Brazil, Suriname, Uruguay -3. DST then:
    # Mexico City -5, Ottawa and Washington -4, Santiago -3 (from 5 Sep 2021); Paraguay
    # still on -4 (its DST began on 3 Oct 2021).
    assert _codes(groups) == {
        "UTC-6": ["BZ", "CR", "SV", "GT", "HN", "NI"],
        "UTC-5": ["MX", "PA", "CO", "EC", "PE"],
        "UTC-4": ["CA", "DO", "US", "BO", "GY", "PY", "VE"],
        "UTC-3": ["AR", "BR", "CL", "SR", "UY"],
    }


def test_a_clock_change_during_the_instants_splits_a_group(catalog):
    places = clocks.find_places(["Santiago", "Buenos Aires"], catalog.members, catalog.zone_aliases)
    # Chile went from UTC-4 to UTC-3 at 04:00 UTC on 5 September 2021; Argentina stayed on -3.
    before, after = datetime(2021, 9, 5, 3, 0, tzinfo=timezone.utc), datetime(2021, 9, 5, 5, 0, tzinfo=timezone.utc)
    groups = clocks.group_by_clock(places, [before, after])
    assert [(g.offsets, g.label, [p.code for p in g.places]) for g in groups] == [
        ((-240, -180), "UTC-4/-3", ["CL"]),
        ((-180, -180), "UTC-3", ["AR"]),
    ]


def test_names_are_written_as_in_a_list(catalog):
    us = catalog.members.countries["US"]
    assert clocks.written_name(us) == "Washington DC"  # the agenda's spelling, no comma
    assert clocks.written_name(catalog.members.countries["BR"]) == "Brasília"


def test_capitals_by_name_country_or_code_and_zones(catalog):
    found = clocks.find_places(["santiago de chile", "Perú", "AR", "Tokyo", "AR"], catalog.members, catalog.zone_aliases)
    assert [(p.code, p.name, p.zone) for p in found] == [
        ("CL", "Santiago", "America/Santiago"),
        ("PE", "Lima", "America/Lima"),
        ("AR", "Buenos Aires", "America/Argentina/Buenos_Aires"),
        ("", "Tokyo", "Asia/Tokyo"),
    ]
    with pytest.raises(UnknownZoneError):
        clocks.find_places(["Atlantis"], catalog.members, catalog.zone_aliases)


def test_pick_days(catalog):
    mt = catalog.find("plenary-ii-2021")
    assert [d.date for _, d in clocks.pick_days(mt)] == [date(2021, 9, 9), date(2021, 9, 10)]
    assert [n for n, _ in clocks.pick_days(mt, day=2)] == [2]
    assert [d.date for _, d in clocks.pick_days(mt, on=date(2021, 9, 10))] == [date(2021, 9, 10)]
    # the command line converts --day and --date (tests/cli/test_cli_agenda.py: bad text)
    for bad in ({"day": 0}, {"day": 3}, {"on": date(2021, 9, 11)}, {"day": 1, "on": date(2021, 9, 9)}):
        with pytest.raises(UsageError):
            clocks.pick_days(mt, **bad)


def test_announcements_merge_days_that_read_the_same(catalog):
    mt = catalog.find("plenary-ii-2021")
    places = clocks.find_places(["Santiago", "Lima"], catalog.members, catalog.zone_aliases)
    [one] = clocks.announcements(mt, places)
    assert one.dates == (date(2021, 9, 9), date(2021, 9, 10))
    assert [(f"{g.local:%H:%M}", [p.code for p in g.places]) for g in one.groups] == [("10:00", ["PE"]), ("12:00", ["CL"])]
    per_slot = clocks.announcements(mt, places, per_slot=True)
    assert len(per_slot) == len(mt.slots) and all(len(a.dates) == 1 for a in per_slot)


def test_day_shift_in_an_announcement(catalog):
    mt = catalog.find("plenary-ii-2021")
    places = clocks.find_places(["Tokyo"], catalog.members, catalog.zone_aliases)
    [one] = clocks.announcements(mt, places)
    # 09:00 GMT-6 on the 9th = 15:00 UTC = 00:00 on the 10th in Tokyo (UTC+9).
    assert [(f"{g.local:%Y-%m-%d %H:%M}", g.day_shift) for g in one.groups] == [("2021-09-10 00:00", 1)]
