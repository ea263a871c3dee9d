"""Building model objects from located nodes (``rcmcli.core.schema``): the shortcuts
taken for speed give the same values and diagnostics as the full checks.

Specs remember the raw texts they accepted (times, kinds, codes and file names
repeat in an agenda); the null spellings are the exception, since a quoted
``'null'`` is text and a plain ``null`` is nothing.
"""

from __future__ import annotations

from datetime import time

import pytest

from rcmcli.core import schema
from rcmcli.core.errors import Pos
from rcmcli.core.model import Text
from rcmcli.core.schema import Ctx, Date, ListOf, Str, TextSpec, Time, build
from rcmcli.core.yamltree import YMap, YScalar, YSeq, parse


def scalar(raw: str, plain: bool = True) -> YScalar:
    return YScalar(raw, plain, Pos(1, 1))


@pytest.mark.parametrize("null", ["", "~", "null", "Null", "NULL"])
def test_a_quoted_null_spelling_does_not_let_a_plain_one_through(null: str):
    spec = Str()
    ctx = Ctx()
    assert build(spec, scalar(null, plain=False), ctx) == null and not ctx.diagnostics
    assert build(spec, scalar(null, plain=True), ctx) is None
    assert [d.code for d in ctx.diagnostics] == ["Y005"]
    assert null not in spec._seen


def test_a_value_is_checked_again_after_a_refusal():
    spec = Str(enum=("opening", "session"))
    ctx = Ctx()
    assert build(spec, scalar("sesion"), ctx) is None
    assert build(spec, scalar("sesion"), ctx) is None
    assert len(ctx.diagnostics) == 2
    assert build(spec, scalar("session"), ctx) == "session"
    assert build(spec, scalar("session"), ctx) == "session"
    assert len(ctx.diagnostics) == 2


def test_a_pattern_is_checked_once_per_text():
    spec = Str(pattern=r"[A-Z]{2}")
    ctx = Ctx()
    assert [build(spec, scalar(v), ctx) for v in ("MX", "mx", "MX", "mx")] == ["MX", None, "MX", None]
    assert [d.message for d in ctx.diagnostics] == ["'mx' is not text"] * 2


def test_a_control_character_is_reported_every_time():
    spec = Str()
    ctx = Ctx()
    build(spec, scalar("a\x1bb"), ctx)
    build(spec, scalar("a\x1bb"), ctx)
    assert [d.code for d in ctx.diagnostics] == ["Y010", "Y010"]


def test_a_node_that_is_not_a_scalar_is_refused_even_if_its_text_was_seen():
    spec = Str()
    ctx = Ctx()
    build(spec, scalar("x"), ctx)
    assert build(spec, YSeq(Pos(2, 1)), ctx) is None and build(spec, YMap(Pos(3, 1)), ctx) is None
    assert [d.pos.line for d in ctx.diagnostics] == [2, 3]


def test_times_and_dates_are_remembered_by_text_and_bad_ones_reported_each_time():
    ctx = Ctx()
    assert build(Time(), scalar("9:00 am"), ctx) == time(9, 0)
    assert build(Time(), scalar("9:00 am", plain=False), ctx) == time(9, 0)
    assert "9:00 am" in Time._seen
    assert build(Time(), scalar("25:00"), ctx) is None
    assert build(Time(), scalar("25:00"), ctx) is None
    assert build(Time(), scalar("null"), ctx) is None
    assert build(Date(), scalar("2021-02-30"), ctx) is None
    assert [d.code for d in ctx.diagnostics] == ["T001", "T001", "Y005", "T001"]


def test_the_caches_stop_growing(monkeypatch):
    monkeypatch.setattr(schema, "_SEEN_MAX", 3)
    spec = Str()
    ctx = Ctx()
    for i in range(10):
        assert build(spec, scalar(f"v{i}"), ctx) == f"v{i}"
    assert len(spec._seen) == 3


