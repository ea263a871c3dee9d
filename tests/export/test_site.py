"""The static site (rcm site build) without a browser: files, HTML validity, escaping, bytes.

Expected times are written by hand from the offsets in force on 9 September 2021
(tests/cli/test_cli_agenda.py lists them): the II Plenary opens at 09:00 GMT-6, i.e.
15:00 UTC; Santiago, Buenos Aires, Brasília, Paramaribo and Montevideo were at UTC-3,
Mexico City at UTC-5 (DST until 31 October 2021).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import html5lib
import pytest

from rcmcli.cli.entry import main as rcm_main
from rcmcli.export import site

II = "plenary-ii-2021"
BUNDLED = ("followup-ii-2021", "plenary-ii-2021", "plenary-iii-2022")

EVIL_TITLE = "<script>alert('t')</script>"
EVIL_TOPIC = '"><img src=x onerror=alert(1)>'
EVIL_MEETING = f"""\
id: evil-meeting
title: {{en: "{EVIL_TITLE}"}}
subtitle: {{en: '{EVIL_TOPIC}'}}
conferences: [rcm]
sources:
  - file: 002_1c03c18522c6c0c3.txt
dates: {{start: 2021-09-09, end: 2021-09-09}}
reference_zone:
  label: "GMT-6 </title><b>"
  offset: GMT-6
days:
  - date: 2021-09-09
    slots:
      - start: 9:00
        end: 9:30
        title: {{en: "{EVIL_TITLE}"}}
        topics:
          - {{en: '{EVIL_TOPIC}'}}
        guiding_questions:
          - {{en: "</ol><script>alert(2)</script>"}}
"""


def build(tmp: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rcmcli", "site", "build", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=tmp,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = build(out.parent, "-o", str(out), "--base-url", "https://example.github.io/agendas")
    assert result.returncode == 0, result.stderr
    return out


def parse(path: Path):
    """Strict HTML5 parse: html5lib raises on the first parse error."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(path.read_bytes())


def text(el) -> str:
    return "".join(el.itertext())


def test_layout(built: Path):
    assert (built / "index.html").is_file()
    assert (built / "assets" / "site.css").is_file() and (built / "assets" / "site.js").is_file()
    for lang in ("en", "es", "pt", "fr"):
        assert (built / lang / "index.html").is_file()
        for mid in BUNDLED:
            for ext in ("html", "ics", "json"):
                assert (built / lang / f"{mid}.{ext}").is_file(), (lang, mid, ext)
    # 11 slots in the II Plenary (2 days): one calendar each, breaks included.
    assert len(list((built / "en" / II).glob("*.ics"))) == 11


def test_every_page_parses_strictly(built: Path):
    pages = sorted(built.rglob("*.html"))
    assert len(pages) == 1 + 4 * (1 + len(BUNDLED))
    for page in pages:
        parse(page)


def test_lang_attribute_and_switch(built: Path):
    for lang in ("en", "es", "pt", "fr"):
        doc = parse(built / lang / f"{II}.html")
        assert doc.get("lang") == lang
        switch = {a.get("hreflang"): a.get("href") for a in doc.iter("a") if a.get("hreflang")}
        assert switch == {code: f"../{code}/{II}.html" for code in ("en", "es", "pt", "fr")}


def test_nothing_external(built: Path):
    """Only relative links for the page's own resources: no fonts, scripts or styles from elsewhere."""
    for page in built.rglob("*.html"):
        doc = parse(page)
        for el in doc.iter():
            for attr in ("src", "href"):
                value = el.get(attr) or ""
                if el.tag in ("script", "link", "img", "iframe", "source") and value:
                    assert "://" not in value and not value.startswith("//"), (page, value)
    css = (built / "assets" / "site.css").read_text()
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    assert "fetch(" not in (built / "assets" / "site.js").read_text()


def _by_id(doc, ident: str):
    return next(el for el in doc.iter() if el.get("id") == ident)


def test_reference_times_and_utc_instants(built: Path):
    doc = parse(built / "en" / f"{II}.html")
    first = next(t for t in doc.iter("time") if t.get("datetime") == "2021-09-09T15:00:00Z")
    assert text(first) == "09:00"
    locals_ = [el for el in doc.iter("span") if el.get("class") == "local" and el.get("data-slot") == "day1-opening-1"]
    assert locals_ and all(el.get("data-start") == "2021-09-09T15:00:00Z" for el in locals_)
    assert all(el.get("data-end") == "2021-09-09T15:30:00Z" for el in locals_)


