"""The stable identity of a slot: the key calendar UIDs and agenda diffs share.

It lives in the core because both the export (UIDs, docs/ics.md) and the
comparison of two revisions (:mod:`rcmcli.core.diff`) match slots by it.
"""

from __future__ import annotations

from collections import Counter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from rcmcli.core.model import Meeting


def slot_keys(meeting: Meeting) -> dict[int, str]:
    """A stable key per slot (by ``slot.index``), independent of times and titles.

    Numbered sessions are ``session-N`` (so a session moved to another time or day
    keeps its UID); other slots are ``dayD-KIND-K``, the K-th slot of that kind on
    the meeting's D-th day. Breaks get keys too, so keys never depend on
    ``--include-breaks``.
    """
    keys: dict[int, str] = {}
    seen: Counter[str] = Counter()
    for d, day in enumerate(meeting.days, 1):
        for slot in day.slots:
            numbered = slot.session is not None
            base = f"session-{slot.session}" if numbered else f"day{d}-{slot.kind}"
            seen[base] += 1
            keys[slot.index] = base if numbered and seen[base] == 1 else f"{base}-{seen[base]}"
    return keys
