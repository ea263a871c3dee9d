"""Rule X002 (suppression-code): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations


def test_x002_fails_on_unknown_code(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:30", title: A}  # rcm: ignore[S999] typo in the code')
    check(tmp_path, text, "X002", [("X002", 10)])


def test_x002_fails_on_empty_code_list(tmp_path, check, meeting):
    text = meeting(
        """
        # rcm: ignore[] nothing named
        - {start: "9:00", end: "10:30", title: A}
        """
    )  # the comment is on line 10
    check(tmp_path, text, "X002", [("X002", 10)])


def test_x002_passes_known_code(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:30", title: A}  # rcm: ignore[S001] the agenda gives 90 minutes')
    check(tmp_path, text, "X002", [])
