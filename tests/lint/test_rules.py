"""One failing and one passing snippet for every rule in the registry.

Each test runs one rule alone (``check``) and states the exact ``(code, line)``
pairs it expects. The lines are counted by hand from the snippet: ``meeting()``
puts the first slot on line 10 and the first line of ``days`` on line 8, and
appends ``extra`` top-level keys right after the days (see conftest.py).

Times, offsets and weekdays are worked out by hand from the tz database's rules
(tzdata ``southamerica`` / ``northamerica``) and the calendar, never by rcm.
"""

from __future__ import annotations

import textwrap

import pytest

from rcmcli.core.errors import ConfigError
from rcmcli.lint import engine
from rcmcli.lint.config import Config
from rcmcli.lint.rules import REGISTRY, rule
from rcmcli.core.yamltree import Limits

CENTRAL = '{label: "Central American time (GMT-6)", offset: GMT-6}'
SANTIAGO = "{label: Santiago time, zone: America/Santiago}"
MEXICO_GMT5 = '{label: "Mexico Time, GMT-5", offset: GMT-5, zone: America/Mexico_City}'


# --- Y001 yaml-syntax ----------------------------------------------------------


def test_y001_fails_on_mapping_value_in_plain_scalar(tmp_path, check):
    text = "id: x\ntitle: a: b\n"  # line 2: the second ':' is not allowed
    check(tmp_path, text, "Y001", [("Y001", 2)])


def test_y001_fails_on_unclosed_flow_list_at_end_of_stream(tmp_path, check):
    # The parser notices at the end of the stream: line 3, after the last newline.
    check(tmp_path, "id: x\ntitle: [unclosed\n", "Y001", [("Y001", 3)])


def test_y001_fails_on_merge_key(tmp_path, check):
    text = "id: x\nbase: &b {a: 1}\nother:\n  <<: *b\n"  # '<<' on line 4
    check(tmp_path, text, "Y001", [("Y001", 4)])


def test_y001_fails_on_second_document(tmp_path, check):
    check(tmp_path, "id: x\n---\nid: y\n", "Y001", [("Y001", 2)])


def test_y001_passes_valid_meeting(tmp_path, check, meeting):
    check(tmp_path, meeting(), "Y001", [])


# --- Y002 duplicate-key --------------------------------------------------------


def test_y002_fails_on_duplicate_top_level_key(tmp_path, check, meeting):
    text = meeting(extra="title: Again")  # line 11, after the one slot on line 10
    check(tmp_path, text, "Y002", [("Y002", 11)])


def test_y002_fails_on_duplicate_key_inside_a_slot(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "9:00"
          end: "9:30"
          end: "9:45"
          title: Opening
        """
    )  # lines 10-13: the second 'end' is on line 12
    check(tmp_path, text, "Y002", [("Y002", 12)])


def test_y002_fails_on_duplicate_key_inside_a_list_item_mapping(tmp_path, check, meeting):
    text = meeting(
        extra="""
        notes:
          - text: First note
            source: a.txt
            source: b.txt
        """
    )  # notes: 11, '- text' 12, source 13, source again 14
    check(tmp_path, text, "Y002", [("Y002", 14)])


def test_y002_fails_on_duplicate_key_in_a_flow_mapping(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", start: "9:30", end: "10:00", title: A}')
    check(tmp_path, text, "Y002", [("Y002", 10)])


def test_y002_passes_distinct_keys(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "9:00"
          end: "9:45"
          title: Opening
        """,
        extra="notes: [{text: First, source: a.txt}, {text: Second, source: a.txt}]",
    )
    check(tmp_path, text, "Y002", [])


# --- Y003 unknown-key ----------------------------------------------------------


def test_y003_fails_on_misspelt_slot_key(tmp_path, check, meeting):
    check(tmp_path, meeting('- {strat: "9:00", end: "10:00", title: A}'), "Y003", [("Y003", 10)])


def test_y003_fails_on_unknown_top_level_key(tmp_path, check, meeting):
    check(tmp_path, meeting(extra="titel: Typo"), "Y003", [("Y003", 11)])


def test_y003_passes_known_keys(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "9:00", end: "10:00", title: A}'), "Y003", [])


# --- Y004 missing-key ----------------------------------------------------------


def test_y004_fails_on_slot_without_end(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "9:00"
          title: Opening
        """
    )  # reported where the slot's mapping starts, line 10
    check(tmp_path, text, "Y004", [("Y004", 10)])


def test_y004_fails_on_reference_zone_without_offset_or_zone(tmp_path, check, meeting):
    check(tmp_path, meeting(reference_zone="{label: Somewhere}"), "Y004", [("Y004", 6)])


def test_y004_passes_complete_slot(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "9:00"
          end: "9:30"
          title: Opening
        """
    )
    check(tmp_path, text, "Y004", [])


# --- Y005 wrong-type -----------------------------------------------------------


def test_y005_fails_on_word_for_session_number(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "9:00", end: "10:00", title: A, session: one}'), "Y005", [("Y005", 10)])


def test_y005_fails_on_yaml11_boolean_word(tmp_path, check, meeting):
    # 'yes' is a YAML 1.1 boolean; rcm only accepts true/false.
    text = meeting('- {start: "23:00", end: "1:00", crosses_midnight: yes, title: A}')
    check(tmp_path, text, "Y005", [("Y005", 10)])


def test_y005_fails_on_empty_file(tmp_path, check):
    check(tmp_path, "", "Y005", [("Y005", 1)])


def test_y005_passes_number(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "9:00", end: "10:00", title: A, session: 1}'), "Y005", [])


# --- Y006 input-limits ---------------------------------------------------------


