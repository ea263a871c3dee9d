"""Rule C001 (line-break): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

import pytest
from snippets import MEMBERS, _published


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
