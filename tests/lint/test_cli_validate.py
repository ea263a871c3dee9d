"""``rcm agenda validate`` through Typer's CliRunner: exit codes and machine-readable output.

Documented exit codes (cli.py, README): 0 no errors, 1 errors (or warnings with
--strict), 2 could not run (missing file, unknown rule, bad configuration).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rcmcli.cli.app import app

A = '- {start: "9:00", end: "10:00", title: A}'
GAP_20 = '- {start: "10:20", end: "11:00", title: B}'  # 20 min after A: T005 (warning)
GAP_40 = '- {start: "11:40", end: "12:00", title: C}'  # 40 min after B: T005
OVERLAP = '- {start: "9:30", end: "10:30", title: B}'  # overlaps A: T003 (error)

JSON_KEYS = {"path", "line", "column", "code", "rule", "severity", "message"}


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch):
    # The tests may themselves run under GitHub Actions; --format auto must not see it.
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


def validate(*args: str, env: dict | None = None):
    result = CliRunner().invoke(app, ["agenda", "validate", *args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def found(result) -> list[tuple[str, int, str]]:
    return [(p["path"], p["line"], p["code"]) for p in json.loads(result.stdout)]


@pytest.fixture
def work(tmp_path, monkeypatch):
    """An empty working folder (no configuration above it that rcm would use)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: Path, name: str, text: str) -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return name


# --- the bundled catalog -----------------------------------------------------------


