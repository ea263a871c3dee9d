r"""A line break inside a one-line text: a title, a name, a place, a label.

Some calendar clients drop an event whose summary holds a line break (calcurse
skips it with "line break in summary"), and a terminal table shows the rest of the
title as a new row. Which fields are one line is part of the agenda format
(``schema/agenda.schema.json`` marks them with a pattern): titles and subtitles,
day labels and weekdays, speaker names and roles, moderators, participants,
organizers, lead labels, key-concept terms, the reference label, platform,
location, published places, and in the members file the names of conferences,
countries, capitals and organizations. Texts that may run over several lines:
topics, guiding questions, definitions, notes, objectives, methodology,
participant profile, the meaning of the reference zone. A break is CR, LF, NEL
(U+0085), LINE SEPARATOR (U+2028) or PARAGRAPH SEPARATOR (U+2029); a folded
``>`` block keeps a final line break, ``>-`` does not. The commands that show or
write a meeting (``show``, ``times``, ``ics``, ``invite``, ``announce``, ``site
build``) refuse one with this error, as they refuse undefined times: a mail header
cannot hold the break at all.

Failing::

    - start: "9:00"
      end: "10:00"
      title: "Opening\nsession"

Passing::

    - start: "9:00"
      end: "10:00"
      title: Opening session
"""

from __future__ import annotations

import re
from functools import lru_cache

from rcmcli.core.errors import Pos, quote
from rcmcli.core.model import Text
from rcmcli.core.schema import LINE_BREAKS, ListOf, MapOf, Obj, Spec
from rcmcli.i18n import _
from rcmcli.lint.problem import Problem

CODE = "C001"
NAME = "line-break"
SEVERITY = "error"
OPTIONS: dict = {}

_BREAK = re.compile("[" + LINE_BREAKS + "]")
_NAMES = {
    "\r": "CR",
    "\n": "LF",
    "\x85": "NEL (U+0085)",
    "\u2028": "LINE SEPARATOR (U+2028)",
    "\u2029": "PARAGRAPH SEPARATOR (U+2029)",
}


def check(ctx, opts):
    from rcmcli.core.loader import MEETING, MEMBERS

    found: list[Problem] = []
    if ctx.meeting is not None:
        _obj(MEETING, ctx.meeting, found)
    if ctx.members_doc is not None:
        _obj(MEMBERS, ctx.members_doc, found)
    return found


_TEXT, _OBJ, _TEXTS, _OBJS = range(4)


@lru_cache(maxsize=None)
def _plan(spec: Obj) -> tuple[tuple[str, int, Spec], ...]:
    """The fields of ``spec`` that hold one-line text, or objects that may: (key, kind, spec)."""
    plan: list[tuple[str, int, Spec]] = []
    for key, f in spec.fields.items():
        sub = f.spec
        if isinstance(sub, (ListOf, MapOf)):
            item = sub.item if isinstance(sub, ListOf) else sub.value
            if isinstance(item, Obj):
                plan.append((key, _OBJS, item))
            elif getattr(item, "line", False):
                plan.append((key, _TEXTS, item))
        elif isinstance(sub, Obj):
            plan.append((key, _OBJ, sub))
        elif getattr(sub, "line", False):
            plan.append((key, _TEXT, sub))
    return tuple(plan)


def _obj(spec: Obj, value, found: list[Problem]) -> None:
    """Append the findings of one object built with ``spec`` (a walk of the model, one
    Python call per object: a 10,000-slot agenda has 10,000 slots to look at)."""
    for key, kind, sub in _plan(spec):
        child = getattr(value, key, None)
        if not child:
            continue
        if kind == _TEXT:
            _text(child, value.where(key), key, found)
        elif kind == _OBJ:
            assert isinstance(sub, Obj)
            _obj(sub, child, found)
        else:
            items = child.values() if isinstance(child, dict) else child
            for item in items:
                if kind == _OBJS:
                    assert isinstance(sub, Obj)
                    _obj(sub, item, found)
                else:
                    _text(item, value.where(key), key, found)


def _text(value, pos: Pos, name: str, found: list[Problem]) -> None:
    if isinstance(value, Text):
        for lang, text in (("en", value.en), ("es", value.es), ("pt", value.pt), ("fr", value.fr)):
            if text and not text.isprintable() and _one(text, pos, f"{name} ({lang})", found):
                return
    elif not value.isprintable():  # every line break is unprintable: most texts stop here
        _one(value, pos, name, found)


def _one(text: str, pos: Pos, name: str, found: list[Problem]) -> bool:
    m = _BREAK.search(text)
    if m is None:
        return False
    found.append(
        Problem.at(
            pos,
            _(
                "line break (%(char)s) in %(key)s %(text)s, a one-line text: some calendar "
                "clients drop such an event; write it on one line"
            )
            % {"char": _NAMES[m.group()], "key": name, "text": quote(text)},
        )
    )
    return True