def test_y006_fails_on_deep_nesting(tmp_path, check, meeting):
    deep = "[" * 70 + "]" * 70  # deeper than the default 64 levels
    check(tmp_path, meeting(extra=f"deep: {deep}"), "Y006", [("Y006", 11)])


def test_y006_fails_on_alias_bomb(tmp_path, check):
    # a has 9 items; each next level has 9 aliases of the one before. Counting
    # nodes (a list counts 1 + its items): a 10, b 91, c 820, d 7381, e 66430,
    # f ... With the default limit of 400,000 nodes, in f the 7th alias of e makes
    # 1 + 7 * 66430 = 465,011 > 400,000 (six make 398,581): line 6.
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    check(tmp_path, "\n".join(lines) + "\n", "Y006", [("Y006", 6)])


def test_y006_fails_on_size_limit_from_config(tmp_path, check, meeting):
    cfg = Config(limits=Limits(max_bytes=100))  # the meeting is longer than 100 bytes
    check(tmp_path, meeting(), "Y006", [("Y006", 1)], config=cfg)


def test_y006_passes_ordinary_meeting(tmp_path, check, meeting):
    check(tmp_path, meeting(extra="notes: [{text: {en: a, es: b}}]"), "Y006", [])


# --- Y007 encoding -------------------------------------------------------------


def test_y007_fails_on_latin1_byte(tmp_path, check):
    check(tmp_path, b"id: x\ntitle: t\xedtulo\n", "Y007", [("Y007", 2)])


def test_y007_fails_on_utf16(tmp_path, check):
    check(tmp_path, "id: x\n".encode("utf-16"), "Y007", [("Y007", 1)])


