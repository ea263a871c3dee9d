"""Finding the YAML files of a folder: the one folder walk of rcm.

``rcm agenda validate DIR`` and the catalog (``--data DIR``) both list files here, so
both answer hostile ground the same way:

* a name ending in ``.yaml`` or ``.yml`` in any case (``.YAML``, ``.Yml``) is a YAML file;
* names starting with ``.`` (hidden files and folders, editor lock files) are left out;
* a symbolic link is followed only to a file inside the folder walked; a link out of
  it (``dir/passwd.yaml -> /etc/passwd``), a dangling one and a link to a folder are
  skipped and counted, so a shared folder cannot make rcm read (and quote in a
  finding) a file elsewhere, nor walk in circles;
* a folder that cannot be listed is an :class:`InputError` naming it (exit 2), never
  silently empty. Files that cannot be read are listed: reading them fails with a
  message naming them.

Anything else with a YAML name (a FIFO, a device) is listed too: the reader refuses it
with a message naming it, rather than the walk hiding it.

Paths are strings (``os.path``), not :class:`pathlib.Path`: every catalog command
walks a folder, and pathlib costs 5 ms to import (it imports ``urllib.parse``).
"""

from __future__ import annotations

import os
import stat

from rcmcli.core.errors import InputError
from rcmcli.i18n import _

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Optional

YAML_SUFFIXES = (".yaml", ".yml")


def tidy(path: str | os.PathLike) -> str:
    """``path`` written as pathlib writes it: without ``.`` parts, doubled or trailing
    separators (``./agendas//x.yaml/`` is ``agendas/x.yaml``); ``..`` is kept, since
    it means something where a link is on the way. So a path reads the same in every
    message and output, however it was typed."""
    text = os.fspath(path)
    if os.altsep:
        text = text.replace(os.altsep, os.sep)
    drive, rest = os.path.splitdrive(text)
    root = os.sep if rest.startswith(os.sep) else ""
    return drive + root + os.sep.join(part for part in rest.split(os.sep) if part not in ("", ".")) or "."


def _parts(path: str) -> list[str]:
    return path.split(os.sep)


def is_yaml_name(name: str) -> bool:
    """Does the file name end in .yaml or .yml, in any case?"""
    return name.lower().endswith(YAML_SUFFIXES)


class Walk:
    """The files found, in sorted order, and the symbolic links left out."""

    def __init__(self, files: Optional[list[str]] = None, skipped_links: Optional[list[str]] = None) -> None:
        self.files = [] if files is None else files
        self.skipped_links = [] if skipped_links is None else skipped_links

    def extend(self, other: Walk) -> None:
        self.files.extend(other.files)
        self.skipped_links.extend(other.skipped_links)


def yaml_files(folder: str | os.PathLike, recursive: bool = True) -> Walk:
    """The YAML files under ``folder`` (its subfolders too when ``recursive``)."""
    root = os.path.realpath(folder)
    walk = Walk()
    pending = [tidy(folder)]
    while pending:
        current = pending.pop()
        for entry in _entries(current):
            if entry.name.startswith("."):
                continue
            path = os.path.join(current, entry.name)
            if entry.is_symlink():
                if is_yaml_name(entry.name) and _inside(root, path):
                    walk.files.append(path)
                elif is_yaml_name(entry.name) or (recursive and os.path.isdir(path)):
                    walk.skipped_links.append(path)
            elif entry.is_dir(follow_symlinks=False):
                if recursive:
                    pending.append(path)
            elif is_yaml_name(entry.name):
                walk.files.append(path)
    walk.files.sort(key=_parts)  # folder by folder, as pathlib orders paths
    walk.skipped_links.sort(key=_parts)
    return walk


def _entries(folder: str) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as it:
            return list(it)
    except PermissionError:
        raise InputError(_("permission denied: cannot list the folder"), folder) from None
    except OSError as exc:
        raise InputError(_("cannot list the folder: %(reason)s") % {"reason": exc.strerror or exc}, folder) from None


def _inside(root: str, link: str) -> bool:
    """Does the link lead to an existing regular file inside ``root``?"""
    target = os.path.realpath(link)
    try:
        if not stat.S_ISREG(os.stat(target).st_mode):
            return False
    except OSError:
        return False
    try:
        return os.path.commonpath([root, target]) == root
    except ValueError:  # another drive on Windows
        return False
