"""What a rule sees of one file: :class:`RuleContext`.

Kept apart from the engine so that commands which only need the integrity check
(:mod:`rcmcli.lint.integrity`) do not import rule selection and configuration.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import cached_property

from rcmcli.core.localtime import Hours, LocalClock, utc_midnights, wall
from rcmcli.core.model import Country, Meeting, Members, Slot
from rcmcli.core.problem import Problem
from rcmcli.core.timeparse import parse_time
from rcmcli.core.zones import Resolved, fold, resolve
from rcmcli.i18n import _
from rcmcli.lint import suppress

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any


class ClockGroup:
    """Member capitals whose clocks agree on every UTC day a meeting's slots touch.

    (A plain class, not a dataclass: this module is imported by `rcm agenda show`.)
    """

    __slots__ = ("members", "clock", "offsets")

    def __init__(self, members: list[int], clock: LocalClock, offsets: dict[int, int | None]) -> None:
        self.members = members  # indices into RuleContext.capitals
        self.clock = clock  # the first member's: only used on a day with a transition (same zone then)
        self.offsets = offsets  # UTC day ordinal -> offset in minutes; None: a transition that day

    def span(self, u: tuple[datetime, int, datetime, int]) -> tuple[int, int]:
        """Local (start, end) wall minutes of a slot, from its entry in ``RuleContext.utc_walls``."""
        a, b = self.offsets[u[1] // 1440], self.offsets[u[3] // 1440]
        return (
            u[1] + a if a is not None else self.clock.wall(u[0], u[1]),
            u[3] + b if b is not None else self.clock.wall(u[2], u[3]),
        )


class RuleContext:
    """Everything a rule may look at for one file."""

    def __init__(
        self,
        path: str,
        text: str,
        diagnostics: list[Problem],
        meeting: Meeting | None,
        members: Members,
        aliases: dict[str, tuple[str, str]],
        members_doc: Members | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.diagnostics = diagnostics
        self.meeting = meeting
        self.members = members  # the catalog's members, for cross-references
        self.aliases = aliases
        self.members_doc = members_doc  # set when the file itself is a members file

    @cached_property
    def slots(self) -> list[Slot]:
        return self.meeting.slots if self.meeting else []

    @cached_property
    def suppressions(self) -> list[suppress.Suppression]:
        return suppress.find(self.text)

    @cached_property
    def capitals(self) -> list[tuple[Country, tzinfo]]:
        """Member capitals of the meeting's organizing conferences, with their zones."""
        from rcmcli.core.zones import get_zone

        if self.meeting is None:
            return []
        out: list[tuple[Country, tzinfo]] = []
        for org in self.meeting.conferences:
            if org not in self.members.conferences:
                continue
            for c in self.members.members_of(org):
                if all(c is not seen for seen, _ in out):
                    out.append((c, get_zone(c.zone)))
        return out

    @cached_property
    def utc_walls(self) -> list[tuple[datetime, int, datetime, int] | None]:
        """Per slot: (start_utc, its wall minutes, end_utc, its wall minutes); None without times."""
        return [
            (s.start_utc, wall(s.start_utc), s.end_utc, wall(s.end_utc)) if s.start_utc and s.end_utc else None
            for s in self.slots
        ]

    @cached_property
    def week_shapes(self) -> tuple[dict[tuple[int, int], list[int]], list[int]]:
        """Slots with times by the shape of their UTC span in the week, and the ones
        that cross a UTC midnight.

        ``(shapes, crossing)``: ``shapes`` maps (start minute of the UTC week, length in
        minutes) to slot indices; ``crossing`` lists the slots that end on a later
        UTC day than they start. A large agenda repeats a few shapes many times.
        """
        shapes: dict[tuple[int, int], list[int]] = {}
        crossing: list[int] = []
        for i, u in enumerate(self.utc_walls):
            if u is None:
                continue
            shapes.setdefault((u[1] % 10080, u[3] - u[1]), []).append(i)
            if u[1] // 1440 != u[3] // 1440:
                crossing.append(i)
        return shapes, crossing

    @cached_property
    def capital_groups(self) -> tuple[list[int], list[ClockGroup]]:
        """The member capitals grouped by clock: those whose UTC offsets agree on
        every UTC day the meeting's slots touch.

        Returns ``(group, groups)``: ``group[i]`` is the index in ``groups`` of
        ``self.capitals[i]``. The ~23 capitals fall into a handful of groups, so
        the fairness rules (night-slot, outside-hours) test a slot once per group.
        """
        days = sorted({m // 1440 for u in self.utc_walls if u for m in (u[1], u[3])})
        midnights = utc_midnights(days)
        group: list[int] = []
        groups: list[ClockGroup] = []
        by_key: dict[tuple, int] = {}
        for i, (_country, tz) in enumerate(self.capitals):
            clock = LocalClock(tz)
            offsets = clock.offsets(days, midnights)
            # Capitals with equal offsets on every day have equal wall times; a day
            # with a transition (None) is converted per instant in the capital's zone.
            key = tuple(offsets) if None not in offsets else (id(tz), tuple(offsets))
            g = by_key.get(key)
            if g is None:
                g = by_key[key] = len(groups)
                groups.append(ClockGroup([], clock, dict(zip(days, offsets))))
            groups[g].members.append(i)
            group.append(g)
        return group, groups

    def hours(self, opts: dict[str, Any]) -> Hours:
        base = Hours()
        values = {}
        for key in ("work_start", "work_end", "night_start", "night_end"):
            values[key] = parse_time(opts[key]) if key in opts else getattr(base, key)
        return Hours(**values)

    def place_zone(self, name: str) -> Resolved | None:
        """The zone a published place means; memoized (agendas repeat their places)."""
        if name not in self._places:
            self._places[name] = self._place_zone(name)
        return self._places[name]

    @cached_property
    def _places(self) -> dict[str, Resolved | None]:
        return {}

    def _place_zone(self, name: str) -> Resolved | None:
        from rcmcli.core.errors import UnknownZoneError

        if fold(name) == "local":  # the machine's zone: a finding must not depend on where rcm runs
            return None
        try:
            return resolve(name, self.aliases, suggest=False)
        except UnknownZoneError:
            ref = self.meeting.reference_zone if self.meeting else None
            if ref is not None and ref.tz is not None and _names_label(name, ref.label):
                return Resolved(name, ref.name, ref.tz, _("the reference zone"))
            return None


_GENERIC = {"time", "hora", "gmt", "utc", "de", "del", "the", "of", "standard", "zone"}


def _names_label(place: str, label: str) -> bool:
    """Is ``place`` whole words of ``label`` ("Central America" in "Central American time")?

    A word matches itself or its demonym with a trailing 'n' (America/American);
    generic words like 'time' alone never match.
    """
    import re

    words = re.findall(r"[a-z]+", fold(place))
    target = re.findall(r"[a-z]+", fold(label))
    if not words or all(w in _GENERIC for w in words):
        return False
    for i in range(len(target) - len(words) + 1):
        if all(t in (w, w + "n") for w, t in zip(words, target[i:])):
            return True
    return False