def test_y007_passes_utf8_with_and_without_bom(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:00", title: Título}')
    check(tmp_path, text.encode("utf-8"), "Y007", [])
    check(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"), "Y007", [])


# --- Y008 forbidden-tag --------------------------------------------------------


def test_y008_fails_on_python_tag(tmp_path, check, meeting):
    check(tmp_path, meeting(extra="subtitle: !!python/object/apply:os.system [ls]"), "Y008", [("Y008", 11)])


def test_y008_passes_plain_value(tmp_path, check, meeting):
    check(tmp_path, meeting(extra="subtitle: Opening"), "Y008", [])


# --- Y009 bad-zone -------------------------------------------------------------


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


def test_y009_fails_on_unknown_capital_zone_in_members_file(tmp_path, check):
    text = MEMBERS.format(zone="America/Mexico_Ciudad")  # zone on line 10
    check(tmp_path, text, "Y009", [("Y009", 10)], name="members.yaml")


def test_y009_passes_good_zones(tmp_path, check, meeting):
    check(tmp_path, meeting(reference_zone="{label: Central American time (GMT-6), offset: GMT-6}"), "Y009", [])
    check(tmp_path, MEMBERS.format(zone="America/Mexico_City"), "Y009", [], name="members.yaml")


# --- Y010 control-character ----------------------------------------------------


def test_y010_fails_on_escape_sequence_in_a_slot_title(tmp_path, check, meeting):
    # The slot's title is on line 10 (the first slot line); "\e" is ESC in YAML double quotes.
    slot = '- {start: "9:00", end: "10:00", title: "Opening \\e[2J"}'
    check(tmp_path, meeting(slot), "Y010", [("Y010", 10)])


def test_y010_fails_on_bell_in_a_bilingual_text(tmp_path, check, meeting):
    slot = '- {start: "9:00", end: "10:00", title: {en: Opening, es: "Apertura \\a"}}'
    check(tmp_path, meeting(slot), "Y010", [("Y010", 10)])


def test_y010_passes_tabs_line_breaks_and_accents(tmp_path, check, meeting):
    slot = '- {start: "9:00", end: "10:00", title: "Sesión\\tde apertura\\n(línea 2) \u2014 \U0001F30E"}'
    check(tmp_path, meeting(slot), "Y010", [])


# --- C001 line-break -----------------------------------------------------------


@pytest.mark.parametrize(
    "slot",
    [
        '- {start: "9:00", end: "10:00", title: "Opening\\nsession"}',
        '- {start: "9:00", end: "10:00", title: {en: Opening, es: "Sesión\\r\\nde apertura"}}',
        '- {start: "9:00", end: "10:00", title: A, moderator: "RCM\\nPPT"}',
        '- {start: "9:00", end: "10:00", title: A, speakers: [{name: "Ana\\nPérez"}]}',
        '- {start: "9:00", end: "10:00", title: A, participants: ["Member\\ncountries"]}',
        '- {start: "9:00", end: "10:00", title: "Opening\u2028session"}',  # a raw LINE SEPARATOR
        '- {start: "9:00", end: "10:00", title: "Opening\\Psession"}',  # "\P" is U+2029 in YAML
    ],
)
def test_c001_fails_on_a_line_break_in_a_one_line_text(tmp_path, check, meeting, slot):
    check(tmp_path, meeting(slot), "C001", [("C001", 10)])


def test_c001_fails_on_a_folded_title_that_keeps_its_final_line_break(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "9:00"
          end: "10:00"
          title: >
            Opening session
        """
    )  # the title's value ("Opening session\n") starts on line 12, at the '>'
    check(tmp_path, text, "C001", [("C001", 12)])


def test_c001_fails_on_reference_label_and_published_place(tmp_path, check, meeting):
    text = meeting(
        reference_zone='{label: "Central American\\ntime (GMT-6)", offset: GMT-6}',
        extra=_published('- {time: "9:00 am", places: ["Central\\nAmerica"]}'),
    )  # the label on line 6; published_times on 11, the claim on 15
    check(tmp_path, text, "C001", [("C001", 6), ("C001", 15)])


def test_c001_fails_on_a_capital_in_the_members_file(tmp_path, check):
    text = MEMBERS.format(zone="America/Mexico_City").replace("{en: Mexico City}", '{en: "Mexico\\nCity"}')
    check(tmp_path, text, "C001", [("C001", 9)], name="members.yaml")


def test_c001_passes_line_breaks_in_texts_that_may_run_over_lines(tmp_path, check, meeting):
    slot = (
        '- {start: "9:00", end: "10:00", title: Opening, topics: ["One\\ntwo"], guiding_questions: ["Why?\\nHow?"],'
        ' key_concepts: [{term: Migration, definition: "A\\nB"}]}'
    )
    extra = """
    notes: [{text: "First line\\nsecond line"}]
    methodology: {text: "Round table.\\nTwo hours."}
    objectives: {general: ["To agree.\\nTo plan."]}
    """
    check(tmp_path, meeting(slot, extra=extra), "C001", [])


def test_c001_passes_a_folded_title_without_its_final_line_break(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "9:00"
          end: "10:00"
          title: >-
            Opening
            session
        """
    )  # '>-' folds to "Opening session", no line break left
    check(tmp_path, text, "C001", [])


def test_c001_message_cuts_a_long_title(tmp_path, check, meeting):
    title = "a" * 300 + "\\n" + "b" * 300
    problems = check(tmp_path, meeting(f'- {{start: "9:00", end: "10:00", title: "{title}"}}'), "C001", [("C001", 10)])
    assert "(601 characters)" in problems[0].message and len(problems[0].message) < 400


# --- T001 bad-time -------------------------------------------------------------


@pytest.mark.parametrize("bad", ["9.30", "24:00", "25:61", "9", "-1:00"])
def test_t001_fails_on_unreadable_time(tmp_path, check, meeting, bad):
    check(tmp_path, meeting(f'- {{start: "{bad}", end: "10:00", title: A}}'), "T001", [("T001", 10)])


def test_t001_fails_on_impossible_date(tmp_path, check, meeting):
    text = meeting(
        days="""
        - date: 2021-02-30
          slots:
            - {start: "9:00", end: "10:00", title: A}
        """
    )
    check(tmp_path, text, "T001", [("T001", 8)])


@pytest.mark.parametrize("good", ["9:30", "09:30", "9:30 am", "9 am", "9:00 a.m."])
def test_t001_passes_readable_time(tmp_path, check, meeting, good):
    check(tmp_path, meeting(f'- {{start: "{good}", end: "10:00", title: A}}'), "T001", [])


# --- T002 end-not-after-start --------------------------------------------------


def test_t002_fails_on_zero_length_slot(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "10:00", end: "10:00", title: A}'), "T002", [("T002", 10)])


def test_t002_fails_on_crosses_midnight_with_end_after_start(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "10:00"
          end: "11:00"
          crosses_midnight: true
          title: A
        """
    )  # reported at crosses_midnight, line 12
    check(tmp_path, text, "T002", [("T002", 12)])


def test_t002_passes_positive_length(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "10:00", end: "10:30", title: A}'), "T002", [])


# --- T003 overlap --------------------------------------------------------------


def test_t003_fails_on_overlap(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A}
        - {start: "9:30", end: "10:30", title: B}
        """
    )
    check(tmp_path, text, "T003", [("T003", 11)])


def test_t003_passes_touching_slots(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A}
        - {start: "10:00", end: "10:30", title: B}
        - {start: "10:30", end: "11:00", title: C}
        """
    )
    check(tmp_path, text, "T003", [])


def test_t003_fails_once_per_later_slot_when_three_overlap(tmp_path, check, meeting):
    # A, B and C all overlap each other; every slot that starts inside an earlier
    # one is reported once: B (line 11) and C (line 12), not A.
    text = meeting(
        """
        - {start: "9:00", end: "12:00", title: A}
        - {start: "9:30", end: "11:00", title: B}
        - {start: "10:00", end: "11:30", title: C}
        """
    )
    check(tmp_path, text, "T003", [("T003", 11), ("T003", 12)])


def test_t003_fails_on_slot_inside_a_long_one_after_a_short_one(tmp_path, check, meeting):
    # C does not overlap B, the slot just before it, but A (9:00-12:00) still runs.
    text = meeting(
        """
        - {start: "9:00", end: "12:00", title: A}
        - {start: "9:30", end: "10:00", title: B}
        - {start: "10:30", end: "11:00", title: C}
        """
    )
    check(tmp_path, text, "T003", [("T003", 11), ("T003", 12)])


def test_t003_reports_the_later_starting_slot_whatever_the_file_order(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:30", end: "10:30", title: B}
        - {start: "9:00", end: "10:00", title: A}
        """
    )
    check(tmp_path, text, "T003", [("T003", 10)])


def test_t003_fails_across_midnight_into_the_next_day(tmp_path, check, meeting):
    text = meeting(
        dates="{start: 2021-09-09, end: 2021-09-10}",
        days="""
        - date: 2021-09-09
          slots:
            - {start: "23:00", end: "1:00", crosses_midnight: true, title: Late}
        - date: 2021-09-10
          slots:
            - {start: "0:30", end: "2:00", title: Early}
        """,
    )  # day one 8-10, day two 11-13: 'Early' (line 13) starts before 'Late' ends
    check(tmp_path, text, "T003", [("T003", 13)])


def test_t003_fails_at_the_alias_of_a_repeated_slot(tmp_path, check, meeting):
    # The slot on line 10 is repeated through an alias on line 11: the finding is about
    # the slot the alias makes, so it points at the alias (where a suppression would go).
    text = meeting(
        """
        - &a {start: "9:00", end: "10:00", title: A}
        - *a
        """
    )
    check(tmp_path, text, "T003", [("T003", 11)])


def test_t003_passes_when_the_alias_is_suppressed_on_its_line(tmp_path, check, meeting):
    text = meeting(
        """
        - &a {start: "9:00", end: "10:00", title: A}
        - *a  # rcm: ignore[T003] the agenda lists it twice on purpose
        """
    )
    check(tmp_path, text, "T003", [])


# --- T004 undeclared-midnight --------------------------------------------------


def test_t004_fails_on_end_before_start_undeclared(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "23:00", end: "1:00", title: A}'), "T004", [("T004", 10)])


def test_t004_fails_with_crosses_midnight_false(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "23:00"
          end: "01:00"
          crosses_midnight: false
          title: A
        """
    )  # the slot's span is wrong: reported at its first line, 10
    check(tmp_path, text, "T004", [("T004", 10)])


def test_t004_passes_with_crosses_midnight_true(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "23:00", end: "01:00", crosses_midnight: true, title: A}'), "T004", [])


# --- T005 gap ------------------------------------------------------------------


def test_t005_fails_on_undeclared_gap(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A}
        - {start: "10:20", end: "11:00", title: B}
        """
    )
    check(tmp_path, text, "T005", [("T005", 11)])


def test_t005_passes_declared_break(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A}
        - {start: "10:00", end: "10:20", title: Break, kind: break}
        - {start: "10:20", end: "11:00", title: B}
        """
    )
    check(tmp_path, text, "T005", [])


def test_t005_min_minutes_option(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A}
        - {start: "10:20", end: "11:00", title: B}
        - {start: "11:40", end: "12:00", title: C}
        """
    )  # gaps of 20 min (line 11) and 40 min (line 12)
    cfg = Config(rules={"gap": {"min_minutes": 30}})
    check(tmp_path, text, "T005", [("T005", 12)], config=cfg)


