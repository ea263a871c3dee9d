"""What a rule sees of one file: :class:`RuleContext`.

Kept apart from the engine so that commands which only need the integrity check
(:mod:`rcmcli.lint.integrity`) do not import rule selection and configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from functools import cached_property
from typing import Any

from rcmcli.agenda import Hours
from rcmcli.lint import suppress
from rcmcli.model import Country, Meeting, Members, Slot
from rcmcli.timeparse import parse_time
from rcmcli.yamlsrc import Diagnostic
from rcmcli.zones import Resolved, fold, resolve


@dataclass
class RuleContext:
    """Everything a rule may look at for one file."""

    path: str
    text: str
    diagnostics: list[Diagnostic]
    meeting: Meeting | None
    members: Members  # the catalog's members, for cross-references
    aliases: dict[str, tuple[str, str]]
    members_doc: Members | None = None  # set when the file itself is a members file

    @cached_property
    def slots(self) -> list[Slot]:
        return self.meeting.slots if self.meeting else []

    @cached_property
    def suppressions(self) -> list[suppress.Suppression]:
        return suppress.find(self.text)

    @cached_property
    def capitals(self) -> list[tuple[Country, tzinfo]]:
        """Member capitals of the meeting's organizing conferences, with their zones."""
        from rcmcli.zones import get_zone

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
    def capital_walls(self) -> list[tuple[Country, list[tuple[int, int] | None]]]:
        """For each member capital, every slot's local (start, end) in wall minutes.

        Computed once for the fairness rules (night-slot, outside-hours), which would
        otherwise each convert every slot into every capital.
        """
        from rcmcli.agenda import LocalClock, wall

        utc = [
            (s.start_utc, wall(s.start_utc), s.end_utc, wall(s.end_utc)) if s.start_utc and s.end_utc else None
            for s in self.slots
        ]
        days = {m // 1440 for u in utc if u for m in (u[1], u[3])}
        out = []
        for country, tz in self.capitals:
            clock = LocalClock(tz)
            maybe = {d: clock.offset(d) for d in days}
            offsets = {d: o for d, o in maybe.items() if o is not None}
            spans: list[tuple[int, int] | None]
            if len(offsets) < len(maybe):  # a DST change during the meeting: convert each slot
                spans = [(clock.wall(u[0], u[1]), clock.wall(u[2], u[3])) if u else None for u in utc]
            else:  # the usual case: integer additions
                spans = [(u[1] + offsets[u[1] // 1440], u[3] + offsets[u[3] // 1440]) if u else None for u in utc]
            out.append((country, spans))
        return out

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
        from rcmcli.errors import UnknownZoneError

        if fold(name) == "local":  # the machine's zone: a finding must not depend on where rcm runs
            return None
        try:
            return resolve(name, self.aliases, suggest=False)
        except UnknownZoneError:
            ref = self.meeting.reference_zone if self.meeting else None
            if ref is not None and ref.tz is not None and _names_label(name, ref.label):
                return Resolved(name, ref.name, ref.tz, "the reference zone")
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
