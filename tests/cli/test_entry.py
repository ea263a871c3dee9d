"""The ``rcm`` program (:func:`rcmcli.cli.entry.run`): how the process ends.

It skips tearing the interpreter down once the output is flushed, unless something
still has to run at exit. These run real processes: what matters is what reaches
the pipe and which exit code the shell sees.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

II = "plenary-ii-2021"


def _program(tmp_path: Path, prelude: str, *argv: str) -> subprocess.CompletedProcess:
    """``rcm ARGV`` as the console script runs it, after ``prelude`` (Python)."""
    script = tmp_path / "rcm_program.py"
    script.write_text(f"import sys\n{prelude}\nfrom rcmcli.cli.entry import run\nsys.argv = ['rcm', *{list(argv)!r}]\nrun()\n", encoding="utf-8")
    env = {**os.environ, "COLUMNS": "120", "RCM_TODAY": "2026-01-01"}
    env.pop("RCM_LANG", None)
    return subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, timeout=120)


def test_a_large_output_reaches_a_pipe_whole(tmp_path: Path):
    done = _program(tmp_path, "", "agenda", "times", II, "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)  # every byte flushed before the process ended
    assert data["meeting"]["id"] == II


@pytest.mark.parametrize("argv, code", [(("agenda", "show", "no-such-meeting"), 2), (("agenda", "show", II), 0)])
def test_the_exit_code_is_the_commands(tmp_path: Path, argv: tuple[str, ...], code: int):
    done = _program(tmp_path, "", *argv)
    assert done.returncode == code, done.stderr


def test_a_function_registered_at_exit_still_runs(tmp_path: Path):
    prelude = "import atexit\natexit.register(lambda: print('at exit', flush=True))"
    done = _program(tmp_path, prelude, "agenda", "show", II, "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().rstrip().endswith("at exit")


def test_a_thread_still_running_is_waited_for(tmp_path: Path):
    prelude = (
        "import threading, time\n"
        "def late():\n    time.sleep(0.3); print('thread done', flush=True)\n"
        "threading.Thread(target=late).start()"
    )
    done = _program(tmp_path, prelude, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().rstrip().endswith("thread done")


def test_a_reader_that_goes_away_is_not_an_error(tmp_path: Path):
    """`rcm agenda times --format json | head -c 10`: no traceback, no complaint at exit."""
    script = tmp_path / "head.sh"
    script.write_text(f"{sys.executable} -m rcmcli agenda times {II} --format json | head -c 10 >/dev/null\n", encoding="utf-8")
    done = subprocess.run(["sh", str(script)], cwd=tmp_path, capture_output=True, timeout=120)
    assert done.stderr == b""


def test_one_garbage_collection_policy() -> None:
    """The collector is never switched off: the process only runs it less often (docs/decisions.md)."""
    import re
    from pathlib import Path

    import rcmcli
    from rcmcli.cli.entry import GC_THRESHOLDS

    root = Path(rcmcli.__file__).parent
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py") if re.search(r"gc\.(disable|freeze)\(", p.read_text(encoding="utf-8"))]
    assert offenders == []
    setters = [str(p.relative_to(root)) for p in root.rglob("*.py") if "gc.set_threshold(" in p.read_text(encoding="utf-8")]
    assert setters == ["cli/entry.py"]
    assert GC_THRESHOLDS[0] >= 700
