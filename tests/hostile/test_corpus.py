"""The hostile corpus: every file in cases/ (and every generated one in gen.py) through
``rcm agenda validate`` and ``rcm agenda show`` in a real subprocess.

Acceptance (the issue): exit 1 or 2 (0 for the few inputs that must be accepted),
a message naming the file, no traceback, done in under ten seconds. Expected codes,
lines and exits are in expected.yaml; known bugs in src/ are strict xfails there.

Also here: the limits of src/rcmcli/yamlsrc.py (and [tool.rcm.limits]), the refusal
of Python tags, and a check that no value can reach eval or a shell.
"""

from __future__ import annotations

import ast
import builtins
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow  # every hostile file through the command line, in subprocesses: `-m "not slow"` leaves it out

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
SRC = HERE.parent.parent / "src" / "rcmcli"
MANIFEST: dict[str, dict] = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
TIME_LIMIT = 10.0  # seconds, per command, from the issue


def _load_gen():
    spec = importlib.util.spec_from_file_location("rcm_hostile_gen", HERE / "gen.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while building the class
    spec.loader.exec_module(module)
    return module


gen = _load_gen()

VALID_EXITS = {"validate": (0, 1), "show": (0, 2)}
KEYS = {"what", "validate", "show", "codes", "absent", "xfail"}


# --- running rcm --------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    seconds: float

    @property
    def text(self) -> str:
        return self.out + self.err


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_") and k != "GITHUB_ACTIONS"}
    env.update(NO_COLOR="1", COLUMNS="200", PYTHONIOENCODING="utf-8")
    return env


def rcm(args: list[str], cwd: Path) -> Run:
    """``python -m rcmcli ARGS`` with a generous hard timeout; the 10 s limit is asserted."""
    start = time.monotonic()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "rcmcli", *args],
            cwd=cwd,
            env=_env(),
            capture_output=True,
            timeout=60,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"rcm {' '.join(args)} still running after {exc.timeout} s")
    return Run(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
        time.monotonic() - start,
    )


COMMANDS = {
    "validate": lambda path: ["agenda", "validate", "-f", "parsable", str(path)],
    "show": lambda path: ["agenda", "show", "-f", "json", str(path)],
}


@pytest.fixture(scope="session")
def workdir(tmp_path_factory) -> Path:
    """Where rcm runs: an empty .rcm.toml pins the default configuration, so no
    pyproject.toml further up can change what is checked."""
    folder = tmp_path_factory.mktemp("rcm-cwd")
    (folder / ".rcm.toml").write_text("", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def corpus_runs(request, workdir):
    """All selected (case, command) runs, started at once on a small pool."""
    wanted = set()
    for item in request.session.items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if item.module.__name__ == __name__ and "name" in params and "command" in params:
            wanted.add((params["name"], params["command"]))
    pool = ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1)))
    futures: dict[tuple[str, str], Future] = {
        key: pool.submit(rcm, COMMANDS[key[1]](CASES / key[0]), workdir) for key in sorted(wanted)
    }
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


# --- checking the output ---------------------------------------------------------


def findings(run: Run, path: Path) -> list[tuple[str, int]]:
    """(code, line) of every line of ``-f parsable`` output, which must all name the file."""
    pattern = re.compile(re.escape(str(path)) + r":(\d+):(\d+): (error|warning) ([A-Z]\d{3}) \S")
    found = []
    for line in run.out.splitlines():
        m = pattern.match(line)
        assert m, f"a validate output line does not start with {path}:LINE:COL: {line!r}"
        assert int(m[1]) >= 1 and int(m[2]) >= 1, line
        found.append((m[4], int(m[1])))
    return found


def error_lines(run: Run, path: Path) -> list[tuple[str, int]]:
    """Every 'rcm: error: path:line:col: message [CODE]' line, one per problem (all of them,
    as validate lists them); returns (code, line) of each."""
    assert run.out == "", f"show wrote to stdout while failing: {run.out[:200]!r}"
    lines = run.err.splitlines()
    assert lines, "show failed without a message"
    found = []
    for line in lines:
        m = re.fullmatch(re.escape(f"rcm: error: {path}") + r":(\d+):(\d+): .+ \[([A-Z]\d{3})\]", line)
        assert m, f"not 'rcm: error: {path}:LINE:COL: message [CODE]': {line!r}"
        found.append((m[3], int(m[1])))
    return found


