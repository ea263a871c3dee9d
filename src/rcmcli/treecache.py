"""A cache of parsed YAML trees, so that showing an agenda need not import PyYAML.

Importing PyYAML and parsing the members file and a meeting take about a quarter
of ``rcm agenda show`` (docs/performance.md). The commands that read the catalog
(show, times, list, members, ics, invite) keep the located tree of each file they
parse in ``$RCM_CACHE_DIR`` (default ``$XDG_CACHE_HOME/rcm`` or ``~/.cache/rcm``),
as JSON next to the exact text it was parsed from. JSON, not marshal or pickle:
reading an entry can only make strings, numbers and lists, and a tree of the wrong
shape is refused. An entry is used only when that text, rcm's version, its parser
modules and the input limits all equal the current ones, so an edited file is never
read from a stale entry; the model is still built, and every check run, from the
tree each time. PyYAML's version is not part of the key: for valid YAML its event
stream does not change between releases (after upgrading it, deleting the folder
is harmless). The files ``validate`` checks are always parsed afresh (it uses the
cache only for the catalog's members file, which it reads for cross-references).

Only clean parses of files up to 1 MiB are kept (no diagnostics, no aliases). Any
problem with the cache (unwritable folder, a damaged entry) silently falls back to
parsing. ``RCM_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from rcmcli import __version__
from rcmcli.errors import Pos
from rcmcli.yamlsrc import Diagnostic, Limits, YMap, YNode, YScalar, YSeq, parse_shared

FORMAT = 1
MAX_TEXT = 1024 * 1024  # characters; large agendas are parsed every time


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off."""
    if os.environ.get("RCM_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no"):
        return None
    chosen = os.environ.get("RCM_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, or relative: the XDG spec says to ignore it
        base = os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):  # no home folder to expand '~' to: no cache
        return None
    return Path(base) / "rcm"


def _entry(path: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    from urllib.parse import quote  # already loaded by pathlib

    name = quote(os.path.abspath(path), safe="")
    if len(name) > 200:  # file names are limited to 255 bytes
        import hashlib

        name = hashlib.sha256(name.encode()).hexdigest()
    return folder / f"{name}.tree"


def _header(limits: Limits) -> list:
    """What an entry must have been made with: this format, this rcm, these limits, this parser.

    The size and modification time of the modules that shape a tree stand for their
    code, so a changed parser in a source checkout (whose version does not move) never
    reads entries made by the old one.
    """
    return [FORMAT, __version__, limits.max_bytes, limits.max_depth, limits.max_nodes, *_code_stamp()]


def _code_stamp() -> list:
    from rcmcli import yamlsrc

    stamps = []
    for module_file in (yamlsrc.__file__, __file__):
        st = os.stat(module_file)
        stamps += [st.st_size, st.st_mtime_ns]
    return stamps


def parse(text: str, path: str, limits: Limits) -> tuple[YNode | None, list[Diagnostic], bool]:
    """:func:`rcmcli.yamlsrc.parse_shared`, through the cache."""
    entry = _entry(path) if len(text) <= MAX_TEXT else None
    if entry is not None:
        tree = _load(entry, text, limits)
        if tree is not None:
            return tree, [], False
    node, diagnostics, shared = parse_shared(text, limits)
    if entry is not None and node is not None and not diagnostics and not shared:
        _store(entry, text, limits, node)
    return node, diagnostics, shared


def _load(entry: Path, text: str, limits: Limits) -> YNode | None:
    try:
        header, cached_text, tree = json.loads(entry.read_bytes())
        if header != _header(limits) or cached_text != text:
            return None
        return decode(tree)
    except Exception:  # missing, unreadable, damaged or from another version: parse instead
        return None


def _store(entry: Path, text: str, limits: Limits, node: YNode) -> None:
    from rcmcli.fileio import write_atomic

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps([_header(limits), text, encode(node)], ensure_ascii=False, separators=(",", ":"))
        write_atomic(entry, data.encode("utf-8"))
    except Exception:  # a read-only home, a full disk: the cache is only an optimisation
        return


# A tree as nested lists (tuples when encoded, lists when read back): a scalar is (raw, plain, line, column); a mapping is
# (0, line, column, size, [(key, key line, key column, value), ...]); a list is
# (1, line, column, size, [item, ...]).


def encode(node: YNode) -> tuple:
    if type(node) is YScalar:
        return (node.raw, node.plain, node.pos[0], node.pos[1])
    if type(node) is YMap:
        items = [(k, p[0], p[1], encode(v)) for k, (p, v) in node.items.items()]
        return (0, node.pos[0], node.pos[1], node.size, items)
    assert type(node) is YSeq
    return (1, node.pos[0], node.pos[1], node.size, [encode(v) for v in node.items])


def decode(t: tuple | list) -> YNode:
    """The tree :func:`encode` made; ValueError for anything else (a damaged entry)."""
    if len(t) == 4:
        raw, plain, line, column = t
        if type(raw) is not str or type(plain) is not bool:
            raise ValueError("not a scalar node")
        return YScalar(raw, plain, _pos(line, column))
    kind, line, column, size, items = t
    if type(size) is not int or type(items) is not list:
        raise ValueError("not a mapping or list node")
    if kind == 0:
        mapping = YMap(_pos(line, column))
        mapping.size = size
        for k, kl, kc, v in items:
            if type(k) is not str:
                raise ValueError("not a mapping key")
            mapping.items[k] = (_pos(kl, kc), decode(v))
        return mapping
    if kind != 1:
        raise ValueError(f"not a tree node: {kind!r}")
    seq = YSeq(_pos(line, column))
    seq.size = size
    seq.items = [decode(v) for v in items]
    return seq


def _pos(line: object, column: object) -> Pos:
    if type(line) is not int or type(column) is not int:
        raise ValueError("not a position")
    return Pos(line, column)