def test_capitals_grouped_by_clock(built: Path):
    doc = parse(built / "en" / f"{II}.html")
    article = _by_id(doc, "day1-opening-1")
    table = next(article.iter("table"))
    rows = {text(r.find("th")): text(r.find("td")) for r in table.find("tbody").iter("tr")}
    assert rows == {
        "09:00–09:30": "Belmopan, San José, San Salvador, Guatemala City, Tegucigalpa, Managua",
        "10:00–10:30": "Mexico City, Panama City, Bogotá, Quito, Lima",
        "11:00–11:30": "Ottawa, Santo Domingo, Washington, D.C., La Paz, Georgetown, Asunción, Caracas",
        "12:00–12:30": "Buenos Aires, Brasília, Santiago, Paramaribo, Montevideo",
    }
    heads = [text(th) for th in table.find("thead").iter("th")]
    assert heads == ["Local time", "Capitals"]


def test_announcement(built: Path):
    doc = parse(built / "en" / f"{II}.html")
    section = _by_id(doc, "announcement")
    items = [text(li) for li in section.iter("li")]
    assert items[:4] == [
        "09:00: Belmopan, San José, San Salvador, Guatemala City, Tegucigalpa, Managua",
        "10:00: Mexico City, Panama City, Bogotá, Quito, Lima",
        "11:00: Ottawa, Santo Domingo, Washington, D.C., La Paz, Georgetown, Asunción, Caracas",
        "12:00: Buenos Aires, Brasília, Santiago, Paramaribo, Montevideo",
    ]


def test_calendar_links(built: Path):
    doc = parse(built / "en" / f"{II}.html")
    article = _by_id(doc, "day1-opening-1")
    hrefs = [a.get("href") for a in article.iter("a")]
    assert f"{II}/day1-opening-1.ics" in hrefs
    google = next(h for h in hrefs if h.startswith("https://calendar.google.com/"))
    q = parse_qs(urlsplit(google).query)
    assert q["action"] == ["TEMPLATE"] and q["text"] == ["Opening session"]
    assert q["dates"] == ["20210909T150000Z/20210909T153000Z"]
    outlook = next(h for h in hrefs if h.startswith("https://outlook.live.com/"))
    q = parse_qs(urlsplit(outlook).query)
    assert q["subject"] == ["Opening session"]
    assert (q["startdt"], q["enddt"]) == (["2021-09-09T15:00:00Z"], ["2021-09-09T15:30:00Z"])
    assert "https://example.github.io/agendas/en/plenary-ii-2021.html#day1-opening-1" in q["body"][0]
    page = [a.get("href") for a in _by_id(doc, "calendars").iter("a")]
    assert "webcal://example.github.io/agendas/en/plenary-ii-2021.ics" in page


def test_slot_calendar_is_one_event(built: Path):
    data = (built / "en" / II / "session-1.ics").read_text()
    assert data.count("BEGIN:VEVENT") == 1
    assert "UID:plenary-ii-2021.session-1@rcmcli" in data
    assert "DTSTART:20210909T155000Z" in data and "DTEND:20210909T165000Z" in data


@pytest.mark.parametrize("lang, show_lang", [("en", "en"), ("es", "es"), ("pt", "pt"), ("fr", "fr")])
def test_json_is_agenda_show(built: Path, capsys: pytest.CaptureFixture[str], lang: str, show_lang: str):
    assert rcm_main(["agenda", "show", II, "--format", "json", "--lang", show_lang]) == 0
    shown = capsys.readouterr().out
    assert (built / lang / f"{II}.json").read_text(encoding="utf-8") == shown.rstrip("\n")


def test_no_webcal_without_base_url(tmp_path: Path):
    out = tmp_path / "s"
    assert build(tmp_path, II, "-o", str(out)).returncode == 0
    assert "webcal://" not in (out / "en" / f"{II}.html").read_text()
    assert sorted(p.name for p in (out / "en").glob("*.html")) == ["index.html", f"{II}.html"]


def test_byte_identical_and_replaced_whole(tmp_path: Path):
    out = tmp_path / "s"
    assert build(tmp_path, "-o", str(out)).returncode == 0
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (out / "stale.html").write_text("left over")
    assert build(tmp_path, "-o", str(out)).returncode == 0
    second = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert first == second  # same bytes, and the stale file is gone with the old folder
    assert [p.name for p in tmp_path.iterdir()] == ["s"]  # no temporary folders left


