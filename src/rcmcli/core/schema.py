"""A small declarative schema: one description of the agenda format drives
building model objects from located YAML nodes, every load-time diagnostic
(unknown key with did-you-mean, missing key, wrong type, bad time or date), and
the JSON Schema published for editors (``schema/agenda.schema.json``).
"""

from __future__ import annotations

import re

from rcmcli.core.errors import Pos, close_matches, quote
from rcmcli.core.model import LANGUAGES, Text
from rcmcli.core.problem import Problem
from rcmcli.core.timeparse import parse_date, parse_time
from rcmcli.core.yamltree import YMap, YNode, YScalar, YSeq, node_kind
from rcmcli.i18n import N_, _

TYPE_CHECKING = False  # typing costs ~8 ms of start-up; annotations are never evaluated
if TYPE_CHECKING:
    from typing import Any, Callable

UNKNOWN_KEY = "Y003"
MISSING_KEY = "Y004"
WRONG_TYPE = "Y005"
BAD_TIME = "T001"


class Ctx:
    def __init__(self, diagnostics: list[Problem] | None = None, consume: bool = False) -> None:
        self.diagnostics = [] if diagnostics is None else diagnostics
        # Lists may drop their items once built: set by an owner of a tree no one else
        # reads (no aliases, see yamlsrc.parse_shared), so that a large document's nodes
        # are freed as its model is built instead of all at the end.
        self.consume = consume

    def report(self, code: str, pos: Pos, message: str) -> None:
        self.diagnostics.append(Problem.at(pos, message, code))


_MISSING = object()


class Spec:
    """How to read one YAML node; ``build`` returns _MISSING after reporting."""

    description = ""

    def build(self, node: YNode, ctx: Ctx) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def json(self) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError

    def wrong(self, node: YNode, ctx: Ctx, what: str) -> Any:
        ctx.report(WRONG_TYPE, node.pos, _("expected %(what)s, got %(kind)s") % {"what": _(what), "kind": node_kind(node)})
        return _MISSING


def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)  # re caches compiled patterns itself


# Scalars a spec accepted before, by raw text: agendas repeat the same times, kinds,
# country codes and file names, and a repeat needs no second check. The verdict
# depends on the raw text alone, except for the null spellings (a quoted 'null' is
# text, a plain one is nothing): those are never cached. Bounded: hostile input
# with many distinct values just stops filling the caches.
_SEEN_MAX = 4096
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))  # YScalar.is_null when plain


# A one-line text (a title, a name, a place) holds none of these: line breaks to
# editors (CR, LF), to YAML 1.1 and Unicode (NEL, LINE and PARAGRAPH SEPARATOR).
LINE_BREAKS = "\r\n\x85\u2028\u2029"
ONE_LINE_PATTERN = "^[^\\r\\n\\u0085\\u2028\\u2029]*$"  # the JSON Schema's pattern for them

CONTROL = "Y010"
# C0 and C1 controls but tab, LF, CR and NEL: NEL (U+0085) is a line break, as in
# YAML 1.1 and Unicode, treated like U+2028 (C001 in a one-line text, allowed in the
# others) rather than refused as a control character that hides the file's findings.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _control(node: YScalar, ctx: Ctx) -> bool:
    """Report a control character (ESC, BEL...): it would reach terminals and calendars."""
    if node.raw.isprintable():  # the usual case, at C speed
        return False
    m = _CONTROL.search(node.raw)
    if m:
        ctx.report(CONTROL, node.pos, _("control character U+%(code)s in a text value; remove it") % {"code": f"{ord(m.group()):04X}"})
        return True
    return False


