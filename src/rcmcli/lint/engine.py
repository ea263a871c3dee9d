"""Runs the selected rules over files and returns problems; never prints.

The engine stamps each rule's code, name and severity on what the rule yields,
applies ``# rcm: ignore[...]`` suppressions (unless told not to) and sorts the
problems by position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable

from rcmcli.core.errors import ConfigError, InputError, one_line
from rcmcli.lint import suppress
from rcmcli.lint.config import Config
from rcmcli.lint.context import RuleContext
from rcmcli.lint.problem import ERROR, Problem
from rcmcli.lint.rules import all_rules
from rcmcli.core.timeparse import parse_time
from rcmcli.core.loader import MEETING, MEMBERS, Loaded, read_document
from rcmcli.core.model import Meeting, Members


@dataclass
class Selected:
    module: ModuleType
    options: dict[str, Any]


def _matches(entry: str, module: ModuleType) -> bool:
    e = entry.strip()
    return e.upper() == module.CODE or e.lower() == module.NAME or (len(e) < 4 and module.CODE.startswith(e.upper()))


def _check_entries(entries: Iterable[str], modules: list[ModuleType], where: str, path: str | None = None) -> None:
    for e in entries:
        if not any(_matches(e, m) for m in modules):
            import difflib

            names = [m.CODE for m in modules] + [m.NAME for m in modules]
            close = difflib.get_close_matches(e, names, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise ConfigError(f"unknown rule '{e}' in {where}{hint}", path)


def _options(module: ModuleType, config: Config) -> dict[str, Any]:
    opts = dict(module.OPTIONS)
    for key in (module.CODE, module.NAME):
        given = config.rules.get(key, {})
        for name, value in given.items():
            if name not in module.OPTIONS:
                allowed = ", ".join(module.OPTIONS) or "none"
                raise ConfigError(f"rule {module.NAME} has no option '{name}' (options: {allowed})", config.path)
            default = module.OPTIONS[name]
            if type(value) is not type(default):
                raise ConfigError(
                    f"option {module.NAME}.{name} must be {type(default).__name__}, got {value!r}", config.path
                )
            if isinstance(default, str) and ":" in default:
                try:
                    parse_time(value)
                except ValueError as exc:
                    raise ConfigError(f"option {module.NAME}.{name}: {exc}", config.path) from None
            validate = getattr(module, "validate_option", None)
            if validate is not None:
                problem = validate(name, value)
                if problem:
                    raise ConfigError(f"option {module.NAME}.{name}: {problem}", config.path)
            opts[name] = value
    return opts


def select(config: Config, select_cli: list[str] | None = None, ignore_cli: list[str] | None = None) -> list[Selected]:
    modules = all_rules()
    known_keys = {m.CODE for m in modules} | {m.NAME for m in modules}
    for key in config.rules:
        if key not in known_keys:
            raise ConfigError(f"options given for unknown rule '{key}'", config.path)
    chosen = select_cli if select_cli else config.select
    ignored = list(config.ignore) + list(ignore_cli or [])
    _check_entries(select_cli or [], modules, "--select")
    _check_entries(ignore_cli or [], modules, "--ignore")
    _check_entries(config.select or [], modules, "select", config.path)
    _check_entries(config.ignore, modules, "ignore", config.path)
    out = []
    for module in modules:
        if chosen is not None and not any(_matches(e, module) for e in chosen):
            continue
        if any(_matches(e, module) for e in ignored):
            continue
        out.append(Selected(module, _options(module, config)))
    return out


def expand(paths: Iterable[str]) -> list[Path]:
    """Files to check: files as given, folders searched for *.yaml / *.yml."""
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(q for q in path.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file())
            files.extend(q for q in found if not any(part.startswith(".") for part in q.relative_to(path).parts))
        elif path.exists():
            files.append(path)
        else:
            raise InputError("no such file or folder", p)
    return files


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def lint_file(path: Path, rules: list[Selected], members: Members, aliases, config: Config, use_suppressions: bool = True) -> list[Problem]:
    from rcmcli.core.gcpause import paused

    with paused():  # the document's objects hold no cycles: see rcmcli.core.gcpause
        return _lint_file(path, rules, members, aliases, config, use_suppressions)


def _lint_file(path: Path, rules: list[Selected], members: Members, aliases, config: Config, use_suppressions: bool) -> list[Problem]:
    is_members = path.name == "members.yaml"
    loaded: Loaded = read_document(path, MEMBERS if is_members else MEETING, config.limits)
    value = loaded.value
    ctx = RuleContext(
        str(path),
        loaded.text,
        loaded.diagnostics,
        value if isinstance(value, Meeting) else None,
        members,
        aliases,
        value if isinstance(value, Members) else None,
    )
    problems = []
    for sel in rules:
        mod = sel.module
        for f in mod.check(ctx, sel.options):
            problems.append(
                Problem(one_line(str(path)), f.pos.line, f.pos.column, mod.CODE, mod.NAME, mod.SEVERITY, one_line(f.message))
            )
    if use_suppressions and ctx.suppressions:
        problems = suppress.apply(problems, ctx.suppressions)
    return problems


def _display(path: Path) -> Path:
    """Paths under the working directory are shown relative to it."""
    import os

    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return Path(rel) if not rel.startswith("..") else path


def lint(paths: list[Path], rules: list[Selected], members: Members, aliases, config: Config, use_suppressions: bool = True) -> Report:
    report = Report()
    for path in paths:
        report.problems.extend(lint_file(_display(path), rules, members, aliases, config, use_suppressions))
        report.files += 1
    report.problems.sort()
    return report





def run(
    targets: list[str],
    catalog,
    config: Config,
    select_cli: list[str] | None = None,
    ignore_cli: list[str] | None = None,
    use_suppressions: bool = True,
) -> Report:
    """Validate files, folders or catalog meeting ids (none: the whole catalog)."""
    from rcmcli.core.catalog import meeting_files

    rules = select(config, select_cli, ignore_cli)
    paths: list[Path] = []
    if not targets:
        paths = [catalog.folder / "members.yaml"] if (catalog.folder / "members.yaml").is_file() else []
        paths += meeting_files(catalog.folder)
    for t in targets:
        if Path(t).exists() or t.endswith((".yaml", ".yml")) or "/" in t:
            paths.extend(expand([t]))
        else:
            ids = {p.stem: p for p in meeting_files(catalog.folder)}
            if t not in ids:
                raise InputError("no such file, folder or catalog meeting id", t)
            paths.append(ids[t])
    return lint(paths, rules, catalog.members, catalog.zone_aliases, config, use_suppressions)
