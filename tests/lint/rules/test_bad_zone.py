"""Rule Y009 (bad-zone): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

from snippets import MEMBERS, MEXICO_GMT5


def test_y009_fails_on_unreadable_offset(tmp_path, check, meeting):
    text = meeting(reference_zone="{label: Central American time, offset: GMT-25}")
    check(tmp_path, text, "Y009", [("Y009", 6)])


def test_y009_fails_on_unknown_iana_zone(tmp_path, check, meeting):
    check(tmp_path, meeting(reference_zone="{label: Nowhere, zone: America/Atlantis}"), "Y009", [("Y009", 6)])


def test_y009_fails_on_misspelt_zone_beside_an_offset(tmp_path, check, meeting):
    # The offset is what the times mean, but the zone is checked all the same.
    ref = '{label: "Mexico Time, GMT-5", offset: GMT-5, zone: America/Mexico_Ciy}'
    problems = check(tmp_path, meeting(date="2021-10-01", reference_zone=ref), "Y009", [("Y009", 6)])
    assert "did you mean 'America/Mexico_City'?" in problems[0].message


def test_y009_fails_on_path_beside_an_offset(tmp_path, check, meeting):
    ref = "{label: GMT-6, offset: GMT-6, zone: ../../etc/passwd}"
    check(tmp_path, meeting(reference_zone=ref), "Y009", [("Y009", 6)])


def test_y009_passes_right_zone_beside_an_offset(tmp_path, check, meeting):
    check(tmp_path, meeting(date="2021-10-01", reference_zone=MEXICO_GMT5), "Y009", [])


def test_y009_fails_on_unknown_capital_zone_in_members_file(tmp_path, check):
    text = MEMBERS.format(zone="America/Mexico_Ciudad")  # zone on line 10
    check(tmp_path, text, "Y009", [("Y009", 10)], name="members.yaml")


def test_y009_passes_good_zones(tmp_path, check, meeting):
    check(tmp_path, meeting(reference_zone="{label: Central American time (GMT-6), offset: GMT-6}"), "Y009", [])
    check(tmp_path, MEMBERS.format(zone="America/Mexico_City"), "Y009", [], name="members.yaml")