def test_t005_passes_when_an_earlier_long_slot_covers_the_time(tmp_path, check, meeting):
    # A runs 9:00-12:00 and contains B; C starts when A ends: no minute is idle.
    text = meeting(
        """
        - {start: "9:00", end: "12:00", title: A}
        - {start: "9:30", end: "10:00", title: B}
        - {start: "12:00", end: "13:00", title: C}
        """
    )
    check(tmp_path, text, "T005", [])


def test_t005_passes_across_a_slot_that_did_not_load(tmp_path, check, meeting):
    # 'strat' (line 11) makes the middle slot fail to load (Y003, Y004): without it
    # A and C are 20 minutes apart, but that gap is the loader's hole, not the agenda's.
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A}
        - {strat: "10:00", end: "10:20", title: B}
        - {start: "10:20", end: "11:00", title: C}
        """
    )
    check(tmp_path, text, "T005", [])


def test_t005_fails_on_another_day_than_the_one_with_the_hole(tmp_path, check, meeting):
    text = meeting(
        dates="{start: 2021-09-09, end: 2021-09-10}",
        days="""
        - date: 2021-09-09
          slots:
            - {start: "9:00", end: "10:00", title: A}
            - {start: "10:00", end: "bad", title: B}
        - date: 2021-09-10
          slots:
            - {start: "9:00", end: "10:00", title: C}
            - {start: "10:20", end: "11:00", title: D}
        """,
    )  # day one 8-11, day two 12-15: D (line 15) starts 20 min after C ends
    check(tmp_path, text, "T005", [("T005", 15)])


# --- T006 day-outside-dates ----------------------------------------------------


def test_t006_fails_on_day_after_the_meeting(tmp_path, check, meeting):
    text = meeting(
        dates="{start: 2021-09-09, end: 2021-09-10}",
        days="""
        - date: 2021-09-11
          slots:
            - {start: "9:00", end: "10:00", title: A}
        """,
    )
    check(tmp_path, text, "T006", [("T006", 8)])


def test_t006_fails_on_dates_in_wrong_order(tmp_path, check, meeting):
    check(tmp_path, meeting(dates="{start: 2021-09-10, end: 2021-09-09}"), "T006", [("T006", 5)])


def test_t006_fails_on_day_listed_twice(tmp_path, check, meeting):
    text = meeting(
        days="""
        - date: 2021-09-09
          slots:
            - {start: "9:00", end: "10:00", title: A}
        - date: 2021-09-09
          slots:
            - {start: "11:00", end: "12:00", title: B}
        """
    )  # the second day's date is on line 11
    check(tmp_path, text, "T006", [("T006", 11)])


def test_t006_passes_day_inside_the_dates(tmp_path, check, meeting):
    text = meeting(
        dates="{start: 2021-09-09, end: 2021-09-10}",
        days="""
        - date: 2021-09-10
          slots:
            - {start: "9:00", end: "10:00", title: A}
        """,
    )
    check(tmp_path, text, "T006", [])


# --- T007 weekday-mismatch -----------------------------------------------------

DAY_WITH_WEEKDAY = """
- date: 2021-09-09
  weekday: {weekday}
  slots:
    - {{start: "9:00", end: "10:00", title: A}}