def common(run: Run, path: Path, expected_exit: int) -> None:
    assert "Traceback" not in run.text, run.text[-2000:]
    assert run.seconds < TIME_LIMIT, f"took {run.seconds:.1f} s"
    assert run.code == expected_exit, f"exit {run.code}, expected {expected_exit}: {run.text[:600]!r}"
    if expected_exit:
        assert path.name in run.text, f"the output does not name {path.name}: {run.text[:600]!r}"


def check_validate(run: Run, path: Path, exit_code: int, codes: dict, absent=()) -> None:
    common(run, path, exit_code)
    found = findings(run, path)
    for code, lines in codes.items():
        ok = [line for c, line in found if c == code and (lines is None or line in lines)]
        assert ok, f"no {code} at line {lines}; found {found}"
    for code in absent:
        assert code not in {c for c, _ in found}, f"{code} reported: {found}"
    if exit_code == 1:
        assert re.search(r": error [A-Z]\d{3} ", run.out), "exit 1 without an error"


def check_show(run: Run, path: Path, exit_code: int, codes: dict) -> None:
    common(run, path, exit_code)
    if exit_code == 2:
        found = error_lines(run, path)
        if codes:
            assert {code for code, _ in found} & set(codes), f"show refused with {found}, expected one of {sorted(codes)}"
    else:
        shown = json.loads(run.out)
        assert shown["slots"], "shown without slots"


def _lines(spec) -> dict:
    """Manifest ``codes`` (code -> line or null) as code -> allowed lines."""
    return {code: (None if line is None else range(line, line + 1)) for code, line in (spec or {}).items()}


# --- the manifest ------------------------------------------------------------------


def test_manifest_lists_exactly_the_files_in_cases():
    files = {p.name for p in CASES.iterdir() if p.is_file()}
    listed = set(MANIFEST)
    assert not files - listed, f"in cases/ but not in expected.yaml: {sorted(files - listed)}"
    assert not listed - files, f"in expected.yaml but not in cases/: {sorted(listed - files)}"


SHOWABLE = {"P001", "P003", "T003", "T005", "S001", "S002", "F001", "F002", "R001", "R002", "R003", "X001", "X002"}


def test_manifest_entries_are_well_formed():
    for name, spec in MANIFEST.items():
        assert set(spec) <= KEYS, (name, set(spec) - KEYS)
        assert spec["what"], name
        assert spec["validate"] in VALID_EXITS["validate"], name
        assert spec["show"] in VALID_EXITS["show"], name
        # What validate accepts, show must accept. show may display what validate
        # rejects only for findings that leave the agenda's own times well defined
        # (a wrong published claim): see docs/decisions.md.
        if spec["validate"] == 0:
            assert spec["show"] == 0, f"{name}: validate accepts what show refuses"
        elif spec["show"] == 0:
            assert set(spec["codes"]) <= SHOWABLE, f"{name}: show must refuse {set(spec['codes']) - SHOWABLE}"
        for command, reason in (spec.get("xfail") or {}).items():
            assert command in COMMANDS and reason.startswith("BUG"), (name, command)


def test_corpus_has_at_least_sixty_bad_inputs():
    bad = [n for n, s in MANIFEST.items() if s["validate"]] + [n for n, g in gen.GENERATED.items() if g.validate]
    assert len(bad) >= 60, len(bad)


def _params():
    for name in sorted(MANIFEST):
        for command in COMMANDS:
            reason = (MANIFEST[name].get("xfail") or {}).get(command)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(name, command, marks=marks, id=f"{command}-{name}")


# --- every case through both commands ------------------------------------------------


