"""Snippets and helpers shared by the rule tests (one file per rule in this folder)."""

from __future__ import annotations

import textwrap

CENTRAL = '{label: "Central American time (GMT-6)", offset: GMT-6}'


SANTIAGO = "{label: Santiago time, zone: America/Santiago}"


MEXICO_GMT5 = '{label: "Mexico Time, GMT-5", offset: GMT-5, zone: America/Mexico_City}'


MEMBERS = """\
conferences:
  rcm:
    name: {{en: Regional Conference on Migration}}
    members: [MX]
countries:
  MX:
    iso3: MEX
    name: {{en: Mexico}}
    capital: {{en: Mexico City}}
    zone: {zone}
"""


DAY_WITH_WEEKDAY = """
- date: 2021-09-09
  weekday: {weekday}
  slots:
    - {{start: "9:00", end: "10:00", title: A}}
"""


NORM_60_15 = "norms: {session_minutes: 60, tolerance_minutes: 15}"


PUBLISHED = """
published_times:
  - date: 2021-09-09
    reference_time: "9:00"
    claims:
{claims}
"""


def _published(*claims: str) -> str:
    return PUBLISHED.format(claims="\n".join("      " + c for c in claims))


# 23:00-23:30 GMT-6 on Thursday 9 September 2021 is 05:00-05:30 UTC. Local times,
# worked out by hand from each capital's offset that day; all fall in the default
# night window 22:00-06:00. Chile was already on DST (UTC-3, from 5 September);
# Paraguay not yet (UTC-4 until 3 October 2021); Paramaribo is UTC-3 all year.
NIGHT_2300 = {
    # RCM members
    "Belmopan": "23:00-23:30",  # UTC-6
    "Ottawa": "01:00-01:30",  # EDT, UTC-4
    "San José": "23:00-23:30",  # UTC-6
    "Santo Domingo": "01:00-01:30",  # UTC-4
    "San Salvador": "23:00-23:30",
    "Guatemala City": "23:00-23:30",
    "Tegucigalpa": "23:00-23:30",
    "Mexico City": "00:00-00:30",  # CDT, UTC-5
    "Managua": "23:00-23:30",
    "Panama City": "00:00-00:30",  # UTC-5
    "Washington, D.C.": "01:00-01:30",  # EDT
    # SACM members
    "Buenos Aires": "02:00-02:30",  # UTC-3
    "La Paz": "01:00-01:30",  # UTC-4
    "Brasília": "02:00-02:30",  # UTC-3, no DST since 2019
    "Santiago": "02:00-02:30",  # UTC-3 (DST)
    "Bogotá": "00:00-00:30",  # UTC-5
    "Quito": "00:00-00:30",  # UTC-5
    "Georgetown": "01:00-01:30",  # UTC-4
    "Asunción": "01:00-01:30",  # UTC-4
    "Lima": "00:00-00:30",  # UTC-5
    "Paramaribo": "02:00-02:30",  # UTC-3
    "Montevideo": "02:00-02:30",  # UTC-3
    "Caracas": "01:00-01:30",  # UTC-4
}


def languages_meeting(slots: str, *, languages: str = "[es, en]", label: str = "{en: Day one, es: Día uno, translated: [es]}") -> str:
    """A meeting declaring ``languages``. Lines: 2 title, 7 languages, 10 day label, 12 first slot."""
    head = (
        "id: test-meeting\n"
        "title: {en: Test meeting, es: Reunión de prueba, translated: [es]}\n"
        "conferences: [rcm, sacm]\n"
        "sources: [{file: test-source.txt}]\n"
        "dates: {start: 2021-09-09, end: 2021-09-09}\n"
        "reference_zone: {label: GMT-6, offset: GMT-6}\n"
        f"languages: {languages}\n"
        "days:\n"
        "  - date: 2021-09-09\n"
        f"    label: {label}\n"
        "    slots:\n"
    )
    return head + textwrap.indent(textwrap.dedent(slots).strip("\n"), " " * 6) + "\n"


BILINGUAL_SLOT = """
- start: "9:00"
  end: "10:00"
  title: {en: Session 1, es: Sesión 1, translated: [es]}
  topics:
    - {en: Welcome, es: Bienvenida, translated: [es]}
  guiding_questions:
    - {en: Why?, es: ¿Por qué?, translated: [es]}
  key_concepts:
    - term: {en: Visa, es: Visa, translated: [es]}
      definition: {en: An endorsement., es: Una anotación., translated: [es]}
"""
