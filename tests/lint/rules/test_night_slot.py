"""Rule F001 (night-slot): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

from snippets import NIGHT_2300

from rcmcli.lint.config import Config


def test_f001_fails_at_23_gmt6_in_every_member_capital(tmp_path, check, meeting):
    problems = check(tmp_path, meeting('- {start: "23:00", end: "23:30", title: Late call}'), "F001", [("F001", 10)])
    for city, hours in NIGHT_2300.items():
        assert f"{city} {hours}" in problems[0].message


def test_f001_at_19_gmt6_only_utc_minus_3_capitals(tmp_path, check, meeting):
    # 19:00 GMT-6 = 01:00 UTC: 22:00 at UTC-3 (night); 21:00 at UTC-4 (not night).
    problems = check(tmp_path, meeting('- {start: "19:00", end: "19:30", title: Evening}'), "F001", [("F001", 10)])
    message = problems[0].message
    for city in ("Buenos Aires", "Brasília", "Santiago", "Paramaribo", "Montevideo"):
        assert f"{city} 22:00-22:30" in message
    for city in ("La Paz", "Ottawa", "Caracas", "Asunción", "Mexico City", "Lima"):
        assert city not in message


def test_f001_passes_morning_slot_and_late_break(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: Morning session}
        - {start: "23:00", end: "23:30", title: Pause, kind: break}
        """
    )
    check(tmp_path, text, "F001", [])


def test_f001_night_start_option(tmp_path, check, meeting):
    text = meeting('- {start: "19:00", end: "19:30", title: Evening}')
    check(tmp_path, text, "F001", [], config=Config(rules={"night-slot": {"night_start": "23:00"}}))
