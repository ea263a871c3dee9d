"""The YAML event loop (``yamlsrc.parse``) against a plain reference builder.

``parse`` handles the common events inline for speed; ``Reference`` below is the
straightforward builder it replaced (one method call per node, ``yaml.parse``'s
generator). Both must give the same located tree (text, plainness, positions,
sizes, key positions) and the same diagnostics, on hand-written edge cases and on
random documents with anchors, aliases, repeated, merge and non-scalar keys, and
tight limits.
"""

from __future__ import annotations

import random

import pytest
import yaml

from rcmcli.core.errors import Pos
from rcmcli.core.problem import Problem
from rcmcli.core.yamltree import (
    DUPLICATE_KEY,
    LIMITS,
    SYNTAX,
    Limits,
    YMap,
    YScalar,
    YSeq,
    _check_tag,
    _Stop,
    parse,
)


class Reference:
    """The event loop as it was: a frame per open container, ``add`` per node."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.diagnostics: list[Problem] = []
        self.anchors: dict = {}
        self.stack: list[list] = []
        self.root = None
        self.documents = 0

    def fail(self, code: str, pos: Pos, message: str) -> None:
        self.diagnostics.append(Problem.at(pos, message, code))

    def too_many(self, pos: Pos) -> None:
        self.fail(LIMITS, pos, f"document expands to more than {self.limits.max_nodes:,} nodes (alias bomb?); refused")
        raise _Stop

    def add(self, node, pos: Pos, size: int) -> None:
        if not self.stack:
            self.root = node
            if size > self.limits.max_nodes:
                self.too_many(pos)
            return
        frame = self.stack[-1]
        parent = frame[0]
        parent.size += size
        if parent.size > self.limits.max_nodes:
            self.too_many(pos)
        if isinstance(parent, YSeq):
            parent.items.append(node)
            return
        if frame[1] is None:
            if not isinstance(node, YScalar):
                self.fail(SYNTAX, pos, "a mapping key must be a plain value, not a list or mapping")
                frame[1] = ("\0invalid", pos)
            else:
                frame[1] = (node.raw, pos)
            return
        key, key_pos = frame[1]
        frame[1] = None
        if key == "\0invalid":
            return
        if key == "<<":
            self.fail(SYNTAX, key_pos, "merge keys ('<<') are not supported; write the keys out")
            return
        if key in parent.items:
            first = parent.items[key][0]
            self.fail(
                DUPLICATE_KEY,
                key_pos,
                f"duplicate key '{key}' (first defined at line {first.line}); YAML would silently keep this one",
            )
            return
        parent.items[key] = (key_pos, node)

    def run(self, text: str):
        try:
            for event in yaml.parse(text, Loader=yaml.CSafeLoader):
                pos = Pos(event.start_mark.line + 1, event.start_mark.column + 1)
                if isinstance(event, yaml.ScalarEvent):
                    if event.tag is not None:
                        _check_tag(self, event, pos)  # type: ignore[arg-type]
                    node = YScalar(event.value, event.implicit[0] and not event.style, pos)
                    if event.anchor:
                        self.anchors[event.anchor] = node
                    self.add(node, pos, 1)
                elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    if event.tag is not None:
                        _check_tag(self, event, pos)  # type: ignore[arg-type]
                    container = YMap(pos) if isinstance(event, yaml.MappingStartEvent) else YSeq(pos)
                    if event.anchor:
                        self.anchors[event.anchor] = container
                    if len(self.stack) >= self.limits.max_depth:
                        self.fail(LIMITS, pos, f"nesting deeper than {self.limits.max_depth} levels; refused")
                        raise _Stop
                    self.stack.append([container, None])
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    node = self.stack.pop()[0]
                    self.add(node, node.pos, node.size)
                elif isinstance(event, yaml.AliasEvent):
                    target = self.anchors.get(event.anchor)
                    if target is None:
                        self.fail(SYNTAX, pos, f"unknown alias '*{event.anchor}'")
                        raise _Stop
                    if any(frame[0] is target for frame in self.stack):
                        self.fail(SYNTAX, pos, f"alias '*{event.anchor}' refers to a node that contains it (a cycle)")
                        raise _Stop
                    size = target.size if not isinstance(target, YScalar) else 1
                    if self.stack and self.stack[-1][0].size + size > self.limits.max_nodes:
                        self.too_many(pos)  # counted before the copy is made
                    self.add(relocated(target, pos), pos, size)
                elif isinstance(event, yaml.DocumentStartEvent):
                    self.documents += 1
                    if self.documents > 1:
                        self.fail(SYNTAX, pos, "more than one YAML document ('---') in one file")
                        raise _Stop
        except _Stop:
            return None, self.diagnostics
        return self.root, self.diagnostics


def relocated(node, pos: Pos):
    """A fresh copy of ``node`` with every position (keys too) at ``pos``: what an alias
    becomes, so that findings about it point where it is used."""
    if isinstance(node, YScalar):
        return YScalar(node.raw, node.plain, pos)
    copy = YMap(pos) if isinstance(node, YMap) else YSeq(pos)
    copy.size = node.size
    if isinstance(node, YMap):
        for key, (_kpos, child) in node.items.items():
            copy.items[key] = (pos, relocated(child, pos))
    else:
        copy.items.extend(relocated(child, pos) for child in node.items)
    return copy


def shape(node, seen: set[int] | None = None):
    """A comparable picture of a located tree (shared nodes drawn each time)."""
    if isinstance(node, YScalar):
        return ("scalar", node.raw, bool(node.plain), tuple(node.pos))
    if isinstance(node, YSeq):
        return ("seq", tuple(node.pos), node.size, [shape(c) for c in node.items])
    if isinstance(node, YMap):
        return ("map", tuple(node.pos), node.size, [(k, tuple(kp), shape(v)) for k, (kp, v) in node.items.items()])
    return node


DEFAULT = Limits()


def same(text: str, limits: Limits = DEFAULT) -> None:
    try:
        want_node, want_diags = Reference(limits).run(text)
    except yaml.YAMLError:
        return  # a syntax error: not the event loop's business
    got_node, got_diags = parse(text, limits)
    assert shape(got_node) == shape(want_node)
    assert [(d.code, tuple(d.pos), d.message) for d in got_diags] == [
        (d.code, tuple(d.pos), d.message) for d in want_diags
    ]


CASES = [
    "a: 1\nb: [x, 'y', \"z\"]\nc: {d: e}\n",
    "plain",
    "'quoted'",
    "- 1\n- [2, 3]\n- {a: b}\n",
    "a: 1\na: 2\n",
    "a: {x: 1}\na: {y: 2}\n",
    "a: [1]\na: [2]\nb: 3\n",
    "<<: {a: 1}\nb: 2\n",
    "<<: 1\nb: 2\n",
    "m:\n  <<: [x]\n  c: d\n",
    "? [a, b]\n: value\nnext: 1\n",
    "? {a: b}\n: {c: d}\nnext: 1\n",
    "&k key: value\nother: *k\n",
    "a: &x {b: 1}\nc: *x\n*x : 3\n",
    "a: &x [1, 2]\nb: *x\nc: *x\n",
    "a: &s text\n*s : again\n",
    "a: &s text\nb: *s\na: dup\n",
    "a: &x [1]\n? *x\n: v\n",
    "x: *nope\n",
    "a: &c [1, *c]\n",
    "9:00: nine\nn: null\ne: ''\nt: ~\n",
    "a: !!str 9:00\nb: !!map {c: d}\nc: !!seq [e]\nd: ! x\n",
    "a: !!python/object:os.system x\n",
    "a: 1\n---\nb: 2\n",
    "",
    "# only a comment\n",
    "a:\n  - b:\n      - c: [d, {e: f}]\n",
]


@pytest.mark.parametrize("text", CASES)
def test_edge_cases_match_the_reference(text: str):
    same(text)


@pytest.mark.parametrize("text", CASES)
@pytest.mark.parametrize("max_nodes", [1, 2, 3, 5, 8])
def test_node_limit_matches_the_reference(text: str, max_nodes: int):
    same(text, Limits(max_nodes=max_nodes))


@pytest.mark.parametrize("max_depth", [1, 2, 3])
def test_depth_limit_matches_the_reference(max_depth: int):
    for text in CASES:
        same(text, Limits(max_depth=max_depth))


def _random_doc(rng: random.Random) -> str:
    anchors: list[str] = []
    keys = ["a", "b", "c", "<<", "9:00"]

    def scalar() -> str:
        return rng.choice(["x", "'q'", '"d"', "1", "~", "", "9:30", "true"])

    def node(depth: int) -> str:
        r = rng.random()
        if anchors and r < 0.15:
            return "*" + rng.choice(anchors)
        anchor = ""
        if rng.random() < 0.2:
            name = f"n{len(anchors)}"
            anchor = f"&{name} "
            anchors.append(name)
        if depth > 3 or r < 0.45:
            return anchor + scalar()
        if r < 0.7:
            return anchor + "[" + ", ".join(node(depth + 1) for _ in range(rng.randrange(4))) + "]"
        items = []
        for _ in range(rng.randrange(4)):
            if rng.random() < 0.1:
                key = "? " + node(depth + 1) + "\n: "  # explicit (maybe non-scalar) key
                items.append(key + node(depth + 1))
            else:
                key = rng.choice(keys)
                if anchors and rng.random() < 0.05:
                    key = "*" + rng.choice(anchors) + " "
                items.append(f"{key}: {node(depth + 1)}")
        return anchor + "{" + ", ".join(i.replace("\n", " ") for i in items) + "}"

    lines = []
    for _ in range(rng.randrange(1, 6)):
        lines.append(f"{rng.choice(keys)}: {node(0)}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("seed", range(300))
def test_random_documents_match_the_reference(seed: int):
    rng = random.Random(seed)
    text = _random_doc(rng)
    same(text)
    same(text, Limits(max_nodes=rng.randrange(1, 30), max_depth=rng.randrange(1, 6)))


@pytest.mark.parametrize("text", CASES)
def test_the_pure_python_parser_gives_the_same_tree(text: str, monkeypatch):
    """Without libyaml (``yaml.SafeLoader``), ``get_event()`` ends the stream with None too."""
    import rcmcli.core.yamltree as yamlsrc

    with_c = parse(text)
    monkeypatch.setattr(yamlsrc, "_loader", lambda: yaml.SafeLoader)
    without = parse(text)
    assert shape(without[0]) == shape(with_c[0])
    assert [d.code for d in without[1]] == [d.code for d in with_c[1]]


# --- positions as editors count them -----------------------------------------------------
# Editors, grep and GitHub break lines at LF and CR LF only; libyaml (YAML 1.1) also at
# NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029). rcm reads these
# as YAML 1.2 does: ordinary characters. Lines and columns below are counted by hand.


def _where(text: str) -> dict[str, tuple]:
    node, diags = parse(text)
    assert diags == [], diags
    return {key: (tuple(kpos), value.raw, tuple(value.pos)) for key, (kpos, value) in node.items.items()}


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_a_break_character_in_a_quoted_value_is_kept_and_counts_no_line(char):
    got = _where(f"a: 'x{char}y'\nb: 2\n")
    assert got["a"] == ((1, 1), f"x{char}y", (1, 4))
    assert got["b"] == ((2, 1), "2", (2, 4))  # libyaml alone: line 3


@pytest.mark.parametrize("char", ["\u2028", "\u2029"])
def test_a_separator_in_a_plain_value_is_part_of_it(char):
    # YAML 1.1 breaks the plain scalar there and fails on the rest ('could not find :').
    got = _where(f"title: Migration{char}governance\nnext: 1\n")
    assert got["title"][1] == f"Migration{char}governance" and got["next"][0] == (2, 1)


def test_a_nel_in_a_comment_is_part_of_the_comment():
    # YAML 1.1 ends the comment at the NEL: "more words" became a broken key (Y001).
    got = _where("a: 1  # comment\x85more words\nb: 2\n")
    assert got == {"a": ((1, 1), "1", (1, 4)), "b": ((2, 1), "2", (2, 4))}


def test_a_nel_in_a_double_quoted_value_is_kept_not_folded():
    # YAML 1.1 folds it to a space; kept, it is a control character for the schema (Y010).
    assert _where('a: "x\x85y"\n')["a"][1] == "x\x85y"


def test_stand_ins_avoid_private_use_characters_the_text_holds():
    text = "a: '\ue000\ue001\u2028\ue002'\nb: 2\n"
    assert _where(text) == {"a": ((1, 1), "\ue000\ue001\u2028\ue002", (1, 4)), "b": ((2, 1), "2", (2, 4))}


def test_a_syntax_error_after_a_separator_is_on_the_editor_s_line():
    node, diags = parse("a: 'x\u2028y'\nb: [1\n")
    assert node is None and [(d.code, d.pos.line) for d in diags] == [("Y001", 3)]  # the end of the stream


# --- an alias gets a copy placed where it is used ------------------------------------------


def test_an_alias_is_a_copy_at_the_alias():
    node, diags = parse("a: &x {b: [1, 2]}\nc: *x\n")
    assert diags == []
    _, first = node.items["a"]
    kpos, second = node.items["c"]
    assert second is not first and kpos == (2, 1)
    # sizes count nodes, keys too: the list is 1 + 2 items, the mapping 1 + key 'b' + 3
    assert shape(second) == ("map", (2, 4), 5, [("b", (2, 4), ("seq", (2, 4), 3, [("scalar", "1", True, (2, 4)), ("scalar", "2", True, (2, 4))]))])


# --- a NUL byte is reported where it is ----------------------------------------------------


@pytest.mark.parametrize(
    "data, pos",
    [
        (b"a: 1\nb: x\x00y\n", (2, 5)),
        ("a: 1\nb: \u00e9\x00\n".encode(), (2, 5)),  # columns in characters: 'é' is one
        ("\ufeffa: \x00".encode(), (1, 4)),  # a byte-order mark is no column
        (b"\xffa\x00", (1, 3)),  # a bad byte before it counts as one character
    ],
)
def test_a_nul_byte_is_reported_at_its_line_and_column(data, pos):
    from rcmcli.core.yamltree import ENCODING, decode

    text, problem = decode(data)
    assert text is None and problem is not None
    assert (problem.code, tuple(problem.pos)) == (ENCODING, pos)
    assert "NUL" in problem.message


def test_utf16_without_a_byte_order_mark_is_named():
    from rcmcli.core.yamltree import decode

    _, problem = decode("id: x\n".encode("utf-16-le"))
    assert problem is not None and tuple(problem.pos) == (1, 2) and "UTF-16" in problem.message