@pytest.mark.parametrize(
    ("text", "value", "codes"),
    [
        ("t: {en: Hello, es: Hola}", Text("Hello", "Hola"), []),
        ("t: {es: Hola}", Text(es="Hola"), []),
        ("t: {en: 'null'}", Text(en="null"), []),
        ("t: {en: null, es: Hola}", None, ["Y005"]),
        ("t: {en: Hello, de: Hallo}", Text("Hello"), ["Y003"]),
        ("t: {en: Hello, es: Hola, pt: Olá, fr: Bonjour}", Text("Hello", "Hola", "Olá", "Bonjour"), []),
        ("t: {fr: Bonjour}", Text(fr="Bonjour"), []),
        ("t: {en: Hello, es: Hola, translated: [es]}", Text("Hello", "Hola", translated=("es",)), []),
        # Marks are kept in the order en, es, pt, fr whatever order they are written in.
        ("t: {en: Hi, es: Hola, fr: Salut, translated: [fr, es, fr]}", Text("Hi", "Hola", fr="Salut", translated=("es", "fr")), []),
        ("t: {es: Hola, en: Hello, translated: [en]}", Text("Hello", "Hola", translated=("en",)), []),
        ("t: {en: Hello, translated: []}", Text("Hello"), []),
        ("t: {en: Hello, translated: [pt]}", None, ["Y004"]),
        ("t: {en: Hello, es: Hola, translated: [de]}", None, ["Y005"]),
        ("t: {en: Hello, es: Hola, translated: es}", None, ["Y005"]),
        ("t: {en: Hello, es: Hola, translated: [[es]]}", None, ["Y005"]),
        ("t: {en: Hello, es: Hola, translated: [en, es]}", None, ["Y005"]),
        ("t: {translated: [es]}", None, ["Y004"]),
        ("t: {en: [a]}", None, ["Y005"]),
        ("t: {}", None, ["Y004"]),
        ("t: {en: \"a\\u001bb\"}", None, ["Y010"]),
        ("t: {en: \"two\\nlines\"}", Text("two\nlines"), []),
        ("t: Plain", Text("Plain"), []),
        ("t: ''", Text(""), []),
        ("t: ", None, ["Y005"]),
    ],
)
def test_bilingual_text(text: str, value, codes: list[str]):
    node, diags = parse(text)
    assert isinstance(node, YMap) and not diags
    ctx = Ctx()
    assert build(TextSpec(), node.items["t"][1], ctx) == value
    assert [d.code for d in ctx.diagnostics] == codes


def test_text_fast_path_and_full_checks_build_the_same_text():
    # A single-line mapping takes the fast path, a folded one (line breaks) the full
    # checks; both give the same languages, no marks and the mapping's position.
    node, _ = parse("a: {en: Hi, es: Hola, pt: Oi, fr: Salut}\nb: {en: \"Hi\\n\", es: Hola, pt: Oi, fr: Salut}\n")
    assert isinstance(node, YMap)
    fast = build(TextSpec(), node.items["a"][1], Ctx())
    full = build(TextSpec(), node.items["b"][1], Ctx())
    assert (fast.en, fast.es, fast.pt, fast.fr, fast.translated) == ("Hi", "Hola", "Oi", "Salut", ())
    assert (full.en, full.es, full.pt, full.fr, full.translated) == ("Hi\n", "Hola", "Oi", "Salut", ())
    assert (fast.at, full.at) == (Pos(1, 4), Pos(2, 4))


def test_a_text_keeps_its_position_but_equality_ignores_it():
    node, _ = parse("a: Hello\nb:\n  en: Hello\n")
    assert isinstance(node, YMap)
    a = build(TextSpec(), node.items["a"][1], Ctx())
    b = build(TextSpec(), node.items["b"][1], Ctx())
    assert (a.at, b.at) == (Pos(1, 4), Pos(3, 3))
    assert a == b == Text("Hello") and hash(a) == hash(Text("Hello"))


