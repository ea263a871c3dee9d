"""The one formatter of dates, times, offsets, ranges and durations (rcmcli.timefmt),
and ``--clock`` / ``RCM_CLOCK`` on every command that shows times.

Every expected string is written by hand. Those marked CLDR are what the Unicode CLDR
data says for that locale (full date, short time, GMT and interval formats); the
English 12-hour clock is the agendas' own notation ('09:00 am', docs/decisions.md).
Local times of the II Plenary (09:00 GMT-6 on Thursday 9 September 2021 is 15:00 UTC)
are converted by hand, as in tests/cli/test_cli_agenda.py: Santiago was UTC-3 (Chile's
DST began on 5 September 2021), Buenos Aires UTC-3, Mexico City UTC-5.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone

import pytest

from rcmcli import i18n
from rcmcli.cli import app as cli
from rcmcli.timefmt import ClockError, Formatter, iso_offset, offsets_label, utc_offset

II = "plenary-ii-2021"
NARROW = "\u202f"  # CLDR puts a narrow no-break space before AM/PM and a. m./p. m.
THIN = "\u2009"  # and thin spaces around the dash of an interval


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")


# --- days ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("es", "jueves, 9 de septiembre de 2021"),  # CLDR es full date
        ("pt", "quinta-feira, 9 de setembro de 2021"),  # CLDR pt full date
        ("fr", "jeudi 9 septembre 2021"),  # CLDR fr full date
        ("en", "Thursday, September 9, 2021"),  # CLDR en full date
    ],
)
def test_day(lang, expected):
    assert Formatter(lang).day(date(2021, 9, 9)) == expected


@pytest.mark.parametrize(
    "lang, expected",
    [("en", "Thu, Sep 9"), ("es", "jue, 9 sep"), ("pt", "qui., 9 de set."), ("fr", "jeu. 9 sept.")],  # CLDR skeleton MMMEd
)
def test_day_abbreviated(lang, expected):
    assert Formatter(lang).day(datetime(2021, 9, 9, 23, 30, tzinfo=timezone.utc), "abbreviated") == expected


def test_english_days_and_clock_habit_agree_with_cldr():
    """English is written without Babel; Babel (CLDR) is the independent oracle here."""
    from babel import Locale
    from babel.dates import format_date

    en = Formatter("en")
    for day in (date(2021, 9, 9), date(2022, 5, 31), date(2026, 12, 3), date(2027, 4, 4)):
        assert en.day(day) == format_date(day, "full", locale="en")
        assert en.day(day, "long") == format_date(day, "long", locale="en")
        assert en.weekday(day) == format_date(day, "EEEE", locale="en")
    assert en.habit == "12" and "h" in Locale.parse("en").time_formats["short"].pattern


def test_days_and_names():
    en = Formatter("en")
    assert en.days([date(2021, 9, 9), date(2021, 9, 10)]) == "Thursday, September 9, 2021 and Friday, September 10, 2021"
    assert [en.names(n) for n in (["A"], ["A", "B"], ["A", "B", "C"])] == ["A", "A & B", "A, B & C"]


@pytest.mark.parametrize(
    "lang, first, last, expected",
    [
        ("es", date(2027, 3, 1), date(2027, 3, 12), "1–12 de marzo de 2027"),  # CLDR es intervalFormats yMMMMd, d
        ("fr", date(2027, 3, 1), date(2027, 3, 12), "1–12 mars 2027"),  # CLDR fr yMMMMd, d
        ("en", date(2027, 3, 1), date(2027, 3, 12), f"Mar 1{THIN}–{THIN}12, 2027"),  # CLDR en yMMMd, d
        ("es", date(2027, 3, 30), date(2027, 4, 2), f"30 de marzo{THIN}–{THIN}2 de abril de 2027"),  # yMMMMd, M
        ("en", date(2027, 3, 14), date(2027, 3, 14), "March 14, 2027"),  # one day: the long date
        ("en", date(2021, 9, 9), date(2021, 9, 10), "2021-09-09 → 2021-09-10"),  # width iso, below
    ],
)
def test_range(lang, first, last, expected):
    width = "iso" if expected.startswith("2021") else "long"
    assert Formatter(lang).range(first, last, width) == expected


# --- times -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, clock, t, expected",
    [
        # No clock chosen: the language's habit (CLDR short time; es is es_419); English as the agendas write it.
        ("en", None, time(14, 30), "02:30 pm"),
        ("es", None, time(14, 30), f"2:30{NARROW}p.m."),
        ("pt", None, time(9, 5), "09:05"),
        ("fr", None, time(14, 30), "14:30"),
        # --clock 24 / 12: HH:MM, or CLDR skeleton hm (English: the agendas' notation).
        ("en", "24", time(9, 5), "09:05"),
        ("es", "24", time(14, 30), "14:30"),
        ("en", "12", time(0, 5), "12:05 am"),
        ("en", "12", time(12, 0), "12:00 pm"),
        ("pt", "12", time(14, 30), f"2:30{NARROW}PM"),
        ("fr", "12", time(9, 5), f"9:05{NARROW}AM"),
    ],
)
def test_clock(lang, clock, t, expected):
    assert Formatter(lang, clock).clock(t) == expected


@pytest.mark.parametrize(
    "lang, clock, expected",
    [("en", None, "14:30"), ("es", None, "14:30"), ("en", "12", "02:30 pm"), ("es", "12", f"2:30{NARROW}p.m."), ("fr", "24", "14:30")],
)
def test_tables_are_24_hour_unless_a_clock_is_chosen(lang, clock, expected):
    tf = Formatter(lang, clock)
    assert tf.hm(time(14, 30)) == tf.hm(14 * 60 + 30) == tf.hm("14:30") == expected


def test_a_time_is_shown_as_given_and_minutes_wrap_at_midnight():
    moment = datetime(2021, 9, 9, 9, 0, tzinfo=timezone(timedelta(hours=-6)))  # 15:00 UTC
    assert Formatter("fr").clock(moment) == "09:00"
    assert Formatter("en").hm(moment) == "09:00"
    assert Formatter("en").span(23 * 60, 25 * 60) == "23:00–01:00"


@pytest.mark.parametrize(
    "environ, expected",
    [
        ({"LANG": "es_AR.UTF-8"}, "14:30"),  # CLDR es_AR short time HH:mm
        ({"LANG": "fr_CA.UTF-8"}, "14 h 30"),  # CLDR fr_CA short time HH 'h' mm
        ({"LANG": "es_ZZ.UTF-8"}, f"2:30{NARROW}p.m."),  # no such CLDR locale: es_419
        ({"LANG": "pt_BR.UTF-8"}, f"2:30{NARROW}p.m."),  # another language's region: es_419
    ],
)
def test_the_locale_region_refines_times(environ, expected):
    lang = "fr" if environ["LANG"].startswith("fr") else "es"
    i18n.use(lang, environ=environ)
    assert Formatter(lang).clock(time(14, 30)) == expected


@pytest.mark.parametrize("minutes, expected", [(120, "2 h"), (45, "45 min"), (90, "1 h 30 min"), (125, "2 h 05 min")])
def test_duration(minutes, expected):
    assert Formatter("en").duration(minutes) == expected


def test_a_bad_clock_is_refused():
    with pytest.raises(ClockError, match="unknown clock '13'; use 12 or 24"):
        Formatter("en", "13")


# --- offsets and zones -----------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, offset, style, expected",
    [
        ("es", timedelta(hours=-6), "gmt", "GMT-6"),  # CLDR es gmtFormat GMT{0}
        ("en", timedelta(hours=5, minutes=30), "gmt", "GMT+5:30"),
        ("fr", timedelta(hours=-3), "gmt", "UTC-3"),  # CLDR fr gmtFormat UTC{0}
        ("pt", -180, "gmt", "-3 GMT"),  # CLDR pt gmtFormat {0} GMT
        ("es", timedelta(hours=-3), "gmt-long", "GMT-03:00"),
        ("fr", timedelta(0), "gmt", "UTC"),
        ("en", 0, "gmt-long", "GMT"),
        ("en", -360, "utc", "UTC-6"),
        ("fr", 330, "utc", "UTC+5:30"),
        ("es", -210, "iso", "UTC-03:30"),
    ],
)
def test_offset(lang, offset, style, expected):
    assert Formatter(lang).offset(offset, style) == expected


@pytest.mark.parametrize("minutes, text", [(-360, "UTC-6"), (0, "UTC+0"), (330, "UTC+5:30"), (-210, "UTC-3:30"), (540, "UTC+9")])
def test_utc_offset(minutes, text):
    assert utc_offset(minutes) == text


def test_offsets_label_and_iso_offset():
    assert offsets_label([-240, -240, -180]) == "UTC-4/-3"  # Chile's clock change of 5 September 2021
    assert [iso_offset(x) for x in (timedelta(hours=-6), 0, 345, None)] == ["UTC-06:00", "UTC+00:00", "UTC+05:45", "UTC?"]


def test_zone_label():
    tf = Formatter("en")
    assert tf.zone_label("America/Santiago", "Santiago") == "Santiago"
    assert tf.zone_label("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires") == "Buenos Aires"
    assert tf.zone_label("UTC") == "UTC"


def test_for_language_and_with_clock_keep_the_other_choice():
    tf = Formatter("en", "12")
    assert (tf.for_language("es").lang, tf.for_language("es").chosen) == ("es", "12")
    assert tf.with_clock(None) is tf and tf.with_clock("24").hm(time(14, 0)) == "14:00"


# --- --clock and RCM_CLOCK on the command line -----------------------------------------


def test_show_with_a_12_hour_clock(capsys):
    code, out, _ = run(capsys, "--clock", "12", "agenda", "show", II, "--tz", "Santiago")
    assert code == 0
    # Opening session: 09:00-09:30 GMT-6, 12:00-12:30 in Santiago (UTC-3).
    assert "09:00 am–09:30 am  12:00 pm–12:30 pm  Opening session" in out
    assert "12:00–12:30" not in out


def test_show_defaults_to_24_hours_and_json_ignores_the_clock(capsys):
    code, out, _ = run(capsys, "agenda", "show", II, "--tz", "Santiago")
    assert code == 0 and "09:00–09:30  12:00–12:30  Opening session" in out
    code, out, _ = run(capsys, "--clock", "12", "agenda", "show", II, "--tz", "Santiago", "-f", "json")
    first = json.loads(out)["slots"][0]
    assert (first["published"]["start"], first["times"][0]["start"]) == ("09:00", "2021-09-09T12:00:00-03:00")


def test_rcm_clock_in_spanish(capsys, monkeypatch):
    monkeypatch.setenv("RCM_CLOCK", "12")
    code, out, _ = run(capsys, "--lang", "es", "agenda", "show", II, "--tz", "Santiago")
    assert code == 0
    assert f"12:00{NARROW}p.m.–12:30{NARROW}p.m." in out  # CLDR es_419 skeleton hm


def test_times_with_a_12_hour_clock(capsys):
    code, out, _ = run(capsys, "--clock", "12", "agenda", "times", II, "-f", "markdown")
    assert code == 0
    # The UTC-3 group (Buenos Aires, Brasília, Santiago, ...) opens at 12:00 local.
    assert "| 12:00 pm–12:30 pm |" in out


def test_members_with_a_12_hour_clock(capsys):
    code, out, _ = run(capsys, "--clock", "12", "members", "-f", "markdown")
    assert code == 0 and (" am UTC)" in out or " pm UTC)" in out)


def test_announce_follows_the_run_clock_and_its_own(capsys):
    code, out, _ = run(capsys, "--clock", "24", "agenda", "announce", II)
    assert code == 0 and "12:00 Buenos Aires" in out
    code, out, _ = run(capsys, "--clock", "24", "agenda", "announce", II, "--clock", "12")
    assert code == 0 and "12:00 pm Buenos Aires" in out


def test_plan_with_a_12_hour_clock(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "--clock", "12", "plan", "2026-12-03", "--capital", "Santiago", "-f", "markdown")
    assert code == 0
    assert " am" in out and "| UTC |" in out
    code, out, _ = run(capsys, "plan", "2027-03-01..2027-03-12", "--capital", "Santiago", "-f", "markdown")
    assert code == 0 and out.startswith("# Best 2 h windows, Mar 1\u2009–\u200912, 2027, 1 capital")  # CLDR en interval


def test_a_bad_clock_on_the_command_line(capsys, monkeypatch):
    monkeypatch.setenv("RCM_CLOCK", "13")
    code, out, err = run(capsys, "agenda", "show", II)
    assert code == 2 and out == "" and "13" in err and "Traceback" not in err


def test_diff_and_notice_with_a_12_hour_clock(capsys, tmp_path):
    import shutil

    from rcmcli.core.catalog import bundled_dir

    target = tmp_path / "catalog"
    shutil.copytree(bundled_dir(), target)
    meeting = target / "meetings" / f"{II}.yaml"
    text = meeting.read_text(encoding="utf-8")
    old = '      - start: "9:00"\n        end: "10:00"'  # session 4, Friday 10 September 2021, GMT-6
    assert text.count(old) == 1
    meeting.write_text(text.replace(old, '      - start: "9:30"\n        end: "10:30"'), encoding="utf-8")
    edited = str(meeting)
    # 09:30 GMT-6 is 15:30 UTC: 12:30 in Buenos Aires (UTC-3), 10:30 in Mexico City (UTC-5).
    code, out, _ = run(capsys, "--clock", "12", "agenda", "diff", II, edited)
    assert code == 1
    assert "September 10, 2021 09:30 am–10:30 am" in out and "12:30 pm–01:30 pm in Buenos Aires" in out
    code, out, _ = run(capsys, "--clock", "12", "agenda", "diff", II, edited, "--notice")
    assert code == 1 and "09:30 am–10:30 am" in out and "10:30 am–11:30 am in Mexico City" in out
    code, out, _ = run(capsys, "agenda", "diff", II, edited, "--notice")
    assert code == 1 and "09:30–10:30" in out and " am" not in out


def test_calendar_descriptions_follow_the_clock(capsys, tmp_path):
    from rcmcli.export.icstext import line_name, line_value, unescape_text, unfold

    def descriptions(*argv: str) -> list[str]:
        target = tmp_path / "c.ics"
        assert run(capsys, *argv, "agenda", "ics", II, "-o", str(target))[0] == 0
        lines = unfold(target.read_text(encoding="utf-8"))
        return [unescape_text(line_value(x)) for x in lines if line_name(x) == "DESCRIPTION"]

    # The opening session: published 09:00-09:30 GMT-6 on 9 September 2021.
    assert any("2021-09-09 09:00–09:30 Central American time (GMT-6)" in d for d in descriptions())
    assert any("2021-09-09 09:00 am–09:30 am Central American time (GMT-6)" in d for d in descriptions("--clock", "12"))
