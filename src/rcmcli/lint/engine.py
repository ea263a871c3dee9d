"""Runs the selected rules over files and returns problems; never prints.

The engine stamps each rule's code, name and severity on what the rule yields,
applies ``# rcm: ignore[...]`` suppressions (unless told not to) and sorts the
problems by position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable

from rcmcli.agenda import Hours
from rcmcli.errors import ConfigError, InputError, Pos, one_line
from rcmcli.lint import suppress
from rcmcli.lint.config import Config
from rcmcli.lint.problem import ERROR, Problem
from rcmcli.lint.rules import all_rules
from rcmcli.loader import MEETING, MEMBERS, Loaded, read_document
from rcmcli.model import Country, Meeting, Members, Slot
from rcmcli.timeparse import parse_time
from rcmcli.yamlsrc import Diagnostic
from rcmcli.zones import Resolved, fold, resolve


@dataclass
class RuleContext:
    """Everything a rule may look at for one file."""

    path: str
    text: str
    diagnostics: list[Diagnostic]
    meeting: Meeting | None
    members: Members  # the catalog's members, for cross-references
    aliases: dict[str, tuple[str, str]]
    members_doc: Members | None = None  # set when the file itself is a members file

    @cached_property
    def slots(self) -> list[Slot]:
        return self.meeting.slots if self.meeting else []

    @cached_property
    def suppressions(self) -> list[suppress.Suppression]:
        return suppress.find(self.text)

    @cached_property
    def capitals(self) -> list[tuple[Country, tzinfo]]:
        """Member capitals of the meeting's organizing conferences, with their zones."""
        from rcmcli.zones import get_zone

        if self.meeting is None:
            return []
        out: list[tuple[Country, tzinfo]] = []
        for org in self.meeting.conferences:
            if org not in self.members.conferences:
                continue
            for c in self.members.members_of(org):
                if all(c is not seen for seen, _ in out):
                    out.append((c, get_zone(c.zone)))
        return out

    @cached_property
    def capital_walls(self) -> list[tuple[Country, list[tuple[int, int] | None]]]:
        """For each member capital, every slot's local (start, end) in wall minutes.

        Computed once for the fairness rules (night-slot, outside-hours), which would
        otherwise each convert every slot into every capital.
        """
        from rcmcli.agenda import LocalClock, wall

        utc = [
            (s.start_utc, wall(s.start_utc), s.end_utc, wall(s.end_utc)) if s.start_utc and s.end_utc else None
            for s in self.slots
        ]
        days = {m // 1440 for u in utc if u for m in (u[1], u[3])}
        out = []
        for country, tz in self.capitals:
            clock = LocalClock(tz)
            maybe = {d: clock.offset(d) for d in days}
            offsets = {d: o for d, o in maybe.items() if o is not None}
            spans: list[tuple[int, int] | None]
            if len(offsets) < len(maybe):  # a DST change during the meeting: convert each slot
                spans = [(clock.wall(u[0], u[1]), clock.wall(u[2], u[3])) if u else None for u in utc]
            else:  # the usual case: integer additions
                spans = [(u[1] + offsets[u[1] // 1440], u[3] + offsets[u[3] // 1440]) if u else None for u in utc]
            out.append((country, spans))
        return out

    def hours(self, opts: dict[str, Any]) -> Hours:
        base = Hours()
        values = {}
        for key in ("work_start", "work_end", "night_start", "night_end"):
            values[key] = parse_time(opts[key]) if key in opts else getattr(base, key)
        return Hours(**values)

    def place_zone(self, name: str) -> Resolved | None:
        """The zone a published place means; memoized (agendas repeat their places)."""
        if name not in self._places:
            self._places[name] = self._place_zone(name)
        return self._places[name]

    @cached_property
    def _places(self) -> dict[str, Resolved | None]:
        return {}

    def _place_zone(self, name: str) -> Resolved | None:
        from rcmcli.errors import UnknownZoneError

        if fold(name) == "local":  # the machine's zone: a finding must not depend on where rcm runs
            return None
        try:
            return resolve(name, self.aliases, suggest=False)
        except UnknownZoneError:
            ref = self.meeting.reference_zone if self.meeting else None
            if ref is not None and ref.tz is not None and _names_label(name, ref.label):
                return Resolved(name, ref.name, ref.tz, "the reference zone")
            return None


_GENERIC = {"time", "hora", "gmt", "utc", "de", "del", "the", "of", "standard", "zone"}


def _names_label(place: str, label: str) -> bool:
    """Is ``place`` whole words of ``label`` ("Central America" in "Central American time")?

    A word matches itself or its demonym with a trailing 'n' (America/American);
    generic words like 'time' alone never match.
    """
    import re

    words = re.findall(r"[a-z]+", fold(place))
    target = re.findall(r"[a-z]+", fold(label))
    if not words or all(w in _GENERIC for w in words):
        return False
    for i in range(len(target) - len(words) + 1):
        if all(t in (w, w + "n") for w, t in zip(words, target[i:])):
            return True
    return False


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
    from rcmcli.gcpause import paused

    with paused():  # the document's objects hold no cycles: see rcmcli.gcpause
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
        problems = _apply(problems, ctx.suppressions)
    return problems


def _apply(problems: list[Problem], sups: list[suppress.Suppression]) -> list[Problem]:
    silenced = {(s.target_line, c) for s in sups if s.reason for c in s.codes}
    return [p for p in problems if not suppress.can_silence(p.code) or (p.line, p.code) not in silenced]


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
    from rcmcli.catalog import meeting_files

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


# Findings that make a meeting's times undefined: a slot that ends before it starts,
# a wall time that does not exist or happens twice, dates in the wrong order, a
# reference label that contradicts its zone. Commands that display or export times
# refuse such a meeting; the others (a wrong published claim, a gap) are the
# linter's business and do not stop `show`.
INTEGRITY = ("T002", "T004", "T006", "T008", "P002")


def integrity_errors(loaded: Loaded) -> list[Diagnostic]:
    """Unsuppressed integrity errors of a loaded meeting, as diagnostics."""
    from rcmcli.lint.rules import rule

    meeting = loaded.value
    if not isinstance(meeting, Meeting):
        return []
    ctx = RuleContext(loaded.path, loaded.text, loaded.diagnostics, meeting, Members(), {})
    problems = []
    for code in INTEGRITY:
        mod = rule(code)
        for f in mod.check(ctx, dict(mod.OPTIONS)):
            problems.append(Problem(loaded.path, f.pos.line, f.pos.column, code, mod.NAME, mod.SEVERITY, f.message))
    problems = _apply(problems, ctx.suppressions)
    return [Diagnostic(p.code, Pos(p.line, p.column), p.message) for p in sorted(problems)]