def test_a_misplaced_translation_mark_is_reported_where_it_is_written():
    node, _ = parse("t:\n  en: Hello\n  translated: [es]\n")
    assert isinstance(node, YMap)
    ctx = Ctx()
    assert build(TextSpec(), node.items["t"][1], ctx) is None
    (d,) = ctx.diagnostics
    assert (d.code, d.pos, d.message) == ("Y004", Pos(3, 16), "'es' is marked translated, but the text has no 'es'")


def test_a_list_drops_the_items_it_could_not_build():
    node, _ = parse("l: [MX, mx, CR, ~]")
    assert isinstance(node, YMap)
    ctx = Ctx()
    assert build(ListOf(Str(pattern=r"[A-Z]{2}")), node.items["l"][1], ctx) == ["MX", "CR"]
    assert [d.code for d in ctx.diagnostics] == ["Y005", "Y005"]


# --- taking nodes out of the tree as it is built (Ctx.consume) ----------------------

MEETING_TEXT = """\
id: m
title: {en: Meeting, es: Reunión}
conferences: [rcm]
sources: [{file: a.txt}]
dates: {start: 2021-09-09, end: 2021-09-10}
reference_zone: {label: GMT-6, offset: GMT-6}
days:
  - date: 2021-09-09
    slots:
      - {start: "9:00", end: "10:00", title: {en: Opening, es: Apertura}, leads: [MX, CR]}
      - {start: "10:00", end: "11:00", title: Break, kind: break}
  - date: 2021-09-10
    slots:
      - {start: "9:00", end: "10:00", title: Closing, kind: closng}
"""


def test_consuming_the_tree_builds_the_same_meeting():
    from rcmcli.core.loader import MEETING

    models, diags = [], []
    for consume in (False, True):
        node, parsed = parse(MEETING_TEXT)
        ctx = Ctx(list(parsed), consume=consume)
        models.append(build(MEETING, node, ctx))
        diags.append([(d.code, d.pos, d.message) for d in ctx.diagnostics])
    assert models[0] is not None
    assert _values(models[0]) == _values(models[1])  # model objects compare by identity
    assert diags[0] == diags[1] and [d[0] for d in diags[0]] == ["Y005"]  # 'closng'


def test_a_list_reached_through_two_aliases_is_built_twice(tmp_path):
    """An alias gets a copy of its node (placed at the alias), so no node has two
    parents and the loader may take nodes out as it builds."""
    from rcmcli.core.loader import MEETING, read_text
    from rcmcli.core.yamltree import parse_shared

    text = MEETING_TEXT.replace(
        "    slots:\n      - {start: \"9:00\", end: \"10:00\", title: {en: Opening",
        "    slots: &same\n      - {start: \"9:00\", end: \"10:00\", title: {en: Opening",
    ).replace(
        '    slots:\n      - {start: "9:00", end: "10:00", title: Closing, kind: closng}\n', "    slots: *same\n"
    )
    assert parse_shared(text)[2] is False and parse_shared(MEETING_TEXT)[2] is False
    meeting = read_text(text, "m.yaml", MEETING).value
    assert [[s.title.get() for s in d.slots] for d in meeting.days] == [["Opening", "Break"]] * 2
    first, second = meeting.days
    assert first.slots[0] is not second.slots[0]
    line = text.splitlines().index("    slots: *same") + 1
    assert {s.at.line for s in second.slots} == {line}  # where the alias is, not the anchor


def _values(obj):
    """A record's values, records inside it included, as plain dicts and lists."""
    from rcmcli.core.model import Located, fields

    if isinstance(obj, Located):
        return {name: _values(value) for name, value in fields(obj).items()}
    if isinstance(obj, (list, tuple)):
        return [_values(item) for item in obj]
    if isinstance(obj, dict):
        return {key: _values(value) for key, value in obj.items()}
    return obj
