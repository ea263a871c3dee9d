"""The catalog: a folder with ``members.yaml`` and ``meetings/*.yaml``.

The bundled catalog ships inside the package (``rcmcli/data`` in the wheel; the
repository's ``data/`` in a source checkout). ``--data DIR`` or ``RCM_DATA``
selects another folder, e.g. a secretariat's repository of draft agendas; if that
folder has no ``members.yaml``, the bundled one is used.

Paths are strings (``os.path``): every catalog command comes through here, and
pathlib costs 5 ms to import. :func:`bundled_dir` gives a :class:`pathlib.Path` for
callers that want one.
"""

from __future__ import annotations

import os
import re
from datetime import date
from functools import cached_property

from rcmcli.core.errors import UsageError, close_matches, quote
from rcmcli.core.loader import MEETING, Loaded, fail_on_errors, load_members, read_document
from rcmcli.core.model import Meeting, Members
from rcmcli.core.walk import Walk, is_yaml_name, tidy, yaml_files
from rcmcli.core.yamltree import DEFAULT_LIMITS, Limits
from rcmcli.core.zones import fold
from rcmcli.i18n import current

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from pathlib import Path

ENV_DATA = "RCM_DATA"


def bundled_folder() -> str:
    """The bundled catalog's folder."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # rcmcli/
    packaged = os.path.join(package, "data")
    if os.path.isfile(os.path.join(packaged, "members.yaml")):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(package)), "data")  # source checkout / editable install


def bundled_dir() -> Path:
    """The bundled catalog's folder, as a Path."""
    from pathlib import Path

    return Path(bundled_folder())


def data_dir(option: str | None = None) -> str:
    """The catalog folder: ``--data``, else ``RCM_DATA``, else the bundled one."""
    chosen = option or os.environ.get(ENV_DATA)
    if not chosen:
        return bundled_folder()
    path = os.path.expanduser(chosen)  # Catalog and the folder walk tidy it
    if not os.path.isdir(path):
        values = {"folder": chosen, "source": "--data" if option and option != os.environ.get(ENV_DATA) else ENV_DATA}
        raise UsageError(_("catalog folder %(folder)s (from %(source)s) does not exist or is not a folder") % {**values, "folder": quote(chosen)})
    return path


def meeting_files(folder: str | os.PathLike) -> list[str]:
    """YAML files of a folder: its ``meetings/`` subfolder if it has one."""
    return meeting_walk(folder).files


def meeting_walk(folder: str | os.PathLike) -> Walk:
    """The meeting files of a catalog folder (not recursive), and the links skipped (core.walk)."""
    meetings = os.path.join(folder, "meetings")
    found = yaml_files(meetings if os.path.isdir(meetings) else folder, recursive=False)
    found.files = [p for p in found.files if os.path.basename(p) != "members.yaml"]
    return found


def no_meetings(folder: str) -> str:
    """Why ``folder`` gives no meetings, saying where rcm looked (:func:`meeting_walk`),
    and naming a subfolder that holds YAML files: the usual slip is ``--data .`` in a
    repository whose agendas are in ``agendas/``."""
    top = os.path.join(folder, "")
    meetings = os.path.join(folder, "meetings", "")
    if os.path.isdir(meetings):
        message = _("no meetings in %(folder)s (looked in %(files)s)") % {"folder": top, "files": f"{meetings}*.yaml, {meetings}*.yml"}
    else:
        values = {"folder": top, "meetings": meetings, "files": f"{top}*.yaml, {top}*.yml"}
        message = _("no meetings in %(folder)s (looked in %(meetings)s and %(files)s)") % values
    try:
        subfolders = sorted(e.name for e in os.scandir(folder) if e.is_dir() and not e.name.startswith(".") and e.name != "meetings")
    except OSError:
        subfolders = []
    for name in subfolders:
        sub = os.path.join(folder, name, "")
        if yaml_files(sub, recursive=False).files:
            return message + "; " + _("YAML files are in %(sub)s: try --data %(sub)s") % {"sub": sub}
    return message


def stem(path: str) -> str:
    """A file's name without its extension: a meeting file's default id."""
    return os.path.splitext(os.path.basename(path))[0]


LOCAL_FOLDER = "agendas"
_ID_LINE = re.compile(rb"^id:[ \t]*([\"']?)([a-z0-9][a-z0-9-]*)\1[ \t]*(?:#.*)?$", re.M)


def files_with_id(meeting_id: str, folder: str | os.PathLike) -> list[str]:
    """YAML files in ``folder`` and ``folder/agendas`` (not deeper) whose top-level
    ``id:`` line is ``meeting_id``: how an id finds a draft that is not in a catalog.

    Only the line is read (the first 64 KiB of each file), not the document: a
    folder of unrelated YAML files costs little and cannot fail the lookup.
    """
    return [path for path, found in _local_ids(folder) if found == meeting_id]


def local_ids(folder: str | os.PathLike) -> list[str]:
    """The ids :func:`files_with_id` finds in ``folder``: what shell completion offers."""
    return [found for _path, found in _local_ids(folder)]


