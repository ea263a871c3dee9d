"""The agenda page in a real browser: headless Chromium, the zone set through TZ.

Each check opens the built page from file://, lets the page's script run, reads the
rendered DOM (``--dump-dom``) and compares it with times converted by hand:

II Plenary, first slot "Opening session", 09:00-09:30 GMT-6 on Thursday 9 September
2021 = 15:00-15:30 UTC.
* America/Santiago: UTC-3 (Chile's DST began on 5 September 2021) -> 12:00-12:30.
* America/Mexico_City: UTC-5 (Mexico kept DST until 31 October 2021) -> 10:00-10:30.
* Asia/Tokyo: UTC+9 -> 00:00-00:30 on Friday 10 September: the next day.
* America/Argentina/Buenos_Aires: UTC-3 -> 12:00-12:30.

Skipped only when CI is unset and no Chromium is installed; under CI a missing
browser fails (.ci/run installs it).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import html5lib
import pytest

pytestmark = pytest.mark.slow  # a real browser opens the built site: `-m "not slow"` leaves it out

II = "plenary-ii-2021"
FIRST = "day1-opening-1"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
NO_JS = "no-js"  # a profile whose content settings block JavaScript (see run_browser)


def _browser() -> str:
    found = os.environ.get("RCM_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("CI is set but Chromium is not installed (.ci/run installs the Debian package as root)")
    pytest.skip("Chromium is not installed (apt-get install chromium); CI does not skip this")


def run_browser(browser: str, url: str, tz: str, *extra: str) -> str:
    """One headless Chromium run with its own fresh profile; its standard output."""
    with tempfile.TemporaryDirectory(prefix="rcm-chromium-") as profile:
        if NO_JS in extra:
            # --blink-settings=scriptEnabled=false also stops --dump-dom; the profile's
            # content setting blocks the page's scripts only.
            extra = tuple(e for e in extra if e != NO_JS)
            (Path(profile) / "Default").mkdir()
            settings = '{"profile": {"default_content_setting_values": {"javascript": 2}}}'
            (Path(profile) / "Default" / "Preferences").write_text(settings)
        result = subprocess.run(
            [browser, *FLAGS, f"--user-data-dir={profile}", *extra, url],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "TZ": tz},
        )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def dom(html: str):
    return html5lib.parse(html, namespaceHTMLElements=False)


def text(el) -> str:
    return "".join(el.itertext())


def locals_of(doc, key: str = FIRST) -> list:
    return [el for el in doc.iter("span") if "local" in (el.get("class") or "").split() and el.get("data-slot") == key]


def by_id(doc, ident: str):
    return next(el for el in doc.iter() if el.get("id") == ident)


EVIL_TITLE = "<script>alert('t')</script>"
EVIL_MEETING = """\
id: evil-meeting
title: {en: "<script>alert('t')</script>"}
conferences: [rcm]
sources:
  - file: 002_1c03c18522c6c0c3.txt
dates: {start: 2021-09-09, end: 2021-09-09}
reference_zone:
  label: GMT-6
  offset: GMT-6
days:
  - date: 2021-09-09
    slots:
      - start: 9:00
        end: 9:30
        title: {en: '"><img src=x onerror=alert(1)>'}
