"""Rule T007 (weekday-mismatch): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

import pytest
from snippets import DAY_WITH_WEEKDAY


@pytest.mark.parametrize("weekday", ["Friday", "viernes", "Thurs"])
def test_t007_fails_on_wrong_or_unknown_weekday(tmp_path, check, meeting, weekday):
    # 9 September 2021 was a Thursday. The weekday is on line 9.
    check(tmp_path, meeting(days=DAY_WITH_WEEKDAY.format(weekday=weekday)), "T007", [("T007", 9)])


@pytest.mark.parametrize("weekday", ["Thursday", "thursday", "jueves", "Jueves"])
def test_t007_passes_right_weekday(tmp_path, check, meeting, weekday):
    check(tmp_path, meeting(days=DAY_WITH_WEEKDAY.format(weekday=weekday)), "T007", [])