class Str(Spec):
    """Text; ``line``: one line of it (a name, a place). A line break in a one-line
    text is the validator's finding (rule C001), not a load error: the agenda still
    loads and shows, the JSON Schema flags it in editors."""

    def __init__(
        self, pattern: str | None = None, enum: tuple[str, ...] | None = None, what: str = N_("text"), line: bool = False
    ) -> None:
        self._pattern = pattern  # compiled on first use: dozens of specs are built at import
        self._re: re.Pattern | None = None
        self.enum = enum
        self.what = what
        self.line = line
        self._seen: set[str] = set()

    @property
    def pattern(self) -> re.Pattern | None:
        if self._re is None and self._pattern:
            self._re = _compiled(self._pattern)
        return self._re

    def build(self, node: YNode, ctx: Ctx) -> Any:
        if type(node) is YScalar and node.raw in self._seen:
            return node.raw
        if not isinstance(node, YScalar) or node.is_null:
            return self.wrong(node, ctx, self.what)
        if _control(node, ctx):
            return _MISSING
        value = node.raw
        if self.enum and value not in self.enum:
            close = close_matches(value, self.enum)
            values = {"value": quote(value), "close": close[0] if close else "", "choices": ", ".join(self.enum)}
            if close:
                message = _("%(value)s is not a valid value; did you mean '%(close)s'?")
            else:
                message = _("%(value)s is not a valid value; use one of: %(choices)s")
            ctx.report(WRONG_TYPE, node.pos, message % values)
            return _MISSING
        pattern = self.pattern
        if pattern and not pattern.fullmatch(value):
            ctx.report(WRONG_TYPE, node.pos, _("%(value)s is not %(what)s") % {"value": quote(value), "what": _(self.what)})
            return _MISSING
        if len(self._seen) < _SEEN_MAX and value not in _NULLS:
            self._seen.add(value)
        return value

    def json(self) -> dict:
        out: dict = {"type": "string"}
        if self.enum:
            out["enum"] = list(self.enum)
        if self.pattern:
            out["pattern"] = "^(?:" + self.pattern.pattern + ")$"
        elif self.line and not self.enum:
            out["pattern"] = ONE_LINE_PATTERN
        return out


_INT = re.compile(r"[+-]?[0-9]{1,12}")


class Int(Spec):
    def __init__(self, minimum: int = 0, maximum: int = 10**9) -> None:
        self.minimum, self.maximum = minimum, maximum

    def build(self, node: YNode, ctx: Ctx) -> Any:
        what = _("a whole number from %(min)s to %(max)s") % {"min": self.minimum, "max": self.maximum}
        # At most 12 digits: int() of a 5,000-digit string raises (and means nothing here).
        if not isinstance(node, YScalar) or not node.plain or not _INT.fullmatch(node.raw):
            return self.wrong(node, ctx, what)
        value = int(node.raw)
        if not self.minimum <= value <= self.maximum:
            return self.wrong(node, ctx, what)
        return value

    def json(self) -> dict:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


class Bool(Spec):
    def build(self, node: YNode, ctx: Ctx) -> Any:
        if isinstance(node, YScalar) and node.plain and node.raw in ("true", "True", "false", "False"):
            return node.raw.lower() == "true"
        return self.wrong(node, ctx, N_("true or false"))

    def json(self) -> dict:
        return {"type": "boolean"}


class _Parsed(Spec):
    parser: Callable[[str], Any]
    pattern = ""
    what = "a value"
    _seen: dict[str, Any]  # raw text -> value, one per subclass (see _SEEN_MAX)

    def build(self, node: YNode, ctx: Ctx) -> Any:
        if type(node) is YScalar:
            value = self._seen.get(node.raw)
            if value is not None:
                return value
        if not isinstance(node, YScalar) or node.is_null:
            return self.wrong(node, ctx, self.what)
        try:
            value = type(self).parser(node.raw)
        except ValueError as exc:
            ctx.report(BAD_TIME, node.pos, str(exc))
            return _MISSING
        if len(self._seen) < _SEEN_MAX and node.raw not in _NULLS:
            self._seen[node.raw] = value
        return value

    def json(self) -> dict:
        return {"type": "string", "pattern": self.pattern}


class Date(_Parsed):
    parser = staticmethod(parse_date)
    what = N_("a date like 2021-09-09")
    pattern = r"^\d{4}-\d{2}-\d{2}$"
    _seen: dict[str, Any] = {}


