"""Every test starts from the bundled tz database and without RCM_* overrides,
whatever the developer's shell exports."""

from __future__ import annotations

import pytest

from rcmcli.core import zones


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch):
    for name in ("RCM_DATA", "RCM_TZDB", "RCM_TODAY", "RCM_LANG"):
        monkeypatch.delenv(name, raising=False)
    zones.use_database("tzdata")
    yield
    zones.use_database("tzdata")
