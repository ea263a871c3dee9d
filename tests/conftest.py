"""Every test starts from the bundled tz database and without RCM_* overrides,
whatever the developer's shell exports."""

from __future__ import annotations

import pytest

from rcmcli import zones


@pytest.fixture(scope="session")
def _tree_cache(tmp_path_factory: pytest.TempPathFactory):
    return tmp_path_factory.mktemp("rcm-cache")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, _tree_cache):
    for name in ("RCM_DATA", "RCM_TZDB", "RCM_TODAY", "RCM_NO_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    # The parsed-tree cache (rcmcli.treecache) is on, as for users, but in a folder of
    # the test session's own: the first read of a file misses, later ones hit.
    monkeypatch.setenv("RCM_CACHE_DIR", str(_tree_cache))
    zones.use_database("tzdata")
    yield
    zones.use_database("tzdata")
