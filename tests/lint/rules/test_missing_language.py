"""Rule L001 (missing-language): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

import pytest
from snippets import BILINGUAL_SLOT, languages_meeting

from rcmcli.core.errors import ConfigError
from rcmcli.lint import engine
from rcmcli.lint.config import Config


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
