"""Writing files safely: atomically, never over an input, never half-written.

A write goes to a temporary file in the target's folder, is flushed and fsync'd,
then renamed over the target (atomic on POSIX and Windows). An exception or Ctrl-C
before the rename removes the temporary file and leaves any previous file intact.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from rcmcli.core.errors import OutputError


def check_target(target: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse to write over an input file or into a folder that is missing or read-only."""
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise OutputError(_("is a folder; give a file name"), str(target))
    if not folder.is_dir():
        raise OutputError(_("folder '%(folder)s' does not exist") % {"folder": folder}, str(target))
    if not os.access(folder, os.W_OK):
        raise OutputError(_("folder '%(folder)s' is not writable") % {"folder": folder}, str(target))
    for source in inputs:
        try:
            if target.exists() and target.resolve() == Path(source).resolve():
                raise OutputError(_("refusing to overwrite an input file"), str(target))
        except OSError:
            continue


def write_atomic(target: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``target`` atomically."""
    target = Path(target)
    check_target(target, inputs)
    try:
        _replace(target, data)
    except OSError as exc:  # disk full, permission denied...: the user's problem, not a bug
        raise OutputError(_("cannot write: %(reason)s") % {"reason": exc.strerror or exc}, str(target)) from None


def _replace(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_new(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically, refusing if ``target`` exists, even if it
    appears while writing: the temporary file is hard-linked into place (the link fails
    on an existing name), or renamed after a last check where links are unsupported."""
    target = Path(target)
    exists = _("already exists; rcm never overwrites it (choose another name or remove it)")
    if target.exists() or target.is_symlink():
        raise OutputError(exists, str(target))
    check_target(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise OutputError(exists, str(target)) from None
        except OSError:  # no hard links on this file system
            if target.exists():
                raise OutputError(exists, str(target)) from None
            os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(_("cannot write: %(reason)s") % {"reason": exc.strerror or exc}, str(target)) from None
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass


def _(text: str) -> str:
    """rcmcli.i18n._, imported only when a message is made (start-up time)."""
    from rcmcli.i18n import _ as translate

    return translate(text)