def _local_ids(folder: str | os.PathLike) -> list[tuple[str, str]]:
    """(path, id) of the YAML files in ``folder`` and ``folder/agendas`` with an ``id:`` line."""
    found = []
    for base in (os.fspath(folder), os.path.join(folder, LOCAL_FOLDER)):
        if not os.path.isdir(base):
            continue
        for path in sorted(os.path.join(base, name) for name in os.listdir(base)):
            if os.path.splitext(path)[1] not in (".yaml", ".yml") or not os.path.isfile(path):
                continue
            try:
                with open(path, "rb") as f:
                    head = f.read(65536)
            except OSError:
                continue
            m = _ID_LINE.search(head)
            if m:
                found.append((path, m.group(2).decode()))
    return found


class Catalog:
    """The meetings and members of one catalog folder, read as they are.

    The catalog reads and models; it does not judge. A meeting file that fails to load
    is still listed (:meth:`documents`), with its problems; what a command refuses is
    the command layer's decision (``rcmcli.cli.runtime``).
    """

    def __init__(self, folder: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> None:
        self.folder = tidy(folder)
        self._documents: dict[str, Loaded] = {}
        self.limits = limits  # the configuration's [limits]: every command reads agendas with them

    @cached_property
    def members(self) -> Members:
        path = os.path.join(self.folder, "members.yaml")
        if not os.path.isfile(path):
            path = os.path.join(bundled_folder(), "members.yaml")
        return load_members(path)

    def document(self, path: str | os.PathLike) -> Loaded:
        """One meeting file read and built, with every load problem (raises only if unreadable)."""
        key = os.fspath(path)
        if key not in self._documents:
            self._documents[key] = read_document(key, MEETING, self.limits)
        return self._documents[key]

    def documents(self) -> list[Loaded]:
        """Every meeting file of the catalog, in file-name order, broken ones included."""
        return [self.document(p) for p in meeting_files(self.folder)]

    def meetings(self) -> list[Meeting]:
        """The meetings that load, by first day then id."""
        found = [d.value for d in self.documents() if isinstance(d.value, Meeting) and not d.diagnostics]
        return sorted(found, key=lambda mt: (mt.first_day or date.min, mt.id))

    def path_of(self, spec: str) -> str:
        """The file of a meeting given by catalog id or by path."""
        as_path = tidy(os.path.expanduser(spec))
        if is_yaml_name(spec) or os.sep in spec or "/" in spec or os.path.isfile(as_path):
            return as_path  # the reader says what is wrong: missing, a FIFO, unreadable...
        files = meeting_files(self.folder)
        for p in files:
            if stem(p) == spec:
                return p
        by_id = {d.value.id: d.path for d in map(self.document, files) if isinstance(d.value, Meeting)}
        if spec in by_id:
            return by_id[spec]
        local = files_with_id(spec, os.getcwd())
        if len(local) == 1:
            return local[0]
        if local:
            values = {"id": quote(spec), "files": ", ".join(os.path.relpath(p) for p in local)}
            raise UsageError(_("several files in the working folder have id %(id)s: %(files)s; give the path of one") % values)
        known = sorted({*by_id, *(stem(p) for p in files)})
        close = close_matches(spec, known, cutoff=0.5)
        values = {"id": quote(spec), "folder": self.folder, "local": f"./{LOCAL_FOLDER}/", "close": close[0] if close else "", "known": ", ".join(known)}
        if close:
            raise UsageError(_("no meeting %(id)s in the catalog %(folder)s nor in ./ or %(local)s; did you mean '%(close)s'?") % values)
        raise UsageError(
            _("no meeting %(id)s in the catalog %(folder)s nor in ./ or %(local)s (give the file's path, or --data FOLDER); known: %(known)s") % values
        )

    def find(self, spec: str) -> Meeting:
        """A meeting by catalog id or path; InvalidDocument if it does not load."""
        value = fail_on_errors(self.document(self.path_of(spec)))
        assert isinstance(value, Meeting)
        return value

    @cached_property
    def zone_aliases(self) -> dict[str, tuple[str, str]]:
        """Folded names people type -> (IANA zone, why): capitals and countries in
        English, Spanish, Portuguese and French, aliases, ISO codes.

        English and Spanish names are taken first, as before Portuguese and French
        were added, so a name that is also another language's name (French
        'Mexico' is the capital) keeps the meaning it had.
        """
        out: dict[str, tuple[str, str]] = {}
        lang = current()
        countries = self.members.countries.values()
        for first in (True, False):
            for c in countries:
                country = c.name.get(lang)
                # TRANSLATORS: why a name typed in --tz became this zone ("Lima" -> "capital of Peru").
                why = _("capital of %(country)s") % {"country": country}
                values = {"country": country, "capital": c.capital.get(lang)}
                via_country = _("%(country)s: zone of its capital %(capital)s") % values
                capitals = (c.capital.en, c.capital.es, *c.aliases) if first else (c.capital.pt, c.capital.fr)
                names = (c.name.en, c.name.es, c.code, c.iso3) if first else (c.name.pt, c.name.fr)
                for name in capitals:
                    if name:
                        out.setdefault(fold(name), (c.zone, why))
                for name in names:
                    if name:
                        out.setdefault(fold(name), (c.zone, via_country))
        return out


def _(text: str) -> str:
    """rcmcli.i18n._, imported only when a message is made (start-up time)."""
    from rcmcli.i18n import _ as translate

    return translate(text)