"""


@pytest.mark.parametrize("weekday", ["Friday", "viernes", "Thurs"])
def test_t007_fails_on_wrong_or_unknown_weekday(tmp_path, check, meeting, weekday):
    # 9 September 2021 was a Thursday. The weekday is on line 9.
    check(tmp_path, meeting(days=DAY_WITH_WEEKDAY.format(weekday=weekday)), "T007", [("T007", 9)])


@pytest.mark.parametrize("weekday", ["Thursday", "thursday", "jueves", "Jueves"])
def test_t007_passes_right_weekday(tmp_path, check, meeting, weekday):
    check(tmp_path, meeting(days=DAY_WITH_WEEKDAY.format(weekday=weekday)), "T007", [])


# --- T008 dst-trap -------------------------------------------------------------
# tz database, Chile (America/Santiago), 2022:
# * DST ended at 2022-04-03 00:00 local (Rule Chile 2022 "Apr Sun>=2 3:00u", i.e.
#   03:00 UTC = 00:00 at UTC-3): clocks went back to 2022-04-02 23:00 (UTC-4), so
#   every wall time from 23:00 to 23:59 on 2 April 2022 happened twice.
# * DST started at 2022-09-11 00:00 local, a week late because of the 4 September
#   plebiscite (tzdata 2022b, "Sep 11 4:00u" = 00:00 at UTC-4): clocks jumped to
#   01:00 (UTC-3), so 00:00-00:59 on 11 September 2022 never happened.


def test_t008_fails_on_nonexistent_time(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "0:30"
          end: "1:30"
          title: A
        """,
        date="2022-09-11",
        reference_zone=SANTIAGO,
    )  # 00:30 (line 10) never happened; 01:30 did
    check(tmp_path, text, "T008", [("T008", 10)])


def test_t008_fails_on_ambiguous_times(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "23:15"
          end: "23:45"
          title: A
        """,
        date="2022-04-02",
        reference_zone=SANTIAGO,
    )  # both 23:15 (line 10) and 23:45 (line 11) happened twice
    check(tmp_path, text, "T008", [("T008", 10), ("T008", 11)])


def test_t008_fails_on_end_that_crosses_into_the_gap(tmp_path, check, meeting):
    text = meeting(
        """
        - start: "23:30"
          end: "0:30"
          crosses_midnight: true
          title: A
        """,
        date="2022-09-10",
        reference_zone=SANTIAGO,
    )  # ends at 00:30 on 11 September (line 11), which never happened
    check(tmp_path, text, "T008", [("T008", 11)])


def test_t008_passes_ordinary_time_on_transition_day(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:00", title: A}', date="2022-09-11", reference_zone=SANTIAGO)
    check(tmp_path, text, "T008", [])


@pytest.mark.parametrize("date", ["2022-09-11", "2022-04-02"])
def test_t008_never_fires_for_a_fixed_offset(tmp_path, check, meeting, date):
    text = meeting(
        """
        - start: "23:15"
          end: "0:30"
          crosses_midnight: true
          title: A
        - {start: "0:30", end: "1:30", title: B}
        """,
        date=date,
        reference_zone="{label: GMT-4, offset: GMT-4}",
    )
    check(tmp_path, text, "T008", [])


def test_t008_offset_wins_over_zone(tmp_path, check, meeting):
    # With both, the published offset is what the times mean (loader docstring).
    text = meeting(
        '- {start: "0:30", end: "1:30", title: A}',
        date="2022-09-11",
        reference_zone="{label: Santiago (GMT-4), offset: GMT-4, zone: America/Santiago}",
    )
    check(tmp_path, text, "T008", [])


# --- S001 session-length -------------------------------------------------------

NORM_60_15 = "norms: {session_minutes: 60, tolerance_minutes: 15}"


def test_s001_fails_on_90_minute_session(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:30", kind: session, title: A}', extra=NORM_60_15)
    check(tmp_path, text, "S001", [("S001", 10)])


@pytest.mark.parametrize("end", ["10:05", "10:15", "9:45"])
def test_s001_passes_within_tolerance(tmp_path, check, meeting, end):
    # 65, 75 (60 + 15, the edge) and 45 (60 - 15) minutes
    text = meeting(f'- {{start: "9:00", end: "{end}", kind: session, title: A}}', extra=NORM_60_15)
    check(tmp_path, text, "S001", [])


def test_s001_fails_just_past_tolerance(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:16", kind: session, title: A}', extra=NORM_60_15)  # 76 min
    check(tmp_path, text, "S001", [("S001", 10)])


def test_s001_per_kind_config_flags_long_break(tmp_path, check, meeting):
    cfg = Config(rules={"session-length": {"per_kind": {"break": {"minutes": 15, "tolerance": 5}}}})
    text = meeting(
        """
        - {start: "9:00", end: "10:00", kind: session, title: A}
        - {start: "10:00", end: "10:30", kind: break, title: Long break}
        - {start: "10:30", end: "10:50", kind: break, title: Short break}
        """
    )  # 30 min (line 11) is more than 15 +- 5; 20 min (line 12) is within
    check(tmp_path, text, "S001", [("S001", 11)], config=cfg)


def test_s001_meeting_kind_norm(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "9:30", kind: break, title: Long break}
        - {start: "9:30", end: "9:45", kind: break, title: Break}
        """,
        extra="norms: {kinds: {break: {minutes: 15, tolerance: 5}}}",
    )
    check(tmp_path, text, "S001", [("S001", 10)])


def test_s001_passes_other_kinds_without_a_norm(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "9:00", end: "12:00", title: A}', extra=NORM_60_15), "S001", [])


def test_s001_per_kind_with_text_minutes_is_a_config_error(tmp_path, meeting):
    cfg = Config(rules={"session-length": {"per_kind": {"break": {"minutes": "15"}}}})
    with pytest.raises(ConfigError):
        engine.select(cfg, select_cli=["S001"])


def test_s001_fails_at_the_slot_s_first_line(tmp_path, check, meeting):
    # A session's length is about the slot as a whole: reported where the slot
    # starts (line 10), not at its 'end' (line 13).
    text = meeting(
        """
        - title: A
          kind: session
          start: "9:00"
          end: "10:30"
        """,
        extra=NORM_60_15,
    )
    check(tmp_path, text, "S001", [("S001", 10)])


def test_s001_passes_when_suppressed_on_the_line_above_the_slot(tmp_path, check, meeting):
    text = meeting(
        """
        # rcm: ignore[S001] the agenda gives the opening 90 minutes
        - title: A
          kind: session
          start: "9:00"
          end: "10:30"
        """,
        extra=NORM_60_15,
    )
    check(tmp_path, text, "S001", [])