class Time(_Parsed):
    parser = staticmethod(parse_time)
    what = N_("a time like '09:00' or '9:00 am'")
    pattern = r"^\s*\d{1,2}(:\d{2})?\s*([aApP]\.?[mM]\.?)?\s*$"
    _seen: dict[str, Any] = {}


_LANG_INDEX = {lang: i for i, lang in enumerate(LANGUAGES)}  # Text's field order
_TEXT_KEYS = (*LANGUAGES, "translated")
_new = tuple.__new__  # Text without its __new__: nothing to normalize on the fast path


class TextSpec(Spec):
    """Plain text (English), or ``{en: ..., es: ..., pt: ..., fr: ..., translated: [es, ...]}``.

    ``translated`` lists the languages whose text is a translation rather than a
    quotation of a source document; each must be given, and at least one language
    must stay unmarked (the original).
    """

    def __init__(self, line: bool = False) -> None:
        self.line = line  # one line: a line break in it is finding C001 (see Str)

    def build(self, node: YNode, ctx: Ctx) -> Any:
        if type(node) is YMap:  # the usual case: languages of plain text, no check fails
            values: list = [None, None, None, None]
            index = _LANG_INDEX
            for key, (_kpos, value) in node.items.items():
                i = index.get(key)
                if i is None or type(value) is not YScalar or value.is_null or not value.raw.isprintable():
                    break
                values[i] = value.raw
            else:
                if node.items:
                    return _new(Text, (*values, (), node.pos))
            return self._languages(node, ctx)
        if isinstance(node, YScalar) and not node.is_null:
            return _MISSING if _control(node, ctx) else _new(Text, (node.raw, None, None, None, (), node.pos))
        return self.wrong(node, ctx, N_("text or {en: ..., es: ...}"))

    def _languages(self, node: YMap, ctx: Ctx) -> Any:
        """The mapping form with every check: unknown keys, wrong values, ``translated``."""
        values: list = [None, None, None, None]
        marks: YNode | None = None
        bad = False  # a language given but refused: already reported
        for key, (kpos, value) in node.items.items():
            if key == "translated":
                marks = value
            elif key not in _LANG_INDEX:
                _unknown(key, kpos, _TEXT_KEYS, ctx)
            elif not isinstance(value, YScalar) or value.is_null:
                self.wrong(value, ctx, "text")
                bad = True
            elif _control(value, ctx):
                bad = True
            else:
                values[_LANG_INDEX[key]] = value.raw
        if bad:
            return _MISSING
        if values == [None, None, None, None]:
            ctx.report(MISSING_KEY, node.pos, _("text needs at least one language: %(languages)s") % {"languages": ", ".join(LANGUAGES)})
            return _MISSING
        translated = () if marks is None else _translated(marks, values, ctx)
        if translated is _MISSING:
            return _MISSING
        return _new(Text, (*values, translated, node.pos))

    def json(self) -> dict:
        return {"$ref": "#/$defs/line" if self.line else "#/$defs/text"}  # defined once: texts are in dozens of places

    @staticmethod
    def definition(line: bool = False) -> dict:
        """The JSON Schema of a text (of a one-line text with ``line``), for the schema's ``$defs``."""
        text: dict = {"type": "string", "pattern": ONE_LINE_PATTERN} if line else {"type": "string"}
        languages = {lang: text for lang in LANGUAGES}
        marks = {
            "type": "array",
            "items": {"enum": list(LANGUAGES)},
            "uniqueItems": True,
            "description": "languages whose text is a translation, not quoted from a source document",
        }
        return {
            "oneOf": [
                text,
                {
                    "type": "object",
                    "properties": {**languages, "translated": marks},
                    "additionalProperties": False,
                    "anyOf": [{"required": [lang]} for lang in LANGUAGES],
                },
            ]
        }