@pytest.mark.parametrize(("name", "command"), list(_params()))
def test_case(name: str, command: str, corpus_runs, workdir):
    spec = MANIFEST[name]
    path = CASES / name
    run = corpus_runs[(name, command)].result()
    if command == "validate":
        check_validate(run, path, spec["validate"], _lines(spec.get("codes")), spec.get("absent") or ())
    else:
        check_show(run, path, spec["show"], _lines(spec.get("codes")))
    # The !!python/object/apply cases would `touch rcm-pwned-...` in the working folder.
    assert not list(workdir.glob("rcm-pwned*")), "a YAML tag ran a shell command"


@pytest.mark.parametrize("name", sorted(gen.GENERATED))
def test_generated_case(name: str, tmp_path: Path, workdir: Path):
    case = gen.GENERATED[name]
    path = tmp_path / name
    codes = case.write(path)
    validated = rcm(COMMANDS["validate"](path), workdir)
    check_validate(validated, path, case.validate, codes, case.absent)
    shown = rcm(COMMANDS["show"](path), workdir)
    check_show(shown, path, case.show, codes)
    # No message echoes a whole value: at most ~200 characters of it, and its length.
    for line in validated.out.splitlines() + shown.err.splitlines():
        assert len(line) < 1000, f"a {len(line):,}-character message line: {line[:300]!r}"
    if case.cut:
        assert f"({gen.HUGE:,} characters)" in validated.out


# --- what an accepted case becomes in an .ics ----------------------------------------

# What show displays, export must write cleanly: the accepted cases, and those with findings
# that leave the times defined. A line break in a title (C001) is refused by show and ics,
# but a `# rcm: ignore[C001]` lets it through: the exporter must still escape it.
ACCEPTED = sorted(
    n for n, s in MANIFEST.items() if (s["show"] == 0 or set(s.get("codes") or ()) == {"C001"}) and not s.get("xfail")
)
_CONTENT_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9-]*[;:]")


