"""The catalog: a folder with ``members.yaml`` and ``meetings/*.yaml``.

The bundled catalog ships inside the package (``rcmcli/data`` in the wheel; the
repository's ``data/`` in a source checkout). ``--data DIR`` or ``RCM_DATA``
selects another folder, e.g. a secretariat's repository of draft agendas; if that
folder has no ``members.yaml``, the bundled one is used.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from rcmcli.core.errors import InputError, InvalidDocument, UsageError
from rcmcli.core.loader import MEETING, fail_on_errors, load_members, read_document
from rcmcli.core.model import Meeting, Members
from rcmcli.core.zones import fold

ENV_DATA = "RCM_DATA"


def bundled_dir() -> Path:
    package = Path(__file__).resolve().parent.parent  # rcmcli/
    packaged = package / "data"
    if (packaged / "members.yaml").is_file():
        return packaged
    return package.parent.parent / "data"  # source checkout / editable install


def data_dir(option: str | None = None) -> Path:
    chosen = option or os.environ.get(ENV_DATA)
    if not chosen:
        return bundled_dir()
    path = Path(chosen).expanduser()
    if not path.is_dir():
        where = "--data" if option else ENV_DATA
        raise UsageError(f"catalog folder '{chosen}' (from {where}) does not exist or is not a folder")
    return path


def meeting_files(folder: Path) -> list[Path]:
    """YAML files of a folder: its ``meetings/`` subfolder if it has one."""
    base = folder / "meetings" if (folder / "meetings").is_dir() else folder
    return sorted(p for p in base.iterdir() if p.suffix in (".yaml", ".yml") and p.name != "members.yaml")


LOCAL_FOLDER = "agendas"
_ID_LINE = re.compile(rb"^id:[ \t]*([\"']?)([a-z0-9][a-z0-9-]*)\1[ \t]*(?:#.*)?$", re.M)


def files_with_id(meeting_id: str, folder: Path) -> list[Path]:
    """YAML files in ``folder`` and ``folder/agendas`` (not deeper) whose top-level
    ``id:`` line is ``meeting_id``: how an id finds a draft that is not in a catalog.

    Only the line is read (the first 64 KiB of each file), not the document: a
    folder of unrelated YAML files costs little and cannot fail the lookup.
    """
    found = []
    for base in (folder, folder / LOCAL_FOLDER):
        if not base.is_dir():
            continue
        for path in sorted(base.iterdir()):
            if path.suffix not in (".yaml", ".yml") or not path.is_file():
                continue
            try:
                with path.open("rb") as f:
                    head = f.read(65536)
            except OSError:
                continue
            m = _ID_LINE.search(head)
            if m and m.group(2).decode() == meeting_id:
                found.append(path)
    return found


@dataclass
class Catalog:
    folder: Path
    _meetings: dict[Path, Meeting] = field(default_factory=dict)

    @cached_property
    def members(self) -> Members:
        path = self.folder / "members.yaml"
        if not path.is_file():
            path = bundled_dir() / "members.yaml"
        return load_members(path)

    def meeting_at(self, path: Path) -> Meeting:
        """A meeting whose times are well defined, else InvalidDocument (exit 2)."""
        if path not in self._meetings:
            from rcmcli.lint.integrity import integrity_errors

            loaded = read_document(path, MEETING)
            fail_on_errors(loaded)
            errors = integrity_errors(loaded)
            if errors:
                raise InvalidDocument(loaded.path, errors)
            assert isinstance(loaded.value, Meeting)
            if loaded.value.status == "draft" and bundled_dir().resolve() in Path(path).resolve().parents:
                raise InputError(_("a draft ('status: draft') cannot be part of the bundled catalog: its meetings name their sources"), str(path))
            self._meetings[path] = loaded.value
        return self._meetings[path]

    def meetings(self) -> list[Meeting]:
        found = [self.meeting_at(p) for p in meeting_files(self.folder)]
        return sorted(found, key=lambda mt: (mt.first_day or date.min, mt.id))

    def find(self, spec: str) -> Meeting:
        """A meeting by catalog id, or by path to a YAML file."""
        as_path = Path(spec).expanduser()
        if spec.endswith((".yaml", ".yml")) or os.sep in spec or as_path.is_file():
            if not as_path.exists():
                raise InputError("no such file", spec)
            return self.meeting_at(as_path)
        by_id = {}
        for p in meeting_files(self.folder):
            if p.stem == spec:
                return self.meeting_at(p)
        for mt in self.meetings():
            by_id[mt.id] = mt
        if spec in by_id:
            return by_id[spec]
        local = files_with_id(spec, Path.cwd())
        if len(local) == 1:
            return self.meeting_at(local[0])
        if local:
            raise UsageError(_("several files in the working folder have id '%(id)s': %(files)s; give the path of one") % {"id": spec, "files": ", ".join(os.path.relpath(p) for p in local)})
        import difflib

        close = difflib.get_close_matches(spec, list(by_id), n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(sorted(by_id))}"
        raise UsageError(f"no meeting '{spec}' in the catalog {self.folder} nor in ./ or ./{LOCAL_FOLDER}/ (give the file's path, or --data FOLDER){hint}")

    def default(self, today: date) -> tuple[Meeting, str]:
        """The next upcoming meeting, else the most recent one, with why it was chosen."""
        meetings = self.meetings()
        if not meetings:
            raise UsageError(f"the catalog {self.folder} has no meetings")
        upcoming = [mt for mt in meetings if (mt.last_day or date.min) >= today]
        if upcoming:
            return upcoming[0], "the next upcoming meeting"
        return meetings[-1], "the most recent meeting (none is upcoming)"

    @cached_property
    def zone_aliases(self) -> dict[str, tuple[str, str]]:
        """Folded names people type -> (IANA zone, why): capitals, countries, ISO codes."""
        out: dict[str, tuple[str, str]] = {}
        for c in self.members.countries.values():
            country = c.name.get("en")
            why = f"capital of {country}"
            names = [c.capital.en, c.capital.es, *c.aliases]
            for name in names:
                if name:
                    out.setdefault(fold(name), (c.zone, why))
            for name in (c.name.en, c.name.es, c.code, c.iso3):
                if name:
                    out.setdefault(fold(name), (c.zone, f"{country}: zone of its capital {c.capital.get('en')}"))
        return out


def _(text: str) -> str:
    """rcmcli.i18n._, imported only when a message is made (start-up time)."""
    from rcmcli.i18n import _ as translate

    return translate(text)
