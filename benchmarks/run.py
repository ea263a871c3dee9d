#!/usr/bin/env python3
"""rcm's benchmark runner: every figure of the performance targets, each against its
baseline, in one run; prints a markdown table of medians and ratios.

    python benchmarks/run.py                 # full run (about 20 minutes: yamllint is slow)
    python benchmarks/run.py --quick         # CI smoke mode: tiny inputs, 1 repetition
    python benchmarks/run.py --repeat 5 --out benchmarks/out/results.md

Inputs are generated into a temporary folder (benchmarks/generate.py). Every command
runs as a child process of the interpreter running this script (``sys.executable``),
so rcm, yamllint and khal share one Python. Commands of a group run interleaved
(A B C, A B C, ...) so that a change in machine load hits subject and baseline alike;
the first round of the start-up group is a discarded warm-up. Wall time is measured
around each child; peak memory is the child's maximum resident set size as reported
by GNU ``/usr/bin/time -f %M`` (which wraps every command, baselines included).

The terminal-table case runs under a real pseudo-terminal (``pty``), 200 columns by
50 rows, so Rich takes its terminal code path (colour, box drawing) exactly as for a
person at a terminal; the other commands write to a file.

Byte-code caching: children run with ``PYTHONDONTWRITEBYTECODE`` unset and
``PYTHONPYCACHEPREFIX`` pointing into the temporary folder, so the warm-up writes the
``.pyc`` files a normal installation has (without writing into the source tree) and
measured runs do not re-compile modules. rcm keeps no cache of its own: every run
parses the catalog (docs/performance.md).

yamllint and khal are benchmark-only extras (``pip install -e '.[bench]'``); a
missing tool is reported as "not available", never an error. The runner exits 0
even when targets are missed, unless ``--fail-on-miss`` is given.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import platform
import pty
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Sizes:
    files: int  # agenda files in the corpus
    slots_per_file: int
    big: int  # slots in the big agenda
    huge: int  # slots in the huge agenda (10 x big: linear growth check)
    startup_repeat: int
    big_repeat: int


FULL = Sizes(files=1000, slots_per_file=30, big=10_000, huge=100_000, startup_repeat=7, big_repeat=3)
QUICK = Sizes(files=10, slots_per_file=30, big=200, huge=2_000, startup_repeat=1, big_repeat=1)


@dataclass
class Run:
    seconds: float
    rss_kb: int
    code: int


@dataclass
class Bench:
    key: str
    label: str
    argv: list[str]
    tty: bool = False
    env: dict[str, str] | None = None
    ok_codes: tuple[int, ...] = (0,)
    available: bool = True
    note: str = ""
    runs: list[Run] = field(default_factory=list)
    output: Path | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(r.seconds for r in self.runs) if self.runs else None

    @property
    def peak_kb(self) -> int | None:
        return max(r.rss_kb for r in self.runs) if self.runs else None

    @property
    def failed(self) -> bool:
        return any(r.code not in self.ok_codes for r in self.runs)


# ----------------------------------------------------------------------------- running


def _child_env(work: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("RCM_", "PYTHONPROFILE", "PYTHONTRACE", "PYTHONDEV", "PYTHONWARN"))
        and k not in ("NO_COLOR", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE", "COLUMNS", "LINES")
    }
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["COLUMNS"] = "200"
    env["LANG"] = "C.UTF-8"  # the language comes from the locale: every run in English unless --lang
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(name, None)
    env.setdefault("TERM", "xterm-256color")
    env.update(extra or {})
    return env


TIME = Path("/usr/bin/time")


def _wrapped(argv: list[str], rss_file: Path) -> list[str]:
    """Peak RSS through GNU time when present.

    ``ru_maxrss`` of a child we fork ourselves also counts the pages it shared with
    this (larger) process before ``exec``, so a tiny child would show the runner's
    size; ``/usr/bin/time`` is a small C program, so its child starts small.
    """
    if TIME.is_file():
        return [str(TIME), "-f", "%M", "-o", str(rss_file), *argv]
    return argv


def _rss(rss_file: Path, usage) -> int:
    try:
        return int(rss_file.read_text().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        return usage.ru_maxrss  # no GNU time: an upper bound (see _wrapped)


def run_once(bench: Bench, cwd: Path, env: dict[str, str]) -> Run:
    """Run one child to completion; wall time and its own peak RSS."""
    rss_file = cwd / ".rss"
    rss_file.unlink(missing_ok=True)
    argv = _wrapped(bench.argv, rss_file)
    start = time.perf_counter()
    if bench.tty:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, start_new_session=True)
        os.close(slave)
        chunks = []
        while True:  # drain the terminal, or the child blocks on a full pty buffer
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        _, status, usage = os.wait4(proc.pid, 0)
        if bench.output:
            bench.output.write_bytes(b"".join(chunks))
    else:
        out = bench.output.open("wb") if bench.output else subprocess.DEVNULL
        try:
            proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            if bench.output:
                out.close()
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4 already
    return Run(elapsed, _rss(rss_file, usage), proc.returncode)


def run_group(benches: list[Bench], repeat: int, warmup: int, cwd: Path, work: Path) -> None:
    """Interleaved rounds: every benchmark once per round; warm-up rounds discarded."""
    for round_ in range(warmup + repeat):
        for b in benches:
            if not b.available:
                continue
            tag = "warm-up" if round_ < warmup else f"{round_ - warmup + 1}/{repeat}"
            _progress(f"{b.key} ({tag})")
            try:
                r = run_once(b, cwd, _child_env(work, b.env))
            except OSError as exc:  # e.g. no pseudo-terminals in a container
                b.available, b.note, b.runs = False, f"could not run: {exc}", []
                continue
            if round_ >= warmup:
                b.runs.append(r)
            if r.code not in b.ok_codes:
                b.note = b.note or f"exit {r.code}: {_tail(b.output)}"


def _tail(path: Path | None) -> str:
    if not path or not path.exists():
        return ""
    text = path.read_bytes()[-400:].decode("utf-8", "replace").strip().splitlines()
    return text[-1][:160] if text else ""


def _progress(msg: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {msg}\n")
    sys.stderr.flush()


# ----------------------------------------------------------------------------- tools


def rcm_argv() -> list[str]:
    script = BIN / "rcm"
    if script.is_file():  # the console script users run, with this interpreter
        return [sys.executable, str(script)]
    return [sys.executable, "-m", "rcmcli"]


def probe(argv: list[str], cwd: Path, env: dict[str, str]) -> tuple[bool, str]:
    try:
        p = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, str(exc)
    msg = (p.stderr or p.stdout).strip().splitlines()
    return p.returncode == 0, (msg[-1][:160] if msg else f"exit {p.returncode}")


def khal_argv() -> list[str] | None:
    script = BIN / "khal"
    if script.is_file():
        return [sys.executable, str(script)]
    found = shutil.which("khal")
    return [found] if found else None


def tool_version(dist: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


# ----------------------------------------------------------------------------- the suite


@dataclass
class Target:
    figure: str
    subject: str  # bench key
    baseline: str | None  # bench key, or None for an absolute limit in seconds
    limit: float
    strict: bool = False  # "under" (<) rather than "at most" (<=)
    difference: bool = False  # subject minus baseline, in seconds (not a ratio)

    def measured(self, benches: dict[str, Bench]) -> tuple[float | None, str]:
        s = benches[self.subject]
        if not s.available or s.median is None:
            return None, f"n/a ({s.key}: {s.note or 'not available'})"
        if s.failed:
            return None, f"n/a ({s.key} failed: {s.note})"
        if self.baseline is None:
            return s.median, ""
        b = benches[self.baseline]
        if not b.available or b.median is None:
            return None, f"n/a (baseline {b.key}: {b.note or 'not available'})"
        if b.failed:
            return None, f"n/a (baseline {b.key} failed: {b.note})"
        return (s.median - b.median, "") if self.difference else (s.median / b.median, "")


TARGETS = [
    # The house issue's second round tightened these four and added the Spanish table's ratio.
    Target("`rcm --version` vs `python -c pass`", "version", "pass", 2.0),
    Target("`rcm --help` vs `python -c pass`", "help", "pass", 2.0),
    Target("show, table on a terminal, vs `python -c pass`", "show_table", "pass", 9.0),
    Target("show, `--format json`, vs `python -c pass`", "show_json", "pass", 6.0),
    Target("show in Spanish, table on a terminal, vs `python -c pass`", "show_table_es", "pass", 10.0),
    Target("show, table on a terminal, vs `khal list`", "show_table", "khal", 0.4),
    Target("show, `--format json`, vs `khal list`", "show_json", "khal", 0.5, strict=True),
    Target("show in Spanish, table on a terminal: time over English", "show_table_es", "show_table", 0.040, difference=True),
    Target("validate the corpus vs yamllint on the same files", "validate_corpus", "yamllint", 0.5),
    Target("validate one big agenda (seconds)", "validate_big", None, 2.0),
    Target("export one big agenda to .ics (seconds)", "ics_big", None, 2.0),
    Target("validate the huge agenda vs the big one (10x the slots)", "validate_huge", "validate_big", 10.0, strict=True),
]


def build(work: Path, sizes: Sizes) -> dict[str, Bench]:
    rcm = rcm_argv()
    out = work / "out"
    out.mkdir()
    _progress(f"generating {sizes.files} agendas x {sizes.slots_per_file} slots, {sizes.big:,} and {sizes.huge:,} slots")
    corpus = work / "corpus"
    generate.corpus(corpus, sizes.files, sizes.slots_per_file)
    big = generate.big_agenda(work / f"agenda-{sizes.big}.yaml", sizes.big)
    huge = generate.big_agenda(work / f"agenda-{sizes.huge}.yaml", sizes.huge)
    # The huge agenda is beyond the default input limits (16 MiB, 2,000,000 nodes):
    # both agenda validations use the same raised limits, so their ratio is fair.
    config = work / ".rcm.toml"
    config.write_text("[limits]\nmax_bytes = 1073741824\nmax_nodes = 100000000\n", encoding="utf-8")

    show = [*rcm, "agenda", "show", "plenary-ii-2021", "--tz", "Buenos_Aires"]
    validate = [*rcm, "agenda", "validate"]
    files, per_file = f"{sizes.files:,} files", f"{sizes.slots_per_file} slots"
    benches = [
        Bench("pass", "`python -c pass`", [sys.executable, "-c", "pass"]),
        Bench("version", "`rcm --version`", [*rcm, "--version"]),
        Bench("help", "`rcm --help`", [*rcm, "--help"]),
        Bench("show_table", "`rcm agenda show plenary-ii-2021 --tz Buenos_Aires` (pty)", show, tty=True),
        Bench("show_json", "`rcm agenda show plenary-ii-2021 --tz Buenos_Aires --format json`", [*show, "--format", "json"]),
        Bench("show_table_es", "`rcm agenda show plenary-ii-2021 --tz Buenos_Aires --lang es` (pty)", [*show, "--lang", "es"], tty=True),
        Bench("khal", "`khal -c khal.conf list 2021-09-09 2d`", []),
        Bench(
            "yamllint",
            f"`python -m yamllint -d relaxed` on {files}",
            [sys.executable, "-m", "yamllint", "-d", "relaxed", str(corpus)],
        ),
        Bench("validate_corpus", f"`rcm agenda validate` on {files} x {per_file}", [*validate, str(corpus)]),
        Bench(
            "validate_big",
            f"`rcm agenda validate` one agenda of {sizes.big:,} slots",
            [*validate, "--config", str(config), str(big)],
        ),
        Bench(
            "ics_big",
            f"`rcm agenda ics` one agenda of {sizes.big:,} slots",
            [*rcm, "agenda", "ics", str(big), "-o", str(out / "big.ics")],
        ),
        Bench(
            "validate_huge",
            f"`rcm agenda validate` one agenda of {sizes.huge:,} slots",
            [*validate, "--config", str(config), str(huge)],
        ),
    ]
    by_key = {b.key: b for b in benches}
    for b in benches:
        b.output = out / f"{b.key}.out"
    env = _child_env(work)

    # khal: a vdir calendar with the II Plenary, its own config, data and cache dirs.
    khal = by_key["khal"]
    k = khal_argv()
    if k is None:
        khal.available, khal.note = False, "not installed (pip install khal)"
    else:
        conf = generate.khal_setup(work / "khal")
        xdg = {f"XDG_{d}_HOME": str(work / "khal" / d.lower()) for d in ("CONFIG", "DATA", "CACHE")}
        khal.argv, khal.env = [*k, "-c", str(conf), "list", "2021-09-09", "2d"], xdg
        ok, msg = probe(khal.argv, work, {**env, **xdg})  # also fills khal's event cache
        if not ok:
            khal.available, khal.note = False, f"cannot run: {msg}"

    yl = by_key["yamllint"]
    ok, msg = probe([sys.executable, "-m", "yamllint", "--version"], work, env)
    if not ok:
        yl.available, yl.note = False, f"not installed (pip install -e '.[bench]'): {msg}"

    ics = by_key["ics_big"]
    ok, msg = probe([*rcm, "agenda", "ics", "--help"], work, env)
    if not ok:
        ics.available, ics.note = False, "not available (`rcm agenda ics --help` failed)"
    return by_key


GROUPS = {
    "startup": ("pass", "version", "help", "show_table", "show_json", "show_table_es", "khal"),
    "corpus": ("yamllint", "validate_corpus"),
    "big": ("validate_big", "ics_big", "validate_huge"),
}


def run_suite(work: Path, sizes: Sizes, startup_repeat: int, big_repeat: int, groups: list[str]) -> dict[str, Bench]:
    b = build(work, sizes)
    for name in GROUPS:
        if name not in groups:
            for key in GROUPS[name]:
                b[key].available, b[key].note = False, "skipped (--groups)"
    # Start-up: one discarded warm-up round (writes .pyc files, fills the page cache).
    run_group([b[k] for k in GROUPS["startup"]], startup_repeat, 1, work, work)
    # Throughput: the inputs were just written, so they are in the page cache already.
    run_group([b[k] for k in GROUPS["corpus"]], big_repeat, 0, work, work)
    run_group([b[k] for k in GROUPS["big"]], big_repeat, 0, work, work)
    return b


# ----------------------------------------------------------------------------- imports


HEAVY = ["typer", "pydantic", "rich", "icalendar", "yaml", "dateutil", "rcmcli.lint.rules", "rcmcli.export.ics"]


def import_profile(work: Path) -> list[tuple[str, float, str]]:
    """Per command: total import time (ms, -X importtime) and which heavy packages load."""
    rcm = rcm_argv()[1:]  # run as `python -X importtime <script> ...`
    show = [*rcm, "agenda", "show", "plenary-ii-2021", "--tz", "Buenos_Aires"]
    cases = [
        ("`rcm --version`", [*rcm, "--version"]),
        ("`rcm --help`", [*rcm, "--help"]),
        ("`rcm agenda show ...` (table, not a terminal)", show),
        ("`rcm agenda show ... --format json`", [*show, "-f", "json"]),
        ("`rcm agenda validate <one file>`", [*rcm, "agenda", "validate", str(next((work / "corpus").glob("*.yaml")))]),
        ("`rcm agenda ics plenary-ii-2021`", [*rcm, "agenda", "ics", "plenary-ii-2021", "-o", str(work / "out" / "p.ics")]),
    ]
    rows = []
    for label, args in cases:
        p = subprocess.run([sys.executable, "-X", "importtime", *args], cwd=work, env=_child_env(work), capture_output=True, text=True)
        total, loaded = 0, set()
        for line in p.stderr.splitlines():
            if not line.startswith("import time:") or "|" not in line:
                continue
            parts = line.split("|")
            try:
                self_us = int(parts[0].split(":")[1])
            except ValueError:
                continue  # header line
            total += self_us
            name = parts[2].strip()
            for h in HEAVY:
                if name == h or name.startswith(h + "."):
                    loaded.add(h)
        rows.append((label, total / 1000, ", ".join(h for h in HEAVY if h in loaded) or "none"))
    return rows


# ----------------------------------------------------------------------------- report


def _fmt_s(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s"


def _fmt_mb(kb: int | None) -> str:
    return "–" if kb is None else f"{kb / 1024:.0f} MB"


def verdicts(benches: dict[str, Bench]) -> list[tuple[Target, float | None, str]]:
    out = []
    for t in TARGETS:
        value, why = t.measured(benches)
        if value is None:
            out.append((t, None, why))
            continue
        ok = value < t.limit if t.strict else value <= t.limit
        if ok:
            out.append((t, value, "met"))
        else:
            out.append((t, value, f"**missed** ({value / t.limit:.1f}x the limit)"))
    return out


def machine(load_at_start: tuple) -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import yaml

        libyaml = "yes" if getattr(yaml, "__with_libyaml__", False) else "no"
    except ImportError:
        libyaml = "PyYAML missing"
    load = " / ".join(f"{x:.2f}" for x in load_at_start)
    return [
        f"- CPU: {cpu}; nproc: {os.cpu_count()}; load average at start: {load}",
        f"- Python {platform.python_version()} ({sys.executable}), {platform.platform()}",
        f"- rcmcli {tool_version('rcmcli')}, typer {tool_version('typer')}, pydantic {tool_version('pydantic')}, "
        f"rich {tool_version('rich')}, PyYAML {tool_version('PyYAML')} (libyaml: {libyaml}), icalendar {tool_version('icalendar')}",
        f"- baselines: yamllint {tool_version('yamllint')}, khal {tool_version('khal')}",
    ]


def report(
    benches: dict[str, Bench], sizes: Sizes, quick: bool, imports: list[tuple[str, float, str]], argv: list[str], load: tuple
) -> str:
    lines = ["## rcm benchmark results", ""]
    if quick:
        lines += ["**Quick mode** (CI smoke check): reduced inputs and 1 repetition; the ratios are not the targets' figures.", ""]
    lines += [f"Command: `python benchmarks/{' '.join(['run.py', *argv])}`", ""]
    lines += machine(load)
    lines += [
        f"- inputs: {sizes.files:,} agendas x {sizes.slots_per_file} slots; one agenda of {sizes.big:,} slots; one of {sizes.huge:,} slots",
        "",
        "### Targets",
        "",
        "| figure | measured | target | verdict |",
        "| --- | ---: | ---: | --- |",
    ]
    for t, value, verdict in verdicts(benches):
        if t.difference:
            measured = "–" if value is None else f"{'+' if value >= 0 else '−'}{abs(value) * 1000:.0f} ms"
            target = f"{'<' if t.strict else '≤'} +{t.limit * 1000:g} ms"
        elif t.baseline is None:
            measured, target = _fmt_s(value), f"{'<' if t.strict else '≤'} {t.limit:g} s"
        else:
            measured = "–" if value is None else f"{value:.2f}x"
            target = f"{'<' if t.strict else '≤'} {t.limit:g}x"
        lines.append(f"| {t.figure} | {measured} | {target} | {verdict} |")
    lines += [
        "",
        "### Timings (medians of interleaved runs)",
        "",
        "| key | command | runs | median | min | max | peak RSS | note |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for b in benches.values():
        if not b.runs:
            lines.append(f"| {b.key} | {b.label} | 0 | – | – | – | – | {b.note or 'not available'} |")
            continue
        secs = [r.seconds for r in b.runs]
        lines.append(
            f"| {b.key} | {b.label} | {len(b.runs)} | {_fmt_s(b.median)} | {_fmt_s(min(secs))} | {_fmt_s(max(secs))} "
            f"| {_fmt_mb(b.peak_kb)} | {b.note} |"
        )
    if imports:
        lines += [
            "",
            "### What each command imports (`python -X importtime`, one run)",
            "",
            "| command | import time (sum of self times) | heavy packages loaded |",
            "| --- | ---: | --- |",
        ]
        lines += [f"| {label} | {ms:.0f} ms | {loaded} |" for label, ms, loaded in imports]
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="CI smoke mode: tiny inputs, 1 repetition, well under a minute")
    ap.add_argument("--repeat", type=int, metavar="N", help="runs per benchmark (default: 7 start-up, 3 big)")
    ap.add_argument("--out", metavar="FILE", help="also write the markdown report to FILE")
    ap.add_argument("--workdir", metavar="DIR", help="generate inputs here and keep them (default: a temporary folder)")
    ap.add_argument("--groups", default=",".join(GROUPS), help=f"comma-separated subset of: {', '.join(GROUPS)} (default: all)")
    ap.add_argument("--no-imports", action="store_true", help="skip the -X importtime section")
    ap.add_argument("--fail-on-miss", action="store_true", help="exit 1 when a target is missed (never in --quick)")
    args = ap.parse_args(argv)
    if args.repeat is not None and args.repeat < 1:
        ap.error("--repeat must be at least 1")
    groups = [g.strip() for g in args.groups.split(",") if g.strip()]
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        ap.error(f"unknown group(s) {', '.join(unknown)}; choose from {', '.join(GROUPS)}")

    sizes = QUICK if args.quick else FULL
    startup_repeat = args.repeat or sizes.startup_repeat
    big_repeat = args.repeat or sizes.big_repeat
    if args.workdir:
        work = Path(args.workdir).resolve()
        if work.exists() and any(work.iterdir()):
            ap.error(f"--workdir {work} is not empty")
        work.mkdir(parents=True, exist_ok=True)
        cleanup: Callable[[], None] = lambda: None  # noqa: E731
    else:
        work = Path(tempfile.mkdtemp(prefix="rcm-bench-"))
        cleanup = lambda: shutil.rmtree(work, ignore_errors=True)  # noqa: E731
    try:
        started, load_at_start = time.perf_counter(), os.getloadavg()
        benches = run_suite(work, sizes, startup_repeat, big_repeat, groups)
        imports = [] if args.no_imports else import_profile(work)
        text = report(benches, sizes, args.quick, imports, argv, load_at_start)
        text += f"\nTotal run time {time.perf_counter() - started:.0f} s; load average at end: " + " / ".join(
            f"{x:.2f}" for x in os.getloadavg()
        ) + "\n"
    finally:
        cleanup()
    sys.stdout.write(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")
    missed = any("missed" in v for _, _, v in verdicts(benches))
    return 1 if (missed and args.fail_on_miss and not args.quick) else 0


if __name__ == "__main__":
    sys.exit(main())