def _norm(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted_case_exports_a_clean_calendar(name: str):
    """CR/LF in every text that reaches an .ics: escaped, never a new property or event."""
    ics = pytest.importorskip("rcmcli.export.ics")
    icalendar = pytest.importorskip("icalendar")
    from rcmcli.core.catalog import Catalog, bundled_dir
    from rcmcli.core.loader import load_meeting

    meeting = load_meeting(CASES / name)
    data = ics.calendar_bytes(meeting, Catalog(bundled_dir()).members, ics.Options(include_breaks=True))
    physical = data.split(b"\r\n")
    assert physical[-1] == b"", "the calendar does not end with CRLF"
    for line in physical[:-1]:
        assert b"\r" not in line and b"\n" not in line, f"bare CR or LF inside a line: {line!r}"
        assert _CONTENT_LINE.match(line) or line.startswith((b" ", b"\t")), f"not a content line: {line!r}"
        assert not re.match(rb"(SUMMARY|DESCRIPTION):injected|BEGIN:VEVENT.|END:VEVENT.", line), line
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == len(meeting.slots)
    keys = ics.slot_keys(meeting)
    by_uid = {str(ev["UID"]): ev for ev in events}
    for slot in meeting.slots:
        ev = by_uid[ics.uid(meeting, keys[slot.index])]
        assert _norm(str(ev["SUMMARY"])) == _norm(ics.summary(slot, "en"))
        assert ev["DTSTART"].dt == slot.starts and ev["DTEND"].dt == slot.ends


# --- limits: yamlsrc.Limits and [tool.rcm.limits] ----------------------------------------


def test_nesting_at_the_limit_is_read_and_one_deeper_is_refused():
    from rcmcli.core.yamltree import Limits, parse

    limits = Limits(max_depth=64)
    # Root mapping = level 1, so 63 nested lists under 'platform' reach level 64.
    node, diags = parse(gen.nested_flow(63), limits)
    assert node is not None and not diags, diags
    node, diags = parse(gen.nested_flow(64), limits)
    assert node is None and [d.code for d in diags] == ["Y006"]
    assert "64" in diags[0].message and diags[0].pos.line == 4


def test_a_million_open_brackets_are_refused_fast():
    from rcmcli.core.yamltree import parse

    start = time.monotonic()
    node, diags = parse("x: " + "[" * 1_000_000)
    assert node is None and diags[0].code == "Y006"
    assert time.monotonic() - start < 2.0


@pytest.mark.parametrize(
    ("where", "setting", "code_line"),
    [
        # BASE: the first slot (line 15) is the 5th level (meeting, days, day, slots, slot).
        (".rcm.toml", "max_depth = 4", ("Y006", 15)),
        ("pyproject.toml", "max_nodes = 20", ("Y006", None)),
        ("--config", "max_bytes = 64", ("Y006", 1)),
    ],
)
def test_limits_come_from_the_configuration(where: str, setting: str, code_line, tmp_path: Path):
    path = tmp_path / "meeting.yaml"
    path.write_text(gen.BASE, encoding="utf-8")
    args = ["agenda", "validate", "-f", "parsable"]
    if where == "pyproject.toml":
        (tmp_path / "pyproject.toml").write_text(f"[tool.rcm.limits]\n{setting}\n", encoding="utf-8")
    else:
        cfg = tmp_path / (".rcm.toml" if where == ".rcm.toml" else "strict-limits.toml")
        cfg.write_text(f"[limits]\n{setting}\n", encoding="utf-8")
        if where == "--config":
            args += ["--config", str(cfg)]
    code, line = code_line
    # Run in the folder (that is where .rcm.toml / pyproject.toml are found); rcm then
    # names the file as given, relative to it.
    run = rcm([*args, path.name], tmp_path)
    check_validate(run, Path(path.name), 1, {code: None if line is None else range(line, line + 1)})


def test_the_base_meeting_is_clean(tmp_path: Path, workdir: Path):
    """Every case is BASE plus one defect, so BASE itself must pass (default limits)."""
    path = tmp_path / "base.yaml"
    path.write_text(gen.BASE, encoding="utf-8")
    check_validate(rcm(COMMANDS["validate"](path), workdir), path, 0, {})
    check_show(rcm(COMMANDS["show"](path), workdir), path, 0, {})


@pytest.mark.parametrize("bad", ["max_depth = 0", "max_nodes = -5", 'max_bytes = "16M"', "max_tokens = 10"])
def test_a_bad_limit_is_a_configuration_error(bad: str, tmp_path: Path):
    cfg = tmp_path / ".rcm.toml"
    cfg.write_text(f"[limits]\n{bad}\n", encoding="utf-8")
    path = tmp_path / "meeting.yaml"
    path.write_text(gen.BASE, encoding="utf-8")
    run = rcm(["agenda", "validate", str(path)], tmp_path)
    assert run.code == 2 and "Traceback" not in run.text
    assert ".rcm.toml" in run.err and run.err.startswith("rcm: error: ")


# --- security: tags, eval, shell ----------------------------------------------------------

TAGS = [
    "!!python/object:os.system {}",
    "!!python/object/apply:os.system ['touch rcm-pwned']",
    "!!python/object/new:subprocess.Popen [['touch', 'rcm-pwned']]",
    "!!python/name:os.system ''",
    "!!python/module:os ''",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch rcm-pwned']",
]


@pytest.mark.parametrize("tag", TAGS)
def test_python_tags_are_refused(tag: str, tmp_path: Path, monkeypatch):
    from rcmcli.core.errors import InvalidDocument
    from rcmcli.core.loader import MEETING, load_meeting, read_text

    text = gen.BASE.replace("title: {en: Opening}", f"title: {tag}")
    loaded = read_text(text, "tagged.yaml", MEETING)
    assert loaded.value is None
    assert [(d.code, d.pos.line) for d in loaded.diagnostics] == [("Y008", 18)]
    assert "python/" in loaded.diagnostics[0].message
    path = tmp_path / "tagged.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidDocument, match=r"\[Y008\]"):
        load_meeting(path)
    assert not list(tmp_path.glob("rcm-pwned*"))


class _Forbidden(Exception):
    pass


def _forbid(name: str, calls: list[str]):
    def call(*args, **kwargs):
        calls.append(f"{name}{args!r:.200}")  # recorded too, in case something swallows the exception
        raise _Forbidden(calls[-1])

    return call


def test_no_corpus_value_reaches_eval_or_a_shell(monkeypatch, tmp_path: Path):
    """Load, validate, render and export every corpus file with eval, exec and every way
    of starting a process replaced by a trap."""
    from rcmcli.core.catalog import Catalog, bundled_dir
    from rcmcli.core.errors import RcmError
    from rcmcli.core.loader import load_meeting
    from rcmcli.core.localtime import slot_rows
    from rcmcli.core.zones import Resolved
    from rcmcli.export.showjson import show_json
    from rcmcli.lint import engine
    from rcmcli.lint.config import Config

    try:
        from rcmcli.export import ics
    except ImportError:  # pragma: no cover - the exporter is optional here
        ics = None
    catalog = Catalog(bundled_dir())
    config = Config()
    rules = engine.select(config)

    def everything(path: Path) -> None:
        engine.lint_file(path, rules, catalog.members, catalog.zone_aliases, config)
        try:
            mt = load_meeting(path)
        except RcmError:
            return
        ref = mt.reference_zone
        zones = [Resolved(ref.label, ref.name, ref.tz)]
        show_json(mt, zones, slot_rows(mt, zones), "en")
        if ics is not None:
            try:
                ics.calendar_bytes(mt, catalog.members, ics.Options(include_breaks=True))
            except RcmError:
                pass

    everything(CASES / "utf8-bom.yaml")  # import every rule and renderer before the traps
    import subprocess as sp

    calls: list[str] = []
    for module, names in (
        # Not __import__: every import statement goes through it.
        (builtins, ("eval", "exec", "compile")),
        (os, ("system", "popen", "execv", "execve", "execvp", "spawnv", "spawnvp", "posix_spawn", "fork")),
        (sp, ("Popen", "run", "call", "check_call", "check_output", "getoutput", "getstatusoutput")),
    ):
        for name in names:
            if hasattr(module, name):
                monkeypatch.setattr(module, name, _forbid(f"{module.__name__}.{name}", calls))
    monkeypatch.chdir(tmp_path)
    for path in sorted(CASES.iterdir()):
        try:
            everything(path)
        except _Forbidden as exc:
            pytest.fail(f"{path.name}: {exc}")
        except Exception:
            continue
        assert not calls, f"{path.name}: {calls}"
    assert not list(tmp_path.glob("rcm-pwned*"))


_DANGEROUS_CALLS = {
    "eval",
    "exec",
    "compile",
    "__import__",
    "os.system",
    "os.popen",
    "pickle.loads",
    "pickle.load",
    "marshal.loads",
    "yaml.load",
    "yaml.load_all",
    "yaml.unsafe_load",
    "yaml.full_load",
    "yaml.add_constructor",
}
_DANGEROUS_MODULES = {"subprocess", "pickle", "marshal", "shelve", "pty"}
# Reviewed exceptions: `agenda diff REV:PATH` runs `git show` with a list argv (no
# shell; shell= is still refused everywhere by the check below).
_ALLOWED_IMPORTS = {("cli/cmd_revision.py", "subprocess")}


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def test_the_source_has_no_eval_shell_or_unsafe_yaml():
    """A static guard next to the runtime one: nothing in src/rcmcli can run text as code."""
    problems = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            where = f"{path.relative_to(SRC)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Call):
                name = _dotted(node.func)
                if name in _DANGEROUS_CALLS or name.startswith(("os.exec", "os.spawn")):
                    problems.append(f"{where}: {name}()")
                for kw in node.keywords:
                    if kw.arg == "shell":
                        problems.append(f"{where}: shell=")
                    if kw.arg == "Loader" and _dotted(kw.value).split(".")[-1] in ("Loader", "UnsafeLoader", "FullLoader"):
                        problems.append(f"{where}: Loader={_dotted(kw.value)}")
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                mods = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for mod in mods:
                    if (str(path.relative_to(SRC).as_posix()), mod) in _ALLOWED_IMPORTS:
                        continue
                    if mod.split(".")[0] in _DANGEROUS_MODULES:
                        problems.append(f"{where}: import {mod}")
    assert not problems, "\n".join(problems)
