"""Hostile inputs too big to commit, written into a temporary folder at test time.

Each entry of :data:`GENERATED` writes one file and says what rcm must do with it,
in the same terms as ``expected.yaml`` (see README.md). ``codes`` maps a code to
the range of lines the finding may point at: the generator knows which lines hold
the defect, not how rcm counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

# A small valid meeting, the base every committed case was built from (cases/*.yaml
# are this text plus one defect). Tuesday 31 May 2022, published in GMT-6.
BASE = """\
id: hostile-base
title: {en: Hostile base meeting}
kind: plenary
conferences: [rcm, sacm]
sources:
  - file: 000_cbb0f7d76216ba28.txt
dates: {start: 2022-05-31, end: 2022-05-31}
reference_zone:
  label: GMT-6
  offset: GMT-6
days:
  - date: 2022-05-31
    weekday: Tuesday
    slots:
      - start: "9:00"
        end: "9:15"
        kind: opening
        title: {en: Opening}
      - start: "9:15"
        end: "10:00"
        kind: session
        session: 1
        title: {en: Session one}
        leads: [SV]
      - start: "10:00"
        end: "10:45"
        kind: session
        session: 2
        title: {en: Session two}
        leads: [CL]
      - start: "10:45"
        end: "11:00"
        kind: closing
        title: {en: Closing}
"""

MIB = 1024 * 1024


@dataclass(frozen=True)
class Generated:
    what: str
    write: Callable[[Path], dict[str, range]]  # writes the file; returns code -> allowed lines
    validate: int
    show: int
    absent: tuple[str, ...] = field(default=())
    cut: bool = False  # a value of HUGE characters: messages must cut it and say its length


def _lines(text: str) -> int:
    return text.count("\n") + 1


def big_file(path: Path, size: int = 20 * MIB) -> dict[str, range]:
    """A valid meeting followed by a comment that makes the file ``size`` bytes."""
    head = "# hostile: a 20 MB file (the default limit is 16 MiB)\n" + BASE + "# "
    with path.open("w", encoding="utf-8") as f:
        f.write(head)
        chunk = "x" * MIB
        left = size - len(head.encode()) - 1
        while left > 0:
            f.write(chunk[: min(left, MIB)])
            left -= MIB
        f.write("\n")
    return {"Y006": range(1, 2)}


def billion_laughs(path: Path, levels: int = 10) -> dict[str, range]:
    """The classic: each anchor is nine aliases of the previous one, 9**10 strings in all."""
    head = "# hostile: billion laughs (9**10 nodes from a 1 KB file)\n" + BASE
    bomb = ["lol0: &lol0 [" + ", ".join(["lol"] * 9) + "]"]
    for i in range(1, levels):
        bomb.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]")
    text = head + "\n".join(bomb) + "\n"
    path.write_text(text, encoding="utf-8")
    first = _lines(head)
    return {"Y006": range(first, first + levels)}


def alias_amplification(path: Path, copies: int = 5) -> dict[str, range]:
    """9**5 topics: the anchor, the session's alias and ``copies - 1`` more slots'
    aliases, 6 x 59,049 = about 354,000 nodes from a 180 KB file.

    Valid YAML and a valid agenda, so nothing refuses it: what is checked is that it
    still finishes in time just under the default node limit (400,000).
    """
    anchor = "        topics: &t [" + ", ".join(["x"] * 9**5) + "]\n"
    text = BASE.replace("        title: {en: Opening}\n", "        title: {en: Opening}\n" + anchor)
    text = text.replace("        title: {en: Session one}\n", "        title: {en: Session one}\n        topics: *t\n")
    extra = "".join(
        f'      - {{start: "{11 + i // 4}:{(i % 4) * 15:02d}", end: "{11 + (i + 1) // 4}:{((i + 1) % 4) * 15:02d}", '
        f"kind: other, title: {{en: Copy {i}}}, topics: *t}}\n"
        for i in range(copies - 1)
    )
    path.write_text("# hostile: 350,000 nodes through aliases, under the node limit\n" + text + extra, encoding="utf-8")
    return {}


HUGE = 10_000_000  # characters of one value: it once took 4 s and 479 MB to echo it whole


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def huge_title(path: Path) -> dict[str, range]:
    """A 10-million-character title on session one, which runs into session two: the
    overlap's message quotes the title, cut."""
    head = "# hostile: a title of 10,000,000 characters on a slot that overlaps the next\n"
    text = head + BASE.replace("        title: {en: Session one}", "        title: {en: " + "a" * HUGE + "}").replace(
        '        end: "10:00"\n        kind: session\n        session: 1', '        end: "10:05"\n        kind: session\n        session: 1'
    )
    path.write_text(text, encoding="utf-8")
    return {"T003": range(_line_of(text, '      - start: "10:00"'), _line_of(text, '      - start: "10:00"') + 1)}


def huge_time(path: Path) -> dict[str, range]:
    """A 10-million-character end time: the bad-time message quotes it, cut."""
    head = "# hostile: an end time of 10,000,000 characters\n"
    text = head + BASE.replace('        end: "10:00"', '        end: "' + "9" * HUGE + '"')
    path.write_text(text, encoding="utf-8")
    line = _line_of(text, '        end: "999')
    return {"T001": range(line, line + 1)}


GENERATED: dict[str, Generated] = {
    "big-20mb.yaml": Generated("a 20 MB file", big_file, validate=1, show=2),
    "billion-laughs.yaml": Generated("an alias expansion bomb ('billion laughs')", billion_laughs, validate=1, show=2),
    "huge-title.yaml": Generated("a 10 MB title in a message", huge_title, validate=1, show=0, cut=True),
    "huge-time.yaml": Generated("a 10 MB time in a message", huge_time, validate=1, show=2, absent=("T005", "R003"), cut=True),
    "alias-amplification.yaml": Generated(
        "alias expansion to 350,000 nodes, under the node limit (valid, must still be fast)", alias_amplification, validate=0, show=0
    ),
}


def nested_flow(depth: int) -> str:
    """``platform`` nested ``depth`` lists deep, inside the base meeting (root = depth 1)."""
    return BASE.replace("kind: plenary\n", "kind: plenary\nplatform: " + "[" * depth + "]" * depth + "\n")
