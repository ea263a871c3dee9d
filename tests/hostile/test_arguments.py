"""Hostile arguments and configuration: what a person types, not what a file holds.

Each case once ended in exit 3 (a bug) or did something rcm should have refused.
The answer is always exit 2 with one line that names the bad value; expected
positions and ranges are counted by hand from the text given here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rcmcli.cli.entry import main
from rcmcli.core.catalog import bundled_dir

II = "plenary-ii-2021"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, *args: str) -> str:
    """Exit 2 and one 'rcm: error:' line, never a bug; the line is returned."""
    code, _out, err = run(capsys, *args)
    assert code == 2, err
    assert err.startswith("rcm: error: ") and err.count("\n") == 1, err
    assert "internal error" not in err and "Traceback" not in err, err
    return err


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with agendas/iv.yaml (the II Plenary) committed once; the working folder."""
    (tmp_path / "agendas").mkdir()
    shutil.copy(bundled_dir() / "meetings" / f"{II}.yaml", tmp_path / "agendas" / "iv.yaml")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "first")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- agenda diff REV:PATH ------------------------------------------------------------


@needs_git
@pytest.mark.parametrize(
    "spec, words",
    [
        ("-c:agendas/iv.yaml", "starts with '-'"),
        ("--output=x.yaml:agendas/iv.yaml", "starts with '-'"),
        ("HEAD:-c", "starts with '-'"),
        ("HEAD:", "REV:PATH"),
        ("HEAD~1:", "REV:PATH"),
        (":agendas/iv.yaml", "REV:PATH"),
        ("HEAD:agendas/iv.yaml\nrcm: error: forged", "line breaks"),
        ("HEAD:agendas/\x1b[2Jiv.yaml", "control characters"),
    ],
)
def test_diff_refuses_a_revision_git_must_not_see(capsys, repo: Path, spec: str, words: str) -> None:
    err = refused(capsys, "agenda", "diff", "--", spec, "agendas/iv.yaml")
    assert words in err
    assert "git show failed" not in err  # refused before git runs


@needs_git
def test_diff_refuses_a_nul_in_the_revision_before_git(capsys, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A NUL cannot reach argv from a shell; a caller of the function can pass one."""
    from rcmcli.cli import cmd_revision
    from rcmcli.core.catalog import Catalog
    from rcmcli.core.errors import UsageError

    with pytest.raises(UsageError, match="control characters"):
        cmd_revision.load_side(Catalog(bundled_dir()), "HEAD:agendas/iv\0.yaml")


@needs_git
def test_diff_reads_a_committed_revision(capsys, repo: Path) -> None:
    code, _out, err = run(capsys, "agenda", "diff", "HEAD:agendas/iv.yaml", "agendas/iv.yaml")
    assert (code, err) == (0, "")


@needs_git
def test_diff_stops_reading_a_blob_at_the_size_limit(capsys, repo: Path) -> None:
    (repo / "agendas" / "big.yaml").write_bytes(b"x: " + b"y" * 5000 + b"\n")  # 5,004 bytes
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "big")
    (repo / ".rcm.toml").write_text("[limits]\nmax_bytes = 4096\n", encoding="utf-8")
    err = refused(capsys, "agenda", "diff", "HEAD:agendas/big.yaml", "agendas/iv.yaml")
    assert err.startswith("rcm: error: HEAD:agendas/big.yaml: file is more than 4,096 bytes"), err
    assert "[tool.rcm.limits] max_bytes" in err
    (repo / ".rcm.toml").write_text("[limits]\nmax_bytes = 5004\n", encoding="utf-8")  # the limit itself passes
    err = refused(capsys, "agenda", "diff", "HEAD:agendas/big.yaml", "agendas/iv.yaml")
    assert "max_bytes" not in err  # read whole; refused as an agenda, not for its size


@needs_git
@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="VmHWM is read from Linux's /proc")
def test_diff_of_a_large_blob_holds_about_the_limit_in_memory(repo: Path) -> None:
    """A 40 MB blob under a 1 MB limit: git is stopped after 1 MB, so rcm's peak memory
    stays far below the blob (reading git's whole output used to cost twice its size).

    The peak is VmHWM, which starts afresh at exec; getrusage's ru_maxrss would carry
    over the peak of the test process that forked the probe."""
    (repo / "agendas" / "huge.yaml").write_bytes(b"x: '" + b"y" * (40 << 20) + b"'\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "huge")
    (repo / "agendas" / "huge.yaml").unlink()
    (repo / ".rcm.toml").write_text("[limits]\nmax_bytes = 1048576\n", encoding="utf-8")
    probe = textwrap.dedent(
        """
        from rcmcli.cli.entry import main
        code = main(["agenda", "diff", "HEAD:agendas/huge.yaml", "agendas/iv.yaml"])
        peak = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:"))
        print(code, peak)
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_")}
    done = subprocess.run([sys.executable, "-c", probe], cwd=repo, capture_output=True, text=True, env=env, timeout=60)
    code, peak_kb = done.stdout.split()
    assert code == "2" and "file is more than 1,048,576 bytes" in done.stderr, done.stderr
    assert int(peak_kb) < 40 * 1024, f"peak {peak_kb} kB for a 40 MB blob"
