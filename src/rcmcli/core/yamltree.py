"""YAML text to a tree of located nodes, without ever constructing Python objects.

We build the tree from the parser's event stream ourselves instead of calling
``yaml.compose``/``yaml.safe_load`` because:

* every node must keep its line and column (``Pos``) for messages;
* PyYAML silently keeps the last of two duplicate keys: we report them;
* YAML 1.1 reads an unquoted ``9:00`` as the integer 540: we keep the raw text
  and let the schema decide what a scalar means;
* the C composer recurses and crashes the interpreter on deeply nested input,
  and alias expansion ("billion laughs") can explode: an event loop with an
  explicit stack enforces depth, node and size limits as it goes;
* no tag is honoured: ``!!python/object`` and friends are refused outright;
* NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are read as YAML 1.2, editors, grep
  and GitHub read them, as ordinary characters: libyaml (YAML 1.1) breaks lines
  there, which moved every later position down a line (see :func:`_stand_ins`).
"""

from __future__ import annotations

import sys

from rcmcli.core.errors import Pos, quote
from rcmcli.core.problem import Problem
from rcmcli.core.settings import DEFAULT_LIMITS, Limits  # the defaults live in settings
from rcmcli.i18n import N_, _

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any

# Problem codes produced while reading YAML; the validator documents them.
SYNTAX = "Y001"
DUPLICATE_KEY = "Y002"
LIMITS = "Y006"
ENCODING = "Y007"
TAG = "Y008"




class YScalar:
    __slots__ = ("raw", "plain", "pos")

    def __init__(self, raw: str, plain: bool, pos: Pos) -> None:
        self.raw = raw
        self.plain = plain  # unquoted: may mean null/bool/number
        self.pos = pos

    @property
    def is_null(self) -> bool:
        return self.plain and self.raw in ("", "~", "null", "Null", "NULL")

    def __repr__(self) -> str:
        return f"YScalar({self.raw!r})"


class YMap:
    __slots__ = ("items", "pos", "size")

    def __init__(self, pos: Pos) -> None:
        self.items: dict[str, tuple[Pos, YNode]] = {}
        self.pos = pos
        self.size = 1


class YSeq:
    __slots__ = ("items", "pos", "size")

    def __init__(self, pos: Pos) -> None:
        self.items: list[YNode] = []
        self.pos = pos
        self.size = 1


YNode = YScalar | YMap | YSeq  # types.UnionType: no typing import at run time


def node_kind(node: YNode) -> str:
    """A word for a node's shape, for messages."""
    if isinstance(node, YMap):
        return _("a mapping")
    if isinstance(node, YSeq):
        return _("a list")
    if node.is_null:
        return _("nothing (null)")
    return quote(node.raw)


class _Stop(Exception):
    """Parsing stopped early; the diagnostic is already recorded."""


# The pending key of a mapping whose key was not a plain value (already reported).
_INVALID = object()


class _Builder:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.diagnostics: list[Problem] = []
        self.anchors: dict[str, YNode] = {}
        # Open containers, innermost last. Each frame: [container, pending key, its Pos];
        # the pending key is None while a mapping waits for its next key.
        self.stack: list[list] = []
        self.root: YNode | None = None
        self.documents = 0
        self.shared = False  # some node is reachable twice (never: an alias gets a copy, see _at)

    def fail(self, code: str, pos: Pos, message: str) -> None:
        self.diagnostics.append(Problem.at(pos, message, code))

    def add(self, node: YNode, pos: Pos, size: int) -> None:
        """Attach a finished node (any kind) to the innermost open container."""
        if not self.stack:
            self.root = node
            if size > self.limits.max_nodes:
                self._too_many(pos, size)
            return
        frame = self.stack[-1]
        parent = frame[0]
        parent.size += size
        if parent.size > self.limits.max_nodes:
            self._too_many(pos, parent.size)
        if isinstance(parent, YSeq):
            parent.items.append(node)
            return
        if frame[1] is None:  # this node is a key
            if not isinstance(node, YScalar):
                self.fail(SYNTAX, pos, _("a mapping key must be a plain value, not a list or mapping"))
                frame[1], frame[2] = _INVALID, pos
            else:
                frame[1], frame[2] = node.raw, pos
            return
        key, key_pos = frame[1], frame[2]
        frame[1] = None
        self.put(parent, key, key_pos, node)

    def put(self, parent: YMap, key, key_pos: Pos, node: YNode) -> None:
        """Store ``key: node`` in ``parent``, unless the key is refused or repeated."""
        if key is _INVALID:
            return
        if key == "<<":
            self.fail(SYNTAX, key_pos, _("merge keys ('<<') are not supported; write the keys out"))
            return
        if key in parent.items:
            first = parent.items[key][0]
            self.fail(
                DUPLICATE_KEY,
                key_pos,
                _("duplicate key %(key)s (first defined at line %(line)s); YAML would silently keep this one")
                % {"key": quote(key), "line": first.line},
            )
            return
        parent.items[key] = (key_pos, node)

    def _too_many(self, pos: Pos, size: int) -> None:
        self.fail(
            LIMITS,
            pos,
            _("document expands to more than %(n)s nodes (alias bomb?); refused") % {"n": f"{self.limits.max_nodes:,}"},
        )
        raise _Stop


