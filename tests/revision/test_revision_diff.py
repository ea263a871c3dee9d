"""`rcm agenda diff` and rcmcli.core.diff.

Expected local times are converted by hand: 09:30 GMT-6 on Friday 10 September 2021
is 15:30 UTC; Buenos Aires was UTC-3 (12:30), Mexico City on daylight time, UTC-5
(10:30), Washington UTC-4 (11:30), Santiago UTC-3 since 5 September 2021 (12:30).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from rcmcli.cli.app import app
from rcmcli.core.catalog import Catalog, bundled_dir
from rcmcli.core.diff import compare

II = "plenary-ii-2021"
runner = CliRunner()


def diff(*args: str):
    return runner.invoke(app, ["agenda", "diff", *args])


def edited_file(catalog: Path) -> str:
    return str(catalog / "meetings" / f"{II}.yaml")


def test_acceptance_one_move_one_removal(edited_catalog: Path) -> None:
    result = diff(II, edited_file(edited_catalog), "-f", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    kinds = sorted(c["kind"] for c in report["changes"])
    assert kinds == ["moved", "removed"]
    moved = next(c for c in report["changes"] if c["kind"] == "moved")
    assert moved["key"] == "session-4"
    assert (moved["old"]["start"], moved["new"]["start"], moved["new"]["end"]) == ("09:00", "09:30", "10:30")
    assert moved["new"]["start_utc"] == "2021-09-10T15:30:00Z"
    by_country = {code: g["start"] for g in moved["capitals"] for code in g["countries"]}
    assert by_country["AR"] == "2021-09-10T12:30:00-03:00"
    assert by_country["MX"] == "2021-09-10T10:30:00-05:00"
    assert by_country["US"] == "2021-09-10T11:30:00-04:00"
    removed = next(c for c in report["changes"] if c["kind"] == "removed")
    assert removed["key"] == "session-5" and removed["new"] is None


def test_acceptance_text_states_the_capitals(edited_catalog: Path) -> None:
    result = diff(II, edited_file(edited_catalog))
    assert result.exit_code == 1
    out = result.stdout
    assert "Session 4: Travel documentation policy and processing moved from September 10, 2021 09:00–10:00 to September 10, 2021 09:30–10:30"  # CLDR en long dates in out
    assert "now, on September 10, 2021:\n" in out
    assert "10:30–11:30 in Mexico City, Panama City, Bogotá, Quito, Lima" in out
    assert "12:30–13:30 in Buenos Aires, Brasília, Santiago, Paramaribo, Montevideo" in out
    assert "Session 5: International Protection Systems removed" in out


def test_acceptance_markdown_is_a_table(edited_catalog: Path) -> None:
    result = diff(II, edited_file(edited_catalog), "--format", "markdown")
    assert result.exit_code == 1
    html = MarkdownIt("commonmark").enable("table").render(result.stdout)
    assert html.count("<table>") == 1
    assert html.count("<tr>") == 3  # the header and two changes
    assert "<td>moved</td>" in html and "<td>removed</td>" in html
    assert "12:30–13:30 in Buenos Aires" in html


def test_no_change_exits_0() -> None:
    result = diff(II, str(bundled_dir() / "meetings" / f"{II}.yaml"))
    assert result.exit_code == 0
    assert "no changes" in result.stdout


def test_catalog_ids_with_data(edited_catalog: Path) -> None:
    result = runner.invoke(app, ["--data", str(edited_catalog), "agenda", "diff", str(bundled_dir() / "meetings" / f"{II}.yaml"), II])
    assert result.exit_code == 1


def test_notice_in_two_languages(edited_catalog: Path) -> None:
    result = diff(II, edited_file(edited_catalog), "--notice", "--lang", "es,en")
    assert result.exit_code == 1
    es, en = result.stdout.split("\n---\n")
    assert es.startswith("Estimadas delegaciones:")
    assert "Sesión 4: Política y tramitación de documentos de viaje se realizará el 10 de septiembre de 2021, de 09:30 a 10:30"  # CLDR es long in es
    assert "de 12:30 a 13:30 en Buenos Aires" in es and "de 10:30 a 11:30 en Ciudad de México" in es
    assert "Se canceló Sesión 5" in es
    assert "Dear delegates," in en
    assert "Session 5: International Protection Systems (September 10, 2021, 10:00–11:00) has been cancelled." in en


def test_bad_lang_is_a_usage_error(edited_catalog: Path) -> None:
    result = diff(II, edited_file(edited_catalog), "--lang", "de")
    assert result.exit_code == 2
    assert "--lang 'de'" in result.stderr  # notices are written in the languages rcm speaks


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_git_revision(tmp_path: Path, edited_catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    (repo / "agendas").mkdir(parents=True)
    target = repo / "agendas" / "iv.yaml"
    shutil.copy(bundled_dir() / "meetings" / f"{II}.yaml", target)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "first")
    shutil.copy(edited_file(edited_catalog), target)
    _git(repo, "commit", "-q", "-am", "move session 4")
    monkeypatch.chdir(repo)
    result = diff("HEAD~1:agendas/iv.yaml", "agendas/iv.yaml", "-f", "json")
    assert result.exit_code == 1, result.output
    assert sorted(c["kind"] for c in json.loads(result.stdout)["changes"]) == ["moved", "removed"]
    assert diff("HEAD:agendas/iv.yaml", "agendas/iv.yaml").exit_code == 0
    missing = diff("HEAD~5:agendas/iv.yaml", "agendas/iv.yaml")
    assert missing.exit_code == 2
    assert "git show failed" in missing.stderr and "HEAD~5:agendas/iv.yaml" in missing.stderr


def test_git_missing(monkeypatch: pytest.MonkeyPatch, edited_catalog: Path) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    result = diff("HEAD~1:agendas/iv.yaml", edited_file(edited_catalog))
    assert result.exit_code == 2
    assert "git is not installed" in result.stderr


# --- the core: matching and kinds ---------------------------------------------------------


def _pair(tmp_path: Path, edit) -> tuple:
    source = bundled_dir() / "meetings" / f"{II}.yaml"
    changed = tmp_path / "changed.yaml"
    changed.write_text(edit(source.read_text(encoding="utf-8")), encoding="utf-8")
    catalog = Catalog(bundled_dir())
    return compare(catalog.find(str(source)), catalog.find(str(changed)), catalog.members)


def test_renumbered_session_is_matched_by_title_and_time(tmp_path: Path) -> None:
    result = _pair(tmp_path, lambda t: t.replace("        session: 6\n", "        session: 7\n"))
    assert [(c.kind, c.key, c.before, c.after) for c in result.changes] == [("renumbered", "session-7", "6", "7")]


def test_lengthened_retitled_leads(tmp_path: Path) -> None:
    def edit(text: str) -> str:
        text = text.replace('      - start: "11:15"\n        end: "12:00"', '      - start: "11:15"\n        end: "12:15"')
        retitled = text.replace("          en: International Protection Systems\n", "          en: International Protection\n", 1)
        assert retitled != text  # the edit must apply to the catalog's block-style text
        text = retitled
        return text.replace("        leads: [PE]\n", "        leads: [PE, CO]\n")

    result = _pair(tmp_path, edit)
    kinds = [(c.kind, c.key) for c in result.changes]
    assert kinds == [("leads", "session-3"), ("retitled", "session-5"), ("lengthened", "session-6")]
    lengthened = result.changes[2]
    assert lengthened.new and lengthened.new.end == "12:15"
    assert lengthened.groups  # the new end in every capital


def test_move_across_midnight_is_flagged(tmp_path: Path) -> None:
    # Session 6 at 22:30-23:15 GMT-6 = 04:30-05:15 UTC on 11 September: 01:30 in Buenos Aires.
    result = _pair(tmp_path, lambda t: t.replace('      - start: "11:15"\n        end: "12:00"', '      - start: "22:30"\n        end: "23:15"'))
    moved = next(c for c in result.changes if c.kind == "moved")
    midnight = {f.country for f in moved.flags if f.why == "midnight"}
    # Mexico City 23:30-00:15 runs past midnight; Guatemala City 22:30-23:15 does not.
    assert {"AR", "MX"} <= midnight and "GT" not in midnight
    outside = {f.country for f in moved.flags if f.why == "outside_hours"}
    assert {"AR", "MX", "GT"} <= outside


def test_meeting_level_changes(tmp_path: Path) -> None:
    result = _pair(tmp_path, lambda t: t.replace("mode: virtual\n", "mode: virtual\nplatform: Zoom\n"))
    assert [(c.kind, c.before, c.after) for c in result.changes] == [("platform", "", "Zoom")]


def test_ics_says_what_it_wrote(tmp_path: Path, edited_catalog: Path) -> None:
    first = tmp_path / "plenary.ics"
    result = runner.invoke(app, ["agenda", "ics", II, "-o", str(first)])
    assert result.exit_code == 0
    assert result.stderr == f"rcm: wrote 9 events to {first}\n"  # 11 slots, the 2 breaks left out
    second = tmp_path / "plenary2.ics"
    result = runner.invoke(app, ["--data", str(edited_catalog), "agenda", "ics", II, "-o", str(second), "--previous", str(first)])
    # 8 slots but breaks now, and session 5 comes back cancelled: the issue's own example
    assert result.stderr == f"rcm: wrote 9 events to {second} (1 moved, 1 cancelled)\n"


def test_renumbered_and_moved_is_matched_by_a_unique_title(tmp_path: Path) -> None:
    def edit(text: str) -> str:
        text = text.replace("        session: 6\n", "        session: 7\n")
        return text.replace('      - start: "11:15"\n        end: "12:00"', '      - start: "11:20"\n        end: "12:05"')

    result = _pair(tmp_path, edit)
    assert [(c.kind, c.key) for c in result.changes] == [("moved", "session-7"), ("renumbered", "session-7")]


def test_added_slot(tmp_path: Path) -> None:
    extra = '''      - start: "13:00"
        end: "13:30"
        kind: other
        title: {en: Press conference}
'''
    result = _pair(tmp_path, lambda t: t.rstrip("\n") + "\n" + extra)
    assert [(c.kind, c.key) for c in result.changes] == [("added", "day2-other-1")]  # docs/ics.md: dayD-KIND-K
    assert result.changes[0].new and result.changes[0].new.start == "13:00"
