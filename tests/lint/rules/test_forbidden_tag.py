"""Rule Y008 (forbidden-tag): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_y008_fails_on_python_tag(tmp_path, check, meeting):
    check(tmp_path, meeting(extra="subtitle: !!python/object/apply:os.system [ls]"), "Y008", [("Y008", 11)])


def test_y008_passes_plain_value(tmp_path, check, meeting):
    check(tmp_path, meeting(extra="subtitle: Opening"), "Y008", [])