"""

# name -> (page, TZ of the browser, extra flags)
RUNS = {
    "santiago": (f"en/{II}.html", "America/Santiago", ()),
    "mexico": (f"en/{II}.html", "America/Mexico_City", ()),
    "tokyo": (f"en/{II}.html", "Asia/Tokyo", ()),
    "hash": (f"en/{II}.html#tz=America/Argentina/Buenos_Aires", "Asia/Tokyo", ()),
    "bad-hash": (f"en/{II}.html#tz=%3Cimg%20src=x%20onerror=alert(1)%3E", "America/Santiago", ()),
    "nojs": (f"en/{II}.html", "Asia/Tokyo", (NO_JS,)),
    "es": (f"es/{II}.html", "America/Santiago", ()),
    "fr": (f"fr/{II}.html", "America/Santiago", ()),
    "evil": ("en/evil-meeting.html", "America/Santiago", ()),
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Build the site (bundled catalog plus a hostile meeting), then every browser run at once."""
    browser = _browser()
    root = tmp_path_factory.mktemp("browser")
    evil = root / "evil.yaml"
    evil.write_text(EVIL_MEETING, encoding="utf-8")
    site = root / "site"
    ids = ["followup-ii-2021", II, "plenary-iii-2022", str(evil)]
    result = subprocess.run([sys.executable, "-m", "rcmcli", "site", "build", *ids, "-o", str(site)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    base = site.resolve().as_uri() + "/"
    shots = {w: root / f"santiago-{w}.png" for w in (360, 1280)}
    with ThreadPoolExecutor(max_workers=6) as pool:
        dumps = {
            name: pool.submit(run_browser, browser, base + page, tz, *flags, "--dump-dom")
            for name, (page, tz, flags) in RUNS.items()
        }
        taken = [
            pool.submit(
                run_browser, browser, base + f"en/{II}.html", "America/Santiago",
                f"--window-size={width},1600", f"--screenshot={path}",
            )
            for width, path in shots.items()
        ]
        out = {name: dom(future.result()) for name, future in dumps.items()}
        for future in taken:
            future.result()
    out["shots"] = shots
    return out


@pytest.mark.parametrize(
    "run, expected, shift",
    [
        ("santiago", "12:00–12:30", "0"),
        ("mexico", "10:00–10:30", "0"),
        ("tokyo", "00:00–00:30 (next day)", "1"),
        ("hash", "12:00–12:30", "0"),
    ],
)
def test_opening_in_the_viewers_zone(pages: dict, run: str, expected: str, shift: str):
    spans = locals_of(pages[run])
    assert len(spans) == 2  # the agenda table and the session's own section
    for span in spans:
        assert text(span) == expected
        assert span.get("data-shift") == shift
        assert ("other-day" in span.get("class").split()) == (shift != "0")


@pytest.mark.parametrize(
    "run, sentence",
    [
        ("santiago", "Times are shown in America/Santiago (GMT-3), the time zone of this browser."),
        ("mexico", "Times are shown in America/Mexico_City (GMT-5), the time zone of this browser."),
        ("tokyo", "Times are shown in Asia/Tokyo (GMT+9), the time zone of this browser."),
        ("hash", "Times are shown in America/Argentina/Buenos_Aires (GMT-3)."),
    ],
)
def test_says_which_zone(pages: dict, run: str, sentence: str):
    assert text(by_id(pages[run], "viewer-zone")) == sentence
    assert by_id(pages[run], "zone").get("hidden") is None


def test_tokyo_second_day_is_next_day_too(pages: dict):
    # Day two opens with Session 4, 09:00-10:00 GMT-6 on 10 September (15:00-16:00 UTC):
    # 00:00-01:00 on 11 September in Tokyo.
    assert [text(s) for s in locals_of(pages["tokyo"], "session-4")] == ["00:00–01:00 (next day)"] * 2


def test_choice_is_shared_with_the_language_switch(pages: dict):
    links = {a.get("hreflang"): a.get("href") for a in pages["hash"].iter("a") if a.get("hreflang")}
    assert links["es"] == f"../es/{II}.html#tz=America/Argentina/Buenos_Aires"


def test_picker_offers_the_capitals_and_every_zone(pages: dict):
    picker = by_id(pages["santiago"], "tz-picker")
    values = [o.get("value") for o in picker.iter("option")]
    capitals = by_id(pages["santiago"], "tz-picker").find("optgroup")
    assert len(list(capitals.iter("option"))) == 23
    assert "America/Santiago" in values and "Asia/Tokyo" in values and "Pacific/Kiritimati" in values


def test_unknown_zone_in_the_url_is_text(pages: dict):
    doc = pages["bad-hash"]
    assert not list(doc.iter("img"))
    assert text(by_id(doc, "viewer-zone")) == (
        "'<img src=x onerror=alert(1)>' is not a time zone this browser knows; times are shown in America/Santiago."
    )
    assert [text(s) for s in locals_of(doc)] == ["12:00–12:30"] * 2


def test_without_javascript(pages: dict):
    doc = pages["nojs"]
    assert "js" not in (doc.get("class") or "").split()  # the script did not run
    assert by_id(doc, "zone").get("hidden") is not None
    assert all(text(s) == "" for s in locals_of(doc))
    first = next(t for t in doc.iter("time") if t.get("datetime") == "2021-09-09T15:00:00Z")
    assert text(first) == "09:00"
    table = next(by_id(doc, FIRST).iter("table"))
    rows = {text(r.find("th")): text(r.find("td")) for r in table.find("tbody").iter("tr")}
    assert rows["12:00–12:30"] == "Buenos Aires, Brasília, Santiago, Paramaribo, Montevideo"
    assert rows["10:00–10:30"] == "Mexico City, Panama City, Bogotá, Quito, Lima"


@pytest.mark.parametrize(
    "run, caption",
    [
        ("santiago", "Thursday, September 9, 2021"),
        ("es", "jueves, 9 de septiembre de 2021"),
        ("fr", "jeudi 9 septembre 2021"),
    ],
)
def test_dates_in_the_page_language(pages: dict, run: str, caption: str):
    doc = pages[run]
    assert doc.find("html").get("lang") if doc.tag != "html" else doc.get("lang")
    day = next(t for t in doc.iter("time") if "day" in (t.get("class") or "").split() and t.get("datetime") == "2021-09-09")
    assert text(day) == caption


def test_injection_is_shown_as_text(pages: dict):
    doc = pages["evil"]
    assert not list(doc.iter("img"))
    assert text(next(doc.iter("h1"))) == EVIL_TITLE
    assert [s.get("src") for s in doc.iter("script")] == ["../assets/site.js", None]
    titles = [text(a) for a in doc.iter("a") if a.get("href") == f"#{'day1-other-1'}"]
    assert titles == ['"><img src=x onerror=alert(1)>']


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_screenshots(pages: dict):
    for width, path in pages["shots"].items():
        assert _png_size(path) == (width, 1600)