# --- S002 meeting-length -------------------------------------------------------


def test_s002_fails_on_day_longer_than_declared(tmp_path, check, meeting):
    text = meeting('- {start: "10:00", end: "12:30", title: Round table}', extra="norms: {meeting_minutes: 120}")
    check(tmp_path, text, "S002", [("S002", 8)])  # reported at the day's date


def test_s002_passes_day_of_declared_length(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "10:00", end: "11:00", title: Round table}
        - {start: "11:00", end: "12:00", title: Questions}
        """,
        extra="norms: {meeting_minutes: 120}",
    )
    check(tmp_path, text, "S002", [])


def test_s002_tolerance_option(tmp_path, check, meeting):
    text = meeting('- {start: "10:00", end: "12:30", title: Round table}', extra="norms: {meeting_minutes: 120}")
    check(tmp_path, text, "S002", [], config=Config(rules={"S002": {"tolerance": 30}}))


def test_s002_passes_a_day_whose_last_slot_did_not_load(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "10:00", end: "11:00", title: Round table}
        - {start: "11:00", end: "12:00", title: Questions, kind: sesion}
        """,
        extra="norms: {meeting_minutes: 120}",
    )  # 'sesion' (Y005) drops the second slot: the day's span cannot be judged
    check(tmp_path, text, "S002", [])


# --- P001 published-time -------------------------------------------------------
# The II Plenary (9 September 2021): 09:00 GMT-6 is 15:00 UTC. Chile started DST on
# Sunday 5 September 2021 (Rule Chile "Sep Sun>=2 4:00u"), so Santiago was UTC-3:
# 12:00, not the 11:00 the agenda printed. Mexico City was on CDT (UTC-5) until
# 31 October 2021: 10:00. Buenos Aires is UTC-3 all year: 12:00.

PUBLISHED = """
published_times:
  - date: 2021-09-09
    reference_time: "9:00"
    claims:
{claims}
"""


def _published(*claims: str) -> str:
    return PUBLISHED.format(claims="\n".join("      " + c for c in claims))


def test_p001_fails_on_santiago_ii_plenary(tmp_path, check, meeting):
    # published_times on line 11; the first claim on line 15
    text = meeting(reference_zone=CENTRAL, extra=_published('- {time: "11:00 am", places: [Santiago]}'))
    check(tmp_path, text, "P001", [("P001", 15)])


def test_p001_passes_right_times(tmp_path, check, meeting):
    text = meeting(
        reference_zone=CENTRAL,
        extra=_published(
            '- {time: "09:00 am", places: [Central America]}',
            '- {time: "10:00 am", places: [Mexico City]}',
            '- {time: "12:00 pm", places: [Santiago, Buenos Aires]}',
        ),
    )
    check(tmp_path, text, "P001", [])


def test_p001_fails_on_unknown_place(tmp_path, check, meeting):
    text = meeting(
        reference_zone=CENTRAL,
        extra=_published('- {time: "10:00 am", places: [Mexico City]}', '- {time: "10:00 am", places: [Atlantis]}'),
    )
    check(tmp_path, text, "P001", [("P001", 16)])


def test_p001_place_must_be_words_of_the_label(tmp_path, check, meeting):
    # 'Rica' is neither a zone, a capital nor a word of "Central American time
    # (GMT-6)"; it is only letters inside "American". It should not be checkable.
    text = meeting(reference_zone=CENTRAL, extra=_published('- {time: "09:00 am", places: [Rica]}'))
    check(tmp_path, text, "P001", [("P001", 15)])


# --- P002 published-offset -----------------------------------------------------
# Mexico City kept DST until Sunday 30 October 2022, when Mexico abolished it
# (tzdata 2022f): 1 October 2021 was CDT (UTC-5); 31 May 2023 was CST (UTC-6).


def test_p002_passes_mexico_gmt5_in_2021(tmp_path, check, meeting):
    check(tmp_path, meeting(date="2021-10-01", reference_zone=MEXICO_GMT5), "P002", [])


def test_p002_fails_mexico_gmt5_in_2023(tmp_path, check, meeting):
    problems = check(tmp_path, meeting(date="2023-05-31", reference_zone=MEXICO_GMT5), "P002", [("P002", 6)])
    assert "UTC-06:00" in problems[0].message


def test_p002_fails_only_on_the_day_after_mexico_s_last_dst_change(tmp_path, check, meeting):
    # DST ended at 02:00 on Sunday 30 October 2022: the 29th was UTC-5, the 31st UTC-6.
    text = meeting(
        dates="{start: 2022-10-29, end: 2022-10-31}",
        reference_zone=MEXICO_GMT5,
        days="""
        - date: 2022-10-29
          slots:
            - {start: "9:00", end: "10:00", title: A}
        - date: 2022-10-31
          slots:
            - {start: "9:00", end: "10:00", title: B}
        """,
    )
    problems = check(tmp_path, text, "P002", [("P002", 6)])
    assert "2022-10-31" in problems[0].message


def test_p002_fails_when_label_and_offset_disagree(tmp_path, check, meeting):
    check(tmp_path, meeting(reference_zone='{label: "GMT-6", offset: GMT-5}'), "P002", [("P002", 6)])


def test_p002_passes_label_and_offset_agree(tmp_path, check, meeting):
    check(tmp_path, meeting(reference_zone=CENTRAL), "P002", [])


def test_p002_fails_when_label_offset_disagrees_with_zone(tmp_path, check, meeting):
    # Santiago is on standard time (UTC-4) in June; the label says UTC-3.
    text = meeting(date="2021-06-10", reference_zone='{label: "Santiago (UTC-3)", zone: America/Santiago}')
    check(tmp_path, text, "P002", [("P002", 6)])


