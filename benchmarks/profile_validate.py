#!/usr/bin/env python3
"""cProfile of ``rcm agenda validate`` over a generated corpus, in one process.

    python benchmarks/profile_validate.py                  # 1,000 files x 30 slots
    python benchmarks/profile_validate.py --files 100 --top 30 --sort tottime
    python benchmarks/profile_validate.py --big 10000      # one agenda of 10,000 slots

Generates the inputs (benchmarks/generate.py) into a temporary folder, runs the CLI's
``main`` under cProfile with output discarded, and prints the top functions (without
the chain of typer/click/cli.py wrappers common to every command, unless ``--all``).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--slots", type=int, default=30)
    ap.add_argument("--big", type=int, help="profile one agenda of this many slots instead of the corpus")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    ap.add_argument("--all", action="store_true", help="keep the CLI plumbing (typer, click, cli.py) in the table")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="rcm-profile-") as tmp:
        work = Path(tmp)
        if a.big:
            target = generate.big_agenda(work / "big.yaml", a.big)
            config = work / ".rcm.toml"
            config.write_text("[limits]\nmax_bytes = 1073741824\nmax_nodes = 100000000\n", encoding="utf-8")
            args = ["agenda", "validate", "--config", str(config), str(target)]
        else:
            generate.corpus(work / "corpus", a.files, a.slots)
            args = ["agenda", "validate", str(work / "corpus")]
        os.chdir(work)
        from rcmcli.cli.app import main as cli_main  # imported outside the profile

        prof = cProfile.Profile()
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink):
            prof.enable()
            code = cli_main(args)
            prof.disable()
    print(f"rcm {' '.join(args[:2])} -> exit {code}; {sink.getvalue().strip().splitlines()[-1] if sink.getvalue() else ''}")
    stats = pstats.Stats(prof)
    total = stats.total_tt
    print(f"total {total:.2f} s (under cProfile)\n")
    print("| # | function | calls | tottime s | cumtime s | cum % |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    key = 3 if a.sort == "cumulative" else 2
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][key])
    shown = 0
    for (filename, line, func), (cc, nc, tt, ct, _callers) in rows:
        if func.startswith("<") and func not in ("<genexpr>", "<listcomp>", "<lambda>"):
            continue  # <module>, <built-in method builtins.exec> and other wrappers
        where = _short(filename)
        if not a.all and (where.startswith(("typer/", "click/")) or where == "cli.py"):
            continue  # the same chain of wrappers above every command
        if where == "~":
            name = func
        else:
            name = f"{where}:{line}({func})"
        print(f"| {shown + 1} | `{name}` | {nc if nc == cc else f'{nc}/{cc}'} | {tt:.2f} | {ct:.2f} | {100 * ct / total:.0f} |")
        shown += 1
        if shown >= a.top:
            break
    return 0


def _short(filename: str) -> str:
    for marker in ("/src/rcmcli/", "/site-packages/", "/lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


if __name__ == "__main__":
    sys.exit(main())
