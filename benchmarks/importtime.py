#!/usr/bin/env python3
"""Import profile: ``python -X importtime`` run several times, medians per module.

    python benchmarks/importtime.py                      # import rcmcli.cli.entry
    python benchmarks/importtime.py --top 15 --runs 7
    python benchmarks/importtime.py -- -m rcmcli agenda show plenary-ii-2021 -f json

Prints a markdown table of the modules with the largest cumulative import time
(median over the runs, in ms), with their self time and nesting depth. Byte code is
cached in a temporary ``PYTHONPYCACHEPREFIX`` (one warm-up run writes it), so the
figures are those of an installed rcm, not of a first run that compiles sources.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict


def profile(args: list[str], runs: int, cache: str) -> tuple[dict[str, list[int]], dict[str, list[int]], dict[str, int], list[int]]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    cumulative: dict[str, list[int]] = defaultdict(list)
    self_: dict[str, list[int]] = defaultdict(list)
    depth: dict[str, int] = {}
    totals = []
    for i in range(runs + 1):
        p = subprocess.run([sys.executable, "-X", "importtime", *args], env=env, capture_output=True, text=True)
        if i == 0:
            continue  # warm-up: writes the .pyc files
        total = 0
        for line in p.stderr.splitlines():
            if not line.startswith("import time:"):
                continue
            head, cum, name = line.split("|")
            try:
                s = int(head.split(":")[1])
            except ValueError:
                continue  # the header line
            key = name.strip()
            self_[key].append(s)
            cumulative[key].append(int(cum))
            depth[key] = (len(name) - len(name.lstrip()) - 1) // 2
            total += s
        totals.append(total)
    return cumulative, self_, depth, totals


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("command", nargs="*", help="arguments after `python -X importtime` (default: -c 'import rcmcli.cli.app')")
    a = ap.parse_args()
    args = a.command or ["-c", "import rcmcli.cli.entry"]
    with tempfile.TemporaryDirectory(prefix="rcm-importtime-") as cache:
        cumulative, self_, depth, totals = profile(args, a.runs, cache)
    med = {k: statistics.median(v) for k, v in cumulative.items()}
    print(f"`python -X importtime {' '.join(args)}`: {a.runs} runs; total import time (sum of self times), "
          f"median {statistics.median(totals) / 1000:.1f} ms (min {min(totals) / 1000:.1f}, max {max(totals) / 1000:.1f})\n")
    print("| # | module | cumulative ms (median) | self ms (median) | depth |")
    print("| ---: | --- | ---: | ---: | ---: |")
    for i, (name, us) in enumerate(sorted(med.items(), key=lambda kv: -kv[1])[: a.top], 1):
        print(f"| {i} | `{name}` | {us / 1000:.1f} | {statistics.median(self_[name]) / 1000:.1f} | {depth[name]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