def test_data_folder_is_clean_json(repo, monkeypatch):
    monkeypatch.chdir(repo)
    result = validate("data", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def _lines_after_p001_suppressions(path: Path) -> list[int]:
    # Read from the data file itself: the line after each "# rcm: ignore[P001]" comment.
    lines = path.read_text(encoding="utf-8").splitlines()
    return [i + 2 for i, line in enumerate(lines) if line.strip().startswith("# rcm: ignore[P001]")]


def test_catalog_without_suppressions_shows_the_two_santiago_claims(repo, monkeypatch):
    monkeypatch.chdir(repo)
    plenary = Path("data/meetings/plenary-ii-2021.yaml")
    expected_lines = _lines_after_p001_suppressions(plenary)
    assert len(expected_lines) == 2  # 9 and 10 September 2021

    result = validate("--no-suppress", "--format", "json")
    assert result.exit_code == 1, result.output
    # The bundled catalog is the repository's data/ or, when installed, site-packages'.
    reported = [(Path(p).as_posix().endswith(plenary.as_posix()), line, code) for p, line, code in found(result)]
    assert reported == [(True, line, "P001") for line in expected_lines]
    for problem in json.loads(result.stdout):
        # 09:00 GMT-6 = 15:00 UTC = 12:00 in Santiago (UTC-3 since 5 September 2021)
        assert "Santiago" in problem["message"] and "12:00" in problem["message"]


def test_catalog_with_suppressions_is_clean(repo, monkeypatch):
    monkeypatch.chdir(repo)
    result = validate("--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_catalog_meeting_by_id(repo, monkeypatch):
    monkeypatch.chdir(repo)
    result = validate("plenary-ii-2021", "--no-suppress", "--format", "json")
    assert result.exit_code == 1
    assert {code for _, _, code in found(result)} == {"P001"}


# --- syntax errors and output formats ------------------------------------------------


def test_yaml_syntax_error_parsable(work):
    name = write(work, "bad.yaml", "id: x\ntitle: a: b\n")
    result = validate(name, "--format", "parsable")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert re.match(r"^bad\.yaml:\d+:\d+: error Y001 ", lines[0])
    assert lines[0].startswith("bad.yaml:2:9: error Y001 ")  # the second ':' on line 2


def test_yaml_syntax_error_github(work):
    name = write(work, "bad.yaml", "id: x\ntitle: a: b\n")
    result = validate(name, "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error file=")
    assert lines[0].startswith("::error file=bad.yaml,line=2,col=9,title=Y001 yaml-syntax::")


def test_duplicated_top_level_key_in_a_catalog_meeting_copy(work, repo):
    source = repo / "data" / "meetings" / "plenary-iii-2022.yaml"
    text = source.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    duplicate_line = len(text.splitlines()) + 1
    write(work, "copy.yaml", text + "id: plenary-iii-2022-again\n")

    result = validate("copy.yaml", "--format", "json")
    assert result.exit_code == 1, result.output
    assert found(result) == [("copy.yaml", duplicate_line, "Y002")]


def test_json_objects_have_the_documented_keys(work, meeting):
    name = write(work, "m.yaml", meeting("\n".join([A, GAP_20])))
    result = validate(name, "--format", "json")
    assert result.exit_code == 0  # a warning only
    problems = json.loads(result.stdout)
    assert isinstance(problems, list) and len(problems) == 1
    assert set(problems[0]) == JSON_KEYS
    # A gap is about the slot as a whole: it points where the slot starts. '      - ' is
    # 8 characters: the slot's '{' is in column 9 of line 11.
    assert {k: problems[0][k] for k in JSON_KEYS - {"message"}} == {
        "path": "m.yaml",
        "line": 11,
        "column": 9,
        "code": "T005",
        "rule": "gap",
        "severity": "warning",
    }


def test_parsable_warning_line(work, meeting):
    name = write(work, "m.yaml", meeting("\n".join([A, GAP_20])))
    result = validate(name, "--format", "parsable")
    assert result.stdout.startswith("m.yaml:11:9: warning T005 20 min gap")


def test_format_auto_under_github_actions(work, meeting):
    name = write(work, "m.yaml", meeting("\n".join([A, GAP_20])))
    result = validate(name, "--format", "auto", env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.splitlines()[0].startswith("::warning file=m.yaml,line=11,col=9,title=T005 gap::")


def test_format_auto_elsewhere_is_text(work, meeting):
    name = write(work, "m.yaml", meeting("\n".join([A, GAP_20])))
    result = validate(name)
    assert not result.stdout.startswith("::")
    assert "m.yaml" in result.stdout and "T005" in result.stdout
    assert "1 problem (0 errors, 1 warning) in 1 file" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour when not a terminal


# --- exit codes ------------------------------------------------------------------------


def test_missing_path_exits_2_without_traceback(work):
    result = validate("missing.yaml")
    assert result.exit_code == 2
    assert "missing.yaml" in result.stderr
    assert result.stdout == ""


def test_unknown_catalog_id_exits_2(work):
    result = validate("no-such-meeting")
    assert result.exit_code == 2
    assert "no-such-meeting" in result.stderr


def test_strict_turns_warnings_into_exit_1(work, meeting):
    name = write(work, "m.yaml", meeting("\n".join([A, GAP_20])))
    assert validate(name, "--format", "json").exit_code == 0
    assert validate(name, "--format", "json", "--strict").exit_code == 1


def test_clean_file_exits_0_even_with_strict(work, meeting):
    name = write(work, "m.yaml", meeting())
    result = validate(name, "--strict", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


# --- --select / --ignore -----------------------------------------------------------------

DAY_WITH_THREE_PROBLEMS = f"""
- date: 2021-09-09
  weekday: Friday
  slots:
    {A}
    {OVERLAP}
    {GAP_40.replace('11:40', '11:00')}
"""
# date 8, weekday 9 (T007: 9 Sep 2021 was a Thursday), slots 10, A 11, B 12
# (T003: overlaps A), C 13 (T005: 30 min after B ends at 10:30)


@pytest.fixture
def three(work, meeting):
    return write(work, "m.yaml", meeting(days=DAY_WITH_THREE_PROBLEMS))


def test_all_rules_find_three_problems(three):
    assert found(validate(three, "--format", "json")) == [
        ("m.yaml", 9, "T007"),
        ("m.yaml", 12, "T003"),
        ("m.yaml", 13, "T005"),
    ]


@pytest.mark.parametrize("select", ["T003", "overlap", "t003"])
def test_select_runs_only_that_rule(three, select):
    assert found(validate(three, "--format", "json", "--select", select)) == [("m.yaml", 12, "T003")]


def test_select_by_prefix_and_list(three):
    assert [c for _, _, c in found(validate(three, "--format", "json", "--select", "T00"))] == ["T007", "T003", "T005"]
    assert [c for _, _, c in found(validate(three, "--format", "json", "--select", "T003,T007"))] == ["T007", "T003"]


def test_ignore_by_name(three):
    assert [c for _, _, c in found(validate(three, "--format", "json", "--ignore", "gap"))] == ["T007", "T003"]


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_exits_2(three, option):
    result = validate(three, option, "T999")
    assert result.exit_code == 2
    assert "T999" in result.stderr


def test_unknown_rule_name_suggests_the_closest(three):
    result = validate(three, "--select", "overlpa")
    assert result.exit_code == 2
    assert "did you mean 'overlap'?" in result.stderr


# --- configuration ------------------------------------------------------------------------


def test_rcm_toml_ignore(three):
    write(Path.cwd(), ".rcm.toml", 'ignore = ["T005"]\n')
    assert [c for _, _, c in found(validate(three, "--format", "json"))] == ["T007", "T003"]


def test_rcm_toml_rule_options(work, meeting):
    name = write(work, "m.yaml", meeting("\n".join([A, GAP_20, GAP_40])))  # gaps of 20 (11) and 40 (12) min
    assert [line for _, line, _ in found(validate(name, "--format", "json"))] == [11, 12]
    write(work, ".rcm.toml", "[rules.gap]\nmin_minutes = 30\n")
    assert found(validate(name, "--format", "json")) == [("m.yaml", 12, "T005")]


def test_pyproject_tool_rcm(three):
    write(Path.cwd(), "pyproject.toml", '[project]\nname = "x"\n\n[tool.rcm]\nselect = ["T003"]\n')
    assert found(validate(three, "--format", "json")) == [("m.yaml", 12, "T003")]


def test_pyproject_tool_rcm_rules_table(three):
    write(Path.cwd(), "pyproject.toml", '[tool.rcm]\nselect = ["T"]\n\n[tool.rcm.rules.gap]\nmin_minutes = 60\n')
    assert [c for _, _, c in found(validate(three, "--format", "json"))] == ["T007", "T003"]


def test_config_is_found_in_a_parent_folder(work, meeting, monkeypatch):
    write(work, ".rcm.toml", 'select = ["T003"]\n')
    sub = work / "agendas"
    sub.mkdir()
    write(sub, "m.yaml", meeting(days=DAY_WITH_THREE_PROBLEMS))
    monkeypatch.chdir(sub)
    assert found(validate("m.yaml", "--format", "json")) == [("m.yaml", 12, "T003")]


def test_pyproject_without_tool_rcm_is_passed_over(work, meeting, monkeypatch):
    write(work, ".rcm.toml", 'select = ["T003"]\n')
    sub = work / "project"
    sub.mkdir()
    write(sub, "pyproject.toml", '[project]\nname = "x"\n')
    write(sub, "m.yaml", meeting(days=DAY_WITH_THREE_PROBLEMS))
    monkeypatch.chdir(sub)
    assert found(validate("m.yaml", "--format", "json")) == [("m.yaml", 12, "T003")]


def test_rcm_toml_wins_over_pyproject_in_the_same_folder(three):
    write(Path.cwd(), ".rcm.toml", 'select = ["T003"]\n')
    write(Path.cwd(), "pyproject.toml", '[tool.rcm]\nselect = ["T007"]\n')
    assert found(validate(three, "--format", "json")) == [("m.yaml", 12, "T003")]


def test_explicit_config_option(three):
    write(Path.cwd(), "lint.toml", 'select = ["T007"]\n')
    assert found(validate(three, "--format", "json", "--config", "lint.toml")) == [("m.yaml", 9, "T007")]


def test_cli_select_overrides_config_select(three):
    write(Path.cwd(), ".rcm.toml", 'select = ["T007"]\n')
    assert found(validate(three, "--format", "json", "--select", "T003")) == [("m.yaml", 12, "T003")]


@pytest.mark.parametrize(
    "config",
    [
        "[rules.gap]\nmax_minutes = 3\n",  # unknown option
        'foo = "bar"\n',  # unknown setting
        "select = [\n",  # invalid TOML
        "[rules.nope]\nx = 1\n",  # options for an unknown rule
        '[rules.gap]\nmin_minutes = "30"\n',  # wrong type
        "[rules.outside-hours]\nwork_start = \"8\"\n",  # not a time
        "[limits]\nmax_nodes = 0\n",  # not positive
    ],
)
def test_bad_config_exits_2(three, config):
    write(Path.cwd(), ".rcm.toml", config)
    result = validate(three)
    assert result.exit_code == 2, result.output
    assert ".rcm.toml" in result.stderr
    assert result.stdout == ""


def test_unknown_rule_in_config_exits_2(three):
    write(Path.cwd(), ".rcm.toml", 'ignore = ["T999"]\n')
    result = validate(three)
    assert result.exit_code == 2
    assert "T999" in result.stderr


def test_unknown_rule_in_config_names_the_file(three):
    write(Path.cwd(), ".rcm.toml", 'ignore = ["T999"]\n')
    assert ".rcm.toml" in validate(three).stderr


def test_missing_explicit_config_exits_2(three):
    result = validate(three, "--config", "nowhere.toml")
    assert result.exit_code == 2
    assert "nowhere.toml" in result.stderr


def test_limits_not_a_table_exits_2(three):
    write(Path.cwd(), ".rcm.toml", "limits = 5\n")
    assert validate(three).exit_code == 2


def test_boolean_limit_exits_2(three):
    write(Path.cwd(), ".rcm.toml", "[limits]\nmax_depth = true\n")
    assert validate(three).exit_code == 2


def test_per_kind_text_minutes_exits_2(work, meeting):
    name = write(work, "m.yaml", meeting('- {start: "9:00", end: "9:30", title: Break, kind: break}'))
    write(work, ".rcm.toml", '[rules.session-length]\nper_kind = {break = {minutes = "15"}}\n')
    assert validate(name).exit_code == 2