def _translated(node: YNode, values: list, ctx: Ctx) -> Any:
    """The ``translated: [es, pt]`` list of a text, as a tuple in LANGUAGES order."""
    if not isinstance(node, YSeq):
        ctx.report(WRONG_TYPE, node.pos, _("expected a list of languages like [es, pt, fr], got %(kind)s") % {"kind": node_kind(node)})
        return _MISSING
    marked: set[str] = set()
    ok = True
    for item in node.items:
        if not isinstance(item, YScalar) or item.raw not in _LANG_INDEX:
            what = quote(item.raw) if isinstance(item, YScalar) else node_kind(item)
            ctx.report(WRONG_TYPE, item.pos, _("%(value)s is not a language of rcm; use one of: %(languages)s") % {"value": what, "languages": ", ".join(LANGUAGES)})
            ok = False
        elif values[_LANG_INDEX[item.raw]] is None:
            ctx.report(MISSING_KEY, item.pos, _("'%(lang)s' is marked translated, but the text has no '%(lang)s'") % {"lang": item.raw})
            ok = False
        else:
            marked.add(item.raw)
    if not ok:
        return _MISSING
    if marked and all(v is None or LANGUAGES[i] in marked for i, v in enumerate(values)):
        ctx.report(WRONG_TYPE, node.pos, _("every language of this text is marked translated; leave the original unmarked"))
        return _MISSING
    return tuple(lang for lang in LANGUAGES if lang in marked)


class Partial(list):
    """A list some of whose items did not load: ``dropped`` holds where they were."""

    __slots__ = ("dropped",)

    def __init__(self, items: list, dropped: list[Pos]) -> None:
        super().__init__(items)
        self.dropped = dropped


class ListOf(Spec):
    """A list of ``item``; an item that does not load is reported and left out.

    With ``keep_dropped`` the positions of the items left out are returned too (a
    :class:`Partial`), for the rules that compare items with their neighbours: a
    slot that failed to load must not leave a false gap or a skipped number.
    """

    def __init__(self, item: Spec, keep_dropped: bool = False) -> None:
        self.item = item
        self.keep_dropped = keep_dropped

    def build(self, node: YNode, ctx: Ctx) -> Any:
        if isinstance(node, YScalar) and node.is_null:
            return []
        if not isinstance(node, YSeq):
            return self.wrong(node, ctx, "a list")
        item = self.item.build
        out = []
        dropped: list[Pos] = []
        items = node.items
        consume = ctx.consume
        for i, child in enumerate(items):
            if consume:
                items[i] = None  # type: ignore[call-overload]
            value = item(child, ctx)
            if value is not _MISSING:
                out.append(value)
            else:
                dropped.append(child.pos)
        if dropped and self.keep_dropped:
            return Partial(out, dropped)
        return out

    def json(self) -> dict:
        return {"type": "array", "items": self.item.json()}


class MapOf(Spec):
    """A mapping from free keys (matching ``key_pattern``) to ``value`` specs."""

    def __init__(self, value: Spec, key_pattern: str, what: str) -> None:
        self.value, self._key_pattern, self.what = value, key_pattern, what

    @property
    def key_pattern(self) -> re.Pattern:
        return _compiled(self._key_pattern)

    def build(self, node: YNode, ctx: Ctx) -> Any:
        if not isinstance(node, YMap):
            return self.wrong(node, ctx, N_("a mapping"))
        out = {}
        for key, (kpos, child) in node.items.items():
            if not self.key_pattern.fullmatch(key):
                ctx.report(WRONG_TYPE, kpos, _("%(value)s is not %(what)s") % {"value": quote(key), "what": _(self.what)})
                continue
            value = self.value.build(child, ctx)
            if value is not _MISSING:
                if hasattr(value, "key_pos"):
                    value.key_pos = kpos
                out[key] = value
        return out

    def json(self) -> dict:
        return {
            "type": "object",
            "patternProperties": {"^(?:" + self.key_pattern.pattern + ")$": self.value.json()},
            "additionalProperties": False,
        }


class F:
    """A field of an object."""

    def __init__(self, spec: Spec, required: bool = False, doc: str = "") -> None:
        self.spec = spec
        self.required = required
        self.doc = doc


