"""``rcm site build``: the agenda as a static web site (see docs/site.md).

Heavy modules (Jinja2, the exporters) are imported inside the function: the
registry imports this module on every run.
"""

from __future__ import annotations

import os
import sys

from rcmcli.cli import runtime
from rcmcli.cli.runtime import Globals, error

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from pathlib import Path

    from rcmcli.core.catalog import Catalog
    from rcmcli.core.errors import RcmError


def site_build(
    opts: Globals,
    meetings: list[str] | None = None,
    output: Path | None = None,
    base_url: str | None = None,
    skip_broken: bool = False,
) -> int:
    from rcmcli.core.errors import UsageError
    from rcmcli.export import site
    from rcmcli.i18n import _

    if output is None:
        raise UsageError(_("give the folder to write with -o/--output"))
    catalog = runtime.catalog(opts)
    base = site.check_base_url(base_url)
    paths = [catalog.path_of(m) for m in meetings] if meetings else _catalog_files(catalog)
    site.check_output(output, [catalog.folder, *paths])  # refused before any meeting is read
    chosen = _published(_unique(_usable_meetings(catalog, paths, skip_broken)))

    spec = site.Site(chosen, catalog.members, base, os.environ.get("SOURCE_DATE_EPOCH"))
    written = site.build(spec, output, protect=[catalog.folder])
    pages = sum(1 for name in written if name.endswith(".html"))
    sys.stderr.write(_("rcm: wrote %(pages)s pages and %(files)s files to %(folder)s") % {"pages": pages, "files": len(written), "folder": output} + "\n")
    return 0


def _catalog_files(catalog: Catalog) -> list[str]:
    """The catalog's meeting files; none is an error that says where rcm looked."""
    from rcmcli.core.catalog import meeting_walk
    from rcmcli.core.errors import InputError
    from rcmcli.i18n import _, ngettext

    found = meeting_walk(catalog.folder)
    if found.files:
        return found.files
    where = os.path.join(catalog.folder, "meetings")
    values = {"folder": catalog.folder, "where": where}
    if os.path.isdir(where):
        message = _("no meetings to build: no .yaml or .yml file in %(where)s, the meetings folder of the catalog %(folder)s") % values
    else:
        message = _(
            "no meetings to build: no .yaml or .yml file in the catalog %(folder)s "
            "(rcm reads the files in it, or in its meetings/ subfolder, not deeper; give the folder with --data)"
        ) % values
    links = len(found.skipped_links)
    if links:
        message = ngettext(
            "%(message)s; %(n)d symbolic link skipped (rcm follows a link only to a file inside the folder)",
            "%(message)s; %(n)d symbolic links skipped (rcm follows a link only to a file inside the folder)",
            links,
        ) % {"message": message, "n": links}
    raise InputError(message)


def _usable_meetings(catalog: Catalog, paths: list[str], skip_broken: bool) -> list:
    """The meetings of ``paths``; each one that cannot be built is named on stderr.

    A broken meeting stops the build (nothing is written, exit 2) unless ``skip_broken``:
    a site that silently lacks a meeting looks complete to everyone who reads it.
    """
    from rcmcli.core.errors import InputError, RcmError
    from rcmcli.i18n import _, ngettext

    good, broken = [], []
    for path in paths:
        try:
            good.append(runtime.usable(catalog, path))
        except RcmError as exc:
            broken.append(exc)
    for refusal in broken:
        _name_broken(refusal, skip_broken)
    if broken and not skip_broken:
        raise InputError(
            ngettext(
                "%(n)d meeting cannot be built, so nothing was written; fix it ('rcm agenda validate' shows every problem) or pass --skip-broken to build the others",
                "%(n)d meetings cannot be built, so nothing was written; fix them ('rcm agenda validate' shows every problem) or pass --skip-broken to build the others",
                len(broken),
            )
            % {"n": len(broken)}
        )
    if not good:
        raise InputError(_("no meeting can be built, so nothing was written; 'rcm agenda validate' shows every problem"))
    return good


def _published(meetings: list) -> list:
    """The meetings that are not drafts; each draft is named on stderr and left out.

    A draft (``status: draft``, from ``rcm agenda new`` or ``rcm plan --draft``) has no
    sources yet and is not an agenda anyone agreed on: a site would publish it as one.
    With ``--data .`` a draft lying in the folder is one of its YAML files.
    """
    from rcmcli.core.errors import InputError
    from rcmcli.i18n import _

    out = []
    for mt in meetings:
        if mt.status == "draft":
            # The prefix stays English, like 'rcm: error:' (docs/languages.md).
            note = _("%(file)s is a draft ('status: draft'), not published; to publish it, add its sources and remove 'status: draft'")
            sys.stderr.write("rcm: note: " + note % {"file": mt.path} + "\n")
        else:
            out.append(mt)
    if meetings and not out:
        raise InputError(_("no meeting to build: every meeting given is a draft, so nothing was written"))
    return out


def _name_broken(exc: RcmError, skipped: bool) -> None:
    """One line per broken meeting: its file, position and first problem, as a refusal shows it."""
    from rcmcli.core.errors import one_line
    from rcmcli.i18n import _

    if not skipped:
        error(str(exc))
        return
    # The prefix stays English, like 'rcm: error:' (docs/languages.md).
    sys.stderr.write("rcm: warning: " + one_line(_("%(problem)s; meeting skipped (--skip-broken)") % {"problem": str(exc)}) + "\n")


def _unique(meetings: list) -> list:
    """Each meeting once; two different files with one id would write the same pages."""
    from pathlib import Path

    from rcmcli.core.errors import UsageError
    from rcmcli.i18n import _

    seen: dict = {}
    for mt in meetings:
        other = seen.setdefault(mt.id, mt)
        if other is not mt and Path(other.path).resolve() != Path(mt.path).resolve():
            raise UsageError(_("two meetings have the id '%(id)s': %(first)s and %(second)s") % {"id": mt.id, "first": other.path, "second": mt.path})
    return list(seen.values())