# --- P003 etc-zone-sign ------------------------------------------------------
# tzdata 'etcetera': "Zone Etc/GMT-6 6 - +06", i.e. Etc/GMT-6 is UTC+06:00 (POSIX sign).


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


# --- F001 night-slot -----------------------------------------------------------
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


# --- F002 outside-hours --------------------------------------------------------


def test_f002_fails_on_early_call_for_rcm(tmp_path, check, meeting):
    # 05:00 GMT-6 is 07:00 in Ottawa (EDT) and 05:00 in Belmopan: before 08:00.
    text = meeting('- {start: "5:00", end: "6:00", title: Early call}', conferences="[rcm]")
    problems = check(tmp_path, text, "F002", [("F002", 10)])
    assert "Ottawa Thu 07:00-08:00" in problems[0].message


def test_f002_fails_on_saturday(tmp_path, check, meeting):
    # 11 September 2021 was a Saturday; 10:00 GMT-6 is in working hours everywhere.
    check(tmp_path, meeting('- {start: "10:00", end: "11:00", title: A}', date="2021-09-11"), "F002", [("F002", 10)])


def test_f002_passes_thursday_morning(tmp_path, check, meeting):
    # 09:00-10:00 GMT-6: 09:00 at UTC-6 ... 12:00-13:00 at UTC-3, all within 08-18.
    check(tmp_path, meeting('- {start: "9:00", end: "10:00", title: Morning session}'), "F002", [])


def test_f002_work_hours_option(tmp_path, check, meeting):
    text = meeting('- {start: "5:00", end: "6:00", title: Early call}', conferences="[rcm]")
    check(tmp_path, text, "F002", [], config=Config(rules={"F002": {"work_start": "05:00"}}))


# --- R001 unknown-lead ---------------------------------------------------------


def test_r001_fails_on_spain(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [ES]}')
    check(tmp_path, text, "R001", [("R001", 10)])


def test_r001_fails_on_observer_of_the_other_conference(tmp_path, check, meeting):
    # Jamaica observes the RCM, not the SACM.
    text = meeting('- {start: "9:00", end: "10:00", title: A, leads: [JM]}', conferences="[sacm]")
    check(tmp_path, text, "R001", [("R001", 10)])


def test_r001_fails_on_unknown_conference(tmp_path, check, meeting):
    check(tmp_path, meeting(conferences="[rcm, xyz]"), "R001", [("R001", 3)])


def test_r001_passes_members_and_observers(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [PA, CR]}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 2, leads: [JM]}
        """,
        conferences="[rcm]",
    )
    check(tmp_path, text, "R001", [])


# --- R002 lead-balance ---------------------------------------------------------


def test_r002_fails_on_two_rcm_led_against_one_sacm_led(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [MX]}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 2, leads: [US]}
        - {start: "11:00", end: "12:00", title: C, kind: session, session: 3, leads: [AR]}
        """,
        extra="lead_roles: {shared_equally: true}",
    )  # lead_roles on line 13
    problems = check(tmp_path, text, "R002", [("R002", 13)])
    assert "RCM 2, SACM 1" in problems[0].message


def test_r002_fails_when_equal_but_not_the_declared_number(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [MX]}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 2, leads: [AR]}
        """,
        extra="lead_roles: {shared_equally: true, per_conference: 3}",
    )
    check(tmp_path, text, "R002", [("R002", 12)])


def test_r002_passes_equal_shares(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [MX]}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 2, leads: [AR]}
        """,
        extra="lead_roles: {shared_equally: true, per_conference: 1}",
    )
    check(tmp_path, text, "R002", [])


def test_r002_passes_unequal_shares_not_declared_equal(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [MX]}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 2, leads: [US]}
        """,
        extra="lead_roles: {shared_equally: false}",
    )
    check(tmp_path, text, "R002", [])


def test_r002_passes_when_a_slot_did_not_load(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1, leads: [MX]}
        - {start: "10:00", end: "11:00", titel: B, kind: session, session: 2, leads: [AR]}
        """,
        extra="lead_roles: {shared_equally: true, per_conference: 1}",
    )  # 'titel' drops the SACM-led session: the count 1-0 is the loader's, not the agenda's
    check(tmp_path, text, "R002", [])


# --- R003 session-numbering ----------------------------------------------------


def test_r003_fails_on_skipped_number(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 3}
        """
    )
    check(tmp_path, text, "R003", [("R003", 11)])


def test_r003_fails_on_repeated_number(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 1}
        """
    )
    check(tmp_path, text, "R003", [("R003", 11)])


