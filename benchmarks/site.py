"""Time `rcm site build`: the bundled catalog (3 meetings) and N generated meetings.

    python benchmarks/site.py              # bundled, then 500 generated meetings
    python benchmarks/site.py --meetings 50 --repeat 1

Each build runs as its own process (``python -m rcmcli site build``); the script
prints the median wall time and the CPU time (user + system of the build and its
workers) of ``--repeat`` runs. Targets (issue "Publish the agenda on the web"):
under 1 s for the bundled catalog, under 20 s for 500 meetings.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

ROOT = HERE.parent


def one_build(args: list[str], out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one build into a new folder."""
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rcmcli", *args, "-o", str(out)], check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(label: str, args: list[str], out: Path, repeat: int, limit: float) -> None:
    runs = [one_build(args, out) for _ in range(repeat)]
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    files = sum(1 for p in out.rglob("*") if p.is_file())
    verdict = "met" if wall < limit else "MISSED"
    print(f"| {label} | {files:,} | {wall:.2f} s | {cpu:.2f} s | < {limit:g} s: {verdict} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--meetings", type=int, default=500)
    ap.add_argument("--slots", type=int, default=10, help="slots per generated meeting")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="rcm-site-bench-") as tmp:
        work = Path(tmp)
        generate.corpus(work / "data" / "meetings", a.meetings, a.slots)
        shutil.copy(ROOT / "data" / "members.yaml", work / "data" / "members.yaml")
        print(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs")
        print("| build | files | wall (median) | CPU | target |")
        print("|---|---:|---:|---:|---|")
        measure("bundled catalog (3 meetings, 4 languages)", ["site", "build"], work / "s1", a.repeat, 1.0)
        label = f"{a.meetings} generated meetings x {a.slots} slots, 4 languages"
        measure(label, ["--data", str(work / "data"), "site", "build"], work / "s2", a.repeat, 20.0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
