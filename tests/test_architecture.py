"""The house rules of docs/architecture.md, checked.

* The layers: ``core`` imports nothing of ``lint``, ``export`` or ``cli``; ``lint`` and
  ``export`` nothing of ``cli``; only ``cli`` may import Typer or Rich. The shared
  modules under them all (``i18n``, then ``timefmt``) import no layer, and no module
  reaches another through ``sys.modules`` (the way an import arrow back up was hidden).
* No import cycle between modules, and every module imports alone in a fresh interpreter.
* Read commands create or change no file outside what they were asked to write.
* The read commands' machine formats import neither ``dataclasses``, ``pathlib`` nor
  ``typing`` (start-up is won by importing less: docs/performance.md).
* A broken draft in a catalog folder does not stop the other meetings.
* The page names every module in a line, and nothing that does not exist; ``cli/`` follows
  its rule of names (front ends and the run, ``cmd_<topic>``, ``view_<topic>``), every
  command lives in the ``cmd_`` module whose line names it, every ``--format`` choice has a
  function in the table its command hands to ``runtime.emit``, no format is found by a
  built name, and no module uses another's underscore names.
* The diffs of the page (adding a command, a format, a setting, a language) fit the code:
  what they remove or keep is in the files today.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rcmcli.core.catalog import bundled_dir

SRC = Path(__file__).resolve().parents[1] / "src" / "rcmcli"
MODULES = sorted(
    ".".join(p.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__")
    for p in SRC.rglob("*.py")
    if "locale" not in p.parts
)
LAYER_OF = {"core": 0, "lint": 1, "export": 1, "cli": 2}
# What a layer may import from rcmcli (besides itself); the top-level i18n and timefmt
# modules and the package's __init__ are shared by all.
ALLOWED = {
    "core": {"core"},
    "lint": {"core", "lint"},
    "export": {"core", "export"},
    "cli": {"core", "lint", "export", "cli"},
}
SHARED = {"rcmcli", "rcmcli.i18n", "rcmcli.timefmt", "rcmcli.__main__"}
# The shared modules form the bottom of the stack, in this order: each may import only
# those before it (i18n nothing of rcm; timefmt only i18n).
BOTTOM = ("rcmcli.i18n", "rcmcli.timefmt")


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYER_OF else None


def _imports(module: str) -> set[str]:
    """Every rcmcli module (or third-party top-level package) this module imports, at any depth."""
    path = SRC.parent.joinpath(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in MODULES)
    return found


@pytest.mark.parametrize("module", [m for m in MODULES if _layer(m)])
def test_imports_go_down_the_layers(module):
    layer = _layer(module)
    for imported in _imports(module):
        if imported.split(".")[0] in ("typer", "rich", "click"):
            assert layer == "cli", f"{module} imports {imported}: only cli/ may touch the terminal"
        if not imported.startswith("rcmcli") or imported in SHARED:
            continue
        target = _layer(imported)
        assert target in ALLOWED[layer], f"{module} ({layer}) imports {imported} ({target})"


@pytest.mark.parametrize("module", BOTTOM)
def test_the_shared_modules_import_no_layer(module):
    below = set(BOTTOM[: BOTTOM.index(module)])
    ours = {i for i in _imports(module) if i.startswith("rcmcli.")}
    assert ours <= below, f"{module} imports {sorted(ours - below)}: the shared modules sit under every layer"


def test_no_module_is_reached_through_sys_modules():
    """``sys.modules.get("rcmcli.i18n")`` is an import the cycle test cannot see."""
    for module in MODULES:
        path = SRC.parent.joinpath(*module.split("."))
        path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _is_sys_modules(getattr(node.func, "value", None)):
                keys = node.args[:1]
            elif isinstance(node, ast.Subscript) and _is_sys_modules(node.value):
                keys = [node.slice]
            else:
                continue
            if any(isinstance(k, ast.Constant) and str(k.value).startswith("rcmcli") for k in keys):
                pytest.fail(f"{module}:{node.lineno} reads rcm's modules from sys.modules: import them, down the layers")


def _is_sys_modules(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "modules" and getattr(node.value, "id", "") == "sys"


def test_no_import_cycles():
    graph = {m: {i for i in _imports(m) if i in MODULES and i != m} for m in MODULES}
    # Importing a submodule imports its package first; that edge is not a cycle of ours.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycle = stack[stack.index(n):] + [n]
                if not all(a.startswith(b + ".") or b.startswith(a + ".") for a, b in zip(cycle, cycle[1:])):
                    pytest.fail("import cycle: " + " -> ".join(cycle))
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in MODULES:
        if m not in state:
            visit(m)


@pytest.mark.slow
def test_every_module_imports_alone():
    script = (
        "import importlib, subprocess, sys\n"
        "bad = []\n"
        "for m in sys.argv[1:]:\n"
        "    r = subprocess.run([sys.executable, '-c', f'import {m}'], capture_output=True, text=True)\n"
        "    if r.returncode: bad.append((m, r.stderr.strip().splitlines()[-1:]))\n"
        "print(bad)\n"
    )
    wanted = [m for m in MODULES if not m.endswith("__main__")]
    out = subprocess.run([sys.executable, "-c", script, *wanted], capture_output=True, text=True, timeout=300)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


READ_COMMANDS = [
    ["agenda", "show", "plenary-ii-2021", "--tz", "Santiago"],
    ["agenda", "show", "plenary-ii-2021", "-f", "json"],
    ["agenda", "times", "plenary-ii-2021"],
    ["agenda", "list"],
    ["members"],
    ["agenda", "validate"],
    ["--version"],
    ["--help"],
]


def _tree(folder: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime_ns for p in folder.rglob("*")}


@pytest.mark.parametrize("argv", READ_COMMANDS, ids=" ".join)
def test_read_commands_write_nothing(argv, tmp_path):
    home, cache, work = tmp_path / "home", tmp_path / "cache", tmp_path / "work"
    for d in (home, cache, work):
        d.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(cache), NO_COLOR="1", COLUMNS="100", PYTHONDONTWRITEBYTECODE="1")
    before = _tree(tmp_path), _tree(bundled_dir())
    done = subprocess.run([sys.executable, "-m", "rcmcli", *argv], cwd=work, env=env, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (_tree(tmp_path), _tree(bundled_dir())) == before


# Standard-library modules that cost start-up time and that the read path does without:
# dataclass() compiles every class's methods at import and imports inspect; typing is
# only needed by type checkers (annotations are never evaluated); pathlib imports
# urllib.parse and ipaddress (5 ms), where os.path does the same work.
HEAVY = ("dataclasses", "inspect", "pathlib", "typing")


@pytest.mark.parametrize(
    "argv",
    [
        ["agenda", "show", "plenary-ii-2021", "--tz", "Buenos_Aires", "-f", "json"],
        ["agenda", "times", "plenary-ii-2021", "-f", "csv"],
        ["agenda", "list", "-f", "json"],
        ["agenda", "announce", "plenary-ii-2021", "-f", "json"],
        ["members", "-f", "json"],
    ],
    ids=" ".join,
)
def test_the_read_path_imports_no_dataclasses_pathlib_or_typing(argv, tmp_path):
    probe = (
        "import io, contextlib, sys\n"
        "from rcmcli.cli.entry import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()): code = main({argv!r})\n"
        f"print(code, sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_")}

    def heavy() -> str:
        done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
        assert done.stdout.startswith("0 "), done.stdout + done.stderr
        return done.stdout[2:].strip()

    assert heavy() == "[]"
    (tmp_path / ".rcm.toml").write_text("[limits]\nmax_depth = 60\n", encoding="utf-8")
    assert heavy() == "['typing']"  # a configuration is read: tomllib imports typing


def test_a_broken_draft_does_not_stop_the_catalog(tmp_path):
    """Three good meetings and one draft with an undefined time: list marks it, show still works."""
    folder = tmp_path / "agendas"
    (folder / "meetings").mkdir(parents=True)
    for p in (bundled_dir() / "meetings").glob("*.yaml"):
        (folder / "meetings" / p.name).write_bytes(p.read_bytes())
    draft = (bundled_dir() / "meetings" / "plenary-iii-2022.yaml").read_text(encoding="utf-8")
    draft = draft.replace("id: plenary-iii-2022", "id: draft-iv", 1).replace('start: "9:00"', 'start: "9:75"', 1)
    (folder / "meetings" / "draft-iv.yaml").write_text(draft, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("RCM_")}
    env.update(NO_COLOR="1", COLUMNS="120", RCM_TODAY="2021-01-01")

    def rcm(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "rcmcli", "--data", str(folder), *args], env=env, capture_output=True, text=True, timeout=60)

    listed = rcm("agenda", "list", "-f", "json")
    assert listed.returncode == 0, listed.stderr
    status = {m["id"]: m["status"] for m in json.loads(listed.stdout)}
    assert status == {"plenary-ii-2021": "ok", "followup-ii-2021": "ok", "plenary-iii-2022": "ok", "draft-iv": "broken"}
    table = rcm("agenda", "list")
    assert table.returncode == 0 and "draft-iv" in table.stdout and "broken" in table.stdout
    shown = rcm("agenda", "show", "plenary-ii-2021", "-f", "json")
    assert shown.returncode == 0, shown.stderr
    default = rcm("agenda", "show", "-f", "json")  # the default meeting skips the broken draft
    assert default.returncode == 0 and json.loads(default.stdout)["meeting"]["id"] == "plenary-ii-2021"
    refused = rcm("agenda", "show", "draft-iv")
    assert refused.returncode == 2 and "draft-iv.yaml" in refused.stderr and "T001" in refused.stderr


# --- the list of modules, the names of cli/, the formats (docs/architecture.md) -------------

DOC = SRC.parents[1] / "docs" / "architecture.md"
ENTRY = __import__("re").compile(r"^(?P<indent> *)(?P<name>\S+/|\S+\.py)\s+(?P<what>\S.*)$")


def _block(heading: str, kind: str = "") -> list[str]:
    """The lines of the first fenced block after ``heading`` in docs/architecture.md."""
    text = DOC.read_text(encoding="utf-8")
    after = text[text.index(heading) :]
    start = after.index("```" + kind + "\n") + len(kind) + 4
    return after[start : after.index("\n```", start)].split("\n")


def _listed() -> dict[str, str]:
    """docs/architecture.md's module list: path under src/ -> what the line says it does.

    Indentation (two spaces a level) nests; a folder's line stands for its __init__.py;
    ``*.py`` stands for every other module of its folder; other lines continue the one before.
    """
    listed: dict[str, str] = {}
    folders: list[str] = []
    for line in _block("## The modules"):
        m = ENTRY.match(line)
        if not m:
            continue
        depth = len(m["indent"]) // 2
        assert len(m["indent"]) % 2 == 0 and depth <= len(folders), f"misplaced line in the module list: {line!r}"
        del folders[depth:]
        name = m["name"]
        if name.endswith("/"):
            folders.append(name.rstrip("/"))
            listed["/".join(folders) + "/__init__.py"] = m["what"]
        else:
            listed["/".join([*folders, name])] = m["what"]
    return listed


def _source_files() -> set[str]:
    return {p.relative_to(SRC.parents[1]).as_posix() for p in SRC.rglob("*.py") if "locale" not in p.parts}


def test_every_module_is_named_in_the_architecture_page():
    from rcmcli.lint.rules import REGISTRY

    listed, tree = _listed(), _source_files()
    assert "src/rcmcli/__init__.py" in listed, "the list starts at src/rcmcli/"
    wildcards = {path.rsplit("/", 1)[0] for path in listed if path.endswith("/*.py")}
    named = {path for path in listed if not path.endswith("/*.py")}
    covered = {p for p in tree - named if p.rsplit("/", 1)[0] in wildcards}
    assert sorted(tree - named - covered) == [], "modules missing from docs/architecture.md's list"
    assert sorted(named - tree) == [], "docs/architecture.md lists modules that do not exist"
    rules = {p.rsplit("/", 1)[1].removesuffix(".py") for p in covered}
    assert rules == set(REGISTRY.values()), "a module that *.py stands for is not a registered rule"


CLI = "rcmcli.cli."
RUN_AND_FRONT = {"__init__", "_help", "app", "complete", "entry", "fastpath", "layout", "registry", "runtime"}


def test_cli_modules_are_named_by_the_rule():
    """Front ends and the run by name; every other module is cmd_<topic> or view_<topic>,
    and a view has its command module."""
    names = {m.removeprefix(CLI) for m in MODULES if m.startswith(CLI) or m == "rcmcli.cli"} - {"rcmcli.cli"}
    names.add("__init__")
    commands = {n.removeprefix("cmd_") for n in names if n.startswith("cmd_")}
    views = {n.removeprefix("view_") for n in names if n.startswith("view_")}
    assert sorted(names - RUN_AND_FRONT - {f"cmd_{t}" for t in commands} - {f"view_{t}" for t in views}) == []
    assert sorted(views - commands) == [], "a view_<topic> module without its cmd_<topic>"


def test_every_command_lives_in_the_cmd_module_the_page_names():
    from rcmcli.cli import registry

    listed = _listed()
    for cmd in registry.COMMANDS:
        module = cmd.func.__module__
        assert module.startswith(CLI + "cmd_"), f"{' '.join(cmd.path)}: {module} is not a cmd_<topic> module"
        line = listed[f"src/{module.replace('.', '/')}.py"]
        assert __import__("re").search(rf"\b{cmd.path[-1]}\b", line), f"'{' '.join(cmd.path)}' missing from the line of {module}"


def _format_tables(func) -> list[dict]:
    """The format tables a command function hands to runtime.emit (``view_x.NAME_FORMATS``)."""
    import importlib
    import inspect

    tree = ast.parse(inspect.getsource(func).lstrip())
    tables = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.endswith("FORMATS") and isinstance(node.value, ast.Name):
            owner = {"formats": "rcmcli.lint.formats"}.get(node.value.id, CLI + node.value.id)
            tables.append(getattr(importlib.import_module(owner), node.attr))
    return tables


def test_every_format_choice_has_a_function():
    """Each command with --format hands its view to tables whose names are its choices
    ('auto' of validate is resolved before), each a function of the view record."""
    import inspect

    from rcmcli.cli import registry

    for cmd in registry.COMMANDS:
        fmt = [o for o in cmd.options if o.name == "fmt"]
        if not fmt:
            continue
        tables = _format_tables(cmd.func)
        assert tables, f"{' '.join(cmd.path)} dispatches no FORMATS table"
        for table in tables:
            assert set(table) == set(fmt[0].choices) - {"auto"}, cmd.path
            for name, function in table.items():
                assert len(inspect.signature(function).parameters) == 1, f"{cmd.path} {name}: a format takes the view record only"


def test_formats_are_never_chosen_by_building_a_name():
    """No ``getattr(module, f"as_{fmt}")``: every format function is named where it is used."""
    for module in MODULES:
        path = SRC.parent.joinpath(*module.split("."))
        path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "getattr" and len(node.args) > 1:
                assert not isinstance(node.args[1], (ast.JoinedStr, ast.BinOp)), f"{module}:{node.lineno} builds a name for getattr"


def test_no_module_uses_another_modules_private_names():
    """``from x import _name`` and ``x._name`` stay inside x (``_`` is gettext's, not private;
    a module whose own name starts with '_' belongs to its package: ``_help``, ``_common``)."""

    def private(name: str) -> bool:
        return name.startswith("_") and not name.startswith("__") and name != "_"

    for module in MODULES:
        path = SRC.parent.joinpath(*module.split("."))
        path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bound: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("rcmcli"):
                for a in node.names:
                    if f"{node.module}.{a.name}" in MODULES:
                        bound.add(a.asname or a.name)
                    else:
                        assert not private(a.name), f"{module}:{node.lineno} imports {node.module}.{a.name}"
            elif isinstance(node, ast.Import):
                bound.update(a.asname or a.name for a in node.names if a.name.startswith("rcmcli"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) in bound:
                assert not private(node.attr), f"{module}:{node.lineno} uses {node.value.id}.{node.attr}"  # type: ignore[attr-defined]


def _diffs() -> list[tuple[str, bool, list[str]]]:
    """(file, whether the diff creates it, lines) of every file of every ```diff block of the page."""
    text = DOC.read_text(encoding="utf-8")
    out: list[tuple[str, bool, list[str]]] = []
    old = ""
    for block in text.split("```diff\n")[1:]:
        for line in block[: block.index("\n```")].split("\n"):
            if line.startswith("--- "):
                old = line[4:]
            elif line.startswith("+++ "):
                out.append((line[4:].removeprefix("b/"), old == "/dev/null", []))
            elif out:
                out[-1][2].append(line)
    return out


@pytest.mark.parametrize("path, new, lines", _diffs(), ids=[f"{i}:{p}" for i, (p, _n, _l) in enumerate(_diffs())])
def test_the_diffs_of_the_architecture_page_fit_the_code(path, new, lines):
    """Every line a diff removes or keeps as context is in the file today, in that order
    (``@@ def name`` lines too), and a file it creates does not exist: the examples follow
    the code they change."""
    target = SRC.parents[1] / path
    if new:
        assert not target.exists() and all(line.startswith("+") for line in lines if line), path
        return
    source = target.read_text(encoding="utf-8").split("\n")
    at = 0
    for line in lines:
        if line.startswith("@@ "):  # "@@ def parse(...)": the hunk is in this function or class
            want, same = line[3:], str.startswith
        elif line[:1] in ("-", " "):
            want, same = line[1:], str.__eq__
        else:
            continue
        found = next((i for i in range(at, len(source)) if same(source[i], want)), None)
        assert found is not None, f"{path}: {want.strip()!r} is not in the file (after line {at})"
        at = found + 1