def test_refuses_a_folder_it_did_not_build(tmp_path: Path):
    out = tmp_path / "docs"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    result = build(tmp_path, "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith(f"rcm: error: {out}: is a folder with files rcm did not build")
    assert (out / "keep.txt").read_text() == "mine"


def test_bad_base_url(tmp_path: Path):
    result = build(tmp_path, "-o", str(tmp_path / "s"), "--base-url", "example.org")
    assert result.returncode == 2
    assert result.stderr == "rcm: error: --base-url 'example.org' is not a URL like 'https://example.github.io/agendas/'\n"
    assert not (tmp_path / "s").exists()


def test_injection_is_text(tmp_path: Path):
    evil = tmp_path / "evil.yaml"
    evil.write_text(EVIL_MEETING, encoding="utf-8")
    out = tmp_path / "s"
    result = build(tmp_path, str(evil), "-o", str(out))
    assert result.returncode == 0, result.stderr
    raw = (out / "en" / "evil-meeting.html").read_text()
    assert "<script>alert" not in raw and "<img" not in raw and "<b>" not in raw and "</ol><script>" not in raw
    doc = parse(out / "en" / "evil-meeting.html")
    assert not list(doc.iter("img")) and not list(doc.iter("b"))
    scripts = [(s.get("src"), s.get("type")) for s in doc.iter("script")]
    assert scripts == [("../assets/site.js", None), (None, "application/json")]
    assert text(next(doc.iter("h1"))) == EVIL_TITLE
    assert text(next(doc.iter("title"))) == EVIL_TITLE
    assert EVIL_TOPIC in [text(li) for li in doc.iter("li")]


def test_google_details_are_cut():
    url = site.google_url("T", "2021-09-09T15:00:00Z", "2021-09-09T16:00:00Z", "word " * 2000, "")
    details = parse_qs(urlsplit(url).query)["details"][0]
    assert len(details) <= site.DETAILS_MAX and details.endswith("\u2026")


def test_templates_are_package_data():
    """The wheel takes every file under src/rcmcli; the templates must live there."""
    names = {p.name for p in site.TEMPLATES.iterdir()}
    assert {"base.html", "meeting.html", "index.html", "root.html", "site.css", "site.js"} <= names
    assert re.search(r'packages = \["src/rcmcli"\]', (Path(__file__).parents[2] / "pyproject.toml").read_text())


def test_forked_workers_write_the_same_bytes(tmp_path: Path):
    from rcmcli.core.catalog import Catalog, bundled_dir

    catalog = Catalog(bundled_dir())
    spec = site.Site(catalog.meetings(), catalog.members, "https://example.org/a/")
    trees = []
    for jobs in (1, 3):
        out = tmp_path / f"jobs{jobs}"
        names = site.build(spec, out, jobs)
        trees.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
        assert sorted(map(str, trees[-1])) == sorted(names)
    assert trees[0] == trees[1]


@pytest.mark.parametrize("value", ["a b/c?d=e&f#g", "Sesión «x» – 09:00\n\n<b>\"'", "~_.-", "https://x.y/z%41"])
def test_quote_is_urllib_quote(value: str):
    from urllib.parse import quote

    assert site._quote(value) == quote(value, safe="")


def test_a_meeting_named_twice_is_built_once(tmp_path: Path):
    out = tmp_path / "s"
    assert build(tmp_path, II, II, "-o", str(out)).returncode == 0
    assert sorted(p.name for p in (out / "en").glob("*.html")) == ["index.html", f"{II}.html"]


def test_two_files_with_one_id(tmp_path: Path):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(EVIL_MEETING, encoding="utf-8")
    result = build(tmp_path, "a.yaml", "b.yaml", "-o", str(tmp_path / "s"))
    assert result.returncode == 2
    assert result.stderr.startswith("rcm: error: two meetings have the id 'evil-meeting': ")


def test_print_and_narrow_styles(built: Path):
    css = (built / "assets" / "site.css").read_text()
    printing = css[css.index("@media print") :]
    assert "nav," in printing and ".picker" in printing  # no navigation or picker on paper
    assert "@media (max-width: 480px)" in css
    doc = parse(built / "en" / f"{II}.html")
    viewport = next(m for m in doc.iter("meta") if m.get("name") == "viewport")
    assert viewport.get("content") == "width=device-width, initial-scale=1"
