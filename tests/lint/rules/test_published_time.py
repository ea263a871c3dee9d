"""Rule P001 (published-time): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

from snippets import CENTRAL, _published


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
