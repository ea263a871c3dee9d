"""The overlap rule (T003) on large and random agendas.

Not a timing test: counting the sweep's comparisons from outside is not possible,
so these tests check that the answers stay right at a size where an O(n^2) rule
would also be slow, and against a brute-force definition on random agendas.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

DAYS = 100
PER_DAY = 50  # 100 days x 50 slots = 5,000 slots
FIRST = date(2021, 1, 4)


def hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def slot(start: int, end: int, title: str, crosses: bool = False) -> str:
    extra = ", crosses_midnight: true" if crosses else ""
    return f'- {{start: "{hm(start)}", end: "{hm(end)}", title: "{title}"{extra}}}'


def test_5000_slots_with_three_planted_overlaps(tmp_path, check, meeting):
    """Each day has 50 back-to-back 10-minute slots from 08:00 (touching, never
    overlapping), listed in shuffled order. Three overlaps are planted:

    1. day 10, slot 20 starts 5 minutes early, inside slot 19;
    2. day 40, slot 30 is moved inside slot 29 (2 to 5 minutes after its start);
    3. day 70's last slot runs 23:50 to 08:05 the next day, over day 71's first slot.

    Each overlap is reported once, at the slot that starts later: the planted
    slots in 1 and 2, and day 71's first slot in 3.
    """
    rng = random.Random(20210909)
    planted_titles = {"d10-s20", "d40-s30", "d71-s0"}
    day_lines: list[str] = []
    lines_of: dict[str, int] = {}
    first_line = 8  # meeting(days=...) puts the first day on line 8
    count = 0
    for d in range(DAYS):
        day_lines += [f"- date: {FIRST + timedelta(days=d)}", "  slots:"]
        day_slots = []
        for k in range(PER_DAY):
            start, end, crosses = 480 + 10 * k, 490 + 10 * k, False
            if (d, k) == (10, 20):
                start -= 5
            elif (d, k) == (40, 30):
                start, end = 480 + 10 * 29 + 2, 480 + 10 * 29 + 5
            elif (d, k) == (70, PER_DAY - 1):
                start, end, crosses = 23 * 60 + 50, 8 * 60 + 5, True
            day_slots.append((f"d{d}-s{k}", slot(start, end, f"d{d}-s{k}", crosses)))
        rng.shuffle(day_slots)
        for title, text in day_slots:
            lines_of[title] = first_line + len(day_lines)
            day_lines.append("    " + text)
            count += 1
    assert count == 5000

    last = FIRST + timedelta(days=DAYS - 1)
    text = meeting(dates=f"{{start: {FIRST}, end: {last}}}", days="\n".join(day_lines))
    expected = [("T003", lines_of[t]) for t in planted_titles]
    problems = check(tmp_path, text, "T003", expected)
    assert len(problems) == 3


def _oracle(slots: list[tuple[int, int]]) -> set[int]:
    """Indexes of slots that start while an earlier-starting slot (ties: earlier
    in the file) is still running; zero- or negative-length slots are skipped."""
    timed = [(s, e, i) for i, (s, e) in enumerate(slots) if e > s]
    out = set()
    for s, _e, i in timed:
        if any((s2, i2) < (s, i) and e2 > s for s2, e2, i2 in timed):
            out.add(i)
    return out


@pytest.mark.parametrize("seed", range(5))
def test_random_agendas_match_brute_force(tmp_path, check, meeting, seed):
    rng = random.Random(seed)
    slots = []
    for _ in range(200):
        start = rng.randrange(0, 23 * 60)
        slots.append((start, min(start + rng.randrange(1, 90), 23 * 60 + 59)))
    slots += [slots[3], (slots[5][0], slots[5][0])]  # an exact duplicate and a zero-length slot
    text = meeting("\n".join(slot(s, e, f"s{i}") for i, (s, e) in enumerate(slots)))
    expected = [("T003", 10 + i) for i in sorted(_oracle(slots))]  # slot i is on line 10 + i
    assert expected  # 200 random slots in one day always overlap somewhere
    check(tmp_path, text, "T003", expected)