def test_r003_passes_consecutive_numbers(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1}
        - {start: "10:00", end: "10:15", title: Break, kind: break}
        - {start: "10:15", end: "11:00", title: B, kind: session, session: 2}
        """
    )
    check(tmp_path, text, "R003", [])


# --- L001 missing-language -----------------------------------------------------


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


def test_l001_fails_on_a_topic_without_spanish(tmp_path, check):
    text = languages_meeting(
        """
        - start: "9:00"
          end: "10:00"
          title: {en: Opening, es: Apertura, translated: [es]}
          topics:
            - {en: Welcome, es: Bienvenida, translated: [es]}
            - Introduction to the session
        """
    )  # the second topic is on line 17, after "- " at column 13
    (problem,) = check(tmp_path, text, "L001", [("L001", 17)])
    assert problem.column == 13
    assert problem.message == "topic 'Introduction to the session' has no es text (the meeting's languages: es, en)"


def test_l001_fails_on_every_kind_of_agenda_text(tmp_path, check):
    # Plain strings are English only: the title (2), the subtitle inserted on line 3,
    # then, one line lower than usual, the day label (11), slot title (15), topic (16),
    # question (17), key concept term and definition (both on 19).
    text = languages_meeting(
        """
        - start: "9:00"
          end: "10:00"
          title: Session 1
          topics: [Welcome]
          guiding_questions: [Why?]
          key_concepts:
            - {term: Visa, definition: An endorsement.}
        """,
        label="Day one",
    ).replace("title: {en: Test meeting, es: Reunión de prueba, translated: [es]}", "title: Test meeting\nsubtitle: A motto")
    expected = [("L001", n) for n in (2, 3, 11, 15, 16, 17, 19, 19)]
    check(tmp_path, text, "L001", expected)


def test_l001_fails_on_a_missing_english_text(tmp_path, check):
    text = languages_meeting('- {start: "9:00", end: "10:00", title: {es: Apertura}}')
    (problem,) = check(tmp_path, text, "L001", [("L001", 12)])
    assert "slot title 'Apertura' has no en text" in problem.message


def test_l001_fails_listing_each_missing_language_once(tmp_path, check):
    text = languages_meeting('- {start: "9:00", end: "10:00", title: Opening}', languages="[es, en, pt, fr, es]")
    problems = check(tmp_path, text, "L001", [("L001", n) for n in (2, 10, 12)])
    assert problems[-1].message == "slot title 'Opening' has no es, pt, fr text (the meeting's languages: es, en, pt, fr)"


def test_l001_passes_when_every_agenda_text_has_the_languages(tmp_path, check):
    check(tmp_path, languages_meeting(BILINGUAL_SLOT), "L001", [])


def test_l001_passes_without_declared_languages(tmp_path, check, meeting):
    check(tmp_path, meeting('- {start: "9:00", end: "10:00", title: Opening, topics: [Welcome]}'), "L001", [])


def test_l001_passes_english_only_agenda_declaring_english(tmp_path, check):
    text = languages_meeting('- {start: "9:00", end: "10:00", title: Opening}', languages="[en]", label="Day one")
    check(tmp_path, text, "L001", [])


def test_l001_passes_other_texts_unless_asked_with_option_also(tmp_path, check):
    text = languages_meeting(
        """
        - start: "9:00"
          end: "10:00"
          title: {en: Session 1, es: Sesión 1, translated: [es]}
          moderator: RCM PPT
          participants: [IOM]
          speakers: [{name: A. Person, role: Minister}]
        """
    )  # moderator 15, participants 16, speaker role 17
    check(tmp_path, text, "L001", [])
    cfg = Config(rules={"missing-language": {"also": ["moderators", "participants", "speaker-roles"]}})
    check(tmp_path, text, "L001", [("L001", 15), ("L001", 16), ("L001", 17)], config=cfg)


def test_l001_refuses_an_unknown_text_in_option_also():
    with pytest.raises(ConfigError, match="unknown texts"):
        engine.select(Config(rules={"L001": {"also": ["footnotes"]}}), select_cli=["L001"])


def test_y005_fails_on_an_unknown_declared_language(tmp_path, check):
    text = languages_meeting(BILINGUAL_SLOT, languages="[es, de]")  # line 7
    check(tmp_path, text, "Y005", [("Y005", 7)])
def test_r003_passes_across_a_slot_that_did_not_load(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1}
        - {strat: "10:00", end: "11:00", title: B, kind: session, session: 2}
        - {start: "11:00", end: "12:00", title: C, kind: session, session: 3}
        """
    )  # session 2 (line 11) did not load; 3 follows the hole
    check(tmp_path, text, "R003", [])


def test_r003_fails_on_a_skip_after_the_hole(tmp_path, check, meeting):
    text = meeting(
        """
        - {strat: "9:00", end: "10:00", title: A, kind: session, session: 1}
        - {start: "10:00", end: "11:00", title: B, kind: session, session: 2}
        - {start: "11:00", end: "12:00", title: C, kind: session, session: 4}
        """
    )  # the count starts again at 2 (line 11); 4 (line 12) skips 3
    check(tmp_path, text, "R003", [("R003", 12)])


def test_r003_fails_on_a_repeat_across_the_hole(tmp_path, check, meeting):
    text = meeting(
        """
        - {start: "9:00", end: "10:00", title: A, kind: session, session: 1}
        - {strat: "10:00", end: "11:00", title: B, kind: session, session: 2}
        - {start: "11:00", end: "12:00", title: C, kind: session, session: 1}
        """
    )
    check(tmp_path, text, "R003", [("R003", 12)])


# --- X001 suppression-reason / X002 suppression-code ---------------------------


def test_x001_fails_on_suppression_without_reason(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:30", kind: session, title: A}  # rcm: ignore[S001]')
    check(tmp_path, text, "X001", [("X001", 10)])


def test_x001_passes_suppression_with_reason(tmp_path, check, meeting):
    text = meeting('- {start: "9:00", end: "10:30", kind: session, title: A}  # rcm: ignore[S001] the agenda says 90')
    check(tmp_path, text, "X001", [])


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


# --- drift: every rule is tested, documented and registered ---------------------


def test_meeting_helper_is_clean_under_every_rule(tmp_path, lint, meeting):
    assert lint(meeting()) == []


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_code_has_a_failing_and_a_passing_test(code):
    names = [n for n in globals() if n.startswith(f"test_{code.lower()}_")]
    assert any("fail" in n for n in names), f"no failing test for {code}"
    assert any("pass" in n for n in names), f"no passing test for {code}"


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_rule_module_documents_itself(code):
    module = rule(code)
    assert module.CODE == code
    assert module.SEVERITY in ("error", "warning")
    assert "Failing" in (module.__doc__ or "") and "Passing" in module.__doc__


def test_select_with_one_code_runs_only_that_rule():
    assert [s.module.CODE for s in engine.select(Config(), select_cli=["T003"])] == ["T003"]

