"""The fairness rules (F001 night-slot, F002 outside-hours) against a brute-force
definition on random agendas.

The rules group the member capitals by clock and test each shape of slot in the
week once per offset (``RuleContext.capital_groups``, ``week_shapes``); this checks
that the findings, messages included, are exactly those of converting every slot
into every capital with ``astimezone``. The agendas straddle the DST changes of
Santiago, Asunción and North America (2021-2022), include weekends, the days of
the changes, slots across midnight and breaks, in a fixed offset and in a zone
with DST.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from rcmcli.core import loader
from rcmcli.core.localtime import Hours, hhmm_wall, night_between, outside_work_between, wall
from rcmcli.lint.context import RuleContext

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Around the changes: Chile 5 Sep 2021 / 3 Apr 2022, Paraguay 3 Oct 2021 / 27 Mar
# 2022, United States and Canada 7 Nov 2021 / 13 Mar 2022.
STARTS = (date(2021, 9, 1), date(2021, 9, 29), date(2021, 11, 3), date(2022, 3, 9), date(2022, 3, 24), date(2022, 3, 31))
ZONES = ('{label: "GMT-6", offset: GMT-6}', "{label: Santiago time, zone: America/Santiago}")


def hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def random_meeting(rng: random.Random, zone: str) -> str:
    first = rng.choice(STARTS)
    days = []
    n = 0
    for d in range(8):
        day = first + timedelta(days=d)
        slots = []
        for _ in range(rng.randrange(1, 7)):
            start = rng.randrange(0, 24 * 60, 5)
            length = rng.choice((15, 30, 60, 90, 240))
            end = (start + length) % (24 * 60)
            extra = ", crosses_midnight: true" if end < start else ""
            kind = ", kind: break" if rng.random() < 0.15 else ""
            n += 1
            slots.append(f'      - {{start: "{hm(start)}", end: "{hm(end)}", title: "S{n}"{kind}{extra}}}')
        days.append(f"  - date: {day}\n    slots:\n" + "\n".join(slots))
    last = first + timedelta(days=7)
    return (
        "id: test-meeting\n"
        "title: Test meeting\n"
        "conferences: [rcm, sacm]\n"
        "sources: [{file: test-source.txt}]\n"
        f"dates: {{start: {first}, end: {last}}}\n"
        f"reference_zone: {zone}\n"
        "days:\n" + "\n".join(days) + "\n"
    )


def brute_force(path: Path, members, hours: Hours) -> list[tuple[str, int, str]]:
    """(code, line, message) of F001 and F002, converting every slot into every capital."""
    meeting = loader.load_meeting(path)
    ctx = RuleContext(str(path), "", [], meeting, members, {})
    out = []
    for code, what, test, describe in (
        (
            "F001",
            "falls at night in",
            lambda ls, le: night_between(ls, le, hours),
            lambda c, ls, le: f"{c.capital.get('en')} {hhmm_wall(ls)}-{hhmm_wall(le)}",
        ),
        (
            "F002",
            "is outside working hours in",
            lambda ls, le: outside_work_between(ls, le, hours),
            lambda c, ls, le: f"{c.capital.get('en')} {DAYS[(ls // 1440 - 1) % 7]} {hhmm_wall(ls)}-{hhmm_wall(le)}",
        ),
    ):
        for s in meeting.slots:
            if s.kind == "break" or s.start_utc is None or s.end_utc is None:
                continue
            hit = []
            for country, tz in ctx.capitals:
                ls, le = wall(s.start_utc.astimezone(tz)), wall(s.end_utc.astimezone(tz))
                if test(ls, le):
                    hit.append(describe(country, ls, le))
            if hit:
                pos = s.where("start")
                assert pos is not None
                out.append((code, pos.line, f"'{s.title}' {what}: {', '.join(hit)}"))
    return sorted(out)


@pytest.mark.parametrize("seed", range(12))
def test_fairness_rules_match_brute_force(seed: int, tmp_path: Path, lint):
    from rcmcli.core.catalog import Catalog, bundled_dir

    rng = random.Random(seed)
    text = random_meeting(rng, ZONES[seed % 2])
    problems = lint(text, ["F001", "F002"])
    got = sorted((p.code, p.line, p.message) for p in problems)
    members = Catalog(bundled_dir()).members
    expected = brute_force(tmp_path / "meeting.yaml", members, Hours())
    assert expected, "the random agenda should have some findings"
    assert got == expected


def test_a_slot_across_a_change_is_converted_instant_by_instant(tmp_path: Path, lint):
    """Santiago moved from UTC-4 to UTC-3 at 04:00 UTC on 5 September 2021.

    21:50-22:10 GMT-6 on the 4th is 03:50-04:10 UTC: 23:50-01:10 in Santiago. With a
    night window of 00:30-00:45 only the real span is at night; at either offset
    alone (23:50-00:10 or 00:50-01:10) it is not.
    """
    from rcmcli.core.catalog import Catalog, bundled_dir
    from rcmcli.lint.config import Config

    text = (
        "id: test-meeting\n"
        "title: Test meeting\n"
        "conferences: [sacm]\n"
        "sources: [{file: test-source.txt}]\n"
        "dates: {start: 2021-09-04, end: 2021-09-04}\n"
        'reference_zone: {label: "GMT-6", offset: GMT-6}\n'
        "days:\n"
        "  - date: 2021-09-04\n"
        "    slots:\n"
        '      - {start: "21:50", end: "22:10", title: Late}\n'
    )
    hours = Hours(night_start=time(0, 30), night_end=time(0, 45))
    config = Config(rules={"night-slot": {"night_start": "00:30", "night_end": "00:45"}})
    problems = lint(text, ["F001"], config=config)
    assert [(p.line, p.message) for p in problems] == [(10, "'Late' falls at night in: Santiago 23:50-01:10")]
    members = Catalog(bundled_dir()).members
    assert [(p.code, p.line, p.message) for p in problems] == [
        e for e in brute_force(tmp_path / "meeting.yaml", members, hours) if e[0] == "F001"
    ]


def test_capitals_sharing_a_clock_are_grouped(tmp_path: Path, lint):
    """Over days without a change, the 23 capitals fall into a few offsets."""
    from rcmcli.core.catalog import Catalog, bundled_dir

    text = random_meeting(random.Random(1), ZONES[0])
    path = tmp_path / "meeting.yaml"
    path.write_text(text, encoding="utf-8")
    meeting = loader.load_meeting(path)
    ctx = RuleContext(str(path), text, [], meeting, Catalog(bundled_dir()).members, {})
    group, groups = ctx.capital_groups
    assert len(group) == len(ctx.capitals) == 23
    assert len(groups) < 12
    assert sorted(i for g in groups for i in g.members) == list(range(23))
