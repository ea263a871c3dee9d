"""A copy of the bundled catalog with the acceptance edit of the issue: II Plenary
session 4 moved by 30 minutes (09:00-10:00 -> 09:30-10:30 GMT-6) and session 5 deleted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rcmcli.core.catalog import bundled_dir

II = "plenary-ii-2021"

SESSION_4 = '''      - start: "9:00"
        end: "10:00"
        kind: session
        session: 4'''
SESSION_5_START = '''      - start: "10:00"
        end: "11:00"
        kind: session
        session: 5'''
NEXT_BREAK = '''      - start: "11:00"
        end: "11:15"'''


def edit_plenary(text: str) -> str:
    """Move session 4 by 30 minutes and delete session 5, as a secretariat would by hand."""
    assert text.count(SESSION_4) == 1 and text.count(SESSION_5_START) == 1
    text = text.replace(SESSION_4, SESSION_4.replace('"9:00"', '"9:30"').replace('"10:00"', '"10:30"'))
    a, b = text.index(SESSION_5_START), text.index(NEXT_BREAK)
    return text[:a] + text[b:]


@pytest.fixture
def edited_catalog(tmp_path: Path) -> Path:
    """tmp/catalog: the bundled catalog, II Plenary edited."""
    target = tmp_path / "catalog"
    shutil.copytree(bundled_dir(), target)
    meeting = target / "meetings" / f"{II}.yaml"
    meeting.write_text(edit_plenary(meeting.read_text(encoding="utf-8")), encoding="utf-8")
    return target
