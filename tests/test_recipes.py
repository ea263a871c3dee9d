"""The README's recipes work as written, from a fresh repository.

The install command names a commit that exists, not a package PyPI does not have;
the GitHub Actions workflows are valid YAML whose rcm commands run as written in a
secretariat's repository (a temporary git repository here); the pre-commit snippet
runs through pre-commit itself, against a clone of this repository at its HEAD, and
fails on a bad agenda, naming it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SITE_DOC = (ROOT / "docs" / "site.md").read_text(encoding="utf-8")
URL = "https://github.com/rcm-tools/rcm"

GOOD = """\
id: plenary-iv-2026
title: IV Plenary
conferences: [rcm]
sources: [{file: concept-note.txt}]
dates: {start: 2026-12-03, end: 2026-12-03}
reference_zone: {label: "GMT-6", offset: GMT-6}
days:
  - date: 2026-12-03
    slots:
      - {start: "9:00", end: "10:00", title: Opening}
      - {start: "10:00", end: "11:30", title: Session 2}
"""
BAD = GOOD.replace('{start: "10:00", end: "11:30"', '{start: "9:30", end: "11:30"')  # overlaps the opening
MOVED = GOOD.replace('{start: "10:00", end: "11:30"', '{start: "10:30", end: "12:00"')


def _blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


def _workflows(text: str) -> list[dict]:
    return [yaml.safe_load(b) for b in _blocks(text, "yaml") if "\njobs:" in b]


def _runs(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]


def _install_command() -> str:
    (command,) = [line for b in _blocks(README, "sh") for line in b.splitlines() if "git+" in line]
    return command


def _git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _checkout() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout of rcm (an sdist): no commit to pin")


# --- installing -------------------------------------------------------------------------


def test_no_recipe_installs_rcm_from_pypi():
    """'pip install rcmcli' finds nothing: rcm is not on PyPI."""
    for name, text in (("README.md", README), ("docs/site.md", SITE_DOC)):
        assert not re.search(r"pip install (-\S+ )*rcmcli(\s|$)", text), name


def test_the_install_command_names_the_repository_and_a_commit():
    command = _install_command()
    assert re.fullmatch(rf'pip install "rcmcli @ git\+{re.escape(URL)}@[0-9a-f]{{40}}"', command), command
    for workflow in _workflows(README):
        installs = [run for run in _runs(workflow) if "pip install" in run]
        assert installs == [command], workflow["name"]
    assert command.split()[-1].strip('"').replace("rcmcli @ ", "") in SITE_DOC  # docs/site.md says how too
    assert "wherever you get it" not in SITE_DOC


@needs_git
def test_every_pinned_commit_exists():
    """The install command's and the pre-commit snippet's commit are commits of rcm."""
    _checkout()
    shas = set(re.findall(r"rcm@([0-9a-f]{40})", README)) | set(re.findall(r"rev: ([0-9a-f]{40})", README))
    shas |= set(re.findall(r"rev: ([0-9a-f]{40})", (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")))
    assert len(shas) == 1, shas  # one commit, said once
    (sha,) = shas
    try:
        _git("cat-file", "-e", f"{sha}^{{commit}}", cwd=ROOT)
    except subprocess.CalledProcessError:
        if _git("rev-parse", "--is-shallow-repository", cwd=ROOT) == "true":
            pytest.skip("a shallow clone: older commits are not here")
        raise
    assert "v0.1.0" not in README


# --- GitHub Actions ------------------------------------------------------------------------


def test_workflows_are_valid_yaml_with_steps():
    workflows = _workflows(README) + _workflows(SITE_DOC)
    assert {w["name"] for w in workflows} == {"agenda-diff", "agendas", "Publish the agendas"}
    for workflow in workflows:
        assert workflow.get(True) or workflow.get("on"), workflow["name"]  # YAML 1.1 reads 'on' as True
        for job in workflow["jobs"].values():
            assert job["runs-on"] == "ubuntu-latest" or "needs" in job
            assert all(("uses" in step) != ("run" in step) for step in job["steps"])


def _rcm_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    rcm = shutil.which("rcm", path=os.path.dirname(sys.executable)) or shutil.which("rcm")
    if rcm is None:
        pytest.skip("the rcm command is not installed (pip install .)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_") and k != "COLUMNS"}
    env.update({"PATH": os.path.dirname(rcm) + os.pathsep + env.get("PATH", ""), "LANG": "C.UTF-8", "GITHUB_OUTPUT": str(tmp_path / "output"), **extra})
    return env


def _expand(run: str, values: dict[str, str]) -> str:
    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: values[m.group(1)], run)


def _secretariat(tmp_path: Path, agenda: str) -> Path:
    repo = tmp_path / "repo"
    (repo / "agendas").mkdir(parents=True)
    (repo / "agendas" / "iv.yaml").write_text(agenda, encoding="utf-8")
    return repo


@pytest.mark.parametrize("agenda, code", [(GOOD, 0), (BAD, 1)])
def test_the_validate_workflow_runs_as_written(agenda, code, tmp_path):
    (workflow,) = [w for w in _workflows(README) if w["name"] == "agendas"]
    runs = [r for r in _runs(workflow) if r.startswith("rcm ")]
    assert runs == ["rcm --data . agenda validate agendas/"]
    repo = _secretariat(tmp_path, agenda)
    env = _rcm_env(tmp_path, GITHUB_ACTIONS="true")
    proc = subprocess.run(["bash", "-e", "-c", runs[0]], cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == code, proc.stderr
    if code:
        assert proc.stdout.startswith("::error file=agendas/iv.yaml,line=11,") and "T003" in proc.stdout


@needs_git
def test_the_diff_workflow_runs_as_written(tmp_path):
    (workflow,) = [w for w in _workflows(README) if w["name"] == "agenda-diff"]
    (step,) = [s for s in workflow["jobs"]["diff"]["steps"] if "agenda diff" in s.get("run", "")]
    repo = _secretariat(tmp_path, GOOD)
    _git("init", "-q", "-b", "main", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-qm", "IV Plenary", cwd=repo)
    _git("update-ref", "refs/remotes/origin/main", "HEAD", cwd=repo)  # what actions/checkout fetches
    (repo / "agendas" / "iv.yaml").write_text(MOVED, encoding="utf-8")
    script = _expand(step["run"], {"github.base_ref": "main"})
    proc = subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=_rcm_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "output").read_text(encoding="utf-8") == "changed=1\n"
    report = (repo / "diff.md").read_text(encoding="utf-8")
    assert "Session 2" in report and "10:30" in report


def test_the_site_workflow_runs_as_written(tmp_path):
    (workflow,) = _workflows(SITE_DOC)
    runs = [r for r in _runs(workflow) if r.startswith("rcm ")]
    assert runs[0] == "rcm agenda validate" and runs[1].startswith("rcm site build -o site/ ")
    values = {"github.repository_owner": "rcm-secretariat", "github.event.repository.name": "agendas"}
    env = _rcm_env(tmp_path, SOURCE_DATE_EPOCH="1700000000")
    for run in runs:
        proc = subprocess.run(["bash", "-e", "-c", _expand(run, values)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, (run, proc.stderr)
    index = (tmp_path / "site" / "en" / "plenary-ii-2021.html").read_text(encoding="utf-8")
    assert "webcal://rcm-secretariat.github.io/agendas/" in index


# --- pre-commit ---------------------------------------------------------------------------


def _pre_commit() -> list[str]:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise  # the test extras install it: under CI its absence is a failure
        pytest.skip("pre-commit is not installed (pip install -c constraints.txt '.[test]')")
    return [sys.executable, "-m", "pre_commit"]


@pytest.mark.slow
@needs_git
def test_the_pre_commit_snippet_fails_on_a_bad_agenda(tmp_path):
    """The README's .pre-commit-config.yaml, pointed at a clone of this repository at
    its HEAD: the hook installs, fails on a bad agenda and names the problem."""
    _checkout()
    command = _pre_commit()
    (snippet,) = [b for b in _blocks(README, "yaml") if "rcm-validate" in b]
    config = yaml.safe_load(snippet)
    (repo_entry,) = config["repos"]
    assert repo_entry["repo"] == URL and re.fullmatch(r"[0-9a-f]{40}", repo_entry["rev"])
    clone = tmp_path / "rcm"
    _git("clone", "-q", str(ROOT), str(clone), cwd=tmp_path)
    repo_entry.update(repo=str(clone), rev=_git("rev-parse", "HEAD", cwd=clone))
    project = _secretariat(tmp_path, BAD)
    (project / "notes.yaml").write_text("not: an agenda\n", encoding="utf-8")  # outside files: not checked
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git("init", "-q", cwd=project)
    _git("add", "-A", cwd=project)
    env = {**_rcm_env(tmp_path), "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    proc = subprocess.run([*command, "run", "--all-files"], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "rcm agenda validate" in proc.stdout and "Failed" in proc.stdout
    assert "agendas/iv.yaml:11:" in proc.stdout and "T003" in proc.stdout and "notes.yaml" not in proc.stdout
    (project / "agendas" / "iv.yaml").write_text(GOOD, encoding="utf-8")
    proc = subprocess.run([*command, "run", "--all-files"], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0 and "Passed" in proc.stdout, proc.stdout + proc.stderr