def _pos(mark) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


def _loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# What a NUL byte makes of a file, by the kind of text it should have been.
_BINARY = {
    "YAML": N_("NUL byte: the file is binary data, not YAML text"),
    "CSV": N_("NUL byte: the file is binary data, not CSV text"),
}


def decode(data: bytes, kind: str = "YAML") -> tuple[str | None, Problem | None]:
    """Bytes to text: UTF-8 (a byte-order mark is accepted), nothing else. ``kind``
    (YAML, CSV) is what the file should hold, named when it holds binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Problem.at(Pos(1, 1), _("file is UTF-16; save it as UTF-8"), ENCODING)
    nul = data.find(b"\0")
    if nul >= 0:
        head = data[:64]
        if head.count(b"\0") * 2 >= len(head) - 1:  # every other byte: ASCII text as UTF-16
            why = _("NUL byte: the file looks like UTF-16 without a byte-order mark; save it as UTF-8")
        else:
            why = _(_BINARY[kind])
        return None, Problem.at(byte_pos(data, nul), why, ENCODING)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1]
        why = _("byte %(byte)s is not UTF-8 (Latin-1 or Windows-1252?); save the file as UTF-8") % {"byte": repr(bad)}
        return None, Problem.at(byte_pos(data, exc.start), why, ENCODING)
    return text, None


def byte_pos(data: bytes, index: int) -> Pos:
    """The line and column (in characters, as an editor counts them) of byte ``index``."""
    line = data.count(b"\n", 0, index) + 1
    line_start = data.rfind(b"\n", 0, index) + 1
    start = 3 if line_start == 0 and data.startswith(b"\xef\xbb\xbf") else line_start  # a BOM is no column
    # The bytes before it may not be UTF-8 either: each bad byte counts as one character.
    return Pos(line, len(data[start:index].decode("utf-8", errors="replace")) + 1)


def parse(text: str, limits: Limits = DEFAULT_LIMITS) -> tuple[YNode | None, list[Problem]]:
    """Parse one YAML document into located nodes; never raises for bad input."""
    node, diagnostics, _shared = parse_shared(text, limits)
    return node, diagnostics


def parse_shared(text: str, limits: Limits = DEFAULT_LIMITS) -> tuple[YNode | None, list[Problem], bool]:
    """:func:`parse`, and whether some node is reachable twice.

    Every node has one parent (an alias gets a copy, see :func:`_at`), so whoever
    owns the root may take nodes out of it as it goes (see ``schema.Ctx.consume``).
    The flag stays for callers that ask.
    """
    b = _Builder(limits)
    return _parse(b, text, limits), b.diagnostics, b.shared


def _parse(b: _Builder, text: str, limits: Limits) -> YNode | None:
    import yaml

    if len(text) > limits.max_bytes:
        b.fail(LIMITS, Pos(1, 1), _("file is larger than %(n)s bytes; refused (raise [tool.rcm.limits] max_bytes to allow it)") % {"n": f"{limits.max_bytes:,}"})
        return None
    parser = None
    fed, back = _stand_ins(text)
    try:
        # The parser's own get_event(), not yaml.parse(): that wraps every event in
        # a Python generator step (check_event + get_event), a sixth of the time.
        parser = _loader()(fed)
        _events(b, parser.get_event if back is None else _restoring(parser.get_event, back))
    except _Stop:
        return None
    except yaml.MarkedYAMLError as exc:
        if exc.problem == "exceeded maximum nesting depth":
            # libyaml (from PyYAML 6.0.4) refuses deep nesting itself, scanning ahead of
            # the events rcm counts: the same input-limit finding as rcm's own limit.
            b.fail(LIMITS, _too_deep_at(text, b), _("nesting deeper than %(n)s levels; refused") % {"n": limits.max_depth})
            return None
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark) if mark else Pos(1, 1)
        problem = exc.problem or str(exc)
        if exc.context:
            problem = f"{problem} ({exc.context})"
        if back is not None:
            problem = problem.translate(back)
        # TRANSLATORS: %(problem)s is libyaml's own English description of the error
        b.fail(SYNTAX, pos, _("YAML syntax error: %(problem)s") % {"problem": problem})
        return None
    except yaml.reader.ReaderError as exc:  # a control character, reported by offset
        before = text[: exc.position]
        pos = Pos(before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        b.fail(SYNTAX, pos, _("control character %(char)s (U+%(code)s) is not allowed in YAML text") % {"char": repr(char), "code": f"{ord(char):04X}"})
        return None
    except yaml.YAMLError as exc:
        b.fail(SYNTAX, Pos(1, 1), _("YAML error: %(problem)s") % {"problem": exc})
        return None
    finally:
        if parser is not None:
            parser.dispose()
    return b.root


# Line breaks to YAML 1.1 and libyaml, ordinary characters to YAML 1.2, editors, grep
# and GitHub: NEL (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029).
_YAML11_BREAKS = "\x85\u2028\u2029"


def _stand_ins(text: str) -> tuple[str, dict[int, str] | None]:
    """The text libyaml is given, and the table that turns its scalars back.

    libyaml breaks lines at NEL, U+2028 and U+2029: a U+2028 in a title moved every
    later position down a line, and a NEL in a comment ended the comment, leaving
    its rest as broken YAML. Where the text holds any of them, each is replaced by
    a private-use character it does not hold (one character for one: columns and
    offsets stay), which libyaml reads as an ordinary character; scalar values
    get the real ones back. Most files hold none: they are passed as they are.
    """
    if "\x85" not in text and "\u2028" not in text and "\u2029" not in text:
        return text, None
    held = set(text)
    free = [c for c in map(chr, range(0xE000, 0xF900)) if c not in held][:3]
    if len(free) < 3:  # every private-use character in one file: read it as YAML 1.1 does
        return text, None
    to = str.maketrans(dict(zip(_YAML11_BREAKS, free)))
    return text.translate(to), str.maketrans(dict(zip(free, _YAML11_BREAKS)))


def _restoring(get_event, back: dict[int, str]):
    """``get_event`` whose scalars carry the characters :func:`_stand_ins` replaced."""
    import yaml

    scalar = yaml.ScalarEvent

    def get():
        event = get_event()
        if type(event) is scalar:
            event.value = event.value.translate(back)
        return event

    return get


def _too_deep_at(text: str, b: _Builder) -> Pos:
    """Where nesting first goes deeper than the limit, for a refusal by libyaml itself.

    libyaml stops before delivering the events of the brackets it scanned ahead, so
    the brackets after the innermost container rcm opened are counted here (quoted
    text and comments skipped), giving the position rcm's own limit would report.
    """
    depth = len(b.stack)
    index = 0
    if b.stack:
        line, column = b.stack[-1][0].pos
        index = _index(text, line, column) + 1
    line = text.count("\n", 0, index) + 1
    line_start = text.rfind("\n", 0, index) + 1
    quote = ""
    i = index
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 1
            elif c == quote:
                quote = ""
        elif c in "'\"" and (i == 0 or text[i - 1] in " \t\n[{,:"):
            quote = c
        elif c == "#" and (i == 0 or text[i - 1] in " \t\n"):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif c in "[{":
            depth += 1
            if depth > b.limits.max_depth:
                return Pos(line, i - line_start + 1)
        elif c in "]}":
            depth -= 1
        if c == "\n":
            line, line_start = line + 1, i + 1
        i += 1
    return Pos(line, max(1, i - line_start))


def _index(text: str, line: int, column: int) -> int:
    """The offset of a 1-based line and column."""
    start = 0
    for _line in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column - 1


def _events(b: _Builder, get_event) -> None:
    """The event loop, kept tight: it runs once per scalar and bracket of the file.

    The common events (a key, a scalar value in a mapping or a list, opening and
    closing a container) are handled inline with the innermost frame in local
    variables; anything unusual (anchors on keys, aliases, a repeated, merge or
    non-scalar key, a scalar document) goes through :meth:`_Builder.add`. One
    ``Pos`` per node, built with ``tuple.__new__`` (no Python-level call); a key
    gets no ``YScalar`` of its own unless it carries an anchor.
    """
    import yaml

    scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
    map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    doc_start = yaml.DocumentStartEvent
    new, P, intern = tuple.__new__, Pos, sys.intern
    stack, anchors = b.stack, b.anchors
    max_nodes, max_depth = b.limits.max_nodes, b.limits.max_depth
    # The innermost frame and its container (Any: the checker cannot follow is_map).
    frame: Any = None  # stack[-1]
    parent: Any = None  # frame[0]
    is_map = False
    line0, line = -1, 0  # the last scalar's 0-based line, and that plus one
    while True:
        event = get_event()
        if event is None:
            return
        kind = type(event)
        if kind is scalar:
            mark = event.start_mark
            if mark.line != line0:  # a key and its value share one line number object
                line0 = mark.line
                line = line0 + 1
            pos = new(P, (line, mark.column + 1))
            if event.tag is not None:
                _check_tag(b, event, pos)
            anchor = event.anchor
            if frame is None or anchor:
                node: YNode = YScalar(event.value, event.implicit[0] and not event.style, pos)
                if anchor:
                    anchors[anchor] = node
                b.add(node, pos, 1)
                continue
            size = parent.size + 1
            parent.size = size
            if size > max_nodes:
                b._too_many(pos, size)
            if is_map:
                key = frame[1]
                if key is None:  # a key: only its text (interned: keys repeat) and position are kept
                    frame[1] = intern(event.value)
                    frame[2] = pos
                    continue
                frame[1] = None
                items = parent.items
                value = event.value
                if len(value) < 32:  # times, kinds, codes, file names: they repeat
                    value = intern(value)
                node = YScalar(value, event.implicit[0] and not event.style, pos)
                if key in items or key is _INVALID or key == "<<":
                    b.put(parent, key, frame[2], node)
                else:
                    items[key] = (frame[2], node)
            else:
                parent.items.append(YScalar(event.value, event.implicit[0] and not event.style, pos))
        elif kind is map_end or kind is seq_end:
            done: YMap | YSeq = stack.pop()[0]
            if not stack:  # the root
                frame = parent = None
                is_map = False
                b.add(done, done.pos, done.size)
                continue
            frame = stack[-1]
            parent = frame[0]
            is_map = type(parent) is YMap
            if is_map:
                key = frame[1]
                if key is None or key is _INVALID or key == "<<" or key in parent.items:
                    b.add(done, done.pos, done.size)  # a mapping as a key, or a refused key
                    continue
                frame[1] = None
            # b.add, inlined for the usual case: a list item or the value of a new key.
            size = parent.size + done.size
            parent.size = size
            if size > max_nodes:
                b._too_many(done.pos, size)
            if is_map:
                parent.items[key] = (frame[2], done)
            else:
                parent.items.append(done)
        elif kind is map_start or kind is seq_start:
            mark = event.start_mark
            pos = new(P, (mark.line + 1, mark.column + 1))
            if event.tag is not None:
                _check_tag(b, event, pos)
            is_map = kind is map_start
            parent = YMap(pos) if is_map else YSeq(pos)
            if event.anchor:
                anchors[event.anchor] = parent
            if len(stack) >= max_depth:
                b.fail(LIMITS, pos, _("nesting deeper than %(n)s levels; refused") % {"n": max_depth})
                raise _Stop
            frame = [parent, None, None]
            stack.append(frame)
        elif kind is alias:
            _alias(b, event)
        elif kind is doc_start:
            b.documents += 1
            if b.documents > 1:
                b.fail(SYNTAX, _pos(event.start_mark), _("more than one YAML document ('---') in one file"))
                raise _Stop


def _alias(b: _Builder, event) -> None:
    pos = _pos(event.start_mark)
    target = b.anchors.get(event.anchor)
    if target is None:
        b.fail(SYNTAX, pos, _("unknown alias %(alias)s") % {"alias": quote("*" + event.anchor)})
        raise _Stop
    if any(frame[0] is target for frame in b.stack):
        b.fail(SYNTAX, pos, _("alias %(alias)s refers to a node that contains it (a cycle)") % {"alias": quote("*" + event.anchor)})
        raise _Stop
    size = target.size if not isinstance(target, YScalar) else 1
    total = (b.stack[-1][0].size if b.stack else 0) + size
    if total > b.limits.max_nodes:  # before copying: an alias bomb stops here
        b._too_many(pos, total)
    b.add(_at(target, pos), pos, size)


def _at(node: YNode, pos: Pos) -> YNode:
    """A copy of ``node`` with every position at ``pos``: where an alias is used.

    A finding about a slot reached through an alias must point at the alias, not
    at the anchor (a suppression there must silence it). The copy costs what the
    expansion costs, which the node limit already bounds (checked before copying).
    """
    if type(node) is YScalar:
        return YScalar(node.raw, node.plain, pos)
    if isinstance(node, YMap):
        mapping = YMap(pos)
        mapping.items = {key: (pos, _at(child, pos)) for key, (_kpos, child) in node.items.items()}
        mapping.size = node.size
        return mapping
    assert isinstance(node, YSeq)
    sequence = YSeq(pos)
    sequence.items = [_at(child, pos) for child in node.items]
    sequence.size = node.size
    return sequence


def _check_tag(b: _Builder, event, pos: Pos) -> None:
    tag = event.tag
    if tag is None or tag == "!":
        return
    if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
        return
    b.fail(TAG, pos, _("YAML tag %(tag)s is not allowed; rcm reads plain data only") % {"tag": quote(tag)})
    raise _Stop