class Obj(Spec):
    """A mapping with known keys, built into the record class ``cls``.

    The object gets ``at`` (its own position) and ``pos`` (key -> position of the
    value), so every rule can point at the exact field.
    """

    def __init__(self, cls: type, fields: dict[str, F], doc: str = "") -> None:
        self.cls, self.fields, self.doc = cls, fields, doc
        # Per key: its spec's build method and whether it is required (one lookup per
        # key). Taken from ``fields`` once: the specs are not changed after this.
        self._keys = {key: (f.spec.build, f.required) for key, f in fields.items()}
        self._required = frozenset(key for key, f in fields.items() if f.required)

    def build(self, node: YNode, ctx: Ctx) -> Any:
        if type(node) is not YMap:
            what = _(self.doc) if self.doc else self.cls.__name__.lower()
            return self.wrong(node, ctx, _("a mapping (%(what)s)") % {"what": what})
        kwargs: dict[str, Any] = {}
        pos: dict[str, Pos] = {}
        ok = True
        unknown: dict[str, Pos] = {}
        keys = self._keys
        items = node.items
        for key, (kpos, child) in items.items():
            entry = keys.get(key)
            if entry is None:
                _unknown(key, kpos, tuple(self.fields), ctx)
                unknown[key] = kpos
                continue
            value = entry[0](child, ctx)
            pos[key] = child.pos
            if value is _MISSING:
                ok = ok and not entry[1]
                continue
            kwargs[key] = value
        if not items.keys() >= self._required:
            for key, f in self.fields.items():
                if f.required and key not in items:
                    # A misspelling ('titel') is the likely cause: point at it, not at the mapping.
                    typo = _misspelt(key, unknown)
                    where = unknown[typo] if typo else node.pos
                    ctx.report(MISSING_KEY, where, _missing(key, typo, f.doc))
                    ok = False
        if not ok:
            return _MISSING
        obj = self.cls(**kwargs)
        obj.at = node.pos
        obj.pos = pos
        return obj

    def json(self) -> dict:
        out = {
            "type": "object",
            "properties": {k: _described(f) for k, f in self.fields.items()},
            "additionalProperties": False,
        }
        required = [k for k, f in self.fields.items() if f.required]
        if required:
            out["required"] = required
        if self.doc:
            out["description"] = self.doc
        return out


def _described(f: F) -> dict:
    out = f.spec.json()
    if f.doc:
        out = {**out, "description": f.doc}
    return out


def _misspelt(key: str, unknown: dict[str, Pos]) -> str | None:
    """The unknown key that is most likely ``key`` misspelt, if any."""
    import difflib

    short = [k for k in unknown if len(k) <= 2 * len(key) + 10]  # a long key is no misspelling
    close = difflib.get_close_matches(key, short, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown(key: str, pos: Pos, allowed: tuple[str, ...], ctx: Ctx) -> None:
    close = close_matches(key, allowed)
    values = {"key": quote(key), "close": close[0] if close else "", "allowed": ", ".join(allowed)}
    if close:
        message = _("unknown key %(key)s; did you mean '%(close)s'?")
    else:
        message = _("unknown key %(key)s; allowed here: %(allowed)s")
    ctx.report(UNKNOWN_KEY, pos, message % values)


def _missing(key: str, typo: str | None, doc: str) -> str:
    """'missing required key ...', pointing at a likely misspelling or saying what the key is for."""
    values = {"key": key, "typo": quote(typo or ""), "doc": _(doc) if doc else ""}
    if typo:
        return _("missing required key '%(key)s'; is %(typo)s a misspelling of it?") % values
    if doc:
        return _("missing required key '%(key)s' (%(doc)s)") % values
    return _("missing required key '%(key)s'") % values


def build(spec: Spec, node: YNode, ctx: Ctx) -> Any:
    """Build ``node`` with ``spec``; None if it could not be built."""
    value = spec.build(node, ctx)
    return None if value is _MISSING else value
