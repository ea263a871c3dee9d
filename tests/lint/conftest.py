"""Helpers for the agenda linter's tests, in the style of yamllint's ``RuleTestCase.check``.

Test modules do not import this file (every ``conftest.py`` is a module named
``conftest``); they ask for the helpers as fixtures:

* ``check(tmp_path, yaml_text, code, expected)`` writes the snippet, runs the one
  rule ``code`` over it and asserts the sorted ``(code, line)`` pairs;
* ``meeting(...)`` builds a minimal valid meeting whose line numbers are fixed
  (see ``FIRST_SLOT_LINE``), so each test can count its own lines by hand.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from pathlib import Path
from typing import Callable

import pytest

from rcmcli.core.catalog import Catalog, bundled_dir
from rcmcli.lint import engine
from rcmcli.lint.config import Config
from rcmcli.lint.problem import Problem

REPO = Path(__file__).resolve().parents[2]

# The layout meeting() writes; tests count from these by hand.
#  1 id: test-meeting
#  2 title: Test meeting
#  3 conferences: [rcm, sacm]
#  4 sources: [{file: test-source.txt}]
#  5 dates: {start: <date>, end: <date>}
#  6 reference_zone: <reference_zone>
#  7 days:
#  8   - date: <date>            (first line of ``days`` when given)
#  9     slots:
# 10       - <first slot>        (first line of ``slots``)
FIRST_DAY_LINE = 8
FIRST_SLOT_LINE = 10

DEFAULT_SLOT = '- {start: "9:00", end: "10:00", title: Opening}'
DEFAULT_ZONE = '{label: "GMT-6", offset: GMT-6}'


@lru_cache(maxsize=None)
def _catalog() -> Catalog:
    return Catalog(bundled_dir())


def _block(text: str, indent: int) -> str:
    body = textwrap.dedent(text).strip("\n")
    return textwrap.indent(body, " " * indent, lambda line: True) + "\n" if body else ""


def build_meeting(
    slots: str = DEFAULT_SLOT,
    *,
    extra: str = "",
    date: str = "2021-09-09",
    dates: str | None = None,
    reference_zone: str = DEFAULT_ZONE,
    conferences: str = "[rcm, sacm]",
    days: str | None = None,
) -> str:
    """A minimal valid meeting. ``slots`` go under the one day (from line 10),
    ``days`` replaces the whole days list (from line 8), ``extra`` top-level keys
    are appended after the days so they do not move the lines above."""
    head = (
        "id: test-meeting\n"
        "title: Test meeting\n"
        f"conferences: {conferences}\n"
        "sources: [{file: test-source.txt}]\n"
        f"dates: {dates or '{start: %s, end: %s}' % (date, date)}\n"
        f"reference_zone: {reference_zone}\n"
        "days:\n"
    )
    if days is not None:
        body = _block(days, 2)
    else:
        body = f"  - date: {date}\n    slots:\n" + _block(slots, 6)
    return head + body + _block(extra, 0)


def lint_text(
    tmp_path: Path,
    text: str | bytes,
    codes: list[str] | None,
    config: Config | None = None,
    name: str = "meeting.yaml",
    use_suppressions: bool = True,
) -> list[Problem]:
    """Write ``text`` to ``tmp_path/name`` and lint it with the rules ``codes`` (None: all)."""
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    cfg = config or Config()
    rules = engine.select(cfg, select_cli=codes)
    cat = _catalog()
    return sorted(engine.lint_file(path, rules, cat.members, cat.zone_aliases, cfg, use_suppressions))


def check_rule(
    tmp_path: Path,
    yaml_text: str | bytes,
    code: str,
    expected: list[tuple[str, int]],
    *,
    config: Config | None = None,
    name: str = "meeting.yaml",
    use_suppressions: bool = True,
) -> list[Problem]:
    """Assert that rule ``code`` alone finds exactly ``expected`` (code, line) pairs."""
    problems = lint_text(tmp_path, yaml_text, [code], config, name, use_suppressions)
    got = sorted((p.code, p.line) for p in problems)
    assert got == sorted(expected), "\n".join(f"{p.line}:{p.column} {p.code} {p.message}" for p in problems)
    return problems


@pytest.fixture
def check() -> Callable[..., list[Problem]]:
    return check_rule


@pytest.fixture
def meeting() -> Callable[..., str]:
    return build_meeting


@pytest.fixture
def lint(tmp_path: Path) -> Callable[..., list[Problem]]:
    """All rules (or ``codes``) over a snippet: for tests that look at several codes."""

    def run(text: str | bytes, codes: list[str] | None = None, **kw) -> list[Problem]:
        return lint_text(tmp_path, text, codes, **kw)

    return run


@pytest.fixture
def repo() -> Path:
    return REPO
