"""CI smoke check: the benchmark runner works end to end (tiny inputs, no timing assertion)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs the benchmark scripts: `-m "not slow"` leaves it out

RUNNER = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"


@pytest.mark.skipif(sys.platform == "win32", reason="the runner uses a pseudo-terminal (POSIX)")
def test_quick_benchmark_runs_and_prints_the_targets_table(tmp_path):
    out = tmp_path / "quick.md"
    result = subprocess.run(
        [sys.executable, str(RUNNER), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    table = out.read_text(encoding="utf-8")
    for figure in ("rcm --version", "validate the corpus", "validate one big agenda", "export one big agenda"):
        assert figure in table
    assert "Traceback" not in result.stdout + result.stderr


def test_plan_benchmark_runs(tmp_path):
    script = Path(__file__).resolve().parents[1] / "benchmarks" / "plan.py"
    result = subprocess.run([sys.executable, str(script), "--quick", "--repeat", "1"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "plan(): 31 dates x 23 capitals x 96 starts" in result.stdout
