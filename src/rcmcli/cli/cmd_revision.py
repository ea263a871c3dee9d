"""The revision loop: `rcm agenda diff` and `rcm agenda invite` (updates, mail, sending).

Command functions only: they load, call the core (:mod:`rcmcli.core.diff`,
:mod:`rcmcli.export.ics`, :mod:`rcmcli.export.mail`, :mod:`rcmcli.export.send`) and
render. Heavy modules are imported inside the functions: the registry imports this
module on every run.
"""

from __future__ import annotations

import os
import sys

from rcmcli.cli.commands import Globals, _catalog, _pick, _say
from rcmcli.core.errors import InputError, UsageError
from rcmcli.i18n import _, ngettext

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Optional

    from rcmcli.core.catalog import Catalog
    from rcmcli.core.model import Meeting

DIFF_LANGS = ("en", "es")


def _langs(value: str) -> list[str]:
    """'es,en' -> ['es', 'en']; each must be a language rcm writes notices in."""
    langs = [x.strip() for x in (value or "en").split(",") if x.strip()]
    bad = [x for x in langs if x not in DIFF_LANGS]
    if bad or not langs:
        raise UsageError(f"--lang '{value}': use en, es, or both like 'es,en'")
    return langs


# --- loading one side of a diff ------------------------------------------------------


def git_show(spec: str) -> bytes:
    """``git show REV:PATH`` (a list argv, no shell); exit 2 with git's reason when it fails."""
    import subprocess

    try:
        done = subprocess.run(["git", "show", spec], capture_output=True, timeout=60, check=False)
    except FileNotFoundError:
        raise UsageError(f"'{spec}' looks like REV:PATH, but git is not installed") from None
    except subprocess.TimeoutExpired:
        raise InputError("git show took more than 60 s", spec) from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"git show failed: {(reason[0] if reason else 'exit ' + str(done.returncode))[:200]}", spec)
    return done.stdout


def meeting_from_bytes(data: bytes, name: str) -> Meeting:
    """A meeting read from bytes (a git revision), checked like a catalog file."""
    from rcmcli.core.loader import MEETING, Loaded, fail_on_errors, read_text
    from rcmcli.core.model import Meeting
    from rcmcli.core.yamltree import decode
    from rcmcli.lint.integrity import integrity_errors
    from rcmcli.core.errors import InvalidDocument

    text, problem = decode(data)
    loaded = read_text(text, name, MEETING) if text is not None else Loaded(name, "", None, [problem] if problem else [])
    fail_on_errors(loaded)
    errors = integrity_errors(loaded)
    if errors:
        raise InvalidDocument(name, errors)
    assert isinstance(loaded.value, Meeting)
    return loaded.value


def load_side(catalog: Catalog, spec: str) -> Meeting:
    """A file, a catalog id, or ``REV:PATH`` read from git."""
    from pathlib import Path

    if Path(spec).exists() or ":" not in spec:
        return catalog.find(spec)
    rev, _, path = spec.partition(":")
    if not rev or not path:
        raise UsageError(f"'{spec}' is neither a file, a catalog id, nor REV:PATH like 'HEAD~1:agendas/iv.yaml'")
    return meeting_from_bytes(git_show(spec), spec)


# --- rcm agenda diff --------------------------------------------------------------------


def agenda_diff(opts: Globals, old: str, new: str, fmt: str = "text", lang: str = "en", notice: bool = False) -> int:
    """Exit 0 no change, 1 changes, 2 trouble (as diff(1))."""
    from rcmcli.cli import render_diff as r
    from rcmcli.core.diff import compare
    from rcmcli.i18n import use

    langs = _langs(lang)
    use(langs[0])
    catalog = _catalog(opts)
    before, after = load_side(catalog, old), load_side(catalog, new)
    diff = compare(before, after, catalog.members)
    if notice:
        if diff:
            sys.stdout.write(r.notice(diff, catalog.members, langs))
    elif fmt == "json":
        sys.stdout.write(r.as_json(diff, old, new))
    elif fmt == "markdown":
        sys.stdout.write(r.markdown(diff, catalog.members, langs[0], old, new))
    else:
        sys.stdout.write(r.text(diff, catalog.members, langs[0], old, new))
    return 1 if diff else 0
