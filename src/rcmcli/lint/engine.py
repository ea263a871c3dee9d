"""Runs the selected rules over files and returns problems; never prints.

The engine stamps each rule's code, name and severity on what the rule yields,
applies ``# rcm: ignore[...]`` suppressions (unless told not to) and sorts the
problems by position.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable

from rcmcli.core.errors import ConfigError, InputError, one_line
from rcmcli.core.loader import MEETING, MEMBERS, Loaded, read_document
from rcmcli.core.model import Meeting, Members
from rcmcli.core.timeparse import parse_time
from rcmcli.core.walk import Walk, is_yaml_name, yaml_files
from rcmcli.i18n import _, ngettext
from rcmcli.lint import suppress
from rcmcli.lint.config import Config
from rcmcli.lint.context import RuleContext
from rcmcli.lint.problem import ERROR, Problem
from rcmcli.lint.rules import all_rules


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
            values = {"rule": e, "where": where, "close": close[0] if close else ""}
            if close:
                raise ConfigError(_("unknown rule '%(rule)s' in %(where)s; did you mean '%(close)s'?") % values, path)
            raise ConfigError(_("unknown rule '%(rule)s' in %(where)s") % values, path)


def _options(module: ModuleType, config: Config) -> dict[str, Any]:
    opts = dict(module.OPTIONS)
    for name in getattr(module, "SHARED", ()):  # defaults that are shared settings: [tool.rcm.hours]
        opts[name] = config.hours[name]
    for key in (module.CODE, module.NAME):
        given = config.rules.get(key, {})
        for name, value in given.items():
            if name not in module.OPTIONS:
                # TRANSLATORS: the list of a rule's options when it has none
                allowed = ", ".join(module.OPTIONS) or _("none")
                values = {"rule": module.NAME, "name": name, "allowed": allowed}
                raise ConfigError(_("rule %(rule)s has no option '%(name)s' (options: %(allowed)s)") % values, config.path)
            default = module.OPTIONS[name]
            if type(value) is not type(default):
                raise ConfigError(
                    _("option %(rule)s.%(name)s must be %(type)s, got %(value)s")
                    % {"rule": module.NAME, "name": name, "type": type(default).__name__, "value": repr(value)},
                    config.path,
                )
            if isinstance(default, str) and ":" in default:
                try:
                    parse_time(value)
                except ValueError as exc:
                    raise ConfigError(
                        _("option %(rule)s.%(name)s: %(problem)s") % {"rule": module.NAME, "name": name, "problem": exc},
                        config.path,
                    ) from None
            validate = getattr(module, "validate_option", None)
            if validate is not None:
                problem = validate(name, value)
                if problem:
                    raise ConfigError(
                        _("option %(rule)s.%(name)s: %(problem)s") % {"rule": module.NAME, "name": name, "problem": problem},
                        config.path,
                    )
            opts[name] = value
    together = getattr(module, "validate_options", None)  # options checked against each other
    problem = together(opts) if together is not None else None
    if problem:
        raise ConfigError(_("options of %(rule)s: %(problem)s") % {"rule": module.NAME, "problem": problem}, config.path)
    return opts


def select(config: Config, select_cli: list[str] | None = None, ignore_cli: list[str] | None = None) -> list[Selected]:
    modules = all_rules()
    known_keys = {m.CODE for m in modules} | {m.NAME for m in modules}
    for key in config.rules:
        if key not in known_keys:
            raise ConfigError(_("options given for unknown rule '%(rule)s'") % {"rule": key}, config.path)
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


def collect(paths: Iterable[str]) -> Walk:
    """Files as given and the YAML files of folders, with the symbolic links the walk skipped."""
    found = Walk()
    for p in paths:
        try:
            mode = os.stat(p).st_mode
        except (FileNotFoundError, NotADirectoryError):
            raise InputError(_("no such file or folder"), p) from None
        except PermissionError:
            raise InputError(_("permission denied"), p) from None
        except OSError as exc:
            raise InputError(_("cannot read: %(reason)s") % {"reason": exc.strerror or exc}, p) from None
        if stat.S_ISDIR(mode):
            found.extend(yaml_files(p))
        else:
            found.files.append(p)  # not a regular file: the reader says so, naming it
    return found


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    links_skipped: int = 0  # symbolic links the folder walk did not follow (core.walk)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def lint_file(path: Path, rules: list[Selected], members: Members, aliases, config: Config, use_suppressions: bool = True) -> list[Problem]:
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


def lint(paths: Iterable[str | Path], rules: list[Selected], members: Members, aliases, config: Config, use_suppressions: bool = True) -> Report:
    report = Report()
    for path in paths:
        report.problems.extend(lint_file(_display(Path(path)), rules, members, aliases, config, use_suppressions))
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
    from rcmcli.core.catalog import meeting_walk

    rules = select(config, select_cli, ignore_cli)
    found = Walk()
    if not targets:
        members = os.path.join(catalog.folder, "members.yaml")
        found.files = [members] if os.path.isfile(members) else []
        found.extend(meeting_walk(catalog.folder))
    for t in targets:
        if os.path.lexists(t) or is_yaml_name(t) or "/" in t or os.sep in t:
            found.extend(collect([t]))
        else:
            ids = {Path(p).stem: p for p in meeting_walk(catalog.folder).files}
            if t not in ids:
                raise InputError(_("no such file, folder or catalog meeting id"), t)
            found.files.append(ids[t])
    if not found.files:
        raise InputError(_nothing_to_check(targets, catalog.folder, len(found.skipped_links)))
    report = lint(found.files, rules, catalog.members, catalog.zone_aliases, config, use_suppressions)
    report.links_skipped = len(found.skipped_links)
    return report


def _nothing_to_check(targets: list[str], folder: Path, links: int) -> str:
    """Why no file was checked: a run over nothing must not look like a clean run."""
    if targets:
        message = _("nothing to check: no .yaml or .yml file in %(where)s") % {"where": ", ".join(f"'{t}'" for t in targets)}
    else:
        message = _("nothing to check: no .yaml or .yml file in the catalog %(folder)s") % {"folder": folder}
    if links:
        skipped = ngettext(
            "%(message)s; %(n)d symbolic link skipped (rcm follows a link only to a file inside the folder)",
            "%(message)s; %(n)d symbolic links skipped (rcm follows a link only to a file inside the folder)",
            links,
        )
        message = skipped % {"message": message, "n": links}
    return message
