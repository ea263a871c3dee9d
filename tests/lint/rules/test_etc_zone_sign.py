"""Rule P003 (etc-zone-sign): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

from snippets import CENTRAL


def test_p003_fails_on_etc_zone_with_a_label_that_states_no_offset(tmp_path, check, meeting):
    problems = check(tmp_path, meeting(reference_zone="{label: Central American time, zone: Etc/GMT-6}"), "P003", [("P003", 6)])
    message = problems[0].message
    assert "Etc/GMT-6 is UTC+06:00" in message and "POSIX" in message and "offset: GMT-6" in message


def test_p003_fails_on_etc_zone_whose_label_states_the_agenda_s_sign(tmp_path, check, meeting):
    # The label's GMT-6 (UTC-06:00) is not Etc/GMT-6 (UTC+06:00): P002 errs, P003 explains.
    check(tmp_path, meeting(reference_zone='{label: "Central American time (GMT-6)", zone: Etc/GMT-6}'), "P003", [("P003", 6)])


def test_p003_passes_etc_zone_whose_label_states_its_real_offset(tmp_path, check, meeting):
    check(tmp_path, meeting(reference_zone='{label: "Dhaka time (UTC+6)", zone: Etc/GMT-6}'), "P003", [])


def test_p003_passes_published_offset_and_named_zones(tmp_path, check, meeting):
    check(tmp_path, meeting(reference_zone=CENTRAL), "P003", [])
    check(tmp_path, meeting(reference_zone="{label: Bogotá time, zone: America/Bogota}"), "P003", [])
    check(tmp_path, meeting(reference_zone="{label: UTC, zone: Etc/GMT+0}"), "P003", [])
