"""Rule P002 (published-offset): failing and passing snippets, lines counted by hand.

See tests/lint/conftest.py for ``check`` and ``meeting`` (the first slot is on line 10).
"""

from __future__ import annotations

from snippets import CENTRAL, MEXICO_GMT5


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
