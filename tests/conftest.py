"""Every test starts from the bundled tz database, in English, without RCM_* overrides
and in the C locale, whatever the developer's shell exports."""

from __future__ import annotations

import pytest

from rcmcli import i18n
from rcmcli.core import zones


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch):
    for name in ("RCM_DATA", "RCM_TZDB", "RCM_TODAY", "RCM_LANG", "RCM_CLOCK", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # the POSIX locale chooses the language: English
    zones.use_database("tzdata")
    i18n.reset()
    yield
    zones.use_database("tzdata")
    i18n.reset()
