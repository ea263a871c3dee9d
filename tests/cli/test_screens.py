"""Every read command, drawn in a real pseudo-terminal at 60 to 200 columns.

Not CliRunner: each command runs on a pty of the given width (``screens.in_pty``),
so ``isatty()``, the window size and COLUMNS are what a delegate's terminal gives.
The screens are checked for what people lost before: lines wider than the terminal,
columns squeezed to nothing, titles cut to five characters, capitals left out.

Golden files (tests/cli/golden/, colour codes and trailing spaces removed) hold the
80- and 120-column screens users see; ``RCM_REGEN_GOLDEN=1`` rewrites them. Read
the diff before committing one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rich.cells import cell_len
from screens import column_text, flat, in_pty, subprocess_in_pty

from rcmcli.core.catalog import bundled_dir
from rcmcli.core.loader import load_meeting, load_members

pytestmark = pytest.mark.slow  # screens from a real pseudo-terminal, in subprocesses: `-m "not slow"` leaves it out

WIDTHS = (60, 80, 100, 120, 200)
GOLDEN = Path(__file__).with_name("golden")
MEETINGS = {p.stem: load_meeting(p) for p in sorted((bundled_dir() / "meetings").glob("*.yaml"))}
MEMBERS = load_members(bundled_dir() / "members.yaml")
THREE = ["--tz", "Santiago", "--tz", "Ottawa", "--tz", "Buenos Aires"]
ENV = {"RCM_TODAY": "2021-09-01"}


def _capitals(codes) -> list[str]:
    """Capital names as the members file spells them; the agenda writes 'Washington DC'."""
    names = [MEMBERS.countries[c].capital.en for c in codes]
    return ["Washington DC" if n == "Washington, D.C." else n for n in names]


def _members_of(meeting) -> list[str]:
    orgs = meeting.conferences if len(meeting.conferences) == 1 else list(MEMBERS.conferences)
    return [c for o in orgs for c in MEMBERS.conferences[o].members]


def _cases() -> list[tuple[str, list[str]]]:
    cases = [("list", ["agenda", "list"]), ("members", ["members", "--date", "2021-09-09"])]
    for mid in MEETINGS:
        cases += [
            (f"show-{mid}", ["agenda", "show", mid]),
            (f"show-{mid}-santiago", ["agenda", "show", mid, "--tz", "Santiago"]),
            (f"show-{mid}-three", ["agenda", "show", mid, *THREE]),
            (f"times-{mid}", ["agenda", "times", mid]),
            (f"times-{mid}-by-capital", ["agenda", "times", mid, "--by", "capital"]),
            (f"announce-{mid}", ["agenda", "announce", mid]),
            (f"announce-{mid}-slot", ["agenda", "announce", mid, "--slot"]),
        ]
    cases += [  # the languages: the screens a delegate in Santiago, Brasília or Ottawa reads
        ("es-show-plenary-ii-2021-santiago", ["--lang", "es", "agenda", "show", "plenary-ii-2021", "--tz", "Santiago"]),
        ("es-announce-plenary-ii-2021", ["--lang", "es", "agenda", "announce", "plenary-ii-2021"]),
        ("pt-times-plenary-ii-2021", ["--lang", "pt", "agenda", "times", "plenary-ii-2021"]),
        ("fr-announce-plenary-ii-2021", ["--lang", "fr", "agenda", "announce", "plenary-ii-2021"]),
    ]
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def screens() -> dict[tuple[str, int], str]:
    """Every case at every width, drawn once."""
    out = {}
    for name, argv in CASES:
        for width in WIDTHS:
            code, screen = in_pty(argv, width, ENV)
            assert code == 0, f"{name} at {width}: exit {code}\n{screen}"
            out[(name, width)] = screen
    return out


def _argv(name: str) -> list[str]:
    return dict(CASES)[name]


def _meeting(name: str):
    return next(mt for mid, mt in MEETINGS.items() if f"-{mid}" in name)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", [n for n, _ in CASES])
def test_no_line_is_wider_than_the_terminal(screens, name, width):
    screen = screens[(name, width)]
    too_wide = [line for line in screen.split("\n") if cell_len(line) > width]
    assert not too_wide, f"{name} at {width} columns:\n" + "\n".join(too_wide)
    assert "\u2503\u2503" not in screen and "\u2502\u2502" not in screen, "a column of width zero"
    assert "\u2026" not in screen, "something was cut with an ellipsis"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", [n for n, _ in CASES if n.startswith("show-")])
def test_show_keeps_every_slot_whole(screens, name, width):
    screen, mt = screens[(name, width)], _meeting(name)
    titles = column_text(screen, "Title")
    for slot in mt.slots:
        label = slot.label("en")
        assert flat(label[:30]) in titles, f"{label!r} lost its first 30 characters at {width} columns"
        assert f"{slot.start:%H:%M}" in screen
    for day in mt.days:
        # The day written out (CLDR English full date, 'EEEE, MMMM d, y'): not an ISO column.
        assert f"{day.date:%B} {day.date.day}, {day.date.year}" in screen
    assert str(mt.days[0].date) not in screen
    assert "Title" in screen and mt.reference_zone.offset in screen


@pytest.mark.parametrize("width", [80, 100, 120, 200])
@pytest.mark.parametrize("mid", list(MEETINGS))
def test_show_fits_three_zones_from_80_columns(screens, mid, width):
    screen = screens[(f"show-{mid}-three", width)]
    header = screen.split("\n")[: screen.split("\n").index(next(line for line in screen.split("\n") if set(line.strip()) == {"\u2500"}))]
    for name in ("Santiago", "Ottawa", "Buenos"):
        assert name in "\n".join(header)
    assert "do not fit" not in screen


def test_show_says_which_zones_do_not_fit():
    code, screen = in_pty(["agenda", "show", "plenary-ii-2021", *THREE, "--tz", "Tokyo", "--tz", "Lima"], 60, ENV)
    assert code == 0
    assert "do not fit in 60 columns" in flat(screen)
    assert "rcm agenda times" in flat(screen) and "--format" in screen
    assert "Title" in screen


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("mid", list(MEETINGS))
def test_times_names_every_capital_and_every_slot(screens, mid, width):
    mt = MEETINGS[mid]
    for view in (f"times-{mid}", f"times-{mid}-by-capital"):
        screen = screens[(view, width)]
        named = column_text(screen, "Capital") if view.endswith("capital") else flat(screen)
        for capital in _capitals(_members_of(mt)):
            assert capital in named, f"{capital} missing from {view} at {width}"
        titles = column_text(screen, "Title")
        for slot in mt.slots:
            label = slot.label("en")
            short = f"Session {slot.session}" if slot.session else slot.kind.capitalize()
            assert flat(label[:30]) in titles or short in titles, f"{label!r} lost in {view} at {width}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("mid", list(MEETINGS))
def test_announce_names_every_capital(screens, mid, width):
    for view in (f"announce-{mid}", f"announce-{mid}-slot"):
        text = flat(screens[(view, width)])
        for capital in _capitals(_members_of(MEETINGS[mid])):
            assert capital in text, f"{capital} missing from {view} at {width}"


@pytest.mark.parametrize("width", WIDTHS)
def test_list_and_members_keep_titles_and_capitals(screens, width):
    titles = column_text(screens[("list", width)], "Title")
    for mt in MEETINGS.values():
        assert flat(mt.title.en[:30]) in titles
    capitals = column_text(screens[("members", width)], "Capital")
    for code in MEMBERS.countries:
        if any(code in c.members for c in MEMBERS.conferences.values()):
            assert MEMBERS.countries[code].capital.en in capitals
    assert "Country" in screens[("members", width)]


def test_marks_are_text_as_well_as_colour():
    """Night and off-hours marks survive NO_COLOR and copy-paste, and a legend explains them."""
    argv = ["agenda", "times", "plenary-ii-2021", "--capital", "Tokyo", "--capital", "Honolulu"]
    code, plain = in_pty(argv, 80, {**ENV, "NO_COLOR": "1"})
    assert code == 0
    # 09:00 GMT-6 on 9 September 2021 is 00:00 on the 10th in Tokyo (UTC+9) and 05:00 in
    # Honolulu (UTC-10): both at night.
    assert "00:00\u201300:30 +1 \u263e" in plain or "00:00 +1 \u263e" in plain
    assert "05:00\u201305:30 \u263e" in plain or "05:00 \u263e" in plain
    assert "\u263e at night" in flat(plain) and "* outside working hours" in flat(plain)
    _, coloured = in_pty(argv, 80, ENV, keep_colour=True)
    assert "\x1b[" in coloured


def test_a_real_process_draws_the_same_screen():
    """The forked runs above match `python -m rcmcli` started on its own pty."""
    argv = ["agenda", "show", "plenary-ii-2021", "--tz", "Santiago"]
    assert subprocess_in_pty(argv, 80, ENV) == in_pty(argv, 80, ENV)


# --- golden screens ------------------------------------------------------------------

GOLDEN_CASES = [
    "list",
    "members",
    "show-plenary-ii-2021",
    "show-plenary-ii-2021-santiago",
    "show-plenary-ii-2021-three",
    "times-plenary-ii-2021",
    "times-plenary-ii-2021-by-capital",
    "announce-plenary-ii-2021",
    "show-followup-ii-2021-santiago",
    "times-followup-ii-2021",
    "announce-plenary-iii-2022-slot",
    "es-show-plenary-ii-2021-santiago",
    "es-announce-plenary-ii-2021",
    "pt-times-plenary-ii-2021",
    "fr-announce-plenary-ii-2021",
]


def _tidy(screen: str) -> str:
    return "\n".join(line.rstrip() for line in screen.rstrip("\n").split("\n")) + "\n"


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("name", GOLDEN_CASES)
def test_golden_screen(screens, name, width):
    path = GOLDEN / f"{name}.{width}.txt"
    shown = _tidy(screens[(name, width)])
    if os.environ.get("RCM_REGEN_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"$ rcm {' '.join(_quote(a) for a in _argv(name))}   # {width} columns\n" + shown, encoding="utf-8")
    expected = path.read_text(encoding="utf-8").split("\n", 1)[1]
    assert shown == expected, f"{path.name} differs; if the new screen is right: RCM_REGEN_GOLDEN=1 pytest {__file__}"


def _quote(arg: str) -> str:
    return f'"{arg}"' if " " in arg else arg


@pytest.mark.parametrize("name", ["show-plenary-ii-2021-santiago", "times-plenary-ii-2021", "es-show-plenary-ii-2021-santiago"])
def test_readme_shows_the_80_column_screens(name):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    screen = (GOLDEN / f"{name}.80.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    assert f"```text\n{screen}```" in readme, f"README.md: paste tests/cli/golden/{name}.80.txt"


def test_readme_announcement_is_the_hand_written_one():
    from test_cli_agenda import ANNOUNCE_II

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"```text\n{ANNOUNCE_II}```" in readme
